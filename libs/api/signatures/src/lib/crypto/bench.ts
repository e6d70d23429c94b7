/**
 * Signing throughput on this machine, both figures from the same run so their ratio is meaningful:
 * (a) the bare RSA-2048 operation, (b) a whole CAdES-BES detached CMS (ASN.1 by forge, RSA by node:crypto), 1 KB.
 * Call from a script (e.g. bundle with esbuild and run with node); no test asserts timings.
 */
import { randomBytes, sign } from 'node:crypto';

import { signDetached } from './cms';
import { createIssuingCaCertificate, createRootCaCertificate, generateRsaKeyPairSync, issueUserCertificate } from './pki';

export interface SigningBenchmark {
  iterations: number;
  /** crypto.sign('sha256', 1 KB, RSA-2048 key) per second. */
  bareRsaPerSecond: number;
  /** signDetached(1 KB) per second (no time-stamp). */
  cmsDetachedPerSecond: number;
  /** bare / CMS: the cost of everything around the RSA operation. */
  ratio: number;
}

/**
 * Runs a and b in alternating rounds and sums each one's time, so load from other processes during the run falls
 * on both alike and the ratio stays meaningful on a shared machine.
 */
function interleaved(iterations: number, a: () => void, b: () => void): [number, number] {
  a(); // warm-up
  b();
  const rounds = Math.min(10, iterations);
  const per = Math.ceil(iterations / rounds);
  let ta = 0n;
  let tb = 0n;
  for (let r = 0; r < rounds; r++) {
    let t = process.hrtime.bigint();
    for (let i = 0; i < per; i++) a();
    ta += process.hrtime.bigint() - t;
    t = process.hrtime.bigint();
    for (let i = 0; i < per; i++) b();
    tb += process.hrtime.bigint() - t;
  }
  const n = per * rounds;
  return [n / (Number(ta) / 1e9), n / (Number(tb) / 1e9)];
}

export function measureSigning(iterations = 500): SigningBenchmark {
  const facility = { facilityName: 'Bệnh viện Benchmark', facilityCode: '00000' };
  const rootKeys = generateRsaKeyPairSync();
  const root = { certificatePem: createRootCaCertificate({ ...facility, commonName: 'Bench Root', validityYears: 10, privateKey: rootKeys.privateKey }), privateKey: rootKeys.privateKey };
  const caKeys = generateRsaKeyPairSync();
  const ca = {
    certificatePem: createIssuingCaCertificate({ ...facility, commonName: 'Bench CA', issuer: root, publicKey: caKeys.publicKey, validityYears: 5, crlUrl: 'http://localhost/root.crl' }),
    privateKey: caKeys.privateKey,
  };
  const user = generateRsaKeyPairSync();
  const certificatePem = issueUserCertificate({
    issuer: ca,
    subject: { ...facility, fullName: 'Trần Văn Bình', username: 'binh.tv', practisingCertificateNo: '000001/HCM-CCHN' },
    publicKey: user.publicKey,
    validityYears: 1,
    crlUrl: 'http://localhost/ca.crl',
  });
  const content = randomBytes(1024);
  const signingTime = new Date();

  const [bareRsaPerSecond, cmsDetachedPerSecond] = interleaved(
    iterations,
    () => sign('sha256', content, user.privateKey),
    () => signDetached({ content, signerCertificate: certificatePem, chain: [ca.certificatePem], privateKey: user.privateKey, signingTime }),
  );
  return { iterations: Math.ceil(iterations / Math.min(10, iterations)) * Math.min(10, iterations), bareRsaPerSecond, cmsDetachedPerSecond, ratio: bareRsaPerSecond / cmsDetachedPerSecond };
}
