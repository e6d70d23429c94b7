import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import { Clock } from '@benhan/api/core';
import { WrongPinError, decryptPrivateKey, signDetached } from './crypto';
import { SigningPinStateEntity, type SigningCertificateEntity } from './entities';
import { SignatureError } from './signatures.errors';
import { SIGNATURES_OPTIONS, type SignaturesOptions } from './signatures.options';

/** Wrong PINs in a row that lock signing (R6: the key is the signer's alone). */
export const MAX_PIN_ATTEMPTS = 5;

/** A signer unlocked for one signature. */
export interface UnlockedSigner {
  /** CAdES-BES detached SignedData over `content`, signed at `signingTime`. */
  signDetached(content: Buffer, signingTime: Date): Buffer;
}

/**
 * Where a user's private key lives and how it is unlocked. The default holds the key on the server,
 * encrypted under the PIN; a remote signing service (the user confirms on a phone) or a hardware token
 * implements the same two steps, and payload, time-stamp, storage and sign-off stay as they are.
 */
export interface Signer {
  unlock(userId: string, certificate: SigningCertificateEntity, pin: string): Promise<UnlockedSigner>;
}

export const SIGNER = Symbol('SIGNER');

/** The server-held key signer: PKCS#8 under a passphrase derived from the PIN and the server secret; 5 wrong PINs lock. */
@Injectable()
export class ServerHeldKeySigner implements Signer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SIGNATURES_OPTIONS) private readonly options: SignaturesOptions,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async unlock(userId: string, certificate: SigningCertificateEntity, pin: string): Promise<UnlockedSigner> {
    const repo = this.dataSource.getRepository(SigningPinStateEntity);
    const state = await repo.findOneBy({ userId });
    if (state?.lockedAt) throw locked();
    let key;
    try {
      key = decryptPrivateKey(certificate.encryptedKeyPem, this.keyPassphrase(pin));
    } catch (error) {
      if (!(error instanceof WrongPinError)) throw error;
      // Counted in a transaction of its own, with its audit events: a failed signing must not roll the count back.
      const failedAttempts = await this.dataSource.transaction(async (em) => {
        const [row] = (await em.query(
          `INSERT INTO signing_pin_states (user_id, failed_attempts) VALUES ($1, 1)
           ON CONFLICT (user_id) DO UPDATE SET failed_attempts = signing_pin_states.failed_attempts + 1
           RETURNING failed_attempts`,
          [userId],
        )) as { failed_attempts: number }[];
        const lockedNow = row.failed_attempts >= MAX_PIN_ATTEMPTS;
        if (lockedNow) await em.getRepository(SigningPinStateEntity).update({ userId }, { lockedAt: this.clock.now() });
        const about = { facilityId: certificate.facilityId, resource: { type: 'certificate' as const, id: certificate.serial } };
        await this.audit.record(em, {
          ...about,
          action: 'signing_pin_failed',
          outcome: 'failure',
          detail: { userId, failedAttempts: row.failed_attempts, remainingAttempts: Math.max(0, MAX_PIN_ATTEMPTS - row.failed_attempts) },
        });
        if (lockedNow) await this.audit.record(em, { ...about, action: 'signing_locked', outcome: 'failure', detail: { userId, failedAttempts: row.failed_attempts } });
        return row.failed_attempts;
      });
      if (failedAttempts >= MAX_PIN_ATTEMPTS) throw locked();
      throw new SignatureError('wrong_pin', 'Wrong signing PIN', { remainingAttempts: MAX_PIN_ATTEMPTS - failedAttempts });
    }
    if (state?.failedAttempts) await repo.update({ userId }, { failedAttempts: 0 });
    const chain = certificate.chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    return { signDetached: (content, signingTime) => signDetached({ content, signerCertificate: certificate.certificatePem, chain, privateKey: key, signingTime }) };
  }

  /**
   * The key's passphrase is the PIN keyed with the server's secret: a copy of the database alone does not
   * let anyone try the million 6-digit PINs offline; online, five wrong PINs lock signing.
   */
  keyPassphrase(pin: string): string {
    return createHmac('sha256', this.options.keySecret).update(`signing-pin:${pin}`).digest('base64');
  }
}

function locked(): SignatureError {
  return new SignatureError('signing_locked', 'Signing is locked after too many wrong PINs: ask an administrator to unlock it');
}
