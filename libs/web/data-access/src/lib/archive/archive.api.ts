import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ArchiveAccessEntry,
  ArchiveLoan,
  ArchiveRequest,
  ArchiveSearch,
  ArchiveSummary,
  DischargeQueueItem,
  DisposalDecision,
  DisposalProposal,
  DisposalRecord,
  DisposalListFilter,
  FixityRun,
  LegalHoldRequest,
  LoanRequest,
  Page,
  PageRequest,
  ReopenRequest,
  VerificationResult,
} from '@benhan/shared/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../http/api-base-url';
import { toParams } from '../http/query-params';
import { withJsonErrorBody } from './blob-errors';

/** Which encounters the discharge queue lists: waiting to be archived (or re-opened), archived, or both. */
export type DischargeQueueScope = 'pending' | 'archived' | 'all';

/**
 * Thin typed client of the records office's archive: the discharge queue, archiving an encounter (409
 * `record_incomplete` with `missing`, `awaitingSignature` and `incompleteDrafts`), searching archives, their PDF
 * (the purpose is required and recorded), access log, loans, legal hold and re-opening, disposals (proposed by the
 * records office, decided by the director), fixity runs, the full export, the public verification of a printed
 * page's code, and the PDF of one document version. Files come as blobs; a failed download's JSON problem is read
 * back into the error, so `problemOf` works for them too.
 */
@Injectable({ providedIn: 'root' })
export class ArchiveApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** Discharged or concluded encounters with their completeness and current archive, if any. */
  queue(scope: DischargeQueueScope = 'pending', page: PageRequest = {}): Observable<Page<DischargeQueueItem>> {
    return this.http.get<Page<DischargeQueueItem>>(`${this.baseUrl}/api/records/queue`, { params: toParams({ scope, ...page }) });
  }

  /** Archives a closed encounter as a new generation; the categories are those the records office asserts. */
  archive(encounterId: string, body: ArchiveRequest = {}): Observable<ArchiveSummary> {
    return this.http.post<ArchiveSummary>(`${this.baseUrl}/api/encounters/${encodeURIComponent(encounterId)}/archive`, body);
  }

  /** Archives by patient (name or code), record number, ICD-10 code or prefix, discharge dates and status; empty filters are left out. */
  search(query: ArchiveSearch = {}): Observable<Page<ArchiveSummary>> {
    return this.http.get<Page<ArchiveSummary>>(`${this.baseUrl}/api/archives`, { params: toParams(query) });
  }

  get(archiveId: string): Observable<ArchiveSummary> {
    return this.http.get<ArchiveSummary>(this.archiveUrl(archiveId));
  }

  /** The archive's PDF/A-3 file; the purpose is required and written to the access log. */
  pdf(archiveId: string, purpose: string): Observable<Blob> {
    const params = new HttpParams().set('purpose', purpose.trim());
    return this.http.get(`${this.archiveUrl(archiveId)}/pdf`, { params, responseType: 'blob' }).pipe(withJsonErrorBody());
  }

  /** Who downloaded, verified, lent or took back the archive, when and why. */
  accessLog(archiveId: string, page: PageRequest = {}): Observable<Page<ArchiveAccessEntry>> {
    return this.http.get<Page<ArchiveAccessEntry>>(`${this.archiveUrl(archiveId)}/access`, { params: toParams(page) });
  }

  loans(archiveId: string): Observable<ArchiveLoan[]> {
    return this.http.get<ArchiveLoan[]>(`${this.archiveUrl(archiveId)}/loans`);
  }

  lend(archiveId: string, body: LoanRequest): Observable<ArchiveLoan> {
    return this.http.post<ArchiveLoan>(`${this.archiveUrl(archiveId)}/loans`, body);
  }

  returnLoan(loanId: string): Observable<ArchiveLoan> {
    return this.http.post<ArchiveLoan>(`${this.baseUrl}/api/loans/${encodeURIComponent(loanId)}/return`, {});
  }

  /** Places (`hold: true`) or lifts a legal hold; the reason is required either way. */
  legalHold(archiveId: string, body: LegalHoldRequest): Observable<ArchiveSummary> {
    return this.http.put<ArchiveSummary>(`${this.archiveUrl(archiveId)}/legal-hold`, body);
  }

  /** Re-opens an archived record for amendment; archiving it again makes the next generation. */
  reopen(archiveId: string, body: ReopenRequest): Observable<ArchiveSummary> {
    return this.http.post<ArchiveSummary>(`${this.archiveUrl(archiveId)}/reopen`, body);
  }

  /** Archives past their retention and not on hold. */
  disposalCandidates(page: PageRequest = {}): Observable<Page<ArchiveSummary>> {
    return this.http.get<Page<ArchiveSummary>>(`${this.baseUrl}/api/disposals/candidates`, { params: toParams(page) });
  }

  disposals(status?: DisposalListFilter, page: PageRequest = {}): Observable<Page<DisposalRecord>> {
    return this.http.get<Page<DisposalRecord>>(`${this.baseUrl}/api/disposals`, { params: toParams({ status, ...page }) });
  }

  /** The records office proposes disposing of an archive (the director decides). */
  proposeDisposal(body: DisposalProposal): Observable<DisposalRecord> {
    return this.http.post<DisposalRecord>(`${this.baseUrl}/api/disposals`, body);
  }

  /** The director approves or rejects a proposal; the proposer may not decide it. */
  decideDisposal(disposalId: string, body: DisposalDecision): Observable<DisposalRecord> {
    return this.http.post<DisposalRecord>(`${this.baseUrl}/api/disposals/${encodeURIComponent(disposalId)}/decision`, body);
  }

  /** Fixity runs, newest first. */
  fixityRuns(limit?: number): Observable<FixityRun[]> {
    const params = limit !== undefined ? new HttpParams().set('limit', limit) : undefined;
    return this.http.get<FixityRun[]>(`${this.baseUrl}/api/fixity/runs`, { params });
  }

  /** Checks every stored file against its SHA-256 now. */
  runFixity(): Observable<FixityRun> {
    return this.http.post<FixityRun>(`${this.baseUrl}/api/fixity/runs`, {});
  }

  /** Every archive and a manifest as one tar; the reason is recorded. */
  exportAll(reason: string): Observable<Blob> {
    const params = new HttpParams().set('reason', reason.trim());
    return this.http.get(`${this.baseUrl}/api/archives/export`, { params, responseType: 'blob' }).pipe(withJsonErrorBody());
  }

  /** What a printed page's lookup code resolves to (public: no sign-in needed). */
  verify(code: string): Observable<VerificationResult> {
    return this.http.get<VerificationResult>(`${this.baseUrl}/api/verify/${encodeURIComponent(code)}`);
  }

  /** One document version as an A4 PDF in its form's layout. */
  versionPdf(versionId: string): Observable<Blob> {
    return this.http
      .get(`${this.baseUrl}/api/versions/${encodeURIComponent(versionId)}/pdf`, { responseType: 'blob' })
      .pipe(withJsonErrorBody());
  }

  private archiveUrl(archiveId: string): string {
    return `${this.baseUrl}/api/archives/${encodeURIComponent(archiveId)}`;
  }
}
