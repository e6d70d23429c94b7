import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type {
  AccessLogEntry,
  AccessRequest,
  AuditBundle,
  AuditCheckpoint,
  AuditEvent,
  IntegrityReport,
  Page,
  PatientSummary,
  ProblemDetails,
  SignatureTrailEntry,
} from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

/* eslint-disable @nx/enforce-module-boundaries -- the process helper in tools/testing is plain CommonJS shared with the browser tests. */
const { startApi } = require('../../../../tools/testing/api-process.cjs') as {
  startApi(options: { databaseUrl: string; port: number; env?: Record<string, string> }): Promise<{ baseUrl: string; stop(): Promise<void> }>;
};
const { freePort } = require('../../../../tools/testing/postgres.cjs') as { freePort(): Promise<number> };
/* eslint-enable @nx/enforce-module-boundaries */

const VERIFIER = resolve(__dirname, '../../../../tools/verify-audit/verify-audit.mjs');

/** The operator's command (cron, a systemd timer): `main.js audit-verify`, asynchronously (a blocking spawn would stale the keep-alive socket). */
function auditVerifyCommand(databaseUrl: string): Promise<{ status: number; reports: IntegrityReport[] }> {
  return new Promise((done) => {
    const env = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl, JWT_SECRET: 'x'.repeat(32), PORT: '0', AUDIT_INTEGRITY_INTERVAL_HOURS: '0' };
    execFile(process.execPath, ['dist/apps/api/main.js', 'audit-verify'], { env, encoding: 'utf8' }, (error, stdout) =>
      done({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, reports: JSON.parse(stdout.slice(stdout.indexOf('['))) as IntegrityReport[] }),
    );
  });
}

/**
 * The audit trail (R8, R11, R12) against a real API and PostgreSQL: who read what is recorded, the chain
 * verifies, a superuser's every kind of tampering is found, two API processes make one chain, and the
 * offline verifier checks an exported bundle with Node and OpenSSL alone.
 */
describe('the audit trail', () => {
  let system: TestSystem;
  let inspector: string;
  let doctor: string;
  let dir: string;

  beforeAll(async () => {
    system = await TestSystem.start({ AUDIT_CHECKPOINT_EVENTS: '1000000' });
    [inspector, doctor] = [await system.token('inspector'), await system.token('doctor')];
    dir = mkdtempSync(join(tmpdir(), 'benhan-audit-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await system?.stop();
  });

  const integrity = async (from: 'genesis' | 'checkpoint' = 'genesis') => (await system.request<IntegrityReport>('GET', `/api/audit/integrity?from=${from}`, { token: inspector })).body;
  const withTriggersOff = async (fn: () => Promise<void>) => {
    await system.sql(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
    try {
      await fn();
    } finally {
      await system.sql(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
    }
  };

  it('serves as a role that owns nothing: it cannot rewrite the audit table or switch its triggers off', async () => {
    const sessions = await system.sql<{ usename: string }>(`SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'benhan'`);
    expect(sessions.map((s) => s.usename)).toEqual(['benhan_app']);
    const [role] = await system.sql(`SELECT rolsuper, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = 'benhan_app'`);
    expect(role).toEqual({ rolsuper: false, rolcreaterole: false, rolbypassrls: false });
    const [rights] = await system.sql(
      `SELECT has_table_privilege('benhan_app', 'audit_events', 'SELECT') AS sel, has_table_privilege('benhan_app', 'audit_events', 'INSERT') AS ins,
              has_table_privilege('benhan_app', 'audit_events', 'UPDATE') AS upd, has_table_privilege('benhan_app', 'audit_events', 'DELETE') AS del,
              has_table_privilege('benhan_app', 'document_versions', 'DELETE') AS del_versions, has_table_privilege('benhan_app', 'signatures', 'UPDATE') AS upd_signatures`,
    );
    expect(rights).toEqual({ sel: true, ins: false, upd: false, del: false, del_versions: false, upd_signatures: false });
    const [{ owners }] = await system.sql<{ owners: string[] }>(`SELECT array_agg(DISTINCT tableowner) AS owners FROM pg_tables WHERE schemaname = 'public'`);
    expect(owners).not.toContain('benhan_app');
    // As the application role: no trigger can be switched off, no replica mode entered, nothing inserted around audit_append().
    for (const attack of [
      `ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`,
      `SET session_replication_role = replica`,
      `INSERT INTO audit_events (facility_id, seq, occurred_at, action, outcome, previous_hash, hash) SELECT facility_id, 999999, now(), 'login', 'success', head, head FROM audit_chain_heads`,
    ]) {
      await expect(system.sql(`DO $$ BEGIN SET LOCAL ROLE benhan_app; EXECUTE $q$${attack}$q$; END $$`)).rejects.toThrow(/must be owner|permission denied/);
    }
    const [{ ok }] = await system.sql<{ ok: boolean }>(`SELECT true AS ok`);
    expect(ok).toBe(true);
  });

  it('records who read a patient, with break-glass marked, and lists it for the inspector', async () => {
    const [surgery] = await system.sql<{ id: string }>(`SELECT e.patient_id AS id FROM encounters e JOIN departments d ON d.id = e.department_id WHERE d.code <> 'NOI' LIMIT 1`);
    const denied = await system.request('GET', `/api/patients/${surgery.id}`, { token: doctor });
    expect(denied.status).toBe(403);
    const reason = 'Người bệnh ngừng tuần hoàn tại hành lang, cần xem tiền sử dị ứng';
    expect((await system.request('POST', `/api/patients/${surgery.id}/break-glass`, { token: doctor, json: { reason } })).status).toBe(201);
    expect((await system.request('GET', `/api/patients/${surgery.id}`, { token: doctor })).status).toBe(200);

    const access = await system.request<Page<AccessLogEntry>>('GET', `/api/audit/access?patient=${surgery.id}`, { token: inspector });
    expect(access.status).toBe(200);
    const byDoctor = access.body.items.filter((e) => e.actorUsername === 'doctor');
    expect(byDoctor.map((e) => [e.action, e.outcome, e.breakGlass])).toEqual([
      ['patient_read', 'success', true],
      ['break_glass', 'success', true],
      ['access_denied', 'failure', false],
    ]);
    expect(byDoctor[1].reason).toBe(reason);
    expect(byDoctor[0].actorName).toBeTruthy();

    const events = await system.request<Page<AuditEvent>>('GET', `/api/audit/events?patient=${surgery.id}&action=patient_read&sort=asc`, { token: inspector });
    expect(events.body.items.at(-1)).toMatchObject({ actorUsername: 'doctor', actorRoles: ['doctor'], resourceType: 'patient', resourceId: surgery.id, clientAddress: expect.any(String) });
    // The inspector's own look is recorded too.
    const [{ n }] = await system.sql<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE action = 'audit_read' AND actor_username = 'inspector' AND patient_id = $1`, [surgery.id]);
    expect(Number(n)).toBeGreaterThanOrEqual(2);

    // Paging while reading: each read of the log adds an audit_read at the top; untilSeq holds the pages to the first one.
    const first = (await system.request<Page<AccessLogEntry>>('GET', `/api/audit/access?patient=${surgery.id}&limit=2`, { token: inspector })).body;
    const untilSeq = first.items[0].seq;
    const second = (await system.request<Page<AccessLogEntry>>('GET', `/api/audit/access?patient=${surgery.id}&limit=2&offset=2&untilSeq=${untilSeq}`, { token: inspector })).body;
    const all = (await system.request<Page<AccessLogEntry>>('GET', `/api/audit/access?patient=${surgery.id}&limit=200&untilSeq=${untilSeq}`, { token: inspector })).body;
    expect([...first.items, ...second.items].map((e) => e.seq)).toEqual(all.items.slice(0, 4).map((e) => e.seq));
    expect(all.total).toBe(first.total);
    const bad = await system.request<ProblemDetails>('GET', `/api/audit/access?patient=${surgery.id}&untilSeq=zero`, { token: inspector });
    expect(bad.status).toBe(400);
  });

  it('verifies the chain, and two API processes appending at once still make one valid chain', async () => {
    expect(await integrity()).toMatchObject({ status: 'OK', failure: null });
    const second = await startApi({ databaseUrl: system.databaseUrl, port: await freePort(), env: { LOGIN_RATE_LIMIT: '10000' } });
    try {
      const [{ id: patientId }] = await system.sql<{ id: string }>(`SELECT id FROM patients LIMIT 1`);
      // Each process has its own token secret here: sign in to each.
      const login = async (base: string) =>
        ((await (await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'records', password: 'Benhan@2026' }) })).json()) as { accessToken: string }).accessToken;
      const tokens = [await login(system.baseUrl), await login(second.baseUrl)];
      const [{ seq: before }] = await system.sql<{ seq: string }>(`SELECT seq FROM audit_chain_heads`);
      const reads = Array.from({ length: 120 }, (_, i) =>
        fetch(`${i % 2 ? second.baseUrl : system.baseUrl}/api/patients/${patientId}`, { headers: { authorization: `Bearer ${tokens[i % 2]}` } }).then((r) => r.status),
      );
      expect(new Set(await Promise.all(reads))).toEqual(new Set([200]));
      const [{ seq: after }] = await system.sql<{ seq: string }>(`SELECT seq FROM audit_chain_heads`);
      expect(Number(after) - Number(before)).toBe(120);
      const [{ n, distinct_prev }] = await system.sql<{ n: string; distinct_prev: string }>(`SELECT count(*) AS n, count(DISTINCT previous_hash) AS distinct_prev FROM audit_events`);
      expect(distinct_prev).toBe(n); // no fork: every event has its own predecessor
    } finally {
      await second.stop();
    }
    const report = await integrity();
    expect(report).toMatchObject({ status: 'OK', failure: null });
    expect(report.eventsChecked).toBe(report.toSeq);
  });

  it('exports a bundle that the offline verifier checks with Node and OpenSSL only, and catches an edit in it', async () => {
    const checkpoint = await system.request<AuditCheckpoint>('POST', '/api/audit/checkpoints', { token: inspector });
    expect(checkpoint.status).toBe(201);
    const noReason = await system.request<ProblemDetails>('GET', '/api/audit/bundle', { token: inspector });
    expect([noReason.status, noReason.body.errors?.[0]?.field]).toEqual([400, 'reason']);
    const res = await system.download(`/api/audit/bundle?reason=${encodeURIComponent('Thanh tra Sở Y tế, quyết định 12/QĐ-SYT')}`, inspector);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const bundle = JSON.parse(res.bytes.toString('utf8')) as AuditBundle;
    expect(bundle.checkpoints.map((c) => c.seq)).toContain(checkpoint.body.seq);
    expect(bundle.events.length).toBeGreaterThan(100);
    const good = join(dir, 'bundle.json');
    writeFileSync(good, res.bytes);
    const ok = spawnSync('node', [VERIFIER, good], { encoding: 'utf8' });
    expect([ok.status, ok.stdout]).toEqual([0, expect.stringMatching(/^OK/)]);

    const tampered = JSON.parse(readFileSync(good, 'utf8')) as AuditBundle;
    const victim = tampered.events[10];
    victim.reason = 'sửa lại';
    const bad = join(dir, 'tampered.json');
    writeFileSync(bad, JSON.stringify(tampered));
    const broken = spawnSync('node', [VERIFIER, bad], { encoding: 'utf8' });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(new RegExp(`BROKEN at event ${victim.seq} \\(hash_mismatch\\)`));
  });

  it('finds a superuser who edits or deletes an event, naming the first broken one', async () => {
    const [victim] = await system.sql<{ seq: string; reason: string | null; facility_id: string }>(`SELECT seq, reason, facility_id FROM audit_events WHERE action = 'break_glass'`);
    await withTriggersOff(() => system.sql(`UPDATE audit_events SET reason = 'khám định kỳ' WHERE seq = $1`, [victim.seq]).then(() => undefined));
    let report = await integrity();
    expect(report).toMatchObject({ status: 'BROKEN', failure: { seq: Number(victim.seq), problem: 'hash_mismatch' } });
    expect(report.failure?.detail).toMatch(/changed after it was written/);
    await withTriggersOff(() => system.sql(`UPDATE audit_events SET reason = $2 WHERE seq = $1`, [victim.seq, victim.reason]).then(() => undefined));
    expect((await integrity()).status).toBe('OK');

    const [row] = await system.sql(`SELECT * FROM audit_events WHERE seq = 5`);
    await withTriggersOff(() => system.sql(`DELETE FROM audit_events WHERE seq = 5`).then(() => undefined));
    report = await integrity();
    expect(report).toMatchObject({ status: 'BROKEN', failure: { seq: 5, problem: 'sequence_gap' } });
    await system.sql(`INSERT INTO audit_events SELECT * FROM jsonb_populate_record(NULL::audit_events, $1::jsonb)`, [JSON.stringify(row)]);
    expect((await integrity()).status).toBe('OK');
  });

  it('finds a rewrite of history even when every hash after it was recomputed: the checkpoint seal no longer matches', async () => {
    const [{ seq: last }] = await system.sql<{ seq: string }>(`SELECT max(seq) AS seq FROM audit_checkpoints`);
    const target = Number(last) - 20;
    // The first checkpoint at or after the edit is the one whose signed head no longer matches.
    const [{ seq: sealedAt }] = await system.sql<{ seq: string }>(`SELECT min(seq) AS seq FROM audit_checkpoints WHERE seq >= $1`, [target]);
    await withTriggersOff(async () => {
      await system.sql(`UPDATE audit_events SET actor_username = 'nguoi_khac' WHERE seq = $1`, [target]);
      // The attacker recomputes every hash from the edit on, and the head, exactly as audit_append() would.
      const rows = await system.sql<ChainRowSql>(`SELECT * FROM audit_events WHERE seq >= $1 ORDER BY seq`, [target]);
      let previous = rows[0].previous_hash;
      for (const r of rows) {
        const hash = chainHash(previous, Number(r.seq), body(r));
        await system.sql(`UPDATE audit_events SET previous_hash = $2, hash = $3 WHERE seq = $1`, [r.seq, previous, hash]);
        previous = hash;
      }
      await system.sql(`UPDATE audit_chain_heads SET head = $1`, [previous]);
    });
    const report = await integrity();
    expect(report).toMatchObject({ status: 'BROKEN', failure: { seq: Number(sealedAt), problem: 'checkpoint_head_mismatch' } });
    expect(report.failure?.detail).toMatch(/rewritten/);
    // Forging the seal too needs the organisation key: a re-signed head with another key does not verify.
    await system.sql(`ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_append_only`);
    await system.sql(`UPDATE audit_checkpoints SET head = (SELECT hash FROM audit_events WHERE seq = audit_checkpoints.seq)`);
    await system.sql(`ALTER TABLE audit_checkpoints ENABLE TRIGGER audit_checkpoints_append_only`);
    expect(await integrity()).toMatchObject({ status: 'BROKEN', failure: { seq: Number(sealedAt), problem: 'checkpoint_signature_invalid' } });
    const runs = await system.request<IntegrityReport[]>('GET', '/api/audit/integrity/runs', { token: inspector });
    expect(runs.body[0]).toMatchObject({ status: 'BROKEN', trigger: 'on_demand' });
  });

  it('finds a forged event slipped into the middle of the chain (run last: it is not undone)', async () => {
    // A forged event slipped in between 6 and 7: shift the rest up by one, link the forgery to 6.
    await withTriggersOff(async () => {
      await system.sql(`UPDATE audit_events SET seq = seq + 1000000 WHERE seq > 6`);
      await system.sql(`UPDATE audit_events SET seq = seq - 1000000 + 1 WHERE seq > 1000000`);
      await system.sql(
        `INSERT INTO audit_events (facility_id, seq, occurred_at, action, outcome, actor_username, previous_hash, hash)
         SELECT facility_id, 7, occurred_at, 'login', 'success', 'ke_gia_mao', hash, encode(sha256(convert_to('forged', 'UTF8')), 'hex') FROM audit_events WHERE seq = 6`,
      );
      await system.sql(`UPDATE audit_chain_heads SET seq = seq + 1`);
    });
    expect(await integrity()).toMatchObject({ status: 'BROKEN', failure: { seq: 7, problem: 'hash_mismatch' } });
    const command = await auditVerifyCommand(system.databaseUrl);
    expect(command.status).toBe(1);
    expect(command.reports[0]).toMatchObject({ status: 'BROKEN', trigger: 'scheduled', failure: { seq: 7 } });
  });
});

describe('the inspector workspace and patient access requests', () => {
  let system: TestSystem;
  let inspector: string;
  let records: string;
  let dir: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    [inspector, records] = [await system.token('inspector'), await system.token('records')];
    dir = mkdtempSync(join(tmpdir(), 'benhan-inspector-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await system?.stop();
  });

  const pdfText = (bytes: Buffer, name: string) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
  };

  it('shows a patient’s signature trail: every version, signer, role, time-stamp and validation; exports it with a reason', async () => {
    const [{ patient_id: patientId }] = await system.sql<{ patient_id: string }>(`SELECT d.patient_id FROM signatures s JOIN document_versions v ON v.id = s.version_id JOIN documents d ON d.id = v.document_id LIMIT 1`);
    const trail = await system.request<Page<SignatureTrailEntry>>('GET', `/api/audit/signature-trail?patient=${patientId}&sort=signedAt`, { token: inspector });
    expect(trail.status).toBe(200);
    expect(trail.body.items.length).toBeGreaterThan(0);
    for (const e of trail.body.items) {
      expect(e).toMatchObject({ patientId, indication: 'PASSED', signerName: expect.any(String), role: expect.any(String), timestampedAt: expect.any(String), documentTitle: expect.any(String) });
    }
    const times = trail.body.items.map((e) => e.signedAt);
    expect([...times].sort()).toEqual(times);

    const noReason = await system.request<ProblemDetails>('GET', `/api/audit/signature-trail?patient=${patientId}&format=csv`, { token: inspector });
    expect([noReason.status, noReason.body.errors?.[0]?.field]).toEqual([400, 'reason']);
    const csv = await system.download(`/api/audit/signature-trail?patient=${patientId}&format=csv&reason=${encodeURIComponent('Đoàn kiểm tra chất lượng bệnh viện')}`, inspector);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = csv.bytes.toString('utf8').trim().split('\r\n');
    expect(lines).toHaveLength(trail.body.items.length + 1);
    const [exported] = await system.sql(`SELECT reason, patient_id FROM audit_events WHERE action = 'document_export'`);
    expect(exported).toEqual({ reason: 'Đoàn kiểm tra chất lượng bệnh viện', patient_id: patientId });
  });

  it('makes the inspector’s report as a PDF sealed by the facility', async () => {
    const [{ patient_id: patientId }] = await system.sql<{ patient_id: string }>(`SELECT d.patient_id FROM signatures s JOIN document_versions v ON v.id = s.version_id JOIN documents d ON d.id = v.document_id LIMIT 1`);
    const res = await system.request('POST', '/api/audit/reports', { token: inspector, json: { patient: patientId } });
    expect(res.status).toBe(400);
    const pdf = await fetch(`${system.baseUrl}/api/audit/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${inspector}`, 'content-type': 'application/json' },
      body: JSON.stringify({ patient: patientId, reason: 'Kiểm tra định kỳ quý IV' }),
    });
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    const text = pdfText(bytes, 'report.pdf');
    expect(text).toMatch(/BÁO CÁO KIỂM TRA NHẬT KÝ VÀ CHỮ KÝ SỐ/);
    expect(text).toMatch(/TOÀN VẸN \(OK\)/);
    expect(text).toMatch(/Hợp lệ/);
    const sig = spawnSync('pdfsig', [join(dir, 'report.pdf')], { encoding: 'utf8' });
    expect(sig.stdout).toMatch(/Signature #1/);
    expect(sig.stdout).toMatch(/Signed Ranges/);
  });

  it('records a patient’s written request, limits a family representative to the summary, releases a sealed summary and logs it', async () => {
    const patients = await system.request<Page<PatientSummary>>('GET', '/api/patients?limit=1', { token: records });
    const patient = patients.body.items[0];
    const base = { patientId: patient.id, requesterName: 'Trần Văn Bình', requesterIdNumber: '001085012345' };
    const tooMuch = await system.request<ProblemDetails>('POST', '/api/access-requests', { token: records, json: { ...base, relationship: 'family_representative', scope: 'copy' } });
    expect([tooMuch.status, tooMuch.body.errors?.[0]?.field]).toEqual([400, 'scope']);
    const doctorTry = await system.request('POST', '/api/access-requests', { token: await system.token('doctor'), json: { ...base, relationship: 'self', scope: 'summary' } });
    expect(doctorTry.status).toBe(403);

    const created = await system.request<AccessRequest>('POST', '/api/access-requests', { token: records, json: { ...base, relationship: 'family_representative', scope: 'summary', note: 'Đơn viết tay, có bản sao CCCD' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'received', patientName: patient.fullName, relationship: 'family_representative' });
    const released = await system.download(`/api/access-requests/${created.body.id}/summary`, records);
    expect(released.status).toBe(409);
    const res = await fetch(`${system.baseUrl}/api/access-requests/${created.body.id}/release`, { method: 'POST', headers: { authorization: `Bearer ${records}` } });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdfText(pdf, 'summary.pdf')).toMatch(/TÓM TẮT HỒ SƠ BỆNH ÁN[\s\S]*Trần Văn Bình/);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const again = await system.download(`/api/access-requests/${created.body.id}/summary`, records);
    expect(createHash('sha256').update(again.bytes).digest('hex')).toBe(sha256);
    const [event] = await system.sql<{ actor_username: string; patient_id: string; detail: { sha256: string } }>(`SELECT actor_username, patient_id, detail FROM audit_events WHERE action = 'access_request_release'`);
    expect(event).toMatchObject({ actor_username: 'records', patient_id: patient.id, detail: { sha256 } });
    const twice = await system.request('POST', `/api/access-requests/${created.body.id}/release`, { token: records });
    expect(twice.status).toBe(409);
    const listed = await system.request<Page<AccessRequest>>('GET', `/api/access-requests?patient=${patient.id}`, { token: inspector });
    expect(listed.body.items[0]).toMatchObject({ status: 'released', releasedSha256: sha256 });
  });

  it('keeps every integrity run, from genesis or from the last checkpoint, and lets only inspectors and administrators run one', async () => {
    const report = (await system.request<IntegrityReport>('GET', '/api/audit/integrity', { token: inspector })).body;
    expect(report).toMatchObject({ status: 'OK', mode: 'genesis' });
    const checkpointed = await system.request<IntegrityReport>('GET', '/api/audit/integrity?from=checkpoint', { token: inspector });
    expect(checkpointed.body.status).toBe('OK');
    const runs = await system.request<IntegrityReport[]>('GET', '/api/audit/integrity/runs?limit=5', { token: inspector });
    expect(runs.body.map((r) => r.id)).toContain(report.id);
    expect((await system.request('GET', '/api/audit/integrity', { token: await system.token('doctor') })).status).toBe(403);
    const command = await auditVerifyCommand(system.databaseUrl);
    expect(command).toMatchObject({ status: 0, reports: [{ status: 'OK', mode: 'genesis', trigger: 'scheduled' }] });
  });
});

interface ChainRowSql {
  facility_id: string;
  seq: string;
  occurred_at: Date;
  action: string;
  outcome: string;
  actor_user_id: string | null;
  actor_username: string | null;
  actor_roles: string[];
  actor_department_id: string | null;
  resource_type: string | null;
  resource_id: string | null;
  resource_version: number | null;
  patient_id: string | null;
  client_address: string | null;
  user_agent: string | null;
  request_id: string | null;
  reason: string | null;
  detail: Record<string, unknown>;
  previous_hash: string;
}

/** The attacker's copy of the chain format (audit.contract.ts): canonical JSON of the grouped fields. */
function body(r: ChainRowSql): string {
  return canonical({
    v: 1,
    facilityId: r.facility_id,
    occurredAt: new Date(r.occurred_at).toISOString(),
    action: r.action,
    outcome: r.outcome,
    actor: { userId: r.actor_user_id, username: r.actor_username, roles: r.actor_roles, departmentId: r.actor_department_id },
    resource: { type: r.resource_type, id: r.resource_id, version: r.resource_version },
    patientId: r.patient_id,
    client: { address: r.client_address, userAgent: r.user_agent, requestId: r.request_id },
    reason: r.reason,
    detail: r.detail,
  });
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function chainHash(previous: string, seq: number, text: string): string {
  const position = Buffer.alloc(8);
  position.writeBigUInt64BE(BigInt(seq));
  return createHash('sha256').update(Buffer.from(previous, 'hex')).update(position).update(text, 'utf8').digest('hex');
}

