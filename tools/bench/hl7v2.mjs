#!/usr/bin/env node
// HL7 v2 ORU^R01 ingestion over ONE MLLP connection, through the built API on a fresh demo database: the demo doctor
// places and signs --orders CBC orders (default 20), then the "LIS" sends --messages results (default 1,000) one after the
// other on a single socket (MLLP original mode: the next message goes when the previous ACK is in), each a new report
// (its own MSH-10 and filler number) of the 7 CBC values with an SPM, round-robin over the orders. Every ACK must be AA;
// afterwards the log and the reports are counted in the database. Prints messages/s and the ACK latency percentiles.
// For comparison, --rest reports (default 300) of the same content are then posted one after the other through the REST
// route (POST /api/orders/{id}/results as the lis client): the difference is what MLLP, parsing and the log cost.
// Outbound, the outbox: the API's LIS destination is tools/lis-sim (acknowledging only, no results). The simulator holds
// its ACKs while --outbound patient updates (default 500, over the census's patients) each queue an ADT^A08 in their own
// transaction; then it lets go, and the backlog's drain is timed (messages delivered per second, one connection, one in
// flight, each waiting for its AA before the next).
// The baseline of the ingestion, in the same run: the same messages over the same client to a bare MLLP server in its
// own process that answers every frame with one fixed ACK (nothing parsed, nothing stored).
// Then the same number of messages again over --connections (default 4) connections at once, each with its own orders (a
// LIS with several analysers, or several interface engines), against the bare server over as many connections.
// Usage: npm run build && node tools/bench/hl7v2.mjs [--orders 20] [--messages 1000] [--warmup 20] [--connections 4] [--rest 300] [--outbound 500]
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { freePort } from '../testing/postgres.cjs';
import { emitResult, percentile, startBareServer, summarize, withDemoApi } from './support.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ORDERS = arg('orders', 20);
const MESSAGES = arg('messages', 1000);
const WARMUP = arg('warmup', 20);
const REST = arg('rest', 300);
const OUTBOUND = arg('outbound', 500);
const CONNECTIONS = arg('connections', 4);
const { startLisSimulator } = createRequire(import.meta.url)('../lis-sim/lis-sim.cjs');

/** MLLP framing written out here (not Benhan's client): one message in flight, resolve with the ACK text. */
function mllpConnection(port) {
  const socket = connect({ host: '127.0.0.1', port });
  let buffer = Buffer.alloc(0);
  let waiting = null;
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    const end = buffer.indexOf(Buffer.of(0x1c, 0x0d));
    if (end !== -1 && waiting) {
      const ack = buffer.subarray(buffer.indexOf(0x0b) + 1, end).toString('utf8');
      buffer = buffer.subarray(end + 2);
      const w = waiting;
      waiting = null;
      w.resolve(ack);
    }
  });
  socket.on('error', (error) => waiting?.reject(error));
  return {
    ready: new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject)),
    send: (text) =>
      new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        socket.write(Buffer.concat([Buffer.of(0x0b), Buffer.from(text, 'utf8'), Buffer.of(0x1c, 0x0d)]));
      }),
    close: () => socket.end(),
  };
}

const CBC = [
  ['6690-2', 'Leukocytes', '7.4', '10*3/uL', '4.0-10.0', 'N'],
  ['789-8', 'Erythrocytes', '4.6', '10*6/uL', '3.8-5.8', 'N'],
  ['718-7', 'Hemoglobin', '138', 'g/L', '120-170', 'N'],
  ['4544-3', 'Hematocrit', '41.5', '%', '36-50', 'N'],
  ['787-2', 'MCV', '89', 'fL', '80-100', 'N'],
  ['785-6', 'MCH', '30', 'pg', '27-33', 'N'],
  ['777-3', 'Platelets', '456', '10*3/uL', '150-400', 'H'],
];

function oru(n, orderId, patientCode) {
  const controlId = `BENCH-${n}`;
  const filler = `XN-BENCH-${n}`;
  return [
    `MSH|^~\\&|lis|KHOA_XET_NGHIEM|BENHAN|BV_BENHAN|20261127084000+0700||ORU^R01^ORU_R01|${controlId}|P|2.5.1|||AL|NE||UNICODE UTF-8`,
    `PID|1||${patientCode}^^^BENHAN^MR||NGUYỄN^THỊ HƯỜNG||19650312|F`,
    `ORC|RE|${orderId}|${filler}`,
    `OBR|1|${orderId}|${filler}|58410-2^CBC panel^LN|||20261127070500+0700|||||||||||||||20261127084000+0700|||F`,
    ...CBC.map(([code, name, value, unit, range, flag], i) => `OBX|${i + 1}|NM|${code}^${name}^LN||${value}|${unit}^^UCUM|${range}|${flag}|||F`),
    `SPM|1|^SPM-${filler}||BLD^Whole blood^HL70487|||||||||||||20261127070500+0700|20261127073000+0700`,
  ].join('\r');
}

console.log(`HL7 v2 benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.versions.node}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
// The simulator takes its port before freePort() picks the API's MLLP port, so the two never meet.
const lisSim = await startLisSimulator({ autoResults: false });
const mllpPort = await freePort();
lisSim.hold();
await withDemoApi(
  async ({ api, url, call, login }) => {
    const doctor = await login('doctor');
    const departments = await call('GET', '/api/departments', doctor);
    const noi = departments.find((d) => d.code === 'NOI').id;
    const [stay] = await call('GET', `/api/encounters/census?departmentId=${noi}`, doctor);
    const patient = await call('GET', `/api/patients/${stay.patientId}`, doctor);
    const orders = [];
    for (let i = 0; i < ORDERS; i++) {
      const placed = await call('POST', `/api/encounters/${stay.encounterId}/orders`, doctor, { category: 'laboratory', priority: 'routine', items: ['HH-CBC'] });
      await call('POST', `/api/orders/${placed.id}/activate`, doctor, { pin: '123456' });
      orders.push(placed.id);
    }
    const connection = mllpConnection(mllpPort);
    await connection.ready;
    const send = async (n) => {
      const start = performance.now();
      const ack = await connection.send(oru(n, orders[n % orders.length], patient.patientCode));
      const ms = performance.now() - start;
      const msa = ack.split('\r').find((s) => s.startsWith('MSA|'))?.split('|') ?? [];
      if (msa[1] !== 'AA' || msa[2] !== `BENCH-${n}`) throw new Error(`message ${n}: ${ack.replace(/\r/g, '\n')}`);
      return ms;
    };
    for (let n = 0; n < WARMUP; n++) await send(n);
    const times = [];
    const t0 = performance.now();
    for (let n = WARMUP; n < WARMUP + MESSAGES; n++) times.push(await send(n));
    const wall = (performance.now() - t0) / 1000;
    connection.close();
    const sorted = times.sort((a, b) => a - b);
    console.log(
      `ORU^R01 over one MLLP connection: ${MESSAGES} messages (7 OBX + SPM each, ${ORDERS} orders) in ${wall.toFixed(1)} s = ${(MESSAGES / wall).toFixed(1)} messages/s; ACK latency median ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`,
    );
    // Several connections at once, each sending for its own orders (order i on connection i % CONNECTIONS), one in flight each.
    const parallel = async (port, first, check) => {
      const lanes = await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          const c = mllpConnection(port);
          await c.ready;
          return c;
        }),
      );
      const laneTimes = [];
      const p0 = performance.now();
      await Promise.all(
        lanes.map(async (lane, c) => {
          for (let n = first; n < first + MESSAGES; n++) {
            if ((n % orders.length) % CONNECTIONS !== c) continue;
            const start = performance.now();
            check(n, await lane.send(oru(n, orders[n % orders.length], patient.patientCode)));
            laneTimes.push(performance.now() - start);
          }
        }),
      );
      const wallMs = performance.now() - p0;
      for (const lane of lanes) lane.close();
      return { times: laneTimes, wallMs };
    };
    const checkAck = (n, ack) => {
      const msa = ack.split('\r').find((line) => line.startsWith('MSA|'))?.split('|') ?? [];
      if (msa[1] !== 'AA' || msa[2] !== `BENCH-${n}`) throw new Error(`message ${n}: ${ack.replace(/\r/g, '\n')}`);
    };
    const wide = CONNECTIONS > 1 ? await parallel(mllpPort, WARMUP + MESSAGES, checkAck) : null;
    if (wide) {
      const w = summarize(wide.times, wide.wallMs);
      console.log(`ORU^R01 over ${CONNECTIONS} MLLP connections at once: ${wide.times.length} messages in ${(wide.wallMs / 1000).toFixed(1)} s = ${w.throughput_per_s.toFixed(1)} messages/s; ACK latency median ${w.median_ms.toFixed(1)} ms, p95 ${w.p95_ms.toFixed(1)} ms`);
    }
    const bare = await startBareServer('mllp');
    const bareTimes = [];
    let bareWide = null;
    let bareWall;
    try {
      const echo = mllpConnection(bare.port);
      await echo.ready;
      const sendBare = async (n) => {
        const start = performance.now();
        const ack = await echo.send(oru(n, orders[n % orders.length], patient.patientCode));
        if (!ack.includes('\rMSA|AA|')) throw new Error(`bare MLLP server: ${ack}`);
        return performance.now() - start;
      };
      for (let n = 0; n < WARMUP; n++) await sendBare(n);
      const b0 = performance.now();
      for (let n = WARMUP; n < WARMUP + MESSAGES; n++) bareTimes.push(await sendBare(n));
      bareWall = performance.now() - b0;
      echo.close();
      if (wide) bareWide = await parallel(bare.port, WARMUP + MESSAGES, (n, ack) => {
        if (!ack.includes('\rMSA|AA|')) throw new Error(`bare MLLP server: ${ack}`);
      });
    } finally {
      await bare.stop();
    }
    const baseline = summarize(bareTimes, bareWall);
    console.log(`baseline, the same messages to a bare MLLP server answering a fixed ACK: ${baseline.throughput_per_s.toFixed(1)} messages/s; median ${baseline.median_ms.toFixed(2)} ms, p95 ${baseline.p95_ms.toFixed(2)} ms`);
    emitResult({
      scenario: 'hl7v2-oru',
      title: 'ORU^R01 ingestion (7 OBX + SPM, ACK AA each) over 1 MLLP connection, one in flight',
      unit: 'messages',
      metrics: summarize(times, wall * 1000),
      baseline: { name: 'bare MLLP server answering each frame with a fixed ACK, same client and messages', ...baseline },
      target: wide ? null : { metric: 'throughput_per_s', op: '>=', value: 1000, text: '≥ 1,000 ORU messages/s over ≤ 4 MLLP connections' },
      sizes: { messages: MESSAGES, orders: ORDERS, warmup: WARMUP, connections: 1 },
      notes: wide ? 'one connection, one message in flight: the latency a single analyser sees' : 'measured over 1 connection (the target allows up to 4)',
    });
    if (wide) {
      emitResult({
        scenario: `hl7v2-oru-${CONNECTIONS}`,
        title: `ORU^R01 ingestion (7 OBX + SPM, ACK AA each) over ${CONNECTIONS} MLLP connections at once, one in flight each`,
        unit: 'messages',
        metrics: summarize(wide.times, wide.wallMs),
        baseline: { name: `bare MLLP server answering each frame with a fixed ACK, same ${CONNECTIONS} connections and messages`, ...summarize(bareWide.times, bareWide.wallMs) },
        target: { metric: 'throughput_per_s', op: '>=', value: 1000, text: '≥ 1,000 ORU messages/s over ≤ 4 MLLP connections' },
        sizes: { messages: MESSAGES, orders: ORDERS, connections: CONNECTIONS },
        notes: null,
      });
    }
    if (REST > 0) {
      const lis = await (
        await fetch(`${api.baseUrl}/api/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'lis', client_secret: 'lis-demo-secret-2026' }),
        })
      ).json();
      const report = (n) => ({
        externalId: `REST-BENCH-${n}`,
        status: 'final',
        effectiveAt: '2026-11-27T07:05:00+07:00',
        issued: '2026-11-27T08:40:00+07:00',
        observations: CBC.map(([code, , value, unit, range, flag]) => ({ code, valueQuantity: Number(value), unit, referenceRange: { low: Number(range.split('-')[0]), high: Number(range.split('-')[1]) }, interpretation: flag })),
      });
      const restTimes = [];
      const r0 = performance.now();
      for (let n = 0; n < REST; n++) {
        const start = performance.now();
        await call('POST', `/api/orders/${orders[n % orders.length]}/results`, lis.access_token, report(n));
        restTimes.push(performance.now() - start);
      }
      const restWall = (performance.now() - r0) / 1000;
      const restSorted = restTimes.sort((a, b) => a - b);
      console.log(
        `same report through REST (no specimen, no log), one client: ${REST} in ${restWall.toFixed(1)} s = ${(REST / restWall).toFixed(1)}/s; median ${percentile(restSorted, 50).toFixed(1)} ms, p95 ${percentile(restSorted, 95).toFixed(1)} ms`,
      );
    }
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    try {
      if (OUTBOUND > 0) {
        // The seed's messages are withheld; the orders above went out (one OML^O21 each) and wait behind the held ACK.
        const census = await call('GET', `/api/encounters/census?departmentId=${noi}`, doctor);
        const versions = new Map();
        for (const entry of census) versions.set(entry.patientId, (await call('GET', `/api/patients/${entry.patientId}`, doctor)).version);
        const patients = [...versions.keys()];
        const q0 = performance.now();
        for (let n = 0; n < OUTBOUND; n++) {
          const id = patients[n % patients.length];
          const updated = await call('PATCH', `/api/patients/${id}`, doctor, { version: versions.get(id), phone: `09${String(10_000_000 + n).slice(-8)}` });
          versions.set(id, updated.version);
        }
        const queuedIn = (performance.now() - q0) / 1000;
        const backlog = async () => (await owner.query(`SELECT count(*)::int AS n FROM hl7_messages WHERE direction = 'outbound' AND status = 'pending'`)).rows[0].n;
        const waiting = await backlog();
        const d0 = performance.now();
        lisSim.release();
        while ((await backlog()) > 0) await new Promise((r) => setTimeout(r, 50));
        const drain = (performance.now() - d0) / 1000;
        const { rows } = await owner.query(
          `SELECT count(*) FILTER (WHERE status = 'delivered')::int AS delivered, count(*) FILTER (WHERE attempts > 1)::int AS retried
             FROM hl7_messages WHERE direction = 'outbound'`,
        );
        const adt = lisSim.received.filter((e) => e.type === 'ADT^A08').length;
        console.log(
          `outbox: ${OUTBOUND} patient updates queued ${OUTBOUND} ADT^A08 in ${queuedIn.toFixed(1)} s (${(OUTBOUND / queuedIn).toFixed(1)} updates/s, each with its message in its transaction); ` +
            `the backlog of ${waiting} drained in ${drain.toFixed(1)} s = ${(waiting / drain).toFixed(1)} messages/s delivered over one MLLP connection, each AA before the next; ` +
            `${rows[0].delivered} delivered (${rows[0].retried} retried), ${adt} ADT^A08 received by the LIS`,
        );
      }
      const { rows } = await owner.query(
        `SELECT (SELECT count(*)::int FROM hl7_messages WHERE status = 'accepted' AND control_id LIKE 'BENCH-%') AS logged,
                (SELECT count(*)::int FROM diagnostic_reports WHERE external_id LIKE 'XN-BENCH-%') AS reports,
                (SELECT count(*)::int FROM observations o JOIN diagnostic_reports r ON r.id = o.report_id WHERE r.external_id LIKE 'XN-BENCH-%') AS observations,
                (SELECT count(*)::int FROM specimens WHERE accession LIKE 'SPM-XN-BENCH-%') AS specimens`,
      );
      console.log(`stored: ${JSON.stringify(rows[0])} (expected ${WARMUP + MESSAGES * (CONNECTIONS > 1 ? 2 : 1)} each, observations ×7); load average after ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    } finally {
      await owner.end();
    }
  },
  { MLLP_PORT: String(mllpPort), AUDIT_INTEGRITY_INTERVAL_HOURS: '0', HL7_LIS_ADDRESS: `127.0.0.1:${lisSim.port}`, HL7_ACK_TIMEOUT_MS: '600000', HL7_OUTBOX_POLL_MS: '50' },
);
await lisSim.close();
