#!/usr/bin/env node
// FHIR R4 read and search under load, through the built API on a fresh demo database grown to --observations lab
// observations (default 1,000,000, spread over the demo's stays and the catalogue's tests, inserted straight into
// the orders domain's tables as the schema owner). --clients concurrent clients (default 50) each loop for
// --seconds (default 20) per scenario, as the demo LIS (client credentials, system/*.read):
//   read    GET /fhir/R4/Observation/{id}                                  (random ids)
//   search  GET /fhir/R4/Observation?patient=…&code=…&_count=20            (a test's trend for one patient)
//   page    GET /fhir/R4/Observation?patient=…&category=laboratory&date=ge…&_count=50
//   accurate  the search with _total=accurate                            (counts every match of the patient's test)
//   deep    the search at _offset=10000                                    (the 501st page by offset)
//   cursor  the same page through the _cursor of the 500th page's next link (skipped where the server pages by offset only)
// The baselines, in the same run, for read and search: a bare node:http server in its own process answering every
// request with one fixed JSON of the median byte size of that scenario's FHIR responses, hit by the same client loop
// with the same clients and seconds.
// Usage: npm run build && node tools/bench/fhir.mjs [--observations 1000000] [--clients 50] [--seconds 20]
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { emitResult, percentile, startBareServer, summarize, withDemoApi } from './support.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const OBSERVATIONS = arg('observations', 1_000_000);
const CLIENTS = arg('clients', 50);
const SECONDS = arg('seconds', 20);

/** --clients concurrent clients looping for --seconds over path(i) on baseUrl: every time, the wall, failures, response sizes. */
async function load(baseUrl, path, headers) {
  const times = [];
  const sizes = [];
  let next = 0;
  let failures = 0;
  for (let w = 0; w < 5; w++) await fetch(`${baseUrl}${path(w)}`, { headers }).then((r) => r.arrayBuffer());
  const t0 = performance.now();
  const deadline = t0 + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const i = next++;
        const start = performance.now();
        const res = await fetch(`${baseUrl}${path(i)}`, { headers });
        sizes.push((await res.arrayBuffer()).byteLength);
        if (res.status !== 200) failures++;
        times.push(performance.now() - start);
      }
    }),
  );
  return { times, wall: performance.now() - t0, failures, sizes: sizes.sort((a, b) => a - b) };
}
const line = (name, r) => {
  const s = summarize(r.times, r.wall);
  return `${name.padEnd(8)} ${CLIENTS} clients: ${r.times.length} requests in ${(r.wall / 1000).toFixed(1)} s = ${s.throughput_per_s.toFixed(0)}/s, median ${s.median_ms.toFixed(1)} ms, p95 ${s.p95_ms.toFixed(1)} ms, failures ${r.failures}`;
};

console.log(`FHIR benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.versions.node}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await withDemoApi(
  async ({ api, url }) => {
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    try {
      // The demo's lab reports anchor the rows (every observation needs its report, order, patient and stay).
      const { rows: reports } = await owner.query(`SELECT id, order_id, patient_id, encounter_id, facility_id FROM diagnostic_reports WHERE category = 'laboratory'`);
      if (!reports.length) throw new Error('the demo seed has no lab report');
      const { rows: stays } = await owner.query(`SELECT id AS encounter_id, patient_id FROM encounters`);
      const codes = [
        ['2345-7', 'Glucose', 'mmol/L', 3.9, 6.4],
        ['2160-0', 'Creatinine', 'umol/L', 62, 106],
        ['1742-6', 'ALT', 'U/L', 0, 40],
        ['2823-3', 'Potassium', 'mmol/L', 3.5, 5.1],
        ['2951-2', 'Sodium', 'mmol/L', 135, 145],
        ['718-7', 'Hemoglobin', 'g/L', 120, 160],
      ];
      const started = performance.now();
      const BATCH = 100_000;
      for (let done = 0; done < OBSERVATIONS; done += BATCH) {
        const n = Math.min(BATCH, OBSERVATIONS - done);
        // Rows spread round-robin over stays and tests, one a minute back from now; the report is the demo's.
        await owner.query(
          `INSERT INTO observations (facility_id, report_id, order_id, patient_id, encounter_id, position, code, display, value_quantity, unit,
                                     reference_low, reference_high, interpretation, status, effective_at, issued, created_at)
           SELECT $1, $2, $3, s.patient_id, s.encounter_id, 1, c.code, c.display, round((c.low + random() * (c.high - c.low) * 1.3)::numeric, 1), c.unit,
                  c.low, c.high, 'N', 'final', now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval, now()
             FROM generate_series($4::int, $5::int) g
             JOIN LATERAL (SELECT * FROM jsonb_to_record($6::jsonb -> (g % jsonb_array_length($6::jsonb))) AS x(patient_id uuid, encounter_id uuid)) s ON true
             JOIN LATERAL (SELECT * FROM jsonb_to_record($7::jsonb -> (g % jsonb_array_length($7::jsonb))) AS y(code text, display text, unit text, low numeric, high numeric)) c ON true`,
          [
            reports[0].facility_id,
            reports[0].id,
            reports[0].order_id,
            done + 1,
            done + n,
            JSON.stringify(stays),
            JSON.stringify(codes.map(([code, display, unit, low, high]) => ({ code, display, unit, low, high }))),
          ],
        );
      }
      await owner.query(`ANALYZE observations`);
      const [{ n: total }] = (await owner.query(`SELECT count(*)::int AS n FROM observations`)).rows;
      console.log(`observations: ${total.toLocaleString('en')} (inserted ${OBSERVATIONS.toLocaleString('en')} in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
      const { rows: sample } = await owner.query(`SELECT id, patient_id, code FROM observations TABLESAMPLE SYSTEM (1) LIMIT 2000`);

      const tokenRes = await fetch(`${api.baseUrl}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'lis', client_secret: 'lis-demo-secret-2026' }),
      });
      const { access_token: token } = await tokenRes.json();
      const since = new Date(Date.now() - 3 * 86_400_000).toISOString();
      const search = (i) => `/fhir/R4/Observation?patient=Patient/${sample[i % sample.length].patient_id}&code=http://loinc.org|${sample[i % sample.length].code}&_count=20`;
      const fhir = async (path) => (await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })).json();
      // The 501st page by key: the next link of the 500th page, fetched once per sampled patient and test before timing.
      const cursors = [];
      // (At small --observations a patient's test may have no 501st page: then no next link, and no cursor scenario.)
      const nextLink = async (i) => (await fhir(`${search(i)}&_offset=9980`)).link?.find((l) => l.relation === 'next')?.url;
      const probe = await nextLink(0);
      if (probe && new URL(probe).searchParams.has('_cursor')) {
        for (let i = 0; i < 100; i++) {
          const link = await nextLink(i);
          if (link) cursors.push(new URL(link));
        }
      }
      const scenarios = {
        read: (i) => `/fhir/R4/Observation/${sample[i % sample.length].id}`,
        search,
        page: (i) => `/fhir/R4/Observation?patient=Patient/${sample[i % sample.length].patient_id}&category=laboratory&date=ge${since}&_count=50`,
        accurate: (i) => `${search(i)}&_total=accurate`,
        deep: (i) => `${search(i)}&_offset=10000`,
        ...(cursors.length ? { cursor: (i) => `${cursors[i % cursors.length].pathname}${cursors[i % cursors.length].search}` } : {}),
      };
      const headers = { authorization: `Bearer ${token}`, accept: 'application/fhir+json' };
      const measured = {};
      for (const [name, path] of Object.entries(scenarios)) {
        measured[name] = await load(api.baseUrl, path, headers);
        console.log(line(name, measured[name]));
      }
      const targets = { read: 'p95 ≤ 20 ms at 50 clients', search: 'p95 ≤ 100 ms at 50 clients' };
      for (const [name, p95] of [['read', 20], ['search', 100]]) {
        const bytes = percentile(measured[name].sizes, 50);
        const bare = await startBareServer('http', bytes);
        let baseline;
        try {
          baseline = await load(`http://127.0.0.1:${bare.port}`, scenarios[name], headers);
        } finally {
          await bare.stop();
        }
        console.log(line(`bare ${name}`, baseline) + ` (node:http, a fixed ${bytes} B JSON)`);
        if (measured[name].failures || baseline.failures) throw new Error(`${name}: ${measured[name].failures} failed FHIR requests, ${baseline.failures} failed bare ones`);
        emitResult({
          scenario: `fhir-${name}`,
          title: `FHIR ${name} (${name === 'read' ? 'Observation/{id}' : 'Observation?patient&code&_count=20'}), ${CLIENTS} clients`,
          unit: 'requests',
          metrics: summarize(measured[name].times, measured[name].wall),
          baseline: { name: `bare node:http server answering a fixed ${bytes} B JSON (the median FHIR response), same clients`, ...summarize(baseline.times, baseline.wall) },
          target: { metric: 'p95_ms', op: '<=', value: p95, text: targets[name] },
          sizes: { observations: OBSERVATIONS, clients: CLIENTS, seconds: SECONDS, responseBytes: bytes },
        });
      }
    } finally {
      await owner.end();
    }
  },
  { AUDIT_INTEGRITY_INTERVAL_HOURS: '0' },
);
