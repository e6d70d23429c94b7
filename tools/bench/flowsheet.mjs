#!/usr/bin/env node
// The vital-signs flowsheet of a 60-day stay with hourly readings (60 × 24 × 8 = 11,520 observations),
// among other long stays' charts, timed through the real API (HTTP, auth, department scoping, the query,
// the entered-in-error join, the JSON). Prints median and p95 for the whole stay and for one day.
// Usage: npm run build && node tools/bench/flowsheet.mjs [--days 60] [--other-stays 100] [--runs 50]
// Uses DATABASE_URL's server when set, else a throwaway embedded PostgreSQL.
import { performance } from 'node:perf_hooks';
import { query } from '../testing/postgres.cjs';
import { emitResult, percentile, summarize, withDemoApi } from './support.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DAYS = arg('days', 60);
const OTHER_STAYS = arg('other-stays', 100);
const RUNS = arg('runs', 50);
const KINDS = `(VALUES ('pulse', 80, '/min', '8867-4'), ('temperature', 36.8, 'Cel', '8310-5'), ('systolic_bp', 120, 'mm[Hg]', '8480-6'),
  ('diastolic_bp', 75, 'mm[Hg]', '8462-4'), ('respiratory_rate', 16, '/min', '9279-1'), ('spo2', 98, '%', '59408-5'),
  ('weight', 62.5, 'kg', '29463-7'), ('height', 165, 'cm', '8302-2')) AS k(kind, value, unit, loinc)`;


await withDemoApi(async ({ api, url, call, login }) => {
  const [doctor, nurse] = [await login('doctor'), await login('nurse')];
  const [noi] = (await call('GET', '/api/departments', doctor)).filter((d) => d.code === 'NOI');

  // The measured stay and the others are admitted through the API, then backdated and charted in SQL.
  const t0 = performance.now();
  const stays = [];
  for (let i = 0; i <= OTHER_STAYS; i++) {
    const patient = await call('POST', '/api/patients', doctor, { fullName: `Bệnh Nhân Dài Ngày ${i}`, birthYear: 1950 + (i % 50), sex: i % 2 ? 'male' : 'female', confirmDuplicate: true });
    stays.push((await call('POST', '/api/encounters/admissions', doctor, { patientId: patient.id, departmentId: noi.id, source: 'emergency' })).id);
  }
  const [{ id: nurseId }] = (await query(url, `SELECT id FROM users WHERE username = 'nurse'`)).rows;
  await query(url, `UPDATE encounters SET started_at = date_trunc('hour', now()) - $2 * interval '1 day' WHERE id = ANY($1)`, [stays, DAYS]);
  // Interleaved like a real ward: every stay charted hour by hour, so one stay's rows are spread over the table.
  await query(
    url,
    `INSERT INTO vital_sign_observations (facility_id, encounter_id, kind, value, unit, loinc, flag, taken_at, recorded_at, recorded_by)
     SELECT e.facility_id, e.id, k.kind, k.value, k.unit, k.loinc, 'normal', e.started_at + h * interval '1 hour', e.started_at + h * interval '1 hour', $2
       FROM generate_series(0, $3::int * 24 - 1) AS h, encounters e, ${KINDS}
      WHERE e.id = ANY($1)
      ORDER BY h, e.id`,
    [stays, nurseId, DAYS],
  );
  // A few readings marked entered-in-error, so the join has something to find.
  await query(
    url,
    `INSERT INTO vital_sign_entered_in_error (observation_id, facility_id, reason, recorded_at, recorded_by)
     SELECT id, facility_id, 'bench', now(), $2 FROM vital_sign_observations WHERE encounter_id = $1 AND kind = 'temperature' AND extract(hour FROM taken_at) = 3`,
    [stays[0], nurseId],
  );
  await query(url, 'ANALYZE vital_sign_observations; ANALYZE vital_sign_entered_in_error');
  const [{ n: total }] = (await query(url, `SELECT count(*)::int AS n FROM vital_sign_observations`)).rows;
  console.log(`charted ${stays.length} stays × ${DAYS} days × 24 h × 8 kinds = ${total.toLocaleString('en')} observations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const stay = stays[0];
  const first = (await call('GET', `/api/encounters/${stay}/vital-signs`, nurse)).observations;
  const day = new Date(Date.parse(first[0].takenAt) + 30 * 86_400_000);
  const kinds = {
    [`whole stay (${first.length.toLocaleString('en')} observations)`]: `/api/encounters/${stay}/vital-signs`,
    'one day (192 observations)': `/api/encounters/${stay}/vital-signs?from=${encodeURIComponent(day.toISOString())}&to=${encodeURIComponent(new Date(day.getTime() + 23 * 3_600_000).toISOString())}`,
  };
  console.log(`\n| flowsheet (${DAYS}-day hourly stay among ${total.toLocaleString('en')} observations, ${RUNS} runs, sequential) | median ms | p95 ms | first byte, median ms | response KiB |\n|---|---|---|---|---|`);
  const measured = [];
  for (const [label, path] of Object.entries(kinds)) {
    const times = [];
    const firstBytes = [];
    let bytes = 0;
    for (let i = 0; i < RUNS + 5; i++) {
      const start = performance.now();
      const res = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${nurse}` } });
      const firstByte = performance.now() - start;
      const text = await res.text();
      const ms = performance.now() - start;
      if (res.status !== 200) throw new Error(`${label}: HTTP ${res.status} ${text}`);
      if (i >= 5) {
        // the first five warm the caches
        times.push(ms);
        firstBytes.push(firstByte);
      }
      bytes = text.length;
    }
    times.sort((a, b) => a - b);
    firstBytes.sort((a, b) => a - b);
    measured.push({ label, metrics: summarize(times) });
    console.log(`| ${label} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${percentile(firstBytes, 50).toFixed(1)} | ${Math.round(bytes / 1024)} |`);
  }

  const plan = (
    await query(
      url,
      `EXPLAIN (ANALYZE, BUFFERS) SELECT o.*, x.reason FROM vital_sign_observations o
         LEFT JOIN vital_sign_entered_in_error x ON x.observation_id = o.id
        WHERE o.encounter_id = $1 ORDER BY o.taken_at`,
      [stay],
    )
  ).rows.map((r) => r['QUERY PLAN']);
  console.log(`\nThe query's plan (whole stay):\n  ${plan.join('\n  ')}`);
  const [whole, oneDay] = measured;
  emitResult({
    scenario: 'flowsheet',
    title: `vital-signs flowsheet of a ${DAYS}-day stay, ${whole.label}, sequential`,
    unit: 'requests',
    metrics: whole.metrics,
    sizes: { days: DAYS, otherStays: OTHER_STAYS, runs: RUNS, observations: total },
    notes: `no baseline; one day: median ${oneDay.metrics.median_ms.toFixed(1)} ms, p95 ${oneDay.metrics.p95_ms.toFixed(1)} ms`,
  });
});
