import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { Clock, canonicalJsonBytes } from '@benhan/api/core';
import { DocumentsService } from '@benhan/api/documents';
import type { SignatureCheck, SignatureIndication, SignatureReport, SignatureReportSet } from '@benhan/shared/contracts';
import { parseSignedData, parseTimestampToken, verifyDetached, verifyTimestampToken } from './crypto';
import { SignatureEntity, SigningCertificateEntity } from './entities';
import { PkiService } from './pki.service';
import { SignatureQueries, type SignatureFilter } from './signature-queries';
import { SignatureError } from './signatures.errors';

/** Checks whose failure makes a signature FAILED; the others can only make it INDETERMINATE. */
const FATAL = new Set<SignatureCheck['check']>(['content_hash', 'signature_value', 'signing_certificate', 'not_revoked_at_signing_time', 'key_usage', 'signer_identity']);

/**
 * Validation reports in the spirit of ETSI EN 319 102-1: each check on its own line, then PASSED,
 * FAILED (something is proven wrong: altered content, a bad signature, a revoked certificate, the wrong
 * signer) or INDETERMINATE (something cannot be proven: no trusted chain, no usable time-stamp).
 * The content is re-read from the database and canonicalised again, so tampering shows as a hash mismatch.
 */
@Injectable()
export class ValidationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
    private readonly pki: PkiService,
    private readonly queries: SignatureQueries,
    private readonly clock: Clock,
  ) {}

  async reportSet(facilityId: string, filter: SignatureFilter): Promise<SignatureReportSet> {
    const summaries = await this.queries.list(facilityId, filter, 5000);
    const reports = [];
    for (const s of summaries) reports.push(await this.report(facilityId, s.id));
    return { indication: overall(reports.map((r) => r.indication)), reports };
  }

  /** The stored CMS (.p7s, DER) of these signatures, by signature id: what the archive embeds beside each version. */
  async cmsOf(facilityId: string, signatureIds: string[]): Promise<Map<string, Buffer>> {
    if (!signatureIds.length) return new Map();
    const rows = await this.dataSource.getRepository(SignatureEntity).find({ where: { facilityId, id: In(signatureIds) }, select: { id: true, cmsDer: true } });
    return new Map(rows.map((r) => [r.id, r.cmsDer]));
  }

  async report(facilityId: string, signatureId: string): Promise<SignatureReport> {
    const summary = await this.queries.summary(facilityId, signatureId);
    const signature = await this.dataSource.getRepository(SignatureEntity).findOneByOrFail({ id: signatureId, facilityId });
    const certificate = await this.dataSource.getRepository(SigningCertificateEntity).findOneByOrFail({ id: signature.certificateId });
    const view = await this.documents.signingView(facilityId, signature.versionId);
    if (!view) throw new SignatureError('version_not_found', 'The signed version is missing');
    const payload = canonicalJsonBytes(view.payload);
    const checks: SignatureCheck[] = [];

    const parsed = parseSignedData(signature.cmsDer);
    const digest = createHash('sha256').update(payload).digest();
    const signedDigest = parsed.signedAttributes.messageDigest ?? Buffer.alloc(0);
    const contentMatches = signedDigest.equals(digest);
    checks.push({
      check: 'content_hash',
      passed: contentMatches,
      detail: contentMatches ? `SHA-256 ${digest.toString('hex')} matches the signed digest` : `the version's content now hashes to ${digest.toString('hex')}, the signature covers ${signedDigest.toString('hex')}: the content was changed after signing`,
    });

    const roots = await this.pki.trustedRoots(facilityId);
    const tokenTime = this.timestampCheck(signature, parsed.signature, roots, checks);
    const at = tokenTime ?? signature.signingTime;
    const verified = verifyDetached(signature.cmsDer, payload, roots, { at });
    checks.push({ check: 'signature_value', passed: verified.signatureValid, detail: verified.signatureValid ? 'RSA PKCS#1 v1.5 / SHA-256 over the signed attributes verifies with the certificate’s key' : verified.reasons.signatureValid ?? 'the signature value does not verify' });
    checks.push({ check: 'signing_certificate', passed: verified.signingCertificateMatches, detail: verified.signingCertificateMatches ? 'signingCertificateV2 names the certificate in the signature' : 'signingCertificateV2 does not match the certificate' });
    checks.push({ check: 'chain', passed: verified.chainValid, detail: verified.chainValid ? 'the certificate chains to a root in the facility trust list' : verified.reasons.chainValid ?? 'no chain to a trusted root' });
    const validAt = at >= certificate.notBefore && at <= certificate.notAfter;
    checks.push({ check: 'validity_at_signing_time', passed: validAt, detail: `certificate valid ${certificate.notBefore.toISOString()} – ${certificate.notAfter.toISOString()}; signed at ${at.toISOString()}${tokenTime ? ' (time-stamp)' : ' (signer’s clock)'}` });
    const revokedBefore = certificate.revokedAt !== null && certificate.revokedAt <= at;
    checks.push({
      check: 'not_revoked_at_signing_time',
      passed: !revokedBefore,
      detail: certificate.revokedAt ? `revoked ${certificate.revokedAt.toISOString()} (${certificate.revocationReason}), ${revokedBefore ? 'before' : 'after'} the signature` : `not revoked (status "${signature.revocationStatus}" checked at ${signature.revocationCheckedAt.toISOString()})`,
    });
    checks.push({ check: 'key_usage', passed: verified.keyUsageOk, detail: verified.keyUsageOk ? 'digitalSignature and nonRepudiation' : 'the certificate may not sign documents' });
    const step = view.signers.find((s) => s.step === signature.step);
    const identityOk = certificate.userId === signature.signerId && (step?.role !== 'author' || signature.signerId === view.payload.authorId);
    checks.push({ check: 'signer_identity', passed: identityOk, detail: identityOk ? `${summary.signerName} holds the certificate${step?.role === 'author' ? ' and is the recorded author' : ''}` : 'the signer is not the certificate holder or not the recorded author' });

    const indication = evaluate(checks);
    const failed = checks.find((c) => c.passed === false && FATAL.has(c.check)) ?? checks.find((c) => c.passed !== true);
    return { ...summary, indication, reason: indication === 'PASSED' ? null : `${failed?.check}: ${failed?.detail}`, checks, validatedAt: this.clock.now().toISOString() };
  }

  private timestampCheck(signature: SignatureEntity, signatureValue: Buffer, trustedRoots: string[], checks: SignatureCheck[]): Date | null {
    if (!signature.timestampToken) {
      checks.push({ check: 'timestamp', passed: null, detail: 'no time-stamp: the signing time rests on the signer’s clock' });
      return null;
    }
    const result = verifyTimestampToken(signature.timestampToken, { signatureValue, trustedRoots });
    const token = parseTimestampToken(signature.timestampToken);
    const reason = Object.values(result.reasons)[0];
    checks.push({ check: 'timestamp', passed: result.valid, detail: result.valid ? `time-stamped ${token.genTime.toISOString()} by ${token.tsaSubject ?? 'the facility TSA'}` : `the time-stamp does not verify: ${reason ?? 'unknown reason'}` });
    return result.valid ? token.genTime : null;
  }
}

function evaluate(checks: SignatureCheck[]): SignatureIndication {
  if (checks.some((c) => c.passed === false && FATAL.has(c.check))) return 'FAILED';
  if (checks.some((c) => c.passed !== true)) return 'INDETERMINATE';
  return 'PASSED';
}

function overall(indications: SignatureIndication[]): SignatureIndication {
  if (indications.includes('FAILED')) return 'FAILED';
  if (!indications.length || indications.includes('INDETERMINATE')) return 'INDETERMINATE';
  return 'PASSED';
}
