#!/usr/bin/env node
// PDF throughput through the built API:
//  1. one version printed: GET /api/versions/{id}/pdf (gather, validate its signatures, render) for a signed
//     treatment sheet, sequentially;
//  2. a whole 40-document stay archived: POST /api/encounters/{id}/archive (read every version and signature,
//     render the PDF/A-3 with attachments, seal it with the organisation certificate and a time-stamp, store it,
//     record it), then re-opened and archived again, each time a new generation: time, size, pages.
//     The baseline, in the same calls: rendering the same PDF/A-3 without sealing it — the render phase of each archive
//     (renderEncounterArchive over the gathered documents: no gathering, no seal, no time-stamp, no storing), as the
//     API times it itself and logs it at info ("… gathered in … ms, rendered in … ms, sealed in … ms, stored in … ms").
// Usage: npm run build && node tools/bench/archive.mjs [--runs 30] [--archives 5] [--documents 40]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { emitResult, percentile, summarize, withDemoApi } from './support.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 30);
const ARCHIVES = arg('archives', 5);
const DOCUMENTS = arg('documents', 40);
const PIN = '123456';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sample = (slug) => JSON.parse(readFileSync(join(root, 'libs/api/documents/src/testing/form-samples', `${slug}.valid.json`), 'utf8'));
const stats = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95), perSecond: 1000 / (sorted.reduce((a, b) => a + b, 0) / sorted.length) };
};

console.log(`archive benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.versions.node}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const archiveDir = mkdtempSync(join(tmpdir(), 'benhan-bench-archive-'));
try {
  await withDemoApi(
    async ({ api, call, login }) => {
      const [doctor, head, nurse, records] = [await login('doctor'), await login('headdoctor'), await login('nurse'), await login('records')];
      const download = async (path, token) => {
        const start = performance.now();
        const res = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
        const bytes = Buffer.from(await res.arrayBuffer());
        if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${bytes.toString()}`);
        return { ms: performance.now() - start, bytes };
      };

      // 1. One version.
      const [signature] = (await call('GET', '/api/signatures?limit=50', records)).filter((s) => s.formCode === '39/BV2');
      const times = [];
      let size = 0;
      for (let i = 0; i < RUNS + 3; i++) {
        const { ms, bytes } = await download(`/api/versions/${signature.versionId}/pdf`, doctor);
        if (i >= 3) times.push(ms);
        size = bytes.length;
      }
      const single = stats(times);
      console.log(`\n| one version printed (39/BV2, ${RUNS} after 3 warm-ups) | PDFs/s | median ms | p95 ms | size |\n|---|---|---|---|---|`);
      console.log(`| GET /api/versions/{id}/pdf, sequential | ${single.perSecond.toFixed(1)} | ${single.median.toFixed(0)} | ${single.p95.toFixed(0)} | ${(size / 1024).toFixed(0)} KiB |`);

      // 2. A 40-document stay: written and signed through the API (not timed), discharged, then archived.
      const [noi] = (await call('GET', '/api/departments', doctor)).filter((d) => d.code === 'NOI');
      const stay = (await call("GET", `/api/encounters/census?departmentId=${noi.id}`, doctor)).at(-1);
      const t0 = performance.now();
      const write = async (token, formCode, content) => (await call('POST', `/api/encounters/${stay.encounterId}/documents`, token, { formCode, content })).id;
      const existing = (await call('GET', `/api/encounters/${stay.encounterId}/documents`, records)).length;
      const plan = [];
      plan.push({ id: await write(doctor, '01/BV1', sample('01-BV1-internal-medicine')), signers: [doctor, head] });
      plan.push({ id: await write(nurse, 'CS/BV2', sample('CS-BV2-nursing-care')), signers: [nurse] });
      for (let i = 0; existing + plan.length < DOCUMENTS - 2; i++) plan.push({ id: await write(doctor, '39/BV2', sample('39-BV2-treatment-sheet')), signers: [doctor] });
      const detail = await call('GET', `/api/encounters/${stay.encounterId}`, doctor);
      await call('POST', `/api/encounters/${stay.encounterId}/discharge`, doctor, { version: detail.version, outcome: 'recovered', type: 'discharged', diagnoses: [{ role: 'principal', code: 'J13' }] });
      plan.push({ id: await write(doctor, '02/TT25', sample('02-TT25-discharge-paper')), signers: [doctor, head] });
      plan.push({ id: await write(doctor, '03/TT25', sample('03-TT25-record-summary')), signers: [doctor, head] });
      for (const p of plan) for (const token of p.signers) await call('POST', `/api/versions/${p.id}/signatures`, token, { pin: PIN });
      const documents = (await call('GET', `/api/encounters/${stay.encounterId}/documents`, records)).length;
      console.log(`\nprepared a stay with ${documents} documents (${plan.reduce((n, p) => n + p.signers.length, 0)} signatures) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

      // The API's own phase times of one archive generation, read from its log (the line follows the response).
      const phases = async (archiveId, generation) => {
        const line = new RegExp(`Archived encounter ${stay.encounterId} generation ${generation}:[^"\\n]*?gathered in (\\d+) ms, rendered in (\\d+) ms, sealed in (\\d+) ms, stored in (\\d+) ms`);
        for (let waited = 0; waited < 5000; waited += 50) {
          const m = line.exec(api.output());
          if (m) return { gather: Number(m[1]), render: Number(m[2]), seal: Number(m[3]), store: Number(m[4]) };
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`no phase times logged for archive ${archiveId} (generation ${generation})`);
      };
      const archiveTimes = [];
      const phaseTimes = [];
      let last;
      for (let i = 0; i < ARCHIVES; i++) {
        if (last) await call('POST', `/api/archives/${last.id}/reopen`, records, { reason: 'Đo hiệu năng: lưu trữ lại' });
        const start = performance.now();
        last = await call('POST', `/api/encounters/${stay.encounterId}/archive`, records, {});
        archiveTimes.push(performance.now() - start);
        phaseTimes.push(await phases(last.id, last.generation ?? i + 1));
      }
      const archived = stats(archiveTimes);
      const file = await download(`/api/archives/${last.id}/pdf?purpose=benchmark`, records);
      console.log(`\n| a ${documents}-document stay archived (${ARCHIVES} generations) | archives/s | median ms | p95 ms | pages | size |\n|---|---|---|---|---|---|`);
      console.log(`| POST /api/encounters/{id}/archive: gather, render PDF/A-3, attach, seal + time-stamp, store | ${archived.perSecond.toFixed(2)} | ${archived.median.toFixed(0)} | ${archived.p95.toFixed(0)} | ${last.pageCount} | ${(last.sizeBytes / 1024).toFixed(0)} KiB |`);
      console.log(`| GET /api/archives/{id}/pdf (download of that file) | – | ${file.ms.toFixed(0)} | – | – | ${(file.bytes.length / 1024).toFixed(0)} KiB |`);
      const mean = (key) => phaseTimes.reduce((a, p) => a + p[key], 0) / phaseTimes.length;
      console.log(`| phases inside the API (mean): gather ${mean('gather').toFixed(0)} ms, render ${mean('render').toFixed(0)} ms, seal + time-stamp ${mean('seal').toFixed(0)} ms, store ${mean('store').toFixed(0)} ms | – | – | – | – | – |`);
      emitResult({
        scenario: 'archive',
        title: `archive a ${documents}-document stay (render PDF/A-3, seal, time-stamp, store), sequential`,
        unit: 'archives',
        metrics: summarize(archiveTimes),
        baseline: { name: `render phase alone of the same ${documents}-document PDF/A-3 (no gather, seal, time-stamp or store), the API's own timing`, ...summarize(phaseTimes.map((p) => p.render)) },
        sizes: { runs: RUNS, archives: ARCHIVES, documents, pages: last.pageCount, bytes: last.sizeBytes },
        notes: `no target; one version printed (GET /api/versions/{id}/pdf): median ${single.median.toFixed(0)} ms, p95 ${single.p95.toFixed(0)} ms; seal + time-stamp mean ${mean('seal').toFixed(0)} ms`,
      });
      const fixity = await call('POST', '/api/fixity/runs', records);
      console.log(`\nfixity run over ${fixity.checked} archives (${(fixity.bytesRead / 1048576).toFixed(1)} MiB): ${new Date(fixity.finishedAt) - new Date(fixity.startedAt)} ms, ${fixity.problems.length} problems`);
    },
    { ARCHIVE_DIR: archiveDir, FIXITY_INTERVAL_HOURS: '0', LOG_LEVEL: 'info' },
  );
} finally {
  rmSync(archiveDir, { recursive: true, force: true });
}
console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
