import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Commune, Ethnicity, Icd10SearchResult, Province } from '@benhan/shared/contracts';
import { type Observable, shareReplay } from 'rxjs';
import { API_BASE_URL } from '../http/api-base-url';

export interface Icd10SearchParams {
  /** A code (`J18`), a code prefix, or words of the title. */
  q: string;
  limit?: number;
  /** Day (YYYY-MM-DD) whose catalogue applies; today by default on the server. */
  at?: string;
}

/**
 * Typed client of the reference lists: ICD-10 search, provinces and communes (2025 two-level administration)
 * and ethnic groups. The lists are the same for every user, so each is fetched once per app session.
 */
@Injectable({ providedIn: 'root' })
export class TerminologyApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);
  private readonly provinces$ = this.once(this.http.get<Province[]>(`${this.baseUrl}/api/provinces`));
  private readonly ethnicities$ = this.once(this.http.get<Ethnicity[]>(`${this.baseUrl}/api/ethnicities`));
  private readonly communesByProvince = new Map<string, Observable<Commune[]>>();

  icd10({ q, limit, at }: Icd10SearchParams): Observable<Icd10SearchResult> {
    let params = new HttpParams().set('q', q.trim());
    if (limit !== undefined) params = params.set('limit', limit);
    if (at) params = params.set('at', at);
    return this.http.get<Icd10SearchResult>(`${this.baseUrl}/api/icd10`, { params });
  }

  provinces(): Observable<Province[]> {
    return this.provinces$;
  }

  communes(provinceCode: string): Observable<Commune[]> {
    let communes = this.communesByProvince.get(provinceCode);
    if (!communes) {
      const url = `${this.baseUrl}/api/provinces/${encodeURIComponent(provinceCode)}/communes`;
      communes = this.once(this.http.get<Commune[]>(url));
      this.communesByProvince.set(provinceCode, communes);
    }
    return communes;
  }

  ethnicities(): Observable<Ethnicity[]> {
    return this.ethnicities$;
  }

  /** Shares the first successful answer with every later subscriber; a failed call is tried again next time. */
  private once<T>(request: Observable<T>): Observable<T> {
    return request.pipe(shareReplay({ bufferSize: 1, refCount: false }));
  }
}
