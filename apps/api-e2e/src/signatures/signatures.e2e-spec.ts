import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  CensusEntry,
  Department,
  DocumentSummary,
  DocumentVersion,
  MySigningState,
  ProblemDetails,
  SignatureReportSet,
  SignatureSummary,
  SigningCertificate,
  UserSummary,
} from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

const SAMPLES = join(__dirname, '..', '..', '..', '..', 'libs', 'api', 'documents', 'src', 'testing', 'form-samples');
const sample = (slug: string): Record<string, unknown> => JSON.parse(readFileSync(join(SAMPLES, `${slug}.valid.json`), 'utf8'));
const PIN = '123456';

describe('digital signatures: sign, countersign, verify with OpenSSL, tampering, PIN lockout, revocation', () => {
  let system: TestSystem;
  let doctor: string;
  let head: string;
  let nurse: string;
  let records: string;
  let admin: string;
  let stays: CensusEntry[];
  let dir: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    [doctor, head, nurse, records, admin] = await Promise.all(['doctor', 'headdoctor', 'nurse', 'records', 'admin'].map((u) => system.token(u)));
    const departments = (await system.request<Department[]>('GET', '/api/departments', { token: doctor })).body;
    const noi = departments.find((d) => d.code === 'NOI')?.id ?? '';
    stays = (await system.request<CensusEntry[]>('GET', `/api/encounters/census?departmentId=${noi}`, { token: doctor })).body;
    dir = mkdtempSync(join(tmpdir(), 'benhan-sig-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await system?.stop();
  });

  async function recordOf(stay: CensusEntry): Promise<DocumentVersion> {
    const docs = (await system.request<DocumentSummary[]>('GET', `/api/encounters/${stay.encounterId}/documents`, { token: doctor })).body;
    const existing = docs.find((d) => d.formCode === '01/BV1');
    if (existing) {
      const draft = (await system.request<DocumentVersion>('GET', `/api/documents/${existing.id}/versions/${existing.latest.number}`, { token: doctor })).body;
      return (await system.request<DocumentVersion>('PUT', `/api/documents/${existing.id}/versions/${draft.number}`, { token: doctor, json: { revision: draft.revision, content: sample('01-BV1-internal-medicine') } })).body;
    }
    const created = await system.request<DocumentVersion>('POST', `/api/encounters/${stay.encounterId}/documents`, { token: doctor, json: { formCode: '01/BV1', content: sample('01-BV1-internal-medicine') } });
    expect(created.status).toBe(201);
    return created.body;
  }

  /** The audit events of one action matching `where` (parameters from $2), in chain order. */
  function events(action: string, where: string, params: unknown[]) {
    return system.sql<{ outcome: string; resource_type: string; resource_id: string; resource_version: number | null; patient_id: string | null; actor_username: string; reason: string | null; detail: Record<string, unknown> }>(
      `SELECT outcome, resource_type, resource_id, resource_version, patient_id, actor_username, reason, detail FROM audit_events WHERE action = $1 AND ${where} ORDER BY seq`,
      [action, ...params],
    );
  }

  /** OpenSSL as a child process; it reports verification results on stderr. */
  function openssl(args: string[]): { ok: boolean; output: string } {
    const run = spawnSync('openssl', args, { encoding: 'utf8' });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  }

  it('comes with the demo treatment sheets signed and time-stamped, and every demo signature PASSED', async () => {
    const list = await system.request<SignatureSummary[]>('GET', `/api/signatures?patient=${stays[0].patientId}`, { token: doctor });
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThan(0);
    expect(list.body[0]).toEqual(expect.objectContaining({ formCode: '39/BV2', step: 1, role: 'author', signerName: 'BS. Nguyễn Văn Minh', timestampedAt: expect.any(String) }));
    const report = await system.request<SignatureReportSet>('GET', `/api/encounters/${stays[0].encounterId}/signatures/report`, { token: records });
    expect(report.body.indication).toBe('PASSED');
    expect(report.body.reports[0].checks.map((c) => [c.check, c.passed])).toEqual([
      ['content_hash', true],
      ['timestamp', true],
      ['signature_value', true],
      ['signing_certificate', true],
      ['chain', true],
      ['validity_at_signing_time', true],
      ['not_revoked_at_signing_time', true],
      ['key_usage', true],
      ['signer_identity', true],
    ]);
    const state = await system.request<MySigningState>('GET', '/api/me/signing', { token: doctor });
    expect(state.body).toEqual(expect.objectContaining({ locked: false, certificate: expect.objectContaining({ status: 'active', subject: expect.stringContaining('Nguyễn Văn Minh') }) }));
  });

  it('signs as author then countersigns as head of department, in that order only, and the version becomes immutable', async () => {
    const version = await recordOf(stays[0]);
    const wrong = await system.request<ProblemDetails>('POST', `/api/versions/${version.id}/signatures`, { token: doctor, json: { pin: '000000' } });
    expect([wrong.status, wrong.body.type, wrong.body['remainingAttempts']]).toEqual([403, expect.stringContaining('wrong_pin'), 4]);
    // The refused signing leaves its wrong-PIN event (committed with the attempt counter) and no signing event.
    expect(await events('signing_pin_failed', `actor_username = $2`, ['doctor'])).toEqual([expect.objectContaining({ outcome: 'failure', resource_type: 'certificate', detail: expect.objectContaining({ failedAttempts: 1, remainingAttempts: 4 }) })]);
    expect(await events('document_sign', `resource_id = $2`, [version.id])).toEqual([]);
    const early = await system.request<ProblemDetails>('POST', `/api/versions/${version.id}/signatures`, { token: head, json: { pin: PIN } });
    expect([early.status, early.body.type]).toEqual([403, expect.stringContaining('not_your_step')]);

    const signed = await system.request<SignatureSummary>('POST', `/api/versions/${version.id}/signatures`, { token: doctor, json: { pin: PIN } });
    expect(signed.status).toBe(201);
    expect(signed.body).toEqual(expect.objectContaining({ versionId: version.id, step: 1, role: 'author' }));
    expect((await system.request<MySigningState>('GET', '/api/me/signing', { token: doctor })).body.failedPinAttempts).toBe(0);
    const again = await system.request<ProblemDetails>('POST', `/api/versions/${version.id}/signatures`, { token: doctor, json: { pin: PIN } });
    expect([again.status, again.body.type]).toEqual([403, expect.stringContaining('not_your_step')]);
    const counter = await system.request<SignatureSummary>('POST', `/api/versions/${version.id}/signatures`, { token: head, json: { pin: PIN } });
    expect([counter.status, counter.body.step, counter.body.role]).toEqual([201, 2, 'head_of_department']);
    // Each step is one event in the signing transaction: the author signs, the head of department countersigns.
    const signing = await system.sql<Record<string, unknown>>(
      `SELECT action, resource_type, resource_version, patient_id, actor_username, detail->>'signatureId' AS signature, (detail->>'step')::int AS step FROM audit_events
        WHERE action IN ('document_sign', 'document_countersign') AND resource_id = $1 ORDER BY seq`,
      [version.id],
    );
    expect(signing).toEqual([
      { action: 'document_sign', resource_type: 'version', resource_version: version.number, patient_id: stays[0].patientId, actor_username: 'doctor', signature: signed.body.id, step: 1 },
      { action: 'document_countersign', resource_type: 'version', resource_version: version.number, patient_id: stays[0].patientId, actor_username: 'headdoctor', signature: counter.body.id, step: 2 },
    ]);

    const after = await system.request<DocumentVersion>('GET', `/api/documents/${version.documentId}/versions/1`, { token: doctor });
    expect(after.body).toEqual(expect.objectContaining({ status: 'signed', awaiting: [] }));
    expect(after.body.signoffs.map((s) => s.role)).toEqual(['author', 'head_of_department']);
    const report = await system.request<SignatureReportSet>('GET', `/api/versions/${version.id}/signatures/report`, { token: records });
    expect([report.body.indication, report.body.reports.length]).toEqual(['PASSED', 2]);
  });

  it('refuses to sign a draft that misses mandatory fields, naming them', async () => {
    const created = await system.request<DocumentVersion>('POST', `/api/encounters/${stays[1].encounterId}/documents`, {
      token: doctor,
      json: { formCode: '39/BV2', content: { entries: [{ at: new Date().toISOString(), orders: [] }] } },
    });
    const refused = await system.request<ProblemDetails>('POST', `/api/versions/${created.body.id}/signatures`, { token: doctor, json: { pin: PIN } });
    expect([refused.status, refused.body.type]).toEqual([400, expect.stringContaining('content_incomplete')]);
    expect(refused.body.errors?.map((e) => e.field)).toContain('/entries/0/progress');
    // The signing transaction rolled back: no sign-off, no signature, no audit event.
    expect(await system.sql(`SELECT action FROM audit_events WHERE resource_id = $1 AND action IN ('document_sign', 'document_countersign')`, [created.body.id])).toEqual([]);
    expect(await system.sql(`SELECT id FROM signatures WHERE version_id = $1`, [created.body.id])).toEqual([]);
  });

  it('verifies with plain OpenSSL from the published bytes, and fails after one changed byte', async () => {
    const [signature] = (await system.request<SignatureSummary[]>('GET', `/api/signatures?patient=${stays[0].patientId}`, { token: records })).body.filter((s) => s.formCode === '01/BV1');
    const canonical = await system.download(`/api/versions/${signature.versionId}/canonical`, records);
    const p7s = await system.download(`/api/signatures/${signature.id}/p7s`, records);
    const chain = await system.download(`/api/signatures/${signature.id}/chain`, records);
    const ca = await system.download('/api/pki/ca');
    expect([canonical.status, p7s.status, chain.status, ca.status]).toEqual([200, 200, 200, 200]);
    expect(JSON.parse(canonical.bytes.toString('utf8'))).toEqual(expect.objectContaining({ versionId: signature.versionId, formCode: '01/BV1' }));
    const files = { content: join(dir, 'v.json'), sig: join(dir, 's.p7s'), ca: join(dir, 'ca.pem'), chain: join(dir, 'chain.pem'), bad: join(dir, 'bad.json') };
    writeFileSync(files.content, canonical.bytes);
    writeFileSync(files.sig, p7s.bytes);
    writeFileSync(files.ca, ca.bytes);
    writeFileSync(files.chain, chain.bytes);
    const verify = (content: string) => openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', files.sig, '-content', content, '-CAfile', files.ca, '-purpose', 'any', '-out', '/dev/null']);
    const good = verify(files.content);
    expect(good.output).toContain('Verification successful');
    expect(good.ok).toBe(true);
    // -cades also checks signingCertificateV2 against the certificate (CAdES-BES).
    const cades = openssl(['cms', '-verify', '-cades', '-binary', '-inform', 'DER', '-in', files.sig, '-content', files.content, '-CAfile', files.ca, '-purpose', 'any', '-out', '/dev/null']);
    expect([cades.ok, cades.output]).toEqual([true, expect.stringContaining('Verification successful')]);
    const flipped = Buffer.from(canonical.bytes);
    flipped[flipped.length - 3] ^= 0x01;
    writeFileSync(files.bad, flipped);
    const bad = verify(files.bad);
    expect(bad.ok).toBe(false);
    expect(bad.output).toMatch(/Verification failure|digest failure/i);
    const printed = openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', files.sig]).output;
    expect(printed).toMatch(/id-smime-aa-signingCertificateV2|signingCertificateV2/);
    expect(printed).toMatch(/id-smime-aa-timeStampToken|timeStampToken/);
    expect(openssl(['verify', '-CAfile', files.ca, files.chain]).output).toContain('OK');

    // The verification kit: unpack with tar, run the README's command as written.
    const kit = await system.download(`/api/signatures/${signature.id}/kit`, records);
    const kitDir = mkdtempSync(join(dir, 'kit-'));
    writeFileSync(join(kitDir, 'kit.tar'), kit.bytes);
    expect(spawnSync('tar', ['-xf', 'kit.tar'], { cwd: kitDir }).status).toBe(0);
    // The canonical bytes and the kit hold the version's content: reads of it. The .p7s and the chain do not.
    const reads = await events('document_read', `resource_id = $2 AND actor_username = 'records'`, [signature.versionId]);
    expect(reads.map((r) => [r.resource_type, r.detail['view'], r.patient_id])).toEqual([
      ['version', 'canonical', stays[0].patientId],
      ['version', 'verification_kit', stays[0].patientId],
    ]);
    const command = readFileSync(join(kitDir, 'README.txt'), 'utf8').split('\n').find((l) => l.trim().startsWith('openssl cms -verify')) ?? '';
    const fromKit = spawnSync('sh', ['-c', command.trim()], { cwd: kitDir, encoding: 'utf8' });
    expect([fromKit.status, fromKit.stderr]).toEqual([0, expect.stringContaining('Verification successful')]);
  });

  it('reports a signed version changed behind Benhan’s back as FAILED on the hash, and nothing else as broken', async () => {
    const version = await recordOf(stays[2]);
    await system.request('POST', `/api/versions/${version.id}/signatures`, { token: doctor, json: { pin: PIN } });
    // As a database superuser, bypassing the immutability trigger: exactly what the report must catch.
    await system.sql(`SET session_replication_role = replica; UPDATE document_versions SET content = jsonb_set(content, '{reasonForAdmission,reason}', '"Đã bị sửa"') WHERE id = '${version.id}'; SET session_replication_role = origin;`);
    const report = await system.request<SignatureReportSet>('GET', `/api/versions/${version.id}/signatures/report`, { token: records });
    expect(report.body.indication).toBe('FAILED');
    const checks = report.body.reports[0].checks;
    expect(checks.filter((c) => c.passed === false).map((c) => c.check)).toEqual(['content_hash']);
    expect(report.body.reports[0].reason).toMatch(/^content_hash: .*changed after signing/);
    const others = await system.request<SignatureReportSet>('GET', `/api/encounters/${stays[0].encounterId}/signatures/report`, { token: records });
    expect(others.body.indication).toBe('PASSED');
  });

  it('locks signing after five wrong PINs until an administrator unlocks it', async () => {
    const created = await system.request<DocumentVersion>('POST', `/api/encounters/${stays[0].encounterId}/documents`, { token: nurse, json: { formCode: 'CS/BV2', content: sample('CS-BV2-nursing-care') } });
    expect(created.status).toBe(201);
    const attempts = [];
    for (let i = 0; i < 5; i++) attempts.push((await system.request<ProblemDetails>('POST', `/api/versions/${created.body.id}/signatures`, { token: nurse, json: { pin: '999999' } })).body);
    expect(attempts.map((a) => a['remainingAttempts'] ?? a.status)).toEqual([4, 3, 2, 1, 423]);
    const locked = await system.request<ProblemDetails>('POST', `/api/versions/${created.body.id}/signatures`, { token: nurse, json: { pin: PIN } });
    expect([locked.status, locked.body.type]).toEqual([423, expect.stringContaining('signing_locked')]);
    const users = (await system.request<{ items: UserSummary[] }>('GET', '/api/users?q=nurse', { token: admin })).body.items;
    const nurseId = users.find((u) => u.username === 'nurse')?.id;
    expect((await system.request('POST', `/api/users/${nurseId}/signing/unlock`, { token: admin })).status).toBe(204);
    const ok = await system.request<SignatureSummary>('POST', `/api/versions/${created.body.id}/signatures`, { token: nurse, json: { pin: PIN } });
    expect([ok.status, ok.body.role]).toEqual([201, 'author']);
    const failed = await events('signing_pin_failed', `actor_username = $2`, ['nurse']);
    expect(failed.map((e) => [e.outcome, e.detail['failedAttempts']])).toEqual([1, 2, 3, 4, 5].map((n) => ['failure', n]));
    expect(await events('signing_locked', `actor_username = $2`, ['nurse'])).toEqual([expect.objectContaining({ resource_id: failed[0].resource_id, detail: expect.objectContaining({ failedAttempts: 5 }) })]);
    expect(await events('signing_unlocked', `resource_id = $2`, [nurseId])).toEqual([expect.objectContaining({ actor_username: 'admin', resource_type: 'user', detail: { wasLocked: true, failedAttempts: 5 } })]);
  });

  it('refuses a revoked certificate, lists it on the CRL, and keeps earlier signatures PASSED', async () => {
    const nurseState = (await system.request<MySigningState>('GET', '/api/me/signing', { token: nurse })).body;
    const serial = nurseState.certificate?.serial ?? '';
    const revoked = await system.request<SigningCertificate>('POST', `/api/certificates/${serial}/revoke`, { token: admin, json: { reason: 'key_compromise' } });
    expect([revoked.status, revoked.body.status]).toEqual([200, 'revoked']);
    const created = await system.request<DocumentVersion>('POST', `/api/encounters/${stays[0].encounterId}/documents`, { token: nurse, json: { formCode: 'CS/BV2', content: sample('CS-BV2-nursing-care') } });
    const refused = await system.request<ProblemDetails>('POST', `/api/versions/${created.body.id}/signatures`, { token: nurse, json: { pin: PIN } });
    expect([refused.status, refused.body.type]).toEqual([409, expect.stringContaining('certificate_revoked')]);

    const earlier = (await system.request<SignatureSummary[]>('GET', `/api/signatures?patient=${stays[0].patientId}`, { token: records })).body.find((s) => s.formCode === 'CS/BV2');
    const report = await system.request<SignatureReportSet>('GET', `/api/documents/${earlier?.documentId}/signatures/report`, { token: records });
    expect(report.body.indication).toBe('PASSED');
    expect(report.body.reports[0].checks.find((c) => c.check === 'not_revoked_at_signing_time')?.detail).toMatch(/after the signature/);

    const crl = await system.download('/api/pki/crl');
    expect([crl.status, crl.headers.get('content-type')]).toEqual([200, 'application/pkix-crl']);
    writeFileSync(join(dir, 'issuing.crl'), crl.bytes);
    const text = openssl(['crl', '-inform', 'DER', '-in', join(dir, 'issuing.crl'), '-noout', '-text']).output;
    expect(text.replace(/[:\s]/g, '').toLowerCase()).toContain(serial.replace(/^0+/, '').toLowerCase());
    expect(text).toMatch(/Key Compromise/);
    writeFileSync(join(dir, 'ca-all.pem'), (await system.download('/api/pki/ca')).bytes);
    expect(openssl(['crl', '-inform', 'DER', '-in', join(dir, 'issuing.crl'), '-CAfile', join(dir, 'ca-all.pem'), '-noout']).output).toMatch(/verify OK/);
    expect((await system.request('POST', `/api/certificates/${serial}/revoke`, { token: doctor, json: { reason: 'superseded' } })).status).toBe(403);
    expect(await events('certificate_revoked', `resource_id = $2`, [serial])).toEqual([expect.objectContaining({ actor_username: 'admin', resource_type: 'certificate', reason: 'key_compromise' })]);

    // A new PIN gives the nurse a new certificate: an enrolment event.
    const enrolled = await system.request<MySigningState>('POST', '/api/me/signing/enrol', { token: nurse, json: { pin: PIN } });
    expect([enrolled.status, enrolled.body.certificate?.status]).toEqual([201, 'active']);
    expect(await events('signing_enrol', `actor_username = $2`, ['nurse'])).toEqual([expect.objectContaining({ resource_type: 'certificate', resource_id: enrolled.body.certificate?.serial })]);
  });

  it("signs with a certificate from another CA: trust its root, import the user's PKCS#12, and the report PASSES", async () => {
    const run = (args: string[]) => {
      const result = openssl(args);
      if (!result.ok) throw new Error(`openssl ${args.join(' ')}: ${result.output}`);
    };
    const f = (name: string) => join(dir, name);
    writeFileSync(f('user.ext'), 'keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n');
    run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('other-ca.pem'), '-days', '3650', '-subj', '/C=VN/O=CA Thu Nghiem/CN=CA Thu Nghiem Root', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('user.key'), '-out', f('user.csr'), '-utf8', '-subj', '/C=VN/O=Benh vien Benhan/CN=Trần Thị Thanh Hương']);
    run(['x509', '-req', '-in', f('user.csr'), '-CA', f('other-ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('user.pem'), '-days', '365', '-extfile', f('user.ext')]);
    run(['pkcs12', '-export', '-inkey', f('user.key'), '-in', f('user.pem'), '-certfile', f('other-ca.pem'), '-out', f('user.p12'), '-passout', 'pass:Mat-khau-2026']);

    const users = (await system.request<{ items: UserSummary[] }>('GET', '/api/users?q=headdoctor', { token: admin })).body.items;
    const headId = users.find((u) => u.username === 'headdoctor')?.id ?? '';
    const current = (await system.request<SigningCertificate[]>('GET', `/api/certificates?userId=${headId}`, { token: admin })).body.find((c) => c.status === 'active');
    await system.request('POST', `/api/certificates/${current?.serial}/revoke`, { token: admin, json: { reason: 'superseded' } });
    const pkcs12 = { pkcs12Base64: readFileSync(f('user.p12')).toString('base64'), password: 'Mat-khau-2026', pin: '246810' };

    const untrusted = await system.request<ProblemDetails>('POST', `/api/users/${headId}/signing/pkcs12`, { token: admin, json: pkcs12 });
    expect([untrusted.status, untrusted.body.type]).toEqual([400, expect.stringContaining('invalid_certificate')]);
    const badPassword = await system.request<ProblemDetails>('POST', `/api/users/${headId}/signing/pkcs12`, { token: admin, json: { ...pkcs12, password: 'sai' } });
    expect(badPassword.body.errors?.map((e) => e.field)).toEqual(['password']);
    const trusted = await system.request<{ subject: string; source: string }>('POST', '/api/pki/trusted', { token: admin, json: { certificatePem: readFileSync(f('other-ca.pem'), 'utf8') } });
    expect([trusted.status, trusted.body.source]).toEqual([201, 'imported']);
    const notCa = await system.request<ProblemDetails>('POST', '/api/pki/trusted', { token: admin, json: { certificatePem: readFileSync(f('user.pem'), 'utf8') } });
    expect(notCa.status).toBe(400);

    const imported = await system.request<SigningCertificate>('POST', `/api/users/${headId}/signing/pkcs12`, { token: admin, json: pkcs12 });
    expect([imported.status, imported.body.status, imported.body.issuer]).toEqual([201, 'active', expect.stringContaining('CA Thu Nghiem Root')]);
    expect(await events('trust_anchor_added', `actor_username = $2`, ['admin'])).toEqual([expect.objectContaining({ resource_type: 'certificate', detail: expect.objectContaining({ subject: expect.stringContaining('CA Thu Nghiem Root'), alreadyTrusted: false }) })]);
    expect(await events('certificate_imported', `resource_id = $2`, [imported.body.serial])).toEqual([expect.objectContaining({ actor_username: 'admin', detail: expect.objectContaining({ userId: headId }) })]);
    const sheet = await system.request<DocumentVersion>('POST', `/api/encounters/${stays[1].encounterId}/documents`, { token: head, json: { formCode: '39/BV2', content: sample('39-BV2-treatment-sheet') } });
    const signed = await system.request<SignatureSummary>('POST', `/api/versions/${sheet.body.id}/signatures`, { token: head, json: { pin: '246810' } });
    expect(signed.status).toBe(201);
    const report = await system.request<SignatureReportSet>('GET', `/api/versions/${sheet.body.id}/signatures/report`, { token: records });
    expect(report.body.indication).toBe('PASSED');
  });
});
