import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import { Clock, canonicalJsonBytes, type UserPrincipal } from '@benhan/api/core';
import { DocumentError, DocumentsService } from '@benhan/api/documents';
import { UsersService } from '@benhan/api/identity';
import type { CertificateStatus, MySigningState, RevocationReason, SignatureSummary, SigningCertificate } from '@benhan/shared/contracts';
import { addUnsignedTimestamp, encryptPrivateKey, issueUserCertificate, parseCertificate, parseTimestampToken, timestampSignature } from './crypto';
import { SignatureEntity, SigningCertificateEntity, SigningPinStateEntity } from './entities';
import { PkiService, newSigningKey } from './pki.service';
import { SignatureError } from './signatures.errors';
import { SIGNATURES_OPTIONS, type SignaturesOptions } from './signatures.options';
import { SignatureQueries } from './signature-queries';
import { SIGNER, ServerHeldKeySigner, type Signer } from './signer';

const PIN = /^\d{6,12}$/;

/**
 * Signing a version: the `Signer` (by default the server-held key under the PIN) signs the canonical payload,
 * Benhan's TSA time-stamps the signature, and the sign-off and the signature are stored in one transaction.
 */
@Injectable()
export class SigningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SIGNATURES_OPTIONS) private readonly options: SignaturesOptions,
    private readonly pki: PkiService,
    private readonly documents: DocumentsService,
    private readonly users: UsersService,
    private readonly queries: SignatureQueries,
    private readonly heldKeys: ServerHeldKeySigner,
    @Inject(SIGNER) private readonly signer: Signer,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async state(user: UserPrincipal): Promise<MySigningState> {
    const certificate = await this.activeCertificate(user.userId);
    const pin = await this.dataSource.getRepository(SigningPinStateEntity).findOneBy({ userId: user.userId });
    return { certificate: certificate ? this.describe(certificate) : null, locked: !!pin?.lockedAt, failedPinAttempts: pin?.failedAttempts ?? 0 };
  }

  /** Choose a signing PIN; Benhan makes the key pair and its issuing CA certifies it. */
  async enrol(user: UserPrincipal, pin: string): Promise<MySigningState> {
    if (!PIN.test(pin)) throw new SignatureError('invalid_pin', 'A signing PIN is 6 to 12 digits', {}, [{ field: 'pin', message: 'must be 6 to 12 digits' }]);
    if (await this.activeCertificate(user.userId)) throw new SignatureError('already_enrolled', 'You already have a signing certificate');
    await this.dataSource.transaction(async (em) => {
      const certificate = await this.issue(em, user.facilityId, user.userId, pin);
      await this.audit.record(em, {
        action: 'signing_enrol',
        actor: user,
        resource: { type: 'certificate', id: certificate.serial },
        detail: { userId: user.userId, subject: certificate.subject, issuer: certificate.issuer, notAfter: certificate.notAfter.toISOString(), source: certificate.source },
      });
    });
    return this.state(user);
  }

  /** Issue a user's certificate and store its key under the PIN (enrolment, and the demo seed). */
  async issue(em: EntityManager, facilityId: string, userId: string, pin: string): Promise<SigningCertificateEntity> {
    const pki = await this.pki.facilityPki(facilityId);
    const account = await this.users.currentUser(userId, em);
    const { privateKey, publicKey } = newSigningKey();
    const now = this.clock.now();
    const certificatePem = issueUserCertificate({
      issuer: pki.issuing,
      subject: { fullName: account.fullName, practisingCertificateNo: account.practisingCertificateNo ?? undefined, facilityName: account.facility.name, facilityCode: account.facility.code, username: account.username },
      publicKey,
      validityYears: this.options.userCertificateYears,
      crlUrl: this.pki.crlUrl(),
      notBefore: now,
    });
    const info = parseCertificate(certificatePem);
    await em.getRepository(SigningPinStateEntity).upsert({ userId, failedAttempts: 0, lockedAt: null }, ['userId']);
    return em.getRepository(SigningCertificateEntity).save(
      em.getRepository(SigningCertificateEntity).create({
        facilityId,
        userId,
        serial: info.serialHex,
        subject: info.subject,
        issuer: info.issuer,
        certificatePem,
        chainPem: await this.pki.chainPem(facilityId),
        encryptedKeyPem: encryptPrivateKey(privateKey, this.keyPassphrase(pin)),
        notBefore: info.notBefore,
        notAfter: info.notAfter,
        source: 'issued',
        createdAt: now,
        revokedAt: null,
        revocationReason: null,
        revokedBy: null,
      }),
    );
  }

  /**
   * Sign the next signer-matrix step of a version that is the caller's: the canonical payload → CMS detached
   * SignedData (CAdES-BES) → RFC 3161 time-stamp → stored with the sign-off in one transaction.
   */
  async sign(user: UserPrincipal, versionId: string, pin: string): Promise<SignatureSummary> {
    const certificate = await this.activeCertificate(user.userId);
    if (!certificate) {
      const revoked = await this.dataSource.getRepository(SigningCertificateEntity).findOne({ where: { userId: user.userId }, order: { revokedAt: 'DESC' } });
      if (revoked?.revokedAt) throw new SignatureError('certificate_revoked', `Your signing certificate was revoked on ${revoked.revokedAt.toISOString()}: choose a new PIN to get a new one`);
      throw new SignatureError('not_enrolled', 'Choose a signing PIN first: you have no signing certificate');
    }
    const now = this.clock.now();
    if (now > certificate.notAfter) throw new SignatureError('certificate_expired', 'Your signing certificate has expired');
    const unlocked = await this.signer.unlock(user.userId, certificate, pin);

    const signatureId = await this.dataSource.transaction(async (em) => {
      const view = await this.documents.signingView(user.facilityId, versionId, em);
      if (!view) throw new SignatureError('version_not_found', 'No such document version');
      if (!view.latest) throw new SignatureError('version_not_latest', 'A newer version of this document exists: sign that one');
      if (!view.nextStep) throw new SignatureError('not_your_step', 'Every signature this version needs is there');
      const step = view.nextStep;
      const payload = canonicalJsonBytes(view.payload);
      const cms = unlocked.signDetached(payload, now);
      const pki = await this.pki.facilityPki(user.facilityId);
      const token = timestampSignature(cms, { tsaCertificate: pki.tsa.certificatePem, tsaKey: pki.tsa.privateKey, chain: [pki.issuing.certificatePem, pki.root.certificatePem], time: now, serial: randomBytes(16) });
      const signed = addUnsignedTimestamp(cms, token);
      const signoff = await this.recordSignoff(em, user, versionId, step.step, now);
      const row = await em.getRepository(SignatureEntity).save(
        em.getRepository(SignatureEntity).create({
          facilityId: user.facilityId,
          versionId,
          signoffId: signoff.id,
          signerId: user.userId,
          step: step.step,
          role: step.role,
          certificateId: certificate.id,
          certificateSerial: certificate.serial,
          chainPem: certificate.chainPem,
          contentHash: createHash('sha256').update(payload).digest('hex'),
          cmsDer: signed,
          signingTime: now,
          timestampToken: token,
          timestampedAt: parseTimestampToken(token).genTime,
          revocationStatus: 'good',
          revocationCheckedAt: now,
          createdAt: now,
        }),
      );
      // The author's step signs the version; every later step countersigns it.
      await this.audit.record(em, {
        action: step.step === 1 ? 'document_sign' : 'document_countersign',
        actor: user,
        resource: { type: 'version', id: versionId, version: view.payload.versionNumber },
        patientId: view.payload.patientId,
        detail: {
          documentId: view.payload.documentId,
          formCode: view.payload.formCode,
          signatureId: row.id,
          step: step.step,
          role: step.role,
          certificateSerial: certificate.serial,
          contentHash: row.contentHash,
        },
      });
      return row.id;
    });
    return this.queries.summary(user.facilityId, signatureId);
  }

  async revoke(admin: UserPrincipal, serial: string, reason: RevocationReason): Promise<SigningCertificate> {
    const repo = this.dataSource.getRepository(SigningCertificateEntity);
    const certificate = await repo.findOneBy({ serial: serial.toLowerCase(), facilityId: admin.facilityId });
    if (!certificate) throw new SignatureError('certificate_not_found', `No certificate ${serial}`);
    if (certificate.revokedAt) throw new SignatureError('certificate_revoked', 'This certificate is already revoked');
    await this.dataSource.transaction(async (em) => {
      await em.getRepository(SigningCertificateEntity).update({ id: certificate.id }, { revokedAt: this.clock.now(), revocationReason: reason, revokedBy: admin.userId });
      await this.audit.record(em, {
        action: 'certificate_revoked',
        actor: admin,
        resource: { type: 'certificate', id: certificate.serial },
        reason,
        detail: { userId: certificate.userId, subject: certificate.subject, source: certificate.source },
      });
    });
    return this.describe(await repo.findOneByOrFail({ id: certificate.id }));
  }

  async certificates(facilityId: string, userId?: string): Promise<(SigningCertificate & { userId: string; userName: string })[]> {
    const rows = await this.dataSource.getRepository(SigningCertificateEntity).find({ where: { facilityId, ...(userId ? { userId } : {}) }, order: { createdAt: 'DESC' } });
    const names = await this.users.displayNames([...new Set(rows.map((r) => r.userId))]);
    return rows.map((r) => ({ ...this.describe(r), userId: r.userId, userName: names.get(r.userId) ?? '' }));
  }

  async unlock(admin: UserPrincipal, userId: string): Promise<void> {
    await this.users.get(admin.facilityId, userId);
    await this.dataSource.transaction(async (em) => {
      const before = await em.getRepository(SigningPinStateEntity).findOneBy({ userId });
      await em.getRepository(SigningPinStateEntity).upsert({ userId, failedAttempts: 0, lockedAt: null }, ['userId']);
      await this.audit.record(em, {
        action: 'signing_unlocked',
        actor: admin,
        resource: { type: 'user', id: userId },
        detail: { wasLocked: !!before?.lockedAt, failedAttempts: before?.failedAttempts ?? 0 },
      });
    });
  }

  private async recordSignoff(em: EntityManager, user: UserPrincipal, versionId: string, step: number, at: Date) {
    try {
      return await this.documents.recordSignoff(em, { facilityId: user.facilityId, versionId, step, signer: user, at });
    } catch (error) {
      if (error instanceof DocumentError && error.code === 'signoff_not_allowed') throw new SignatureError('not_your_step', error.message);
      if (error instanceof DocumentError && error.code === 'invalid_content') throw new SignatureError('content_incomplete', error.message, {}, error.fieldErrors);
      throw error;
    }
  }

  /** The passphrase a held key is stored under (enrolment and PKCS#12 import). */
  keyPassphrase(pin: string): string {
    return this.heldKeys.keyPassphrase(pin);
  }

  private activeCertificate(userId: string): Promise<SigningCertificateEntity | null> {
    return this.dataSource.getRepository(SigningCertificateEntity).findOne({ where: { userId, revokedAt: IsNull() }, order: { createdAt: 'DESC' } });
  }

  describe(c: SigningCertificateEntity): SigningCertificate {
    const status: CertificateStatus = c.revokedAt ? 'revoked' : this.clock.now() > c.notAfter ? 'expired' : 'active';
    return {
      serial: c.serial,
      subject: c.subject,
      issuer: c.issuer,
      notBefore: c.notBefore.toISOString(),
      notAfter: c.notAfter.toISOString(),
      status,
      revokedAt: c.revokedAt?.toISOString() ?? null,
      revocationReason: c.revocationReason,
    };
  }
}
