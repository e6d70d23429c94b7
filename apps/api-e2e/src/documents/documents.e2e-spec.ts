import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  CensusEntry,
  Department,
  DocumentDiff,
  DocumentSummary,
  DocumentVersion,
  DocumentVersionSummary,
  EncounterCompleteness,
  FormDefinition,
  FormSummary,
  ProblemDetails,
  TimelinessEntry,
} from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

const SAMPLES = join(__dirname, '..', '..', '..', '..', 'libs', 'api', 'documents', 'src', 'testing', 'form-samples');
const sample = (slug: string): Record<string, unknown> => JSON.parse(readFileSync(join(SAMPLES, `${slug}.valid.json`), 'utf8'));
const RECORD = encodeURIComponent('01/BV1');

describe('clinical documents over HTTP: forms, drafts, versions, diffs, completeness', () => {
  let system: TestSystem;
  let doctor: string;
  let head: string;
  let nurse: string;
  let records: string;
  let admin: string;
  let stay: CensusEntry;

  beforeAll(async () => {
    system = await TestSystem.start();
    [doctor, head, nurse, records, admin] = await Promise.all(['doctor', 'headdoctor', 'nurse', 'records', 'admin'].map((u) => system.token(u)));
    const departments = (await system.request<Department[]>('GET', '/api/departments', { token: doctor })).body;
    const noi = departments.find((d) => d.code === 'NOI')?.id ?? '';
    const census = (await system.request<CensusEntry[]>('GET', `/api/encounters/census?departmentId=${noi}`, { token: doctor })).body;
    const withoutRecord = [];
    for (const entry of census) {
      const docs = (await system.request<DocumentSummary[]>('GET', `/api/encounters/${entry.encounterId}/documents`, { token: doctor })).body;
      if (!docs.some((d) => d.formCode === '01/BV1')) withoutRecord.push(entry);
    }
    stay = withoutRecord[0];
    expect(stay).toBeDefined();
  });
  afterAll(() => system?.stop());

  /** The audit events of one action matching `where` (parameters from $2), in chain order. */
  function events(action: string, where: string, params: unknown[]) {
    return system.sql<{ resource_type: string; resource_id: string; resource_version: number | null; patient_id: string | null; actor_username: string; reason: string | null; detail: Record<string, unknown> }>(
      `SELECT resource_type, resource_id, resource_version, patient_id, actor_username, reason, detail FROM audit_events WHERE action = $1 AND ${where} ORDER BY seq`,
      [action, ...params],
    );
  }

  it('lists the shipped forms for an encounter type and serves a form by its URL-encoded code', async () => {
    const forms = await system.request<FormSummary[]>('GET', '/api/forms?encounterType=inpatient', { token: nurse });
    expect(forms.status).toBe(200);
    expect(forms.body.map((f) => f.code)).toEqual(expect.arrayContaining(['01/BV1', '10/BV1', '02/BV1', '05/BV1', '39/BV2', 'CS/BV2', '02/TT25', '03/TT25']));
    expect(forms.body.map((f) => f.code)).not.toContain('15/BV1');
    const form = await system.request<FormDefinition>('GET', `/api/forms/${RECORD}`, { token: doctor });
    expect(form.body).toEqual(expect.objectContaining({ code: '01/BV1', version: 1, title: expect.objectContaining({ vi: 'Bệnh án nội khoa' }), schema: expect.objectContaining({ type: 'object' }) }));
    expect(form.body.signers.map((s) => s.role)).toEqual(['author', 'head_of_department']);
    expect((await system.request<ProblemDetails>('GET', `/api/forms/${encodeURIComponent('99/XX')}`, { token: doctor })).status).toBe(404);
  });

  it('writes a record draft, answers 400 with the JSON Pointer of a bad field, saves again, amends after signing, and diffs', async () => {
    const bad = await system.request<ProblemDetails>('POST', `/api/encounters/${stay.encounterId}/documents`, {
      token: doctor,
      json: { formCode: '01/BV1', content: { reasonForAdmission: { reason: 'Sốt', dayOfIllness: -3 }, unknownSection: {} } },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.type).toContain('invalid_content');
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: '/unknownSection', code: 'additionalProperties' }),
        expect.objectContaining({ field: '/reasonForAdmission/dayOfIllness', code: 'minimum' }),
      ]),
    );

    const created = await system.request<DocumentVersion>('POST', `/api/encounters/${stay.encounterId}/documents`, {
      token: doctor,
      json: { formCode: '01/BV1', content: { reasonForAdmission: { reason: 'Sốt' } } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ number: 1, status: 'draft', revision: 1, authorName: 'BS. Nguyễn Văn Minh', authorRole: 'doctor' }));
    const id = created.body.documentId;
    // R11: the creation is one audit event, written with it; the refused (400) attempt left none (the demo's order sheets on this stay are other documents).
    expect(await events('document_create', `detail->>'encounterId' = $2 AND detail->>'formCode' = '01/BV1'`, [stay.encounterId])).toEqual([
      { resource_type: 'version', resource_id: created.body.id, resource_version: 1, patient_id: stay.patientId, actor_username: 'doctor', reason: null, detail: expect.objectContaining({ documentId: id, formCode: '01/BV1' }) },
    ]);

    const notAuthor = await system.request<ProblemDetails>('PUT', `/api/documents/${id}/versions/1`, { token: head, json: { revision: 1, content: {} } });
    expect(notAuthor.status).toBe(403);
    const full = sample('01-BV1-internal-medicine');
    const saved = await system.request<DocumentVersion>('PUT', `/api/documents/${id}/versions/1`, { token: doctor, json: { revision: 1, content: full } });
    expect(saved.status).toBe(200);
    expect(saved.body.revision).toBe(2);
    expect((await system.request<ProblemDetails>('PUT', `/api/documents/${id}/versions/1`, { token: doctor, json: { revision: 1, content: full } })).status).toBe(409);
    // One save, one event (the 403 and the stale 409 rolled back with theirs): the fields it changed, not their values.
    const [update, ...noMore] = await events('document_update', `resource_id = $2`, [created.body.id]);
    expect(noMore).toEqual([]);
    expect(update).toEqual(expect.objectContaining({ resource_version: 1, patient_id: stay.patientId, actor_username: 'doctor', detail: expect.objectContaining({ documentId: id, revision: 2 }) }));
    expect(update.detail['fields']).toEqual(expect.arrayContaining(['/reasonForAdmission/reason']));
    expect(JSON.stringify(update.detail)).not.toContain('Sốt');
    expect((await system.request<ProblemDetails>('POST', `/api/encounters/${stay.encounterId}/documents`, { token: nurse, json: { formCode: '01/BV1', content: {} } })).status).toBe(403);

    const early = await system.request<ProblemDetails>('POST', `/api/documents/${id}/versions`, { token: doctor, json: { reason: 'Sửa', content: full } });
    expect(early.status).toBe(409);
    expect(early.body.type).toContain('latest_not_signed');

    // Signing is the next module's work; the sign-off it will record is stated here directly.
    const [version] = await system.sql<{ id: string; author_id: string; facility_id: string }>(`SELECT id, author_id, facility_id FROM document_versions WHERE document_id = $1`, [id]);
    await system.sql(`UPDATE document_versions SET status = 'signed', signed_at = now() WHERE id = $1`, [version.id]);
    await system.sql(`INSERT INTO document_signoffs (facility_id, version_id, step, signer_role, signer_id, signed_at) VALUES ($1, $2, 1, 'author', $3, now())`, [version.facility_id, version.id, version.author_id]);
    await expect(system.sql(`UPDATE document_versions SET content = '{}' WHERE id = $1`, [version.id])).rejects.toThrow(/immutable/);

    const noReason = await system.request<ProblemDetails>('POST', `/api/documents/${id}/versions`, { token: doctor, json: { content: full } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors?.map((e) => e.field)).toContain('reason');
    const changed = structuredClone(full) as { reasonForAdmission: { reason: string } };
    changed.reasonForAdmission.reason = 'Sốt cao 39 °C, ho khạc đờm';
    const amended = await system.request<DocumentVersion>('POST', `/api/documents/${id}/versions`, { token: doctor, json: { reason: 'Bổ sung nhiệt độ', content: changed } });
    expect(amended.status).toBe(201);
    expect(amended.body).toEqual(expect.objectContaining({ number: 2, status: 'draft', reason: 'Bổ sung nhiệt độ' }));
    expect(await events('document_create', `resource_id = $2`, [amended.body.id])).toEqual([
      expect.objectContaining({ resource_version: 2, patient_id: stay.patientId, reason: 'Bổ sung nhiệt độ', detail: expect.objectContaining({ documentId: id, amends: 1, fields: ['/reasonForAdmission/reason'] }) }),
    ]);

    const history = await system.request<DocumentVersionSummary[]>('GET', `/api/documents/${id}/versions`, { token: records });
    expect(history.body.map((v) => [v.number, v.status, v.awaiting.map((a) => a.role)])).toEqual([
      [1, 'signed', ['head_of_department']],
      [2, 'draft', ['author', 'head_of_department']],
    ]);
    const diff = await system.request<DocumentDiff>('GET', `/api/documents/${id}/diff?from=1&to=2`, { token: records });
    expect(diff.body.changes).toEqual([expect.objectContaining({ path: '/reasonForAdmission/reason', change: 'changed', after: 'Sốt cao 39 °C, ho khạc đờm' })]);
    const summary = await system.request<DocumentSummary>('GET', `/api/documents/${id}`, { token: nurse });
    expect(summary.body).toEqual(expect.objectContaining({ formCode: '01/BV1', versionCount: 2, latest: expect.objectContaining({ number: 2 }) }));
    // Every read is an event of its own, after the access check: who, which document (or version), which view.
    const reads = await events('document_read', `patient_id = $2`, [stay.patientId]);
    expect(reads.map((r) => [r.actor_username, r.resource_type, r.resource_id, r.detail['view']])).toEqual([
      ['records', 'document', id, 'history'],
      ['records', 'document', id, 'diff'],
      ['nurse', 'document', id, 'summary'],
    ]);
  });

  it("reports the encounter's completeness and refuses to close an open stay's record", async () => {
    const result = await system.request<EncounterCompleteness>('GET', `/api/encounters/${stay.encounterId}/completeness`, { token: records });
    expect(result.status).toBe(200);
    expect(result.body.complete).toBe(false);
    expect(result.body.missing.map((m) => m.requirement)).not.toContain('inpatient_record');
    expect(result.body.awaitingSignature.length).toBeGreaterThan(0);
    const close = await system.request<ProblemDetails>('POST', `/api/encounters/${stay.encounterId}/record/close`, { token: records });
    expect(close.status).toBe(409);
    expect((await system.request<ProblemDetails>('POST', `/api/encounters/${stay.encounterId}/record/close`, { token: doctor })).status).toBe(403);
  });

  it('lets an admin set the facility signer matrix and upload a new form without a deploy', async () => {
    const form = (await system.request<FormDefinition>('GET', `/api/forms/${RECORD}`, { token: admin })).body;
    const settings = await system.request<FormDefinition>('PUT', `/api/forms/${RECORD}/settings`, { token: admin, json: { signers: [form.signers[0]], requiredFor: form.requiredFor, active: true } });
    expect(settings.status).toBe(200);
    expect(settings.body.signers).toHaveLength(1);
    const invalid = await system.request<ProblemDetails>('PUT', `/api/forms/${RECORD}/settings`, { token: admin, json: { signers: [{ step: 2, role: 'chief', label: '' }], requiredFor: [], active: true } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['signers[0].step', 'signers[0].role', 'signers[0].label']));
    await system.request('PUT', `/api/forms/${RECORD}/settings`, { token: admin, json: { signers: form.signers, requiredFor: form.requiredFor, active: true } });
    // Two changes, two configuration events (the 400 wrote none), each with what the matrix was and became.
    const changes = await events('config_change', `resource_id = $2`, ['form:01/BV1']);
    expect(changes.map((c) => [c.actor_username, (c.detail['before'] as { signers: unknown[] }).signers.length, (c.detail['after'] as { signers: unknown[] }).signers.length])).toEqual([
      ['admin', 2, 1],
      ['admin', 1, 2],
    ]);

    const upload = await system.request<FormDefinition>('POST', '/api/forms', {
      token: admin,
      json: {
        code: 'CAM/BV2',
        title: { vi: 'Giấy cam đoan chấp nhận phẫu thuật', en: 'Surgical consent' },
        category: 'procedure',
        source: 'Mẫu của bệnh viện (thử nghiệm)',
        encounterTypes: ['inpatient'],
        authorRoles: ['doctor'],
        repeatable: true,
        signers: [{ step: 1, role: 'author', label: 'Bác sĩ giải thích' }],
        schema: {
          type: 'object',
          additionalProperties: false,
          required: ['procedure'],
          properties: { procedure: { type: 'string', title: 'Phẫu thuật dự kiến', maxLength: 500 } },
        },
      },
    });
    expect(upload.status).toBe(201);
    expect(upload.body).toEqual(expect.objectContaining({ code: 'CAM/BV2', version: 1, requiredFor: [] }));
    expect(await events('config_change', `resource_id = $2`, ['form:CAM/BV2'])).toEqual([expect.objectContaining({ resource_type: 'configuration', resource_version: 1, actor_username: 'admin' })]);
    const used = await system.request<DocumentVersion>('POST', `/api/encounters/${stay.encounterId}/documents`, { token: doctor, json: { formCode: 'CAM/BV2', content: { procedure: 'Cắt ruột thừa nội soi' } } });
    expect(used.status).toBe(201);
    expect((await system.request('POST', '/api/forms', { token: doctor, json: {} })).status).toBe(403);
    const { code: _code, version: _version, active: _active, ...definition } = upload.body;
    const badSchema = await system.request<ProblemDetails>('POST', '/api/forms', { token: admin, json: { ...definition, code: 'BAD/1', schema: { type: 'object', properties: { x: { type: 'string' } } } } });
    expect(badSchema.status).toBe(400);
    expect(badSchema.body.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['schema', 'schema.properties.x']));
  });

  it('serves the R9 timeliness report to the records office', async () => {
    const report = await system.request<TimelinessEntry[]>('GET', '/api/reports/timeliness', { token: records });
    expect(report.status).toBe(200);
    expect(Array.isArray(report.body)).toBe(true);
    expect((await system.request('GET', '/api/reports/timeliness?from=yesterday', { token: records })).status).toBe(400);
  });
});
