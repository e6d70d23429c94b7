import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  MergePatientRequest,
  Page,
  PatientDetail,
  PatientSummary,
  RegisterPatientRequest,
  UpdatePatientRequest,
} from '@benhan/shared/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../http/api-base-url';

export interface PatientSearchParams {
  /** Patient code, CCCD, BHYT number, phone, or name with or without diacritics; empty lists all. */
  q?: string;
  limit?: number;
  offset?: number;
}

/** Thin typed client of `/api/patients` (the patient registry). */
@Injectable({ providedIn: 'root' })
export class PatientsApi {
  private readonly http = inject(HttpClient);
  private readonly url = inject(API_BASE_URL) + '/api/patients';

  search({ q, limit, offset }: PatientSearchParams = {}): Observable<Page<PatientSummary>> {
    let params = new HttpParams();
    const term = q?.trim();
    if (term) params = params.set('q', term);
    if (limit !== undefined) params = params.set('limit', limit);
    if (offset !== undefined) params = params.set('offset', offset);
    return this.http.get<Page<PatientSummary>>(this.url, { params });
  }

  /** 409 `citizen_id_taken` (extension `existingPatientCode`) or `possible_duplicate` (`possibleDuplicates`). */
  register(body: RegisterPatientRequest): Observable<PatientDetail> {
    return this.http.post<PatientDetail>(this.url, body);
  }

  get(id: string): Observable<PatientDetail> {
    return this.http.get<PatientDetail>(`${this.url}/${encodeURIComponent(id)}`);
  }

  /** 409 `stale_version` when someone else saved first. */
  update(id: string, body: UpdatePatientRequest): Observable<PatientDetail> {
    return this.http.patch<PatientDetail>(`${this.url}/${encodeURIComponent(id)}`, body);
  }

  /** Merges this record into `body.intoPatientId`; both histories are kept. */
  merge(id: string, body: MergePatientRequest): Observable<PatientDetail> {
    return this.http.post<PatientDetail>(`${this.url}/${encodeURIComponent(id)}/merge`, body);
  }
}
