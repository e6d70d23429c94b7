import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AccessRequest, AccessRequestStatus, CreateAccessRequest, Page } from '@benhan/shared/contracts';
import type { Observable } from 'rxjs';
import { withJsonErrorBody } from '../archive/blob-errors';
import { API_BASE_URL } from '../http/api-base-url';

export interface AccessRequestQuery {
  patient?: string;
  status?: AccessRequestStatus;
  limit?: number;
  offset?: number;
}

/**
 * Thin typed client of the records office's access requests (R12): a patient or their representative asks in
 * writing to read, copy or get a summary of the record. Recording one fails with a 400 problem naming the field
 * `scope` when the relationship does not allow the scope (a family representative gets the summary only). Releasing
 * answers with the facility-sealed summary PDF (the release is logged); refusing needs a reason.
 */
@Injectable({ providedIn: 'root' })
export class AccessRequestsApi {
  private readonly http = inject(HttpClient);
  private readonly url = inject(API_BASE_URL) + '/api/access-requests';

  create(body: CreateAccessRequest): Observable<AccessRequest> {
    return this.http.post<AccessRequest>(this.url, body);
  }

  /** Requests of a patient and/or a status, newest first; empty filters are left out. */
  list(query: AccessRequestQuery = {}): Observable<Page<AccessRequest>> {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(query) as [keyof AccessRequestQuery, string | number | undefined][]) {
      const text = typeof value === 'string' ? value.trim() : value;
      if (text !== undefined && text !== '') params = params.set(name, text);
    }
    return this.http.get<Page<AccessRequest>>(this.url, { params });
  }

  /** Releases the record summary: the facility-sealed PDF. */
  release(id: string): Observable<Blob> {
    return this.http.post(`${this.requestUrl(id)}/release`, {}, { responseType: 'blob' }).pipe(withJsonErrorBody());
  }

  refuse(id: string, reason: string): Observable<AccessRequest> {
    return this.http.post<AccessRequest>(`${this.requestUrl(id)}/refuse`, { reason: reason.trim() });
  }

  /** The summary released earlier, again. */
  summary(id: string): Observable<Blob> {
    return this.http.get(`${this.requestUrl(id)}/summary`, { responseType: 'blob' }).pipe(withJsonErrorBody());
  }

  private requestUrl(id: string): string {
    return `${this.url}/${encodeURIComponent(id)}`;
  }
}
