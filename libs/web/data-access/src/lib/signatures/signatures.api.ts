import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  EnrolSigningRequest,
  MySigningState,
  SignatureReport,
  SignatureReportSet,
  SignatureSummary,
  SignVersionRequest,
} from '@benhan/shared/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../http/api-base-url';

/**
 * Thin typed client of digital signatures: the caller's signing state and PIN enrolment (`/api/me/signing`),
 * signing a version with the PIN, the validation reports of a version, a document, an encounter or one signature,
 * and the files anyone needs to verify a signature with `openssl cms -verify` (the .p7s, the CA chain, the
 * canonical bytes that were signed).
 *
 * Signing fails with a problem whose code is `wrong_pin` (403, `remainingAttempts`), `signing_locked` (423),
 * `not_enrolled` (409), `not_your_step` (403, `detail` names whose step it is), `content_incomplete` (400, `errors[]`
 * JSON Pointers), `certificate_revoked` / `certificate_expired` (409) or `version_not_latest` (409).
 */
@Injectable({ providedIn: 'root' })
export class SignaturesApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** The caller's certificate (null before enrolment), whether signing is locked, and the wrong PINs so far. */
  mySigning(): Observable<MySigningState> {
    return this.http.get<MySigningState>(`${this.baseUrl}/api/me/signing`);
  }

  /** Chooses the signing PIN (6–12 digits) the first time; Benhan issues the certificate. */
  enrol(pin: string): Observable<MySigningState> {
    return this.http.post<MySigningState>(`${this.baseUrl}/api/me/signing/enrol`, { pin } satisfies EnrolSigningRequest);
  }

  /** Signs the next step of the version's signer matrix that is the caller's. */
  sign(versionId: string, pin: string): Observable<SignatureSummary> {
    return this.http.post<SignatureSummary>(`${this.versionUrl(versionId)}/signatures`, { pin } satisfies SignVersionRequest);
  }

  versionReport(versionId: string): Observable<SignatureReportSet> {
    return this.http.get<SignatureReportSet>(`${this.versionUrl(versionId)}/signatures/report`);
  }

  /** Every signature of every version of a document. */
  documentReport(documentId: string): Observable<SignatureReportSet> {
    return this.http.get<SignatureReportSet>(`${this.baseUrl}/api/documents/${encodeURIComponent(documentId)}/signatures/report`);
  }

  /** Every signature of every document of an encounter. */
  encounterReport(encounterId: string): Observable<SignatureReportSet> {
    return this.http.get<SignatureReportSet>(`${this.baseUrl}/api/encounters/${encodeURIComponent(encounterId)}/signatures/report`);
  }

  report(signatureId: string): Observable<SignatureReport> {
    return this.http.get<SignatureReport>(`${this.signatureUrl(signatureId)}/report`);
  }

  /** The CMS SignedData (DER), detached: its content is the version's canonical bytes. */
  p7s(signatureId: string): Observable<Blob> {
    return this.http.get(`${this.signatureUrl(signatureId)}/p7s`, {
      responseType: 'blob',
    });
  }

  /** The signer's certificate chain up to Benhan's CA (PEM), for `-CAfile`. */
  chain(signatureId: string): Observable<Blob> {
    return this.http.get(`${this.signatureUrl(signatureId)}/chain`, {
      responseType: 'blob',
    });
  }

  /** The exact bytes that were signed: the version's RFC 8785 canonical JSON. */
  canonical(versionId: string): Observable<Blob> {
    return this.http.get(`${this.versionUrl(versionId)}/canonical`, {
      responseType: 'blob',
    });
  }

  private versionUrl(versionId: string): string {
    return `${this.baseUrl}/api/versions/${encodeURIComponent(versionId)}`;
  }

  private signatureUrl(signatureId: string): string {
    return `${this.baseUrl}/api/signatures/${encodeURIComponent(signatureId)}`;
  }
}
