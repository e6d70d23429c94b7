#!/usr/bin/env node
// The audit trail's cost and speed, through the built API on a fresh demo database:
//  1. read overhead: GET /api/patients/{id} (scope check, read, and the patient_read event appended under the
//     chain head's lock) in alternating rounds with and without the append — "without" replaces audit_append()
//     by a no-op for that round (as the schema owner), so both are measured in the same run on the same data;
//     sequential and with concurrent clients;
//  2. chain verification: a chain of --events events (default 1,000,000) is written straight into audit_events
//     (hashed exactly as audit_append() does), then GET /api/audit/integrity?from=genesis walks and re-hashes
//     all of it; events per second from the report's own duration. The baseline, in the same run: plain SHA-256 in
//     this process over the same bytes (each event's previous hash, position and canonical JSON, hashed again).
// Usage: npm run build && node tools/bench/audit.mjs [--reads 400] [--clients 4] [--events 1000000]
import { createHash } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { emitResult, percentile, summarize, withDemoApi } from './support.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const READS = arg('reads', 400);
const CLIENTS = arg('clients', 4);
const EVENTS = arg('events', 1_000_000);
const stats = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
};
const fmt = (s) => `median ${s.median.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms, mean ${s.mean.toFixed(2)} ms`;

console.log(`audit benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.versions.node}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await withDemoApi(
  async ({ api, url, call, login }) => {
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    try {
      const records = await login('records');
      const inspector = await login('inspector');
      const { items } = await call('GET', '/api/patients?limit=20', records);
      const [{ prosrc: realAppend }] = (await owner.query(`SELECT prosrc FROM pg_proc WHERE proname = 'audit_append'`)).rows;
      const setAppend = (source) =>
        owner.query(`CREATE OR REPLACE FUNCTION audit_append(p_event jsonb, p_body text) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$${source}$fn$`);
      const NO_OP = `BEGIN RETURN 0; END`;

      const read = async (i) => {
        const start = performance.now();
        const res = await fetch(`${api.baseUrl}/api/patients/${items[i % items.length].id}`, { headers: { authorization: `Bearer ${records}` } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        return performance.now() - start;
      };
      const round = async (n, clients) => {
        const times = [];
        let next = 0;
        await Promise.all(
          Array.from({ length: clients }, async () => {
            while (next < n) times.push(await read(next++));
          }),
        );
        return times;
      };
      for (let i = 0; i < 50; i++) await read(i); // warm-up
      let concurrentRound = null;
      for (const clients of [1, CLIENTS]) {
        const withAudit = [];
        const without = [];
        const wall = { with: 0, without: 0 };
        // Alternate four rounds each, so drift in machine load falls on both sides.
        for (let r = 0; r < 4; r++) {
          await setAppend(realAppend);
          let t = performance.now();
          withAudit.push(...(await round(READS / 4, clients)));
          wall.with += performance.now() - t;
          await setAppend(NO_OP);
          t = performance.now();
          without.push(...(await round(READS / 4, clients)));
          wall.without += performance.now() - t;
        }
        await setAppend(realAppend);
        const a = stats(withAudit);
        const b = stats(without);
        console.log(`\nGET /api/patients/{id}, ${clients} client(s), ${READS} reads each way`);
        console.log(`  with the audit append:    ${fmt(a)}, ${((withAudit.length / wall.with) * 1000).toFixed(0)}/s`);
        console.log(`  without (no-op append):   ${fmt(b)}, ${((without.length / wall.without) * 1000).toFixed(0)}/s`);
        if (clients === CLIENTS) concurrentRound = { with: summarize(withAudit, wall.with), without: summarize(without, wall.without) };
        console.log(`  overhead: median +${(a.median - b.median).toFixed(2)} ms (${(((a.median - b.median) / b.median) * 100).toFixed(0)} %), mean +${(a.mean - b.mean).toFixed(2)} ms`);
      }

      // 2. A million-event chain, verified from genesis by the API.
      const [{ facility_id: facilityId, seq: startSeq, head: startHead }] = (await owner.query(`SELECT facility_id, seq, head FROM audit_chain_heads`)).rows;
      let seq = Number(startSeq);
      let previous = startHead;
      const started = performance.now();
      const BATCH = 2000; // 10 parameters a row: under PostgreSQL's 65,535
      let plainHashMs = 0; // the baseline: the same bytes through plain SHA-256 again, batch by batch
      const actor = (i) => ({ userId: null, username: `user${i % 50}`, roles: ['doctor'], departmentId: null });
      for (let done = 0; done < EVENTS; done += BATCH) {
        const values = [];
        const params = [];
        const inputs = [];
        for (let k = 0; k < Math.min(BATCH, EVENTS - done); k++) {
          seq++;
          const occurredAt = new Date(Date.UTC(2026, 0, 1) + seq * 1000);
          const e = {
            v: 1,
            facilityId,
            occurredAt: occurredAt.toISOString(),
            action: 'patient_read',
            outcome: 'success',
            actor: actor(seq),
            resource: { type: 'patient', id: items[seq % items.length].id, version: null },
            patientId: items[seq % items.length].id,
            client: { address: '10.0.0.8', userAgent: 'Mozilla/5.0 (bench)', requestId: `req-${seq}` },
            reason: null,
            detail: {},
          };
          const position = Buffer.alloc(8);
          position.writeBigUInt64BE(BigInt(seq));
          const bytes = [Buffer.from(previous, 'hex'), position, Buffer.from(canonical(e), 'utf8')];
          const hash = createHash('sha256').update(bytes[0]).update(bytes[1]).update(bytes[2]).digest('hex');
          inputs.push(bytes);
          const p = params.length;
          values.push(`($${p + 1},$${p + 2},$${p + 3},'patient_read','success',$${p + 4},$${p + 5},'patient',$${p + 6},$${p + 7},'10.0.0.8','Mozilla/5.0 (bench)',$${p + 8},$${p + 9},$${p + 10})`);
          params.push(facilityId, seq, occurredAt, e.actor.username, '{doctor}', e.patientId, e.patientId, e.client.requestId, previous, hash);
          previous = hash;
        }
        const h0 = performance.now();
        for (const [a, b, c] of inputs) createHash('sha256').update(a).update(b).update(c).digest('hex');
        plainHashMs += performance.now() - h0;
        await owner.query(
          `INSERT INTO audit_events (facility_id, seq, occurred_at, action, outcome, actor_username, actor_roles, resource_type, resource_id, patient_id,
                                     client_address, user_agent, request_id, previous_hash, hash) VALUES ${values.join(',')}`,
          params,
        );
      }
      await owner.query(`UPDATE audit_chain_heads SET seq = $1, head = $2`, [seq, previous]);
      await owner.query(`ANALYZE audit_events`);
      console.log(`\nchain: ${EVENTS.toLocaleString('en')} events written in ${((performance.now() - started) / 1000).toFixed(1)} s (head at ${seq})`);
      const plainPerSecond = EVENTS / (plainHashMs / 1000);
      console.log(`baseline: plain SHA-256 over the same bytes in this process: ${Math.round(plainPerSecond).toLocaleString('en')} events/s`);
      let genesis = null;
      for (const mode of ['genesis', 'checkpoint']) {
        const t = performance.now();
        const report = await call('GET', `/api/audit/integrity?from=${mode}`, inspector);
        const wallMs = performance.now() - t;
        if (report.status !== 'OK') throw new Error(`integrity ${report.status}: ${JSON.stringify(report.failure)}`);
        console.log(
          `integrity from ${mode}: ${report.eventsChecked.toLocaleString('en')} events, ${report.checkpointsChecked} checkpoints, ${(report.durationMs / 1000).toFixed(2)} s ` +
            `(${wallMs.toFixed(0)} ms wall) = ${Math.round(report.eventsChecked / (report.durationMs / 1000)).toLocaleString('en')} events/s`,
        );
        if (mode === 'genesis') {
          genesis = { events: report.eventsChecked, perSecond: report.eventsChecked / (report.durationMs / 1000), ms: report.durationMs };
          const c = await call('POST', '/api/audit/checkpoints', inspector);
          console.log(`checkpoint sealed at ${c.seq}`);
        }
      }
      emitResult({
        scenario: 'audit-read',
        title: `GET /api/patients/{id} with its audit event appended, ${CLIENTS} clients`,
        unit: 'reads',
        metrics: concurrentRound.with,
        baseline: { name: 'the same reads with audit_append() replaced by a no-op, alternating rounds', ...concurrentRound.without },
        sizes: { reads: READS, clients: CLIENTS },
        notes: 'no target',
      });
      emitResult({
        scenario: 'audit-verify',
        title: `chain verification from genesis (GET /api/audit/integrity), ${genesis.events.toLocaleString('en')} events`,
        unit: 'events',
        metrics: { median_ms: null, p95_ms: null, throughput_per_s: genesis.perSecond },
        baseline: { name: "plain SHA-256 of the same bytes (previous hash, position, canonical JSON) in one Node thread", median_ms: null, p95_ms: null, throughput_per_s: plainPerSecond },
        target: { metric: 'throughput_per_s', op: '>=', value: 500_000, text: '≥ 500,000 events/s' },
        sizes: { events: EVENTS },
        notes: `one verification of ${genesis.ms} ms (the report's own duration)`,
      });
    } finally {
      await owner.end();
    }
  },
  { AUDIT_CHECKPOINT_EVENTS: '10000000', AUDIT_INTEGRITY_INTERVAL_HOURS: '0' },
);

function canonical(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
    .join(',')}}`;
}
