import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type {
  ArchiveAccessEntry,
  ArchiveLoan,
  ArchiveSummary,
  CensusEntry,
  Department,
  DischargeQueueItem,
  DisposalRecord,
  DocumentSummary,
  EncounterDetail,
  FixityRun,
  Page,
  ProblemDetails,
  VerificationResult,
} from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

/** The audit events (R11) of one action on one resource, in chain order. */
function auditEvents(system: TestSystem, action: string, resourceId: string) {
  return system.sql<{ actor_username: string; patient_id: string | null; resource_version: number | null; reason: string | null; detail: Record<string, unknown> }>(
    `SELECT actor_username, patient_id, resource_version, reason, detail FROM audit_events WHERE action = $1 AND resource_id = $2 ORDER BY seq`,
    [action, resourceId],
  );
}

/**
 * The records office's archive, checked with tools nobody here wrote: pdfsig (the PAdES seal), qpdf,
 * pdftotext, pdfdetach and openssl cms (each embedded signature against its embedded JSON), sha256sum (the
 * export). This system keeps its archive files in its own directory (a copy of the demo's), so it can tamper with them.
 */
describe('archiving a discharged stay', () => {
  let system: TestSystem;
  let records: string;
  let doctor: string;
  let director: string;
  let demo: ArchiveSummary;
  let current: ArchiveSummary;
  const dir = mkdtempSync(join(tmpdir(), 'benhan-archive-e2e-'));
  const archiveDir = join(dir, 'store');

  beforeAll(async () => {
    system = await TestSystem.start({ ARCHIVE_DIR: archiveDir });
    [records, doctor] = await Promise.all([system.token('records'), system.token('doctor')]);
    director = await system.token('director');
    const page = (await system.request<Page<ArchiveSummary>>('GET', '/api/archives?q=hoang thi lua', { token: records })).body;
    [demo] = page.items;
    // This system's own store starts with what the seeding process archived.
    mkdirSync(dirname(join(archiveDir, demo.storeKey)), { recursive: true });
    copyFileSync(join(process.env['ARCHIVE_DIR'] ?? '', demo.storeKey), join(archiveDir, demo.storeKey));
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    spawnSync('chmod', ['-R', 'u+w', dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8' });
  const events = (action: string, resourceId: string) => auditEvents(system, action, resourceId);

  it('the demo seed holds an archived stay, found by accent-free name, record number and diagnosis', async () => {
    expect(demo).toEqual(expect.objectContaining({ patientName: 'Hoàng Thị Lụa', generation: 1, status: 'stored', documentCount: 5, store: 'fs' }));
    expect(demo.retention).toEqual({ years: 10, rule: 'Hồ sơ bệnh án: 10 năm', categories: [], retainUntil: `${new Date(demo.endedAt).getUTCFullYear() + 10}-12-31` });
    for (const query of [`recordNumber=${demo.recordNumber}`, 'diagnosis=J13', 'diagnosis=E11', `q=${demo.patientCode}`]) {
      const found = await system.request<Page<ArchiveSummary>>('GET', `/api/archives?${query}`, { token: records });
      expect(found.body.items.map((a) => a.id)).toContain(demo.id);
    }
    expect((await system.request<Page<ArchiveSummary>>('GET', '/api/archives?diagnosis=F20', { token: records })).body.items).toEqual([]);
    expect((await system.request('GET', '/api/archives', { token: doctor })).status).toBe(403);
    const queue = await system.request<Page<DischargeQueueItem>>('GET', '/api/records/queue?scope=archived', { token: records });
    expect(queue.body.items.find((q) => q.encounterId === demo.encounterId)).toEqual(expect.objectContaining({ archive: expect.objectContaining({ id: demo.id }), reopened: false }));
  });

  it('refuses to archive a stay in progress, then a discharged one with the list of what is missing', async () => {
    const departments = (await system.request<Department[]>('GET', '/api/departments', { token: doctor })).body;
    const noi = departments.find((d) => d.code === 'NOI')?.id ?? '';
    const census = (await system.request<CensusEntry[]>('GET', `/api/encounters/census?departmentId=${noi}`, { token: doctor })).body;
    const stay = census[census.length - 1];
    const early = await system.request<ProblemDetails>('POST', `/api/encounters/${stay.encounterId}/archive`, { token: records, json: {} });
    expect([early.status, early.body.type]).toEqual([409, expect.stringContaining('encounter_in_progress')]);

    const detail = (await system.request<EncounterDetail>('GET', `/api/encounters/${stay.encounterId}`, { token: doctor })).body;
    const discharged = await system.request('POST', `/api/encounters/${stay.encounterId}/discharge`, { token: doctor, json: { version: detail.version, outcome: 'improved', type: 'discharged', diagnoses: [{ role: 'principal', code: 'I10' }] } });
    expect(discharged.status).toBe(201);
    const refused = await system.request<ProblemDetails & { missing: { requirement: string }[]; awaitingSignature: unknown[] }>('POST', `/api/encounters/${stay.encounterId}/archive`, { token: records, json: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toContain('record_incomplete');
    expect(refused.body.missing.map((m) => m.requirement)).toEqual(expect.arrayContaining(['02/TT25', '03/TT25']));
    expect((await system.sql(`SELECT 1 FROM archives WHERE encounter_id = $1`, [stay.encounterId])).length).toBe(0);
    const pending = await system.request<Page<DischargeQueueItem>>('GET', '/api/records/queue', { token: records });
    expect(pending.body.items.find((q) => q.encounterId === stay.encounterId)).toEqual(expect.objectContaining({ archive: null, completeness: expect.objectContaining({ complete: false }) }));
    // Still to archive: the longest waiting first. A page at a time; all of them: newest discharge first, so the
    // stay just discharged heads the first page of one.
    const all = (await system.request<Page<DischargeQueueItem>>('GET', '/api/records/queue?scope=all&limit=200', { token: records })).body;
    const first = (await system.request<Page<DischargeQueueItem>>('GET', '/api/records/queue?scope=all&limit=1', { token: records })).body;
    const second = (await system.request<Page<DischargeQueueItem>>('GET', '/api/records/queue?scope=all&limit=1&offset=1', { token: records })).body;
    expect(all.total).toBeGreaterThanOrEqual(2);
    expect([first.total, first.items.length, first.items[0].encounterId]).toEqual([all.total, 1, stay.encounterId]);
    expect([...first.items, ...second.items].map((q) => q.encounterId)).toEqual(all.items.slice(0, 2).map((q) => q.encounterId));
    const waited = pending.body.items.map((q) => q.endedAt);
    expect(waited).toEqual([...waited].sort());
    expect(pending.body.total + (await system.request<Page<DischargeQueueItem>>('GET', '/api/records/queue?scope=archived', { token: records })).body.total).toBe(all.total);
    const tooMany = await system.request<ProblemDetails>('GET', '/api/records/queue?limit=1000', { token: records });
    expect([tooMany.status, tooMany.body.errors?.[0]?.field]).toEqual([400, 'limit']);
    expect((await system.request('POST', `/api/encounters/${stay.encounterId}/archive`, { token: doctor, json: {} })).status).toBe(403);
  });

  it('locks an archived record: no new version until the records office re-opens it (recorded); archiving again makes generation 2 and keeps generation 1', async () => {
    expect((await system.request('POST', `/api/encounters/${demo.encounterId}/archive`, { token: records, json: {} })).status).toBe(409);
    const documents = (await system.request<DocumentSummary[]>('GET', `/api/encounters/${demo.encounterId}/documents`, { token: doctor })).body;
    const summary = documents.find((d) => d.formCode === '02/TT25') as DocumentSummary;
    const content = (await system.request<{ content: Record<string, unknown> }>('GET', `/api/documents/${summary.id}/versions/1`, { token: doctor })).body.content;
    const locked = await system.request<ProblemDetails>('POST', `/api/documents/${summary.id}/versions`, { token: doctor, json: { reason: 'Bổ sung lời dặn', content } });
    expect([locked.status, locked.body.type]).toEqual([409, expect.stringContaining('record_closed')]);

    expect((await system.request<ProblemDetails>('POST', `/api/archives/${demo.id}/reopen`, { token: records, json: { reason: '' } })).status).toBe(400);
    const reopened = await system.request<ArchiveSummary>('POST', `/api/archives/${demo.id}/reopen`, { token: records, json: { reason: 'Bổ sung lời dặn tái khám theo yêu cầu của khoa' } });
    expect(reopened.status).toBe(200);
    const amended = await system.request<{ id: string; number: number }>('POST', `/api/documents/${summary.id}/versions`, {
      token: doctor,
      json: { reason: 'Bổ sung lời dặn', content: { ...content, notes: { text: 'Tái khám sau 2 tuần; uống đủ nước.' } } },
    });
    expect([amended.status, amended.body.number]).toEqual([201, 2]);
    const incomplete = await system.request<ProblemDetails>('POST', `/api/encounters/${demo.encounterId}/archive`, { token: records, json: {} });
    expect(incomplete.status).toBe(409);
    const head = await system.token('headdoctor');
    for (const token of [doctor, head]) {
      expect((await system.request('POST', `/api/versions/${amended.body.id}/signatures`, { token, json: { pin: '123456' } })).status).toBe(201);
    }

    const archived = await system.request<ArchiveSummary>('POST', `/api/encounters/${demo.encounterId}/archive`, { token: records, json: { categories: ['medical_incident'] } });
    expect(archived.status).toBe(201);
    current = archived.body;
    expect(current).toEqual(expect.objectContaining({ generation: 2, status: 'stored', documentCount: 5, retention: expect.objectContaining({ years: null, retainUntil: null, categories: ['medical_incident'] }) }));
    expect((await system.request<ArchiveSummary>('GET', `/api/archives/${demo.id}`, { token: records })).body.status).toBe('superseded');
    const log = await system.request<Page<ArchiveAccessEntry>>('GET', `/api/archives/${demo.id}/access`, { token: records });
    expect(log.body.items.map((e) => [e.kind, e.purpose])).toContainEqual(['reopened', 'Bổ sung lời dặn tái khám theo yêu cầu của khoa']);

    // R11, beside the archive's own log: the re-opening (the 400 wrote nothing), closing the record again, the new
    // generation, and the read of the old one, each with the patient.
    expect(await events('archive_reopen', demo.id)).toEqual([
      expect.objectContaining({ actor_username: 'records', patient_id: current.patientId, resource_version: 1, reason: 'Bổ sung lời dặn tái khám theo yêu cầu của khoa' }),
    ]);
    // Closed twice: for the seed's generation 1, and again for generation 2.
    expect((await events('encounter_update', demo.encounterId)).map((e) => [e.actor_username, e.detail['change']])).toEqual([
      ['records', 'record_closed'],
      ['records', 'record_closed'],
    ]);
    expect(await events('archive_create', current.id)).toEqual([
      expect.objectContaining({ actor_username: 'records', patient_id: current.patientId, resource_version: 2, detail: expect.objectContaining({ generation: 2, supersedes: demo.id, sha256: current.sha256 }) }),
    ]);
    expect(await events('archive_read', demo.id)).toEqual([expect.objectContaining({ actor_username: 'records', patient_id: current.patientId })]);
  });

  it('is a sealed PDF/A-3 that pdfsig, qpdf, pdftotext, pdfdetach and openssl accept; one changed byte breaks the seal', async () => {
    const noPurpose = await system.request<ProblemDetails>('GET', `/api/archives/${current.id}/pdf`, { token: records });
    expect([noPurpose.status, noPurpose.body.errors?.map((e) => e.field)]).toEqual([400, ['purpose']]);
    const pdf = await system.download(`/api/archives/${current.id}/pdf?purpose=${encodeURIComponent('Kiểm tra tự động')}`, records);
    expect([pdf.status, pdf.headers.get('content-type'), pdf.bytes.length]).toEqual([200, 'application/pdf', current.sizeBytes]);
    expect(await events('archive_download', current.id)).toEqual([expect.objectContaining({ actor_username: 'records', patient_id: current.patientId, reason: 'Kiểm tra tự động' })]);
    const file = join(dir, 'archive.pdf');
    writeFileSync(file, pdf.bytes);
    expect(run('sha256sum', [file]).stdout.slice(0, 64)).toBe(current.sha256);

    const sig = run('pdfsig', [file]).stdout;
    expect(sig).toContain('Signature Type: ETSI.CAdES.detached');
    expect(sig).toContain('Signature Validation: Signature is Valid.');
    expect(sig).toContain('Total document signed');
    const check = run('qpdf', ['--check', file]);
    expect([check.status, check.stdout]).toEqual([0, expect.stringContaining('No syntax or stream encoding errors')]);
    expect(run('pdfinfo', ['-meta', file]).stdout).toMatch(/pdfaid:part>3</);

    const text = run('pdftotext', [file, '-']).stdout;
    expect(text).toContain('Hoàng Thị Lụa');
    expect(text).toContain('HỒ SƠ BỆNH ÁN');
    expect(text).toContain('GIẤY RA VIỆN');
    expect(text).toContain('Lý do sửa: Bổ sung lời dặn');
    expect(text).toContain(`Mã tra cứu: ${current.lookupCode}`);

    const list = run('pdfdetach', ['-list', file]).stdout;
    const names = list.split('\n').map((l) => l.replace(/^\d+: /, '').trim()).filter((l) => l.endsWith('.json') || l.endsWith('.p7s'));
    expect(names).toContain('manifest.json');
    expect(names.filter((n) => n.endsWith('.p7s')).length).toBe(10);
    const out = join(dir, 'attachments');
    expect(run('mkdir', ['-p', out]).status).toBe(0);
    expect(run('pdfdetach', ['-saveall', '-o', out, file]).status).toBe(0);
    const chain = join(dir, 'chain.pem');
    writeFileSync(chain, (await system.download('/api/pki/ca', records)).bytes);
    for (const p7s of names.filter((n) => n.endsWith('.p7s'))) {
      const json = p7s.replace(/_s\d+\.p7s$/, '.json');
      const verify = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(out, p7s), '-content', join(out, json), '-CAfile', chain, '-purpose', 'any', '-out', '/dev/null']);
      expect([p7s, verify.status, verify.stderr]).toEqual([p7s, 0, expect.stringContaining('Verification successful')]);
    }
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { documents: { versions: unknown[] }[] };
    expect(manifest.documents.flatMap((d) => d.versions).length).toBe(6);

    const tampered = Buffer.from(pdf.bytes);
    const at = tampered.indexOf('Hoàng');
    tampered[at > 0 ? at : 2000] ^= 0x01;
    const bad = join(dir, 'tampered.pdf');
    writeFileSync(bad, tampered);
    expect(run('pdfsig', [bad]).stdout).not.toContain('Signature is Valid');
  });

  it('records downloads with their purpose, lends and returns, and holds against disposal', async () => {
    const log = (await system.request<Page<ArchiveAccessEntry>>('GET', `/api/archives/${current.id}/access`, { token: records })).body.items;
    expect(log).toContainEqual(expect.objectContaining({ kind: 'download', purpose: 'Kiểm tra tự động', userName: 'Phạm Thu Trang' }));
    // Newest first, a page at a time (an archive is read for decades).
    const [newest, older] = await Promise.all(
      [0, 1].map(async (offset) => (await system.request<Page<ArchiveAccessEntry>>('GET', `/api/archives/${current.id}/access?limit=1&offset=${offset}`, { token: records })).body),
    );
    expect([newest.total, newest.items.length, older.items.length]).toEqual([log.length, 1, 1]);
    expect([newest.items[0].id, older.items[0].id]).toEqual(log.slice(0, 2).map((e) => e.id));
    expect(new Date(log[0].at).getTime()).toBeGreaterThanOrEqual(new Date(log[log.length - 1].at).getTime());
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const loan = await system.request<ArchiveLoan>('POST', `/api/archives/${current.id}/loans`, { token: records, json: { borrower: 'Toà án nhân dân quận Ba Đình', purpose: 'Giám định theo yêu cầu', dueAt: due } });
    expect([loan.status, loan.body.returnedAt]).toEqual([201, null]);
    const returned = await system.request<ArchiveLoan>('POST', `/api/loans/${loan.body.id}/return`, { token: records });
    expect(returned.body.returnedAt).not.toBeNull();
    expect((await system.request<ProblemDetails>('POST', `/api/loans/${loan.body.id}/return`, { token: records })).status).toBe(409);
    expect((await events('archive_loan', current.id)).map((e) => [e.reason, e.detail['loanId'], e.detail['borrower']])).toEqual([['Giám định theo yêu cầu', loan.body.id, 'Toà án nhân dân quận Ba Đình']]);
    expect((await events('archive_return', current.id)).map((e) => [e.reason, e.detail['loanId']])).toEqual([['Giám định theo yêu cầu', loan.body.id]]);

    const held = await system.request<ArchiveSummary>('PUT', `/api/archives/${current.id}/legal-hold`, { token: records, json: { hold: true, reason: 'Khiếu nại đang giải quyết' } });
    expect(held.body.legalHold).toEqual(expect.objectContaining({ reason: 'Khiếu nại đang giải quyết', placedByName: 'Phạm Thu Trang' }));
    const proposal = await system.request<ProblemDetails>('POST', '/api/disposals', { token: records, json: { archiveId: current.id, reason: 'Hết hạn' } });
    expect([proposal.status, proposal.body.type]).toEqual([409, expect.stringContaining('legal_hold')]);
    await system.request('PUT', `/api/archives/${current.id}/legal-hold`, { token: records, json: { hold: false, reason: 'Đã giải quyết xong' } });
    expect((await events('legal_hold', current.id)).map((e) => [e.detail['hold'], e.reason])).toEqual([
      [true, 'Khiếu nại đang giải quyết'],
      [false, 'Đã giải quyết xong'],
    ]);
    const permanent = await system.request<ProblemDetails>('POST', '/api/disposals', { token: records, json: { archiveId: current.id, reason: 'Hết hạn' } });
    expect([permanent.status, permanent.body.type]).toEqual([409, expect.stringContaining('retention_not_expired')]);
    const early = await system.request<ProblemDetails>('POST', '/api/disposals', { token: records, json: { archiveId: demo.id, reason: 'Hết hạn' } });
    expect(early.status).toBe(409);
    expect((await system.request<Page<ArchiveSummary>>('GET', '/api/disposals/candidates', { token: director })).body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    expect((await system.request<Page<DisposalRecord>>('GET', '/api/disposals', { token: director })).body.items).toEqual([]);
    expect((await system.request('POST', '/api/disposals', { token: director, json: { archiveId: demo.id, reason: 'x' } })).status).toBe(403);
    await expect(system.sql(`UPDATE archives SET sha256 = repeat('0', 64) WHERE id = $1`, [current.id])).rejects.toThrow(/never change/);
    await expect(system.sql(`DELETE FROM archives WHERE id = $1`, [current.id])).rejects.toThrow(/never deleted/);
  });

  it('fixity: every stored file re-hashes to its recorded SHA-256; a changed file is reported', async () => {
    const first = await system.request<FixityRun>('POST', '/api/fixity/runs', { token: records });
    expect(first.status).toBe(201);
    expect(first.body).toEqual(expect.objectContaining({ trigger: 'manual', checked: 2, ok: 2, problems: [] }));
    expect(first.body.bytesRead).toBe(demo.sizeBytes + current.sizeBytes);

    const path = join(archiveDir, current.storeKey);
    chmodSync(path, 0o644);
    const bytes = readFileSync(path);
    bytes[bytes.length - 10] ^= 0x20;
    writeFileSync(path, bytes);
    const second = (await system.request<FixityRun>('POST', '/api/fixity/runs', { token: records })).body;
    expect(second.problems).toContainEqual(expect.objectContaining({ archiveId: current.id, outcome: 'changed' }));
    const runs = (await system.request<FixityRun[]>('GET', '/api/fixity/runs', { token: director })).body;
    expect(runs[0].id).toBe(second.id);
    expect((await system.request<ArchiveSummary>('GET', `/api/archives/${current.id}`, { token: records })).body.lastFixity?.outcome).toBe('changed');
    // The same check as an operator's command (cron, systemd timer): non-zero exit on any problem.
    // Asynchronously: a blocking spawnSync would leave this process's keep-alive socket to the API stale.
    const command = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const env = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: system.databaseUrl, ARCHIVE_DIR: archiveDir, JWT_SECRET: 'x'.repeat(32), PORT: '0', FIXITY_INTERVAL_HOURS: '0' };
      execFile(process.execPath, ['dist/apps/api/main.js', 'fixity'], { env, encoding: 'utf8' }, (error, stdout) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout }));
    });
    expect(command.status).toBe(1);
    const report = JSON.parse(command.stdout.slice(command.stdout.indexOf('['))) as FixityRun[];
    expect(report[0]).toEqual(expect.objectContaining({ trigger: 'command', checked: 2, ok: 1, problems: [expect.objectContaining({ archiveId: current.id, outcome: 'changed' })] }));
    bytes[bytes.length - 10] ^= 0x20;
    writeFileSync(path, bytes);
  });

  it('exports every archive file with a manifest and SHA256SUMS that sha256sum -c accepts', async () => {
    expect((await system.request<ProblemDetails>('GET', '/api/archives/export', { token: records })).status).toBe(400);
    const tar = await system.download(`/api/archives/export?reason=${encodeURIComponent('Bàn giao dữ liệu khi kết thúc hợp đồng')}`, records);
    expect([tar.status, tar.headers.get('content-type')]).toEqual([200, 'application/x-tar']);
    expect(await system.sql(`SELECT actor_username, reason, (detail->>'archives')::int AS archives FROM audit_events WHERE action = 'archive_export'`)).toEqual([
      { actor_username: 'records', reason: 'Bàn giao dữ liệu khi kết thúc hợp đồng', archives: 2 },
    ]);
    const out = join(dir, 'export');
    mkdirSync(out);
    writeFileSync(join(dir, 'export.tar'), tar.bytes);
    expect(run('tar', ['-xf', join(dir, 'export.tar'), '-C', out]).status).toBe(0);
    const sums = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' });
    expect([sums.status, sums.stdout.trim().split('\n')]).toEqual([0, [`archives/${demo.storeKey}: OK`, `archives/${current.storeKey}: OK`]]);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { archives: { id: string }[] };
    expect(manifest.archives.map((a) => a.id)).toEqual([demo.id, current.id]);
    expect(run('pdfsig', [join(out, 'archives', current.storeKey)]).stdout).toContain('Signature is Valid');
  });

  it('resolves the printed QR code without a login: the version or archive, its hash and signatures', async () => {
    const archive = await system.request<VerificationResult>('GET', `/api/verify/${current.lookupCode}`);
    expect(archive.status).toBe(200);
    expect(archive.body).toEqual(expect.objectContaining({ kind: 'archive', patientInitials: 'H.T.L.', sha256: current.sha256, current: true }));
    expect((await system.request<VerificationResult>('GET', `/api/verify/${demo.lookupCode}`)).body.current).toBe(false);
    expect((await system.request('GET', '/api/verify/A0000000000')).status).toBe(404);
    expect((await system.request('GET', '/api/verify/nonsense')).status).toBe(404);
  });
});

/** Eleven years on (the clock runs ahead): the demo stay's 10-year retention has run out. */
describe('disposing of an archive after its retention', () => {
  let system: TestSystem;
  let records: string;
  let director: string;
  const dir = mkdtempSync(join(tmpdir(), 'benhan-disposal-e2e-'));
  let demo: ArchiveSummary;

  beforeAll(async () => {
    system = await TestSystem.start({ ARCHIVE_DIR: dir, TEST_CLOCK_OFFSET_DAYS: String(11 * 366) });
    [records, director] = await Promise.all([system.token('records'), system.token('director')]);
    [demo] = (await system.request<Page<ArchiveSummary>>('GET', '/api/archives?q=hoang thi lua', { token: records })).body.items;
    mkdirSync(dirname(join(dir, demo.storeKey)), { recursive: true });
    copyFileSync(join(process.env['ARCHIVE_DIR'] ?? '', demo.storeKey), join(dir, demo.storeKey));
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    spawnSync('chmod', ['-R', 'u+w', dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('needs the records officer to propose and the director (another person) to approve; the file goes, the record and its hash stay', async () => {
    const candidates = await system.request<Page<ArchiveSummary>>('GET', '/api/disposals/candidates', { token: director });
    expect(candidates.body.items.map((a) => a.id)).toEqual([demo.id]);
    expect(existsSync(join(dir, demo.storeKey))).toBe(true);

    expect((await system.request<ProblemDetails>('POST', '/api/disposals', { token: records, json: { archiveId: demo.id, reason: '' } })).status).toBe(400);
    const proposed = await system.request<DisposalRecord>('POST', '/api/disposals', { token: records, json: { archiveId: demo.id, reason: 'Hết thời hạn lưu trữ 10 năm (TT 33/2025)' } });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toEqual(expect.objectContaining({ status: 'proposed', sha256: demo.sha256, proposedByName: 'Phạm Thu Trang', disposedAt: null }));
    expect((await system.request('POST', '/api/disposals', { token: records, json: { archiveId: demo.id, reason: 'Lần nữa' } })).status).toBe(409);
    expect((await system.request('POST', `/api/disposals/${proposed.body.id}/decision`, { token: records, json: { approve: true } })).status).toBe(403);
    expect(existsSync(join(dir, demo.storeKey))).toBe(true);
    expect(await auditEvents(system, 'disposal_propose', demo.id)).toEqual([
      expect.objectContaining({ actor_username: 'records', patient_id: demo.patientId, reason: 'Hết thời hạn lưu trữ 10 năm (TT 33/2025)', detail: expect.objectContaining({ disposalId: proposed.body.id }) }),
    ]);
    expect(await auditEvents(system, 'disposal_decide', demo.id)).toEqual([]);

    const approved = await system.request<DisposalRecord>('POST', `/api/disposals/${proposed.body.id}/decision`, { token: director, json: { approve: true, reason: 'Đồng ý tiêu huỷ' } });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual(expect.objectContaining({ status: 'approved', decidedByName: 'TS.BS. Hoàng Văn Bình', disposedAt: expect.any(String), sha256: demo.sha256 }));
    expect(existsSync(join(dir, demo.storeKey))).toBe(false);
    expect(await auditEvents(system, 'disposal_decide', demo.id)).toEqual([
      expect.objectContaining({ actor_username: 'director', patient_id: demo.patientId, reason: 'Đồng ý tiêu huỷ', detail: expect.objectContaining({ disposalId: proposed.body.id, approved: true, sha256: demo.sha256 }) }),
    ]);
    expect((await system.request<ArchiveSummary>('GET', `/api/archives/${demo.id}`, { token: records })).body).toEqual(expect.objectContaining({ status: 'disposed', disposedAt: expect.any(String) }));
    expect((await system.request<ProblemDetails>('GET', `/api/archives/${demo.id}/pdf?purpose=check`, { token: records })).status).toBe(410);
    expect((await system.request<Page<DisposalRecord>>('GET', '/api/disposals?status=approved', { token: records })).body.items.map((d) => d.id)).toEqual([proposed.body.id]);
    expect((await system.request<Page<DisposalRecord>>('GET', '/api/disposals?status=decided', { token: records })).body.items.map((d) => d.id)).toEqual([proposed.body.id]);
    expect((await system.request<Page<DisposalRecord>>('GET', '/api/disposals?status=proposed', { token: records })).body.total).toBe(0);
    expect((await system.request<ProblemDetails>('GET', '/api/disposals?status=gone', { token: records })).body.errors?.[0]?.field).toBe('status');
    expect((await system.request<VerificationResult>('GET', `/api/verify/${demo.lookupCode}`)).body).toEqual(expect.objectContaining({ current: false, note: expect.stringContaining('tiêu huỷ') }));
    await expect(system.sql(`DELETE FROM archive_disposals WHERE id = $1`, [proposed.body.id])).rejects.toThrow();
    await expect(system.sql(`UPDATE archives SET status = 'stored' WHERE id = $1`, [demo.id])).rejects.toThrow(/stays disposed/);
  });

  it('leaves disposed files out of the fixity check', async () => {
    const runs = await system.request<FixityRun>('POST', '/api/fixity/runs', { token: records });
    expect(runs.body).toEqual(expect.objectContaining({ checked: 0, problems: [] }));
  });
});
