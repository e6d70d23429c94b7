/**
 * A throwaway facility PKI for the crypto specs: root → issuing CA → doctor, seal and TSA certificates, plus a
 * helper that runs OpenSSL on files in a temp directory (the outside truth).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  type Issuer,
  type KeyPair,
  createIssuingCaCertificate,
  createRootCaCertificate,
  createSealCertificate,
  createTsaCertificate,
  generateRsaKeyPair,
  issueUserCertificate,
} from '../pki';

export const FACILITY = { facilityName: 'Bệnh viện Đa khoa Tỉnh Bình Định', facilityCode: '52001' };
export const ROOT_CRL_URL = 'http://pki.benhan.local/52001/root.crl';
export const CA_CRL_URL = 'http://pki.benhan.local/52001/ca.crl';

export interface TestPki {
  root: Issuer & KeyPair;
  ca: Issuer & KeyPair;
  doctor: Issuer & KeyPair;
  seal: Issuer & KeyPair;
  tsa: Issuer & KeyPair;
}

export async function makeTestPki(notBefore = new Date(Date.now() - 60_000)): Promise<TestPki> {
  const [rootKeys, caKeys, doctorKeys, sealKeys, tsaKeys] = await Promise.all(
    Array.from({ length: 5 }, () => generateRsaKeyPair()),
  );
  const root = {
    ...rootKeys,
    certificatePem: createRootCaCertificate({
      ...FACILITY,
      commonName: 'Benhan Root CA – BVĐK Bình Định',
      validityYears: 20,
      privateKey: rootKeys.privateKey,
      notBefore,
    }),
  };
  const ca = {
    ...caKeys,
    certificatePem: createIssuingCaCertificate({
      ...FACILITY,
      commonName: 'Benhan Issuing CA – BVĐK Bình Định',
      issuer: root,
      publicKey: caKeys.publicKey,
      validityYears: 10,
      crlUrl: ROOT_CRL_URL,
      notBefore,
    }),
  };
  const doctor = {
    ...doctorKeys,
    certificatePem: issueUserCertificate({
      issuer: ca,
      subject: { ...FACILITY, fullName: 'Nguyễn Thị Minh Châu', practisingCertificateNo: '000123/BD-CCHN', username: 'chau.ntm' },
      publicKey: doctorKeys.publicKey,
      validityYears: 2,
      crlUrl: CA_CRL_URL,
      emailProtection: true,
      notBefore,
    }),
  };
  const seal = {
    ...sealKeys,
    certificatePem: createSealCertificate({ ...FACILITY, issuer: ca, publicKey: sealKeys.publicKey, validityYears: 3, crlUrl: CA_CRL_URL, notBefore }),
  };
  const tsa = {
    ...tsaKeys,
    certificatePem: createTsaCertificate({
      ...FACILITY,
      commonName: 'Benhan TSA – BVĐK Bình Định',
      issuer: ca,
      publicKey: tsaKeys.publicKey,
      validityYears: 5,
      crlUrl: CA_CRL_URL,
      notBefore,
    }),
  };
  return { root, ca, doctor, seal, tsa };
}

/** A temp directory with files, and OpenSSL run inside it. */
export class OpenSslDir {
  readonly dir = mkdtempSync(join(tmpdir(), 'benhan-crypto-'));

  write(name: string, data: string | Buffer): string {
    const path = join(this.dir, name);
    writeFileSync(path, data);
    return path;
  }

  /** Runs openssl; returns stdout+stderr and the exit status (never throws on a non-zero exit). */
  run(args: string[]): { status: number; output: string } {
    const r = spawnSync('openssl', args, { cwd: this.dir, encoding: 'utf8' });
    return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
  }

  /** Runs openssl and returns stdout; throws with the output on failure. */
  ok(args: string[]): string {
    return execFileSync('openssl', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
