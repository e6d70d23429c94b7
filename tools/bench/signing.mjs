#!/usr/bin/env node
// Signing throughput, in one run:
//  1. raw, in this process: bare crypto.sign('sha256', 1 KB, RSA-2048) against the detached CMS build
//     (signDetached, no TSA), interleaved by measureSigning so the ratio holds on a loaded machine; then what else
//     the API does per signature in CPU: opening the PIN-protected key (decryptPrivateKey, PBES2) and the
//     RFC 3161 token, alone and as the whole chain;
//  2. end to end through the built API: the demo doctor signs drafts of treatment sheets (39/BV2) with
//     POST /api/versions/{id}/signatures {pin} (key under the PIN, CMS, time-stamp, sign-off and signature row in
//     one transaction), sequentially, then with several concurrent clients.
// Usage: npm run build && node tools/bench/signing.mjs [--runs 100] [--clients 4] [--raw-iterations 500]
// Uses DATABASE_URL's server when set, else a throwaway embedded PostgreSQL.
import { createHmac, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { query } from '../testing/postgres.cjs';
import { emitResult, percentile, summarize, withDemoApi } from './support.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 100);
const CLIENTS = arg('clients', 4);
const RAW_ITERATIONS = arg('raw-iterations', 500);
const WARMUP = 5;
const PIN = '123456';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sample = JSON.parse(readFileSync(join(root, 'libs/api/documents/src/testing/form-samples/39-BV2-treatment-sheet.valid.json'), 'utf8'));
const fmt = (n, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

// ---------------------------------------------------------------- 1. raw
// The crypto layer is TypeScript with relative imports only: bundled once by esbuild (as bench.ts suggests), then required.
async function loadCrypto() {
  const dir = mkdtempSync(join(tmpdir(), 'benhan-bench-signing-'));
  const outfile = join(dir, 'crypto.cjs');
  const cryptoDir = join(root, 'libs/api/signatures/src/lib/crypto');
  await build({
    stdin: { contents: `export { measureSigning } from './bench'; export * from './index';`, resolveDir: cryptoDir, loader: 'ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    logLevel: 'error',
  });
  try {
    return createRequire(import.meta.url)(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs fn n times after two warm-up calls; returns per-call ms (sorted) and calls per second. */
function timeLoop(n, fn) {
  fn();
  fn();
  const times = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  const seconds = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  return { times, perSecond: n / seconds };
}

async function raw() {
  const c = await loadCrypto();
  const m = c.measureSigning(RAW_ITERATIONS);

  // What the API does per signature besides the CMS build, with the same shapes as SigningService.
  const authorities = await c.createFacilityAuthorities({ facilityName: 'Bệnh viện Benchmark', facilityCode: '00000', crlUrl: 'http://localhost/ca.crl' });
  const user = c.generateRsaKeyPairSync();
  const certificatePem = c.issueUserCertificate({
    issuer: authorities.issuing,
    subject: { facilityName: 'Bệnh viện Benchmark', facilityCode: '00000', fullName: 'Trần Văn Bình', username: 'binh.tv', practisingCertificateNo: '000001/HCM-CCHN' },
    publicKey: user.publicKey,
    validityYears: 1,
    crlUrl: 'http://localhost/ca.crl',
  });
  const passphrase = createHmac('sha256', randomBytes(32)).update(`signing-pin:${PIN}`).digest('base64'); // as SigningService.passphrase
  const encryptedKeyPem = c.encryptPrivateKey(user.privateKey, passphrase);
  const chain = [authorities.issuing.certificatePem, authorities.root.certificatePem];
  const content = randomBytes(1024);
  const n = Math.max(50, Math.round(RAW_ITERATIONS / 2));

  const decrypt = timeLoop(n, () => c.decryptPrivateKey(encryptedKeyPem, passphrase));
  const cms = c.signDetached({ content, signerCertificate: certificatePem, chain, privateKey: user.privateKey, signingTime: new Date() });
  const tsa = timeLoop(n, () => c.timestampSignature(cms, { tsaCertificate: authorities.tsa.certificatePem, tsaKey: authorities.tsa.privateKey, chain, time: new Date(), serial: randomBytes(16) }));
  // The baseline of the end-to-end figure: bare node:crypto signing of the bytes the drafts below carry.
  const sampleBytes = Buffer.from(JSON.stringify(sample), 'utf8');
  const bareSame = timeLoop(n, () => sign('sha256', sampleBytes, user.privateKey));
  const whole = timeLoop(n, () => {
    const now = new Date();
    const key = c.decryptPrivateKey(encryptedKeyPem, passphrase);
    const signed = c.signDetached({ content, signerCertificate: certificatePem, chain, privateKey: key, signingTime: now });
    const token = c.timestampSignature(signed, { tsaCertificate: authorities.tsa.certificatePem, tsaKey: authorities.tsa.privateKey, chain, time: now, serial: randomBytes(16) });
    c.addUnsignedTimestamp(signed, token);
    c.parseTimestampToken(token);
  });
  // PBES2 parameters of the stored key, read from the PEM: PBKDF2 iterations (Node/OpenSSL default).
  const der = c.pemBlocks(encryptedKeyPem, 'ENCRYPTED PRIVATE KEY')[0];
  const iterations = pbkdf2Iterations(der);

  const median = (t) => percentile(t.times, 50);
  console.log(`\n| raw, 1 KB, RSA-2048 (this process, one thread) | per second | median ms per call |\n|---|---|---|`);
  console.log(`| bare crypto.sign('sha256') (${fmt(m.iterations)} interleaved with the next row) | ${fmt(m.bareRsaPerSecond)} | ${(1000 / m.bareRsaPerSecond).toFixed(2)} |`);
  console.log(`| signDetached: CAdES-BES detached CMS, no TSA (${fmt(m.iterations)}) | ${fmt(m.cmsDetachedPerSecond)} | ${(1000 / m.cmsDetachedPerSecond).toFixed(2)} |`);
  console.log(`| bare crypto.sign('sha256') of the 39/BV2 sample's JSON (${fmt(sampleBytes.length)} B) (${n}) | ${fmt(bareSame.perSecond)} | ${median(bareSame).toFixed(2)} |`);
  console.log(`| decryptPrivateKey: PBES2 (PBKDF2-HMAC-SHA256 × ${iterations ?? '?'}, AES-256-CBC) (${n}) | ${fmt(decrypt.perSecond)} | ${median(decrypt).toFixed(2)} |`);
  console.log(`| timestampSignature: RFC 3161 token over the CMS (${n}) | ${fmt(tsa.perSecond)} | ${median(tsa).toFixed(2)} |`);
  console.log(`| the API's crypto per signature: decrypt + signDetached + token + embed + parse (${n}) | ${fmt(whole.perSecond)} | ${median(whole).toFixed(2)} |`);
  console.log(`\nbare / CMS ratio: ${m.ratio.toFixed(2)} (the CMS build costs ${(m.ratio).toFixed(2)}× a bare RSA signature)`);
  const bareSameBytes = { ...summarize(bareSame.times), throughput_per_s: bareSame.perSecond, bytes: sampleBytes.length, iterations: n };
  return { bare: m.bareRsaPerSecond, cms: m.cmsDetachedPerSecond, decryptMs: median(decrypt), chainPerSecond: whole.perSecond, bareSameBytes };
}

/** The PBKDF2 iteration count inside an EncryptedPrivateKeyInfo (DER), found by its OID. */
function pbkdf2Iterations(der) {
  const oid = Buffer.from('06092a864886f70d01050c', 'hex'); // 1.2.840.113549.1.5.12 id-PBKDF2
  const at = der.indexOf(oid);
  if (at < 0) return null;
  let p = at + oid.length;
  if (der[p] !== 0x30) return null; // PBKDF2-params SEQUENCE
  p += der[p + 1] & 0x80 ? 2 + (der[p + 1] & 0x7f) : 2;
  if (der[p] !== 0x04) return null; // salt OCTET STRING
  p += 2 + der[p + 1];
  if (der[p] !== 0x02) return null; // iterationCount INTEGER
  return der.subarray(p + 2, p + 2 + der[p + 1]).reduce((v, b) => v * 256 + b, 0);
}

// ---------------------------------------------------------------- 2. end to end
async function endToEnd(rawFigures) {
  return withDemoApi(async ({ api, url, call, login }) => {
    const [doctor, records] = [await login('doctor'), await login('records')];
    const [noi] = (await call('GET', '/api/departments', doctor)).filter((d) => d.code === 'NOI');
    const stays = await call('GET', `/api/encounters/census?departmentId=${noi.id}`, doctor);
    if (!stays.length) throw new Error('no internal-medicine stays in the demo census');

    // Drafts first, not timed: complete treatment sheets spread over the ward's stays.
    const t0 = performance.now();
    const total = WARMUP + RUNS + RUNS;
    const drafts = [];
    for (let i = 0; i < total; i++) {
      const stay = stays[i % stays.length];
      drafts.push((await call('POST', `/api/encounters/${stay.encounterId}/documents`, doctor, { formCode: '39/BV2', content: sample })).id);
    }
    console.log(`\ncreated ${total} draft treatment sheets (39/BV2) over ${stays.length} internal-medicine stays in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const [{ n: before }] = (await query(url, 'SELECT count(*)::int AS n FROM signatures')).rows;

    const signOne = async (versionId) => {
      const start = performance.now();
      const res = await fetch(`${api.baseUrl}/api/versions/${versionId}/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${doctor}` },
        body: JSON.stringify({ pin: PIN }),
      });
      const body = await res.json();
      const ms = performance.now() - start;
      if (res.status !== 201) throw new Error(`sign ${versionId}: HTTP ${res.status} ${JSON.stringify(body)}`);
      return ms;
    };

    for (const id of drafts.slice(0, WARMUP)) await signOne(id); // warm-up
    const sequential = drafts.slice(WARMUP, WARMUP + RUNS);
    const concurrent = drafts.slice(WARMUP + RUNS);

    const rows = [];
    {
      const times = [];
      const start = performance.now();
      for (const id of sequential) times.push(await signOne(id));
      const seconds = (performance.now() - start) / 1000;
      times.sort((a, b) => a - b);
      rows.push({ label: `sequential, 1 client (${RUNS} signatures)`, perSecond: RUNS / seconds, median: percentile(times, 50), p95: percentile(times, 95) });
    }
    {
      const times = [];
      const queue = [...concurrent];
      const start = performance.now();
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          for (let id = queue.shift(); id; id = queue.shift()) times.push(await signOne(id));
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      times.sort((a, b) => a - b);
      rows.push({ label: `${CLIENTS} concurrent clients (${RUNS} signatures)`, perSecond: RUNS / seconds, median: percentile(times, 50), p95: percentile(times, 95) });
    }

    {
      // Reference: the same server's floor for an authenticated request (HTTP, JWT, two small queries, JSON).
      const times = [];
      for (let i = 0; i < RUNS + WARMUP; i++) {
        const start = performance.now();
        const res = await fetch(`${api.baseUrl}/api/me/signing`, { headers: { authorization: `Bearer ${doctor}` } });
        await res.json();
        if (res.status !== 200) throw new Error(`GET /api/me/signing: HTTP ${res.status}`);
        if (i >= WARMUP) times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      rows.push({ label: `reference: GET /api/me/signing, sequential (${RUNS})`, perSecond: 1000 / (times.reduce((a, b) => a + b, 0) / times.length), median: percentile(times, 50), p95: percentile(times, 95), reference: true });
    }

    // Every signature is stored and one of them verifies.
    const [{ n: after }] = (await query(url, 'SELECT count(*)::int AS n FROM signatures')).rows;
    if (after - before !== WARMUP + 2 * RUNS) throw new Error(`expected ${WARMUP + 2 * RUNS} new signatures, found ${after - before}`);
    const report = await call('GET', `/api/versions/${concurrent[concurrent.length - 1]}/signatures/report`, records);
    if (report.indication !== 'PASSED') throw new Error(`last signature's report: ${report.indication}`);

    console.log(`\n| sign + store through the API (demo doctor, PIN, 39/BV2, after ${WARMUP} warm-ups) | signatures/s | median ms | p95 ms | bare RSA / this |\n|---|---|---|---|---|`);
    for (const r of rows) console.log(`| ${r.label} | ${r.perSecond.toFixed(1)}${r.reference ? ' requests/s' : ''} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.reference ? '–' : (rawFigures.bare / r.perSecond).toFixed(1)} |`);
    console.log(`\n${after - before} signatures stored; the last one's validation report: ${report.indication}`);
    const b = rawFigures.bareSameBytes;
    emitResult({
      scenario: 'signing',
      title: `sign + store a 39/BV2 version through the API, ${CLIENTS} clients`,
      unit: 'signatures',
      metrics: { median_ms: rows[1].median, p95_ms: rows[1].p95, throughput_per_s: rows[1].perSecond },
      baseline: { name: `bare node:crypto sign (SHA-256, RSA-2048) of the drafts' content JSON (${b.bytes} B), one thread`, median_ms: b.median_ms, p95_ms: b.p95_ms, throughput_per_s: b.throughput_per_s },
      target: { metric: 'throughput_per_s', op: '>=', value: 300, text: '≥ 300 signed versions/s' },
      sizes: { runs: RUNS, clients: CLIENTS, rawIterations: RAW_ITERATIONS },
      notes: `sequential: ${rows[0].perSecond.toFixed(1)}/s, p95 ${rows[0].p95.toFixed(1)} ms`,
    });
  });
}

console.log(`signing benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.versions.node}, OpenSSL ${process.versions.openssl}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const rawFigures = await raw();
await endToEnd(rawFigures);
console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
