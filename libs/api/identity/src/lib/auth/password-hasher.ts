import { Injectable } from '@nestjs/common';
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';

/**
 * scrypt (RFC 7914) with OWASP's minimum cost N=2^14, r=8, p=5 (≈ 370 ms on the 2-core CI box).
 * Parameters travel in the hash (`$scrypt$ln=14,r=8,p=5$salt$hash`), so the cost can be raised
 * later without invalidating stored hashes.
 */
@Injectable()
export class PasswordHasher {
  private static readonly LOG2N = 14;
  private static readonly R = 8;
  private static readonly P = 5;
  private static readonly KEY_LENGTH = 32;

  /** A valid hash of a random password: verifying unknown usernames costs the same time as known ones. */
  private readonly decoy = this.hash(randomBytes(16).toString('hex'));

  async hash(password: string): Promise<string> {
    const { LOG2N, R, P, KEY_LENGTH } = PasswordHasher;
    const salt = randomBytes(16);
    const key = await derive(password, salt, LOG2N, R, P, KEY_LENGTH);
    return `$scrypt$ln=${LOG2N},r=${R},p=${P}$${salt.toString('base64')}$${key.toString('base64')}`;
  }

  async verify(password: string, stored: string | null): Promise<boolean> {
    const parsed = parse(stored ?? (await this.decoy));
    if (!parsed) return false;
    const key = await derive(password, parsed.salt, parsed.log2n, parsed.r, parsed.p, parsed.key.length);
    return timingSafeEqual(key, parsed.key) && stored !== null;
  }
}

function derive(password: string, salt: Buffer, log2n: number, r: number, p: number, length: number): Promise<Buffer> {
  const N = 2 ** log2n;
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFC'), salt, length, { N, r, p, maxmem: 256 * N * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

function parse(stored: string): { log2n: number; r: number; p: number; salt: Buffer; key: Buffer } | null {
  const match = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
  if (!match) return null;
  return {
    log2n: Number(match[1]),
    r: Number(match[2]),
    p: Number(match[3]),
    salt: Buffer.from(match[4], 'base64'),
    key: Buffer.from(match[5], 'base64'),
  };
}

/** Hospital password policy: at least 10 characters with letters and digits (or a symbol). */
export function passwordPolicyViolation(password: string): string | null {
  if (password.length < 10) return 'must be at least 10 characters long';
  if (!/\p{L}/u.test(password)) return 'must contain a letter';
  if (!/[\d\p{P}\p{S}]/u.test(password)) return 'must contain a digit or a symbol';
  return null;
}
