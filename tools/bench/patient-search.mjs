#!/usr/bin/env node
// Patient search at scale: a million generated patients, then timed searches through the real API
// (HTTP, auth, department scoping, the real query). Prints median and p95 per kind of search; the baseline, in the
// same run: a plain lookup by patient code on the unique index, in SQL over one open connection (no HTTP, no API).
// Usage: npm run build && node tools/bench/patient-search.mjs [--patients 1000000] [--runs 100]
// Uses DATABASE_URL's server when set, else a throwaway embedded PostgreSQL.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startApi } from '../testing/api-process.cjs';
import { createDatabase, dropDatabase, freePort, query, startTestServer, uniqueName } from '../testing/postgres.cjs';
import { emitResult, summarize } from './support.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PATIENTS = arg('patients', 1_000_000);
const RUNS = arg('runs', 100);

const FAMILY = [['Nguyễn', 'nguyen'], ['Trần', 'tran'], ['Lê', 'le'], ['Phạm', 'pham'], ['Hoàng', 'hoang'], ['Huỳnh', 'huynh'], ['Phan', 'phan'], ['Vũ', 'vu'], ['Võ', 'vo'], ['Đặng', 'dang'], ['Bùi', 'bui'], ['Đỗ', 'do'], ['Hồ', 'ho'], ['Ngô', 'ngo'], ['Dương', 'duong'], ['Lý', 'ly']];
const MIDDLE = [['Văn', 'van'], ['Thị', 'thi'], ['Hữu', 'huu'], ['Đức', 'duc'], ['Minh', 'minh'], ['Ngọc', 'ngoc'], ['Thanh', 'thanh'], ['Quang', 'quang'], ['Thu', 'thu'], ['Hoài', 'hoai']];
const GIVEN = [['An', 'an'], ['Bình', 'binh'], ['Cường', 'cuong'], ['Dũng', 'dung'], ['Hà', 'ha'], ['Hải', 'hai'], ['Hạnh', 'hanh'], ['Hiếu', 'hieu'], ['Hoa', 'hoa'], ['Hùng', 'hung'], ['Hương', 'huong'], ['Hường', 'huong'], ['Lan', 'lan'], ['Linh', 'linh'], ['Long', 'long'], ['Mai', 'mai'], ['Nam', 'nam'], ['Phúc', 'phuc'], ['Quân', 'quan'], ['Sơn', 'son'], ['Tâm', 'tam'], ['Thảo', 'thao'], ['Trang', 'trang'], ['Tuấn', 'tuan'], ['Vy', 'vy'], ['Yến', 'yen'], ['Khoa', 'khoa'], ['Giang', 'giang'], ['Đạt', 'dat']];
const sqlArray = (list, i) => `ARRAY[${list.map((x) => `'${x[i]}'`).join(',')}]`;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const server = await startTestServer();
const name = uniqueName('benhan_bench');
const url = await createDatabase(server.serverUrl, name);
const api = await startApi({ databaseUrl: url, port: await freePort(), env: { DEMO_SEED: 'true', LOGIN_RATE_LIMIT: '100000' }, timeoutMs: 180_000 });
try {
  const t0 = performance.now();
  const [{ id: facilityId }] = (await query(url, `SELECT id FROM facilities LIMIT 1`)).rows;
  // Names, birth dates, CCCDs consistent with sex and birth year, BHYT cards and phones for a share of them.
  await query(
    url,
    `INSERT INTO patients (facility_id, patient_code, full_name, search_name, birth_date, birth_year, sex, citizen_id, phone, insurance_card_number, insurance_valid_from, insurance_valid_to)
     SELECT $1, 'BN1' || lpad(i::text, 7, '0'),
            f.vi || ' ' || m.vi || ' ' || g.vi, f.fo || ' ' || m.fo || ' ' || g.fo,
            d, extract(year FROM d)::int, CASE WHEN i % 2 = 0 THEN 'male' ELSE 'female' END,
            CASE WHEN i % 3 <> 0 THEN '001' || ((CASE WHEN extract(year FROM d) >= 2000 THEN 2 ELSE 0 END) + (i % 2 = 1)::int)::text
                 || to_char(d, 'YY') || lpad((i % 1000000)::text, 6, '0') END,
            CASE WHEN i % 4 = 0 THEN '09' || lpad((i % 100000000)::text, 8, '0') END,
            CASE WHEN i % 5 <> 0 THEN 'DN401' || lpad(i::text, 10, '0') END,
            CASE WHEN i % 5 <> 0 THEN date '2026-01-01' END, CASE WHEN i % 5 <> 0 THEN date '2026-12-31' END
       FROM generate_series(1, $2::int) AS i,
            LATERAL (SELECT date '1930-01-01' + ((i::bigint * 7919) % 33000)::int AS d) AS bd,
            LATERAL (SELECT (${sqlArray(FAMILY, 0)})[1 + i % ${FAMILY.length}] AS vi, (${sqlArray(FAMILY, 1)})[1 + i % ${FAMILY.length}] AS fo) AS f,
            LATERAL (SELECT (${sqlArray(MIDDLE, 0)})[1 + (i / 7) % ${MIDDLE.length}] AS vi, (${sqlArray(MIDDLE, 1)})[1 + (i / 7) % ${MIDDLE.length}] AS fo) AS m,
            LATERAL (SELECT (${sqlArray(GIVEN, 0)})[1 + (i / 13) % ${GIVEN.length}] AS vi, (${sqlArray(GIVEN, 1)})[1 + (i / 13) % ${GIVEN.length}] AS fo) AS g`,
    [facilityId, PATIENTS],
  );
  await query(url, 'ANALYZE patients');
  const loadSeconds = (performance.now() - t0) / 1000;
  console.log(`generated ${PATIENTS.toLocaleString('en')} patients in ${loadSeconds.toFixed(1)} s (${Math.round(PATIENTS / loadSeconds).toLocaleString('en')} rows/s)`);

  const login = async (username) => {
    const res = await fetch(`${api.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Benhan@2026' }) });
    return (await res.json()).accessToken;
  };
  const records = await login('records');
  const doctor = await login('doctor');
  const sample = (await query(url, `SELECT patient_code, citizen_id, phone, insurance_card_number FROM patients WHERE phone IS NOT NULL AND citizen_id IS NOT NULL AND insurance_card_number IS NOT NULL ORDER BY random() LIMIT $1`, [RUNS])).rows;
  const names = ['nguyen thi huong', 'tran van', 'hoang ngoc lan', 'thi mai', 'duong huu dat', 'le thanh'];

  const kinds = {
    'name, no diacritics (records office, whole facility)': (i) => [records, names[i % names.length]],
    'name, no diacritics (doctor, own department)': (i) => [doctor, names[i % names.length]],
    'CCCD': (i) => [records, sample[i % sample.length].citizen_id],
    'BHYT card number': (i) => [records, sample[i % sample.length].insurance_card_number],
    'phone': (i) => [records, sample[i % sample.length].phone],
    'patient code': (i) => [records, sample[i % sample.length].patient_code],
  };
  console.log(`\n| search (${PATIENTS.toLocaleString('en')} patients, ${RUNS} runs, sequential) | median ms | p95 ms | results (first run) |\n|---|---|---|---|`);
  const all = [];
  const perKind = {};
  for (const [label, make] of Object.entries(kinds)) {
    const times = [];
    let firstTotal = null;
    for (let i = 0; i < RUNS + 5; i++) {
      const [token, q] = make(i);
      const start = performance.now();
      const res = await fetch(`${api.baseUrl}/api/patients?q=${encodeURIComponent(q)}&limit=20`, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.json();
      const ms = performance.now() - start;
      if (res.status !== 200) throw new Error(`${label}: HTTP ${res.status} ${JSON.stringify(body)}`);
      if (i >= 5) times.push(ms); // the first five warm the caches
      if (firstTotal === null) firstTotal = body.total;
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    perKind[label] = Number(percentile(times, 95).toFixed(1));
    console.log(`| ${label} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${firstTotal} |`);
  }

  // Baseline: the same sample's codes looked up in SQL on the (facility_id, patient_code) unique index.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const lookups = [];
  try {
    for (let i = 0; i < RUNS + 5; i++) {
      const start = performance.now();
      const { rows } = await client.query(`SELECT id, patient_code, full_name, birth_date FROM patients WHERE facility_id = $1 AND patient_code = $2`, [facilityId, sample[i % sample.length].patient_code]);
      const ms = performance.now() - start;
      if (rows.length !== 1) throw new Error(`lookup by code: ${rows.length} rows`);
      if (i >= 5) lookups.push(ms);
    }
  } finally {
    await client.end();
  }
  const baseline = summarize(lookups);
  console.log(`| baseline: SELECT … WHERE patient_code = $1 in SQL, one connection | ${baseline.median_ms.toFixed(1)} | ${baseline.p95_ms.toFixed(1)} | 1 |`);
  emitResult({
    scenario: 'patient-search',
    title: `patient search through the API, ${Object.keys(kinds).length} kinds pooled, sequential`,
    unit: 'searches',
    metrics: summarize(all),
    baseline: { name: 'plain lookup by patient code on its unique index, SQL over one open connection', ...baseline },
    target: { metric: 'p95_ms', op: '<=', value: 50, text: 'p95 ≤ 50 ms (1 M patients)' },
    sizes: { patients: PATIENTS, runs: RUNS },
    notes: `p95 by kind (ms): ${Object.entries(perKind).map(([k, v]) => `${k} ${v}`).join('; ')}`,
  });
} finally {
  await api.stop();
  await dropDatabase(server.serverUrl, name).catch(() => undefined);
  await server.stop();
}
