import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AccessLogEntry,
  AuditCheckpoint,
  AuditEvent,
  AuditEventQuery,
  AuditReportRequest,
  IntegrityReport,
  Page,
  SignatureTrailEntry,
  SignatureTrailQuery,
} from '@benhan/shared/contracts';
import type { Observable } from 'rxjs';
import { withJsonErrorBody } from '../archive/blob-errors';
import { API_BASE_URL } from '../http/api-base-url';
import { filledIn, toParams } from '../http/query-params';

/** "Who accessed this record": one patient's reads, prints, exports and break-glass grants, in a time range. */
export interface AccessLogQuery {
  patient: string;
  /** ISO-8601 instants, inclusive / exclusive. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
  /** Later pages: only events up to the first page's newest (reading the log adds to it). */
  untilSeq?: number;
}

/** Where the integrity check starts: the last checkpoint whose signature verifies, or seq 1. */
export type IntegrityFrom = 'checkpoint' | 'genesis';

/** The range and the (mandatory) reason of an audit bundle export. */
export interface AuditBundleQuery {
  from?: string;
  to?: string;
  reason: string;
}

/**
 * Thin typed client of the audit trail, for the inspector: the event log, "who accessed this record", the hash
 * chain's integrity (check now, past runs, signed checkpoints), the signature trail (as a page or a CSV export),
 * the audit bundle that `tools/verify-audit` checks offline, and the facility-sealed PDF report. Every export needs
 * a reason, which the server records. Files come as blobs; a failed download's JSON problem is read back into the
 * error, so `problemOf` works for them too.
 */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);
  private readonly url = inject(API_BASE_URL) + '/api/audit';

  /** Events matching every filter given; `action` may be several (repeated parameter). */
  events(query: AuditEventQuery = {}): Observable<Page<AuditEvent>> {
    return this.http.get<Page<AuditEvent>>(`${this.url}/events`, { params: toParams(query) });
  }

  /** Who read, printed or exported a patient's data (break-glass rows flagged). */
  access(query: AccessLogQuery): Observable<Page<AccessLogEntry>> {
    return this.http.get<Page<AccessLogEntry>>(`${this.url}/access`, { params: toParams(query) });
  }

  /** Verifies the hash chain now, from the last checkpoint or from the first event. */
  integrity(from: IntegrityFrom = 'checkpoint'): Observable<IntegrityReport> {
    return this.http.get<IntegrityReport>(`${this.url}/integrity`, { params: new HttpParams().set('from', from) });
  }

  /** Past integrity checks (scheduled and on demand), newest first. */
  integrityRuns(limit?: number): Observable<IntegrityReport[]> {
    return this.http.get<IntegrityReport[]>(`${this.url}/integrity/runs`, { params: toParams({ limit }) });
  }

  /** The chain heads sealed by the facility, newest first. */
  checkpoints(limit?: number): Observable<AuditCheckpoint[]> {
    return this.http.get<AuditCheckpoint[]>(`${this.url}/checkpoints`, { params: toParams({ limit }) });
  }

  /** Every signature in scope with its validation now. */
  signatureTrail(query: SignatureTrailQuery = {}): Observable<Page<SignatureTrailEntry>> {
    return this.http.get<Page<SignatureTrailEntry>>(`${this.url}/signature-trail`, { params: toParams(query) });
  }

  /** The same trail as a CSV file; the reason is required and recorded. */
  signatureTrailCsv(query: SignatureTrailQuery, reason: string): Observable<Blob> {
    const params = toParams({ ...query, limit: undefined, offset: undefined, format: 'csv', reason: reason.trim() });
    return this.http.get(`${this.url}/signature-trail`, { params, responseType: 'blob' }).pipe(withJsonErrorBody());
  }

  /** The audit bundle (events, checkpoints, certificates) of a range, as a JSON file; the reason is required. */
  bundle({ from, to, reason }: AuditBundleQuery): Observable<Blob> {
    const params = toParams({ from, to, reason: reason.trim() });
    return this.http.get(`${this.url}/bundle`, { params, responseType: 'blob' }).pipe(withJsonErrorBody());
  }

  /** The inspector's report of a scope as a PDF sealed by the facility; the reason is required. */
  report(request: AuditReportRequest): Observable<Blob> {
    return this.http.post(`${this.url}/reports`, filledIn(request), { responseType: 'blob' }).pipe(withJsonErrorBody());
  }
}
