import { canonicalSha256 } from '@benhan/api/core';
import { DocumentsTestbed } from '../testing/documents-testbed';
import { sampleContent, shippedFormSamples } from '../testing/form-samples';
import { DocumentError } from './documents.errors';
import { DocumentsService } from './documents.service';
import { FormsService } from './forms/forms.service';

const RECORD = '01/BV1';

describe('DocumentsService (real PostgreSQL)', () => {
  let bed: DocumentsTestbed;
  let documents: DocumentsService;

  beforeAll(async () => {
    bed = await DocumentsTestbed.create();
    documents = bed.module.get(DocumentsService);
  });
  afterAll(() => bed?.close());

  async function signoff(versionId: string, step: number, signer = bed.staff.doctor) {
    return bed.dataSource.transaction((em) => documents.recordSignoff(em, { facilityId: signer.facilityId, versionId, step, signer, at: bed.clock.now() }));
  }

  async function failure(promise: Promise<unknown>): Promise<DocumentError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DocumentError);
    return error as DocumentError;
  }

  it('saves version 1 as a draft with author, role, department, schema version and the RFC 8785 hash of its content', async () => {
    const encounterId = await bed.encounter();
    const content = sampleContent(RECORD);
    const version = await documents.create(bed.staff.doctor, encounterId, { formCode: RECORD, content });
    expect(version).toEqual(
      expect.objectContaining({
        number: 1,
        status: 'draft',
        reason: null,
        authorId: bed.staff.doctor.userId,
        authorName: 'Test doctor',
        authorRole: 'doctor',
        departmentId: bed.departments.noi,
        departmentName: 'Khoa Nội',
        schemaVersion: 1,
        revision: 1,
        contentHash: canonicalSha256(content),
        content,
        signoffs: [],
      }),
    );
    expect(version.awaiting.map((s) => s.role)).toEqual(['author', 'head_of_department']);
  });

  it('rejects content that does not fit the form, naming the JSON Pointer and the rule, and stores nothing', async () => {
    const encounterId = await bed.encounter();
    const content: Record<string, unknown> = { ...sampleContent(RECORD), bloodType: 'O' };
    (content['reasonForAdmission'] as Record<string, unknown>)['dayOfIllness'] = 'bốn';
    const error = await failure(documents.create(bed.staff.doctor, encounterId, { formCode: RECORD, content }));
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_content');
    expect(error.fieldErrors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: '/bloodType', code: 'additionalProperties' }),
        expect.objectContaining({ field: '/reasonForAdmission/dayOfIllness', code: 'type' }),
      ]),
    );
    expect(await bed.dataSource.query(`SELECT count(*)::int AS n FROM documents WHERE encounter_id = $1`, [encounterId])).toEqual([{ n: 0 }]);
  });

  it('checks ICD-10 fields against the catalogue and the patient (R15), naming each field', async () => {
    const encounterId = await bed.encounter();
    const content = sampleContent(RECORD) as { admissionDiagnosis: { mainCode: string; comorbidities?: unknown } };
    content.admissionDiagnosis.mainCode = 'J18.99';
    const unknown = await failure(documents.create(bed.staff.doctor, encounterId, { formCode: RECORD, content }));
    expect(unknown.fieldErrors).toEqual([expect.objectContaining({ field: '/admissionDiagnosis/mainCode', code: 'unknown_diagnosis_code' })]);
    content.admissionDiagnosis.mainCode = 'N40';
    const sex = await failure(documents.create(bed.staff.doctor, encounterId, { formCode: RECORD, content }));
    expect(sex.fieldErrors).toEqual([expect.objectContaining({ field: '/admissionDiagnosis/mainCode', code: 'diagnosis_sex_mismatch' })]);
    content.admissionDiagnosis.mainCode = 'J18.9';
    expect((await documents.create(bed.staff.doctor, encounterId, { formCode: RECORD, content })).status).toBe('draft');
  });

  it('keeps to the form rules: author roles, encounter type, one record per stay', async () => {
    const encounterId = await bed.encounter();
    expect((await failure(documents.create(bed.staff.nurse, encounterId, { formCode: RECORD, content: {} }))).code).toBe('not_an_author_role');
    expect((await failure(documents.create(bed.staff.doctor, encounterId, { formCode: '15/BV1', content: {} }))).code).toBe('form_not_for_encounter');
    expect((await failure(documents.create(bed.staff.doctor, encounterId, { formCode: 'NO/SUCH', content: {} }))).status).toBe(404);
    await documents.create(bed.staff.doctor, encounterId, { formCode: RECORD, content: {} });
    const second = await failure(documents.create(bed.staff.head, encounterId, { formCode: RECORD, content: {} }));
    expect(second.code).toBe('one_per_encounter');
    expect(second.status).toBe(409);
  });

  it('lets only the author save a draft, refuses a stale revision, and keeps department scoping', async () => {
    const encounterId = await bed.encounter();
    const v1 = await documents.create(bed.staff.doctor, encounterId, { formCode: RECORD, content: {} });
    const content = { reasonForAdmission: { reason: 'Đau ngực' } };
    const saved = await documents.saveDraft(bed.staff.doctor, v1.documentId, 1, { revision: 1, content });
    expect(saved).toEqual(expect.objectContaining({ number: 1, revision: 2, content, contentHash: canonicalSha256(content) }));
    expect((await failure(documents.saveDraft(bed.staff.doctor, v1.documentId, 1, { revision: 1, content: {} }))).code).toBe('stale_revision');
    expect((await failure(documents.saveDraft(bed.staff.head, v1.documentId, 1, { revision: 2, content: {} }))).code).toBe('not_the_author');
    const outsider = await documents.version(bed.staff.surgeon, v1.documentId, 1).then(
      () => null,
      (e: { status?: number; getStatus?: () => number }) => e.status ?? e.getStatus?.(),
    );
    expect(outsider).toBe(403);
  });

  it('signs in signer-matrix order, makes the version immutable, and takes changes only as version N+1 with a reason', async () => {
    const encounterId = await bed.encounter();
    const v1 = await documents.create(bed.staff.doctor, encounterId, { formCode: RECORD, content: { reasonForAdmission: { reason: 'Sốt' } } });
    expect((await failure(signoff(v1.id, 1))).code).toBe('invalid_content');
    const complete = sampleContent(RECORD);
    await documents.saveDraft(bed.staff.doctor, v1.documentId, 1, { revision: 1, content: complete });
    expect((await failure(signoff(v1.id, 2, bed.staff.head))).code).toBe('signoff_not_allowed');
    expect((await failure(signoff(v1.id, 1, bed.staff.head))).code).toBe('signoff_not_allowed');
    await signoff(v1.id, 1);
    expect((await failure(signoff(v1.id, 2, bed.staff.doctor))).code).toBe('signoff_not_allowed');
    await signoff(v1.id, 2, bed.staff.head);

    expect((await failure(documents.saveDraft(bed.staff.doctor, v1.documentId, 1, { revision: 2, content: {} }))).code).toBe('version_signed');
    const changed = structuredClone(complete);
    (changed['reasonForAdmission'] as Record<string, unknown>)['reason'] = 'Sốt cao, ho ra máu';
    const v2 = await documents.amend(bed.staff.doctor, v1.documentId, { reason: 'Bổ sung triệu chứng ho ra máu', content: changed });
    expect(v2).toEqual(expect.objectContaining({ number: 2, status: 'draft', reason: 'Bổ sung triệu chứng ho ra máu' }));
    expect((await failure(documents.amend(bed.staff.doctor, v1.documentId, { reason: 'lần nữa', content: changed }))).code).toBe('latest_not_signed');

    const history = await documents.history(bed.staff.records, v1.documentId);
    expect(history.map((v) => [v.number, v.status, v.signoffs.map((s) => s.role), v.awaiting.map((s) => s.step)])).toEqual([
      [1, 'signed', ['author', 'head_of_department'], []],
      [2, 'draft', [], [1, 2]],
    ]);
    const diff = await documents.diff(bed.staff.records, v1.documentId, 1, 2);
    expect(diff.changes).toEqual([{ path: '/reasonForAdmission/reason', change: 'changed', before: (complete['reasonForAdmission'] as Record<string, unknown>)['reason'], after: 'Sốt cao, ho ra máu' }]);
    const still = await documents.version(bed.staff.records, v1.documentId, 1);
    expect(still.content).toEqual(complete);
    expect(still.contentHash).toBe(canonicalSha256(complete));
  });

  it('has the database refuse any change to a signed version, any deletion, and changes to sign-offs and form schemas (raw SQL)', async () => {
    const encounterId = await bed.encounter();
    const v1 = await documents.create(bed.staff.doctor, encounterId, { formCode: RECORD, content: sampleContent(RECORD) });
    await signoff(v1.id, 1);
    const sql = (text: string) => bed.dataSource.query(text, [v1.id]);
    await expect(sql(`UPDATE document_versions SET content = '{"forged": true}' WHERE id = $1`)).rejects.toThrow(/signed and immutable/);
    await expect(sql(`UPDATE document_versions SET status = 'draft', signed_at = NULL WHERE id = $1`)).rejects.toThrow(/signed and immutable/);
    await expect(sql(`DELETE FROM document_versions WHERE id = $1`)).rejects.toThrow(/never deleted/);
    await expect(sql(`UPDATE document_signoffs SET signed_at = now() WHERE version_id = $1`)).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM document_signoffs WHERE version_id = $1`)).rejects.toThrow(/append-only/);
    await expect(bed.dataSource.query(`DELETE FROM documents WHERE id = $1`, [v1.documentId])).rejects.toThrow(/append-only/);
    await expect(bed.dataSource.query(`TRUNCATE document_versions CASCADE`)).rejects.toThrow(/append-only/);
    await expect(bed.dataSource.query(`UPDATE form_versions SET schema = '{}' WHERE code = '01/BV1'`)).rejects.toThrow(/append-only/);
    expect(await sql(`SELECT content->'reasonForAdmission' IS NOT NULL AS kept, status FROM document_versions WHERE id = $1`)).toEqual([{ kept: true, status: 'signed' }]);

    // A draft may be saved again, but not re-attributed or deleted.
    const v2 = await documents.amend(bed.staff.doctor, v1.documentId, { reason: 'Sửa lỗi chính tả', content: sampleContent(RECORD) });
    await expect(bed.dataSource.query(`UPDATE document_versions SET author_id = $2 WHERE id = $1`, [v2.id, bed.staff.head.userId])).rejects.toThrow(/identity, author/);
    await expect(bed.dataSource.query(`DELETE FROM document_versions WHERE id = $1`, [v2.id])).rejects.toThrow(/never deleted/);
  });

  it('applies the facility signer matrix (R20) and keeps documents on the schema version they were written on', async () => {
    const forms = bed.module.get(FormsService);
    const encounterId = await bed.encounter();
    const v1 = await documents.create(bed.staff.doctor, encounterId, { formCode: RECORD, content: {} });
    const admin = { ...bed.staff.doctor, roles: ['admin' as const] };
    const original = await forms.get(admin.facilityId, RECORD);
    await forms.updateSettings(admin, RECORD, { signers: [original.signers[0]], requiredFor: original.requiredFor, active: true });
    expect((await documents.version(bed.staff.doctor, v1.documentId, 1)).awaiting.map((s) => s.role)).toEqual(['author']);
    await expect(forms.updateSettings(admin, RECORD, { signers: [{ step: 1, role: 'head_of_department', label: 'Trưởng khoa' }], requiredFor: [], active: true })).rejects.toThrow(DocumentError);
    await forms.updateSettings(admin, RECORD, { signers: original.signers, requiredFor: original.requiredFor, active: true });

    const upload = { ...original, title: { vi: original.title.vi, en: 'Internal medicine record (revised)' } };
    const revised = await forms.upload(admin, upload);
    expect(revised.version).toBe(2);
    expect((await forms.upload(admin, upload)).version).toBe(2);
    expect((await documents.version(bed.staff.doctor, v1.documentId, 1)).schemaVersion).toBe(1);
    expect((await forms.get(admin.facilityId, RECORD, 1)).title.en).toBe(original.title.en);
    const bad = await failure(forms.upload(admin, { ...upload, schema: { type: 'object', properties: {} } }));
    expect(bad.fieldErrors).toEqual([expect.objectContaining({ field: 'schema', code: 'additionalProperties' })]);
  });

  it('serves a form with its sections and fields in the order of the paper form', async () => {
    const shipped = shippedFormSamples().find((f) => f.definition.code === RECORD)?.definition;
    const served = await bed.module.get(FormsService).get(bed.staff.doctor.facilityId, RECORD, 1);
    expect(Object.keys(served.schema.properties ?? {})).toEqual(Object.keys(shipped?.schema.properties ?? {}));
    expect(Object.keys(served.schema.properties?.['history']?.properties ?? {})).toEqual(Object.keys(shipped?.schema.properties?.['history']?.properties ?? {}));
  });

  it('does not store a shipped form again when its file has not changed', async () => {
    const forms = bed.module.get(FormsService);
    expect(await forms.loadShipped()).toEqual([]);
    // The admin's upload of the previous test stays the current version.
    expect((await forms.get(bed.staff.doctor.facilityId, RECORD)).version).toBe(2);
  });
});
