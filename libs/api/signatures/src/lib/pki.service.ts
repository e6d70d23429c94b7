import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '@benhan/api/core';
import { FacilityEntity } from '@benhan/api/identity';
import {
  certificateDer,
  createCrl,
  createFacilityAuthorities,
  decryptPrivateKey,
  encryptPrivateKey,
  generateRsaKeyPairSync,
  parseCertificate,
  parseSignedData,
  parseTimestampToken,
  sealCms,
  verifyDetached,
  type Issuer,
  type KeyPair,
} from './crypto';
import { PkiAuthorityEntity, SigningCertificateEntity, TrustedCertificateEntity, type AuthorityKind } from './entities';
import { SIGNATURES_OPTIONS, type SignaturesOptions } from './signatures.options';

const PKI_BOOTSTRAP_LOCK = 4_620_260_008;

/** A facility's authorities: certificates and decrypted keys, held in memory once loaded. */
export type FacilityPki = Record<AuthorityKind, Issuer>;

/**
 * The facility's own PKI: a root CA, an issuing CA that certifies users, an organisation seal and a
 * time-stamping authority, made on first need and kept with their keys encrypted under PKI_KEY_SECRET.
 * The root enters the facility's trust list; administrators may add licensed CAs' roots beside it.
 */
@Injectable()
export class PkiService {
  private readonly logger = new Logger(PkiService.name);
  private readonly loaded = new Map<string, Promise<FacilityPki>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SIGNATURES_OPTIONS) private readonly options: SignaturesOptions,
    private readonly clock: Clock,
  ) {}

  /** The facility's authorities, created (once, under a lock) if it has none yet. */
  facilityPki(facilityId: string): Promise<FacilityPki> {
    let pki = this.loaded.get(facilityId);
    if (!pki) {
      pki = this.loadOrCreate(facilityId);
      this.loaded.set(facilityId, pki);
      pki.catch(() => this.loaded.delete(facilityId));
    }
    return pki;
  }

  /** The chain above a user certificate: issuing CA then root, PEM. */
  async chainPem(facilityId: string): Promise<string> {
    const pki = await this.facilityPki(facilityId);
    return `${pki.issuing.certificatePem.trim()}\n${pki.root.certificatePem.trim()}\n`;
  }

  /**
   * The facility's organisation seal over `content` as a PAdES CMS (ETSI.CAdES.detached, B-T): detached SignedData by
   * the seal key with contentType, messageDigest and signingCertificateV2 and no signingTime, the issuing CA and root
   * embedded, and the facility TSA's time-stamp of its signature at `at`. For archive PDFs: `content` is the PDF's
   * signed bytes (all but the /Contents hex string).
   */
  async sealDetached(facilityId: string, content: Buffer, at: Date): Promise<Buffer> {
    const pki = await this.facilityPki(facilityId);
    return sealCms({ content, seal: pki.seal, tsa: pki.tsa, chain: [pki.issuing.certificatePem, pki.root.certificatePem], at });
  }

  /**
   * Check a seal made by `sealDetached` over `content` against the facility's trust list, at the time its
   * time-stamp says it was made. Never throws: a damaged CMS is an invalid seal.
   */
  async verifySeal(facilityId: string, cms: Buffer, content: Buffer): Promise<{ valid: boolean; reason: string | null; timestampedAt: Date | null }> {
    const roots = await this.trustedRoots(facilityId);
    let timestampedAt: Date | null = null;
    try {
      const token = parseSignedData(cms).unsignedTimestampToken;
      if (token) timestampedAt = parseTimestampToken(token).genTime;
    } catch {
      // verifyDetached below names what is wrong with it
    }
    const verification = verifyDetached(cms, content, roots, timestampedAt ? { at: timestampedAt } : {});
    const reason = verification.valid ? null : (Object.values(verification.reasons).find(Boolean) ?? 'the seal does not verify');
    return { valid: verification.valid, reason, timestampedAt };
  }

  /** The seal's certification path, leaf first (seal, issuing CA, root), PEM: what an offline verifier needs. */
  async sealChainPems(facilityId: string): Promise<string[]> {
    const pki = await this.facilityPki(facilityId);
    return [pki.seal.certificatePem, pki.issuing.certificatePem, pki.root.certificatePem];
  }

  /** The facility's organisation seal certificate, PEM. */
  async sealCertificatePem(facilityId: string): Promise<string> {
    return (await this.facilityPki(facilityId)).seal.certificatePem;
  }

  async trustedRoots(facilityId: string): Promise<string[]> {
    await this.facilityPki(facilityId);
    const rows = await this.dataSource.getRepository(TrustedCertificateEntity).findBy({ facilityId });
    return rows.map((r) => r.certificatePem);
  }

  /** Where the issuing CA's CRL is published (named in users' certificates). */
  crlUrl(): string {
    return `${this.options.publicUrl}/api/pki/crl`;
  }

  /** Where the root's CRL is published (named in the issuing CA's certificate). */
  rootCrlUrl(): string {
    return `${this.options.publicUrl}/api/pki/root-crl`;
  }

  /** The root's CRL: it certifies only the issuing CA, which nobody has revoked. */
  async rootCrl(facilityId: string): Promise<Buffer> {
    const pki = await this.facilityPki(facilityId);
    const now = this.clock.now();
    const [{ n }] = (await this.dataSource.query(`SELECT nextval('crl_number_seq')::int AS n`)) as { n: number }[];
    return createCrl({ issuerCertificate: pki.root.certificatePem, issuerKey: pki.root.privateKey, entries: [], thisUpdate: now, nextUpdate: new Date(now.getTime() + 30 * 86_400_000), crlNumber: n });
  }

  /** The current CRL of the issuing CA (DER), listing every revoked user certificate; valid for a day. */
  async crl(facilityId: string): Promise<Buffer> {
    const pki = await this.facilityPki(facilityId);
    const revoked = await this.dataSource.getRepository(SigningCertificateEntity).find({ where: { facilityId }, order: { revokedAt: 'ASC' } });
    const [{ n }] = (await this.dataSource.query(`SELECT nextval('crl_number_seq')::int AS n`)) as { n: number }[];
    const now = this.clock.now();
    return createCrl({
      issuerCertificate: pki.issuing.certificatePem,
      issuerKey: pki.issuing.privateKey,
      entries: revoked.filter((c) => c.revokedAt).map((c) => ({ serialHex: c.serial, revokedAt: c.revokedAt as Date, reason: CRL_REASON[c.revocationReason ?? 'unspecified'] })),
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + 86_400_000),
      crlNumber: n,
    });
  }

  private async loadOrCreate(facilityId: string): Promise<FacilityPki> {
    const existing = await this.read(facilityId);
    if (existing) return existing;
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [PKI_BOOTSTRAP_LOCK]);
      const again = await this.read(facilityId, em.getRepository(PkiAuthorityEntity));
      if (again) return again;
      const facility = await em.getRepository(FacilityEntity).findOneByOrFail({ id: facilityId });
      const started = Date.now();
      const material: FacilityPki = await createFacilityAuthorities({ facilityName: facility.name, facilityCode: facility.code, crlUrl: this.crlUrl(), rootCrlUrl: this.rootCrlUrl(), notBefore: this.clock.now() });
      const now = this.clock.now();
      for (const kind of ['root', 'issuing', 'seal', 'tsa'] as const) {
        await em.getRepository(PkiAuthorityEntity).insert({
          facilityId,
          kind,
          serial: parseCertificate(material[kind].certificatePem).serialHex,
          certificatePem: material[kind].certificatePem,
          encryptedKeyPem: encryptPrivateKey(material[kind].privateKey, this.options.keySecret),
          createdAt: now,
        });
      }
      await em.getRepository(TrustedCertificateEntity).insert({
        facilityId,
        subject: parseCertificate(material.root.certificatePem).subject,
        sha256: createHash('sha256').update(certificateDer(material.root.certificatePem)).digest('hex'),
        certificatePem: material.root.certificatePem,
        source: 'facility',
        createdAt: now,
        createdBy: null,
      });
      this.logger.log(`Created the facility's CA, seal and time-stamping keys in ${Date.now() - started} ms`);
      return material;
    });
  }

  private async read(facilityId: string, repo = this.dataSource.getRepository(PkiAuthorityEntity)): Promise<FacilityPki | null> {
    const rows = await repo.findBy({ facilityId });
    if (rows.length < 4) return null;
    const byKind = Object.fromEntries(rows.map((r) => [r.kind, { certificatePem: r.certificatePem, privateKey: decryptPrivateKey(r.encryptedKeyPem, this.options.keySecret) }]));
    return byKind as FacilityPki;
  }
}

/** A fresh RSA-2048 key pair for a user (the algorithm: ADR 0006). */
export function newSigningKey(): KeyPair {
  return generateRsaKeyPairSync();
}

/** Benhan's revocation reasons → RFC 5280 reason codes. */
const CRL_REASON = {
  unspecified: 'unspecified',
  key_compromise: 'keyCompromise',
  affiliation_changed: 'affiliationChanged',
  superseded: 'superseded',
  cessation_of_operation: 'cessationOfOperation',
} as const;
