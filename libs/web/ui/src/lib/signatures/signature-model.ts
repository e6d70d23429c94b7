import type { SignatureCheckName, SignatureIndication, SignatureReport, SignerStep, SignoffSummary } from '@benhan/shared/contracts';
import { _ } from '@ngx-translate/core';

/** A signing PIN: 6 to 12 digits (the API's rule, checked here first so a typo costs no attempt). */
export const PIN_PATTERN = /^\d{6,12}$/;

/** What the PIN dialog asks for: the PIN to sign with, or a new PIN typed twice to enrol. */
export type PinDialogMode = 'sign' | 'enrol';

/**
 * Why a typed PIN cannot be sent, as a translation key, or null when it can: empty, not 6–12 digits, or (when
 * choosing a new PIN) the confirmation differs.
 */
export function pinProblem(pin: string, mode: PinDialogMode = 'sign', confirmation = ''): string | null {
  if (!pin) return _('signatures.pin.error.required');
  if (!PIN_PATTERN.test(pin)) return _('signatures.pin.error.format');
  if (mode === 'enrol' && pin !== confirmation) return _('signatures.pin.error.mismatch');
  return null;
}

/** The four looks of a signature badge. */
export type SignatureBadgeState = 'valid' | 'invalid' | 'indeterminate' | 'pending';

export const SIGNATURE_BADGE_LABELS: Record<SignatureBadgeState, string> = {
  valid: _('signatures.badge.valid'),
  invalid: _('signatures.badge.invalid'),
  indeterminate: _('signatures.badge.indeterminate'),
  pending: _('signatures.badge.pending'),
};

/** ETSI's overall result as a badge: PASSED valid, FAILED invalid, INDETERMINATE undecided. */
export function badgeStateOf(indication: SignatureIndication): SignatureBadgeState {
  switch (indication) {
    case 'PASSED':
      return 'valid';
    case 'FAILED':
      return 'invalid';
    case 'INDETERMINATE':
      return 'indeterminate';
  }
}

/** One badge: a given signature (its step and signer) or a step still awaited (its label on the paper form). */
export interface SignatureBadgeView {
  state: SignatureBadgeState;
  step: number;
  /** The signer's name for a signature, the signature box's label for an awaited step. */
  label: string;
}

/**
 * The badges of a version: one per sign-off, valid/invalid/undecided by its signature's validation report, then one
 * "awaiting" per missing step. Without reports (not loaded, or failed to load) sign-offs get no badge rather than a
 * misleading one; with reports, a sign-off none of them covers is undecided.
 */
export function signatureBadges(
  version: { id: string; signoffs: SignoffSummary[]; awaiting: SignerStep[] },
  reports: readonly SignatureReport[] | null,
): SignatureBadgeView[] {
  const badges: SignatureBadgeView[] = [];
  if (reports) {
    for (const signoff of [...version.signoffs].sort((a, b) => a.step - b.step)) {
      const report = reports.find((r) => r.versionId === version.id && r.step === signoff.step);
      badges.push({
        state: report ? badgeStateOf(report.indication) : 'indeterminate',
        step: signoff.step,
        label: signoff.signerName,
      });
    }
  }
  for (const step of [...version.awaiting].sort((a, b) => a.step - b.step)) {
    badges.push({ state: 'pending', step: step.step, label: step.label });
  }
  return badges;
}

/** Each validation check in plain Vietnamese (or English): what it means the signature proves. */
export const SIGNATURE_CHECK_LABELS: Record<SignatureCheckName, string> = {
  content_hash: _('signatures.check.content_hash'),
  signature_value: _('signatures.check.signature_value'),
  signing_certificate: _('signatures.check.signing_certificate'),
  chain: _('signatures.check.chain'),
  validity_at_signing_time: _('signatures.check.validity_at_signing_time'),
  not_revoked_at_signing_time: _('signatures.check.not_revoked_at_signing_time'),
  key_usage: _('signatures.check.key_usage'),
  signer_identity: _('signatures.check.signer_identity'),
  timestamp: _('signatures.check.timestamp'),
};

/** The names the downloads are saved under, so the OpenSSL command shown works as is in the download folder. */
export interface SignatureFileNames {
  p7s: string;
  canonical: string;
  chain: string;
}

export function signatureFileNames(report: Pick<SignatureReport, 'formCode' | 'versionNumber' | 'step'>): SignatureFileNames {
  const base = `${report.formCode.replace(/[^A-Za-z0-9]+/g, '-')}-v${report.versionNumber}`;
  return {
    p7s: `${base}-step${report.step}.p7s`,
    canonical: `${base}.json`,
    chain: 'chain.pem',
  };
}

/** The command that verifies the signature with nothing but OpenSSL and the three downloads. */
export function opensslVerifyCommand(files: SignatureFileNames): string {
  return `openssl cms -verify -binary -inform DER -in ${files.p7s} -content ${files.canonical} -CAfile ${files.chain} -purpose any`;
}

/** Saves a downloaded blob under a file name (the API needs the bearer token, so a plain link cannot fetch it). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url));
}
