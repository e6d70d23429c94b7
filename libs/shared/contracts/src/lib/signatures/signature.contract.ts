import type { SignerRole } from '../documents/document.contract';

/**
 * Digital signatures on document versions (R5–R8). Each signature is a CMS detached SignedData (CAdES-BES:
 * contentType, signingTime, messageDigest, signingCertificateV2) over the version's RFC 8785 canonical bytes,
 * made with the signer's key held encrypted under their signing PIN, with an RFC 3161 time-stamp from
 * Benhan's time-stamping authority. Anyone can verify it with `openssl cms -verify`.
 */

/** ETSI EN 319 102-1 style overall result. */
export type SignatureIndication = 'PASSED' | 'FAILED' | 'INDETERMINATE';

export type SignatureCheckName =
  | 'content_hash'
  | 'signature_value'
  | 'signing_certificate'
  | 'chain'
  | 'validity_at_signing_time'
  | 'not_revoked_at_signing_time'
  | 'key_usage'
  | 'signer_identity'
  | 'timestamp';

export interface SignatureCheck {
  check: SignatureCheckName;
  /** null: could not be decided (e.g. a missing time-stamp). */
  passed: boolean | null;
  detail: string;
}

export interface SignatureSummary {
  id: string;
  versionId: string;
  documentId: string;
  encounterId: string;
  patientId: string;
  formCode: string;
  versionNumber: number;
  step: number;
  role: SignerRole;
  signerId: string;
  signerName: string;
  /** The signer's claimed time (signingTime) and the time-stamping authority's (genTime). */
  signedAt: string;
  timestampedAt: string | null;
  certificateSerial: string;
}

export interface SignatureReport extends SignatureSummary {
  indication: SignatureIndication;
  /** Why not PASSED, in one line. */
  reason: string | null;
  checks: SignatureCheck[];
  validatedAt: string;
}

/** A report over several signatures (a version, a document, an encounter): PASSED only if all are. */
export interface SignatureReportSet {
  indication: SignatureIndication;
  reports: SignatureReport[];
}

/** `POST /api/versions/{versionId}/signatures`: sign the next step of the signer matrix that is yours. */
export interface SignVersionRequest {
  pin: string;
}

export type CertificateStatus = 'active' | 'revoked' | 'expired';

export interface SigningCertificate {
  serial: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  status: CertificateStatus;
  revokedAt: string | null;
  revocationReason: string | null;
}

/** `GET /api/me/signing`: the caller's signing certificate and PIN state. */
export interface MySigningState {
  certificate: SigningCertificate | null;
  /** Signing is locked after 5 wrong PINs until an administrator unlocks it. */
  locked: boolean;
  failedPinAttempts: number;
}

/** `POST /api/me/signing/enrol`: choose a signing PIN (6–12 digits); Benhan issues the certificate. */
export interface EnrolSigningRequest {
  pin: string;
}

export type RevocationReason = 'unspecified' | 'key_compromise' | 'affiliation_changed' | 'superseded' | 'cessation_of_operation';

/** `POST /api/certificates/{serial}/revoke` (admin). */
export interface RevokeCertificateRequest {
  reason: RevocationReason;
}
