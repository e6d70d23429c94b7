import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import { Clock, type UserPrincipal } from '@benhan/api/core';
import { UsersService } from '@benhan/api/identity';
import type { SigningCertificate } from '@benhan/shared/contracts';
import { WrongPinError, encryptPrivateKey, parseCertificate, readPkcs12, validateChain, type CertificateInfo } from './crypto';
import { SigningCertificateEntity, SigningPinStateEntity, TrustedCertificateEntity } from './entities';
import { PkiService } from './pki.service';
import { SignatureError } from './signatures.errors';
import { SigningService } from './signing.service';

export interface TrustedCertificate {
  id: string;
  subject: string;
  sha256: string;
  source: 'facility' | 'imported';
  notAfter: string;
  createdAt: string;
}

/**
 * Certificates from outside: roots of licensed Vietnamese CAs added to the facility's trust list, and a
 * user's certificate and key brought in a PKCS#12 file (e.g. issued by a licensed CA), re-protected under the
 * user's signing PIN. An imported certificate must chain to a trusted root and be allowed to sign.
 */
@Injectable()
export class TrustService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pki: PkiService,
    private readonly signing: SigningService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async list(facilityId: string): Promise<TrustedCertificate[]> {
    await this.pki.facilityPki(facilityId);
    const rows = await this.dataSource.getRepository(TrustedCertificateEntity).find({ where: { facilityId }, order: { createdAt: 'ASC' } });
    return rows.map((r) => ({ id: r.id, subject: r.subject, sha256: r.sha256, source: r.source, notAfter: parseCertificate(r.certificatePem).notAfter.toISOString(), createdAt: r.createdAt.toISOString() }));
  }

  /** Add a CA root (PEM) to the trust list: it must be a self-signed CA certificate. */
  async addRoot(admin: UserPrincipal, certificatePem: string): Promise<TrustedCertificate> {
    const cert = readCertificate(certificatePem, 'certificatePem');
    if (!cert.basicConstraints?.ca) throw new SignatureError('invalid_certificate', 'Only CA certificates enter the trust list', {}, [{ field: 'certificatePem', message: 'is not a CA certificate (basicConstraints CA:TRUE)' }]);
    if (!cert.subjectDer.equals(cert.issuerDer)) throw new SignatureError('invalid_certificate', 'Add the root (self-signed) certificate of the CA', {}, [{ field: 'certificatePem', message: 'is not self-signed' }]);
    const sha256 = createHash('sha256').update(cert.der).digest('hex');
    await this.pki.facilityPki(admin.facilityId);
    await this.dataSource.transaction(async (em) => {
      const known = await em.getRepository(TrustedCertificateEntity).existsBy({ facilityId: admin.facilityId, sha256 });
      await em.getRepository(TrustedCertificateEntity).upsert(
        { facilityId: admin.facilityId, subject: cert.subject, sha256, certificatePem: cert.pem, source: 'imported', createdAt: this.clock.now(), createdBy: admin.userId },
        { conflictPaths: ['facilityId', 'sha256'], skipUpdateIfNoValuesChanged: true },
      );
      await this.audit.record(em, {
        action: 'trust_anchor_added',
        actor: admin,
        // A trust anchor is named by its fingerprint, as the trust list shows it.
        resource: { type: 'certificate', id: sha256 },
        detail: { subject: cert.subject, serial: cert.serialHex, notAfter: cert.notAfter.toISOString(), alreadyTrusted: known },
      });
    });
    return (await this.list(admin.facilityId)).find((t) => t.sha256 === sha256) as TrustedCertificate;
  }

  /** Import a user's certificate and key from a PKCS#12 file; the key is stored under the signing PIN chosen now. */
  async importPkcs12(admin: UserPrincipal, userId: string, input: { pkcs12Base64: string; password: string; pin: string }): Promise<SigningCertificate> {
    await this.users.get(admin.facilityId, userId);
    if (!/^\d{6,12}$/.test(input.pin)) throw new SignatureError('invalid_pin', 'A signing PIN is 6 to 12 digits', {}, [{ field: 'pin', message: 'must be 6 to 12 digits' }]);
    let contents;
    try {
      contents = readPkcs12(Buffer.from(input.pkcs12Base64, 'base64'), input.password);
    } catch (error) {
      if (error instanceof WrongPinError) throw new SignatureError('invalid_certificate', 'Wrong PKCS#12 password', {}, [{ field: 'password', message: 'does not open the file' }]);
      throw new SignatureError('invalid_certificate', 'Not a readable PKCS#12 file', {}, [{ field: 'pkcs12Base64', message: (error as Error).message }]);
    }
    const leaf = readCertificate(contents.certificatePem, 'pkcs12Base64');
    const roots = (await this.pki.trustedRoots(admin.facilityId)).map((pem) => parseCertificate(pem));
    const now = this.clock.now();
    const chain = validateChain(leaf, contents.chainPems.map((pem) => parseCertificate(pem)), roots, now);
    if (!chain.ok) throw new SignatureError('invalid_certificate', `The certificate does not chain to a trusted root: ${chain.reason}`, {}, [{ field: 'pkcs12Base64', message: 'add the CA root to the trust list first' }]);
    if (leaf.keyUsage && !leaf.keyUsage.has('digitalSignature') && !leaf.keyUsage.has('nonRepudiation')) {
      throw new SignatureError('invalid_certificate', 'This certificate may not sign documents', {}, [{ field: 'pkcs12Base64', message: 'key usage lacks digitalSignature and nonRepudiation' }]);
    }
    const repo = this.dataSource.getRepository(SigningCertificateEntity);
    if (await repo.findOneBy({ userId, revokedAt: IsNull() })) throw new SignatureError('already_enrolled', 'This user already has a signing certificate: revoke it first');
    await this.dataSource.transaction(async (em) => {
      await em.getRepository(SigningCertificateEntity).insert({
        facilityId: admin.facilityId,
        userId,
        serial: leaf.serialHex,
        subject: leaf.subject,
        issuer: leaf.issuer,
        certificatePem: leaf.pem,
        chainPem: chain.path.slice(1).map((c) => c.pem.trim()).join('\n') + '\n',
        encryptedKeyPem: encryptPrivateKey(contents.privateKey, this.signing.keyPassphrase(input.pin)),
        notBefore: leaf.notBefore,
        notAfter: leaf.notAfter,
        source: 'imported',
        createdAt: now,
        revokedAt: null,
        revocationReason: null,
        revokedBy: null,
      });
      await em.getRepository(SigningPinStateEntity).upsert({ userId, failedAttempts: 0, lockedAt: null }, ['userId']);
      await this.audit.record(em, {
        action: 'certificate_imported',
        actor: admin,
        resource: { type: 'certificate', id: leaf.serialHex },
        detail: { userId, subject: leaf.subject, issuer: leaf.issuer, notAfter: leaf.notAfter.toISOString() },
      });
    });
    return this.signing.describe(await repo.findOneByOrFail({ userId, revokedAt: IsNull() }));
  }
}

function readCertificate(pem: string, field: string): CertificateInfo {
  try {
    return parseCertificate(pem);
  } catch (error) {
    throw new SignatureError('invalid_certificate', 'Not a readable X.509 certificate', {}, [{ field, message: (error as Error).message }]);
  }
}
