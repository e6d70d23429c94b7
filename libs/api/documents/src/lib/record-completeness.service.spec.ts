import type { UserPrincipal } from '@benhan/api/core';
import type { FormSummary } from '@benhan/shared/contracts';
import { DocumentsTestbed } from '../testing/documents-testbed';
import { sampleContent } from '../testing/form-samples';
import { DocumentError } from './documents.errors';
import { DocumentsService } from './documents.service';
import { FormsService } from './forms/forms.service';
import { RecordCompletenessService } from './record-completeness.service';

describe('RecordCompletenessService (real PostgreSQL)', () => {
  let bed: DocumentsTestbed;
  let documents: DocumentsService;
  let completeness: RecordCompletenessService;
  let required: FormSummary[];

  beforeAll(async () => {
    bed = await DocumentsTestbed.create();
    documents = bed.module.get(DocumentsService);
    completeness = bed.module.get(RecordCompletenessService);
    required = (await bed.module.get(FormsService).list(bed.staff.doctor.facilityId, 'inpatient')).filter((f) => f.requiredFor.some((r) => r.encounterType === 'inpatient'));
  });
  afterAll(() => bed?.close());

  const authorFor = (form: FormSummary): UserPrincipal => (form.authorRoles.includes('doctor') ? bed.staff.doctor : bed.staff.nurse);

  /** Write the form's complete sample and give every signer-matrix step. */
  async function writeAndSign(encounterId: string, form: FormSummary): Promise<string> {
    const author = authorFor(form);
    const version = await documents.create(author, encounterId, { formCode: form.code, content: sampleContent(form.code) });
    for (const step of form.signers) {
      const signer = step.role === 'author' ? author : step.role === 'head_of_department' ? bed.staff.head : author;
      await bed.dataSource.transaction((em) => documents.recordSignoff(em, { facilityId: signer.facilityId, versionId: version.id, step: step.step, signer, at: new Date() }));
    }
    return version.documentId;
  }

  it('lists the required forms an inpatient stay still lacks, one line per alternatives group', async () => {
    const encounterId = await bed.encounter();
    const result = await completeness.completeness(bed.staff.doctor, encounterId);
    expect(result.complete).toBe(false);
    const record = result.missing.find((m) => m.requirement === 'inpatient_record');
    expect(record?.formCodes).toEqual(expect.arrayContaining(['01/BV1', '02/BV1', '05/BV1', '10/BV1']));
    expect(record?.title.vi).toMatch(/^Một trong: /);
    const expectedGroups = new Set(required.filter((f) => f.requiredFor.some((r) => !r.whenFinished)).map((f) => f.requirementGroup ?? f.code));
    expect(new Set(result.missing.map((m) => m.requirement))).toEqual(expectedGroups);
    expect(result.missing.map((m) => m.formCodes).flat()).not.toContain('15/BV1');
  });

  it('reports versions awaiting signature steps and drafts missing mandatory fields', async () => {
    const encounterId = await bed.encounter();
    const draft = await documents.create(bed.staff.doctor, encounterId, { formCode: '01/BV1', content: { reasonForAdmission: { reason: 'Sốt' } } });
    const result = await completeness.completeness(bed.staff.nurse, encounterId);
    expect(result.missing.map((m) => m.requirement)).not.toContain('inpatient_record');
    expect(result.awaitingSignature.filter((a) => a.documentId === draft.documentId).map((a) => a.step.role)).toEqual(['author', 'head_of_department']);
    expect(result.incompleteDrafts).toEqual([{ documentId: draft.documentId, formCode: '01/BV1', versionNumber: 1 }]);
  });

  it('closes a record only when the stay is finished and nothing is missing, then takes no more writing', async () => {
    const encounterId = await bed.encounter();
    const groups = new Map<string, FormSummary>();
    for (const form of required) if (!groups.has(form.requirementGroup ?? form.code)) groups.set(form.requirementGroup ?? form.code, form);
    const during = [...groups.values()].filter((f) => f.requiredFor.some((r) => r.encounterType === 'inpatient' && !r.whenFinished));
    const atDischarge = [...groups.values()].filter((f) => !during.includes(f));
    for (const form of during) await writeAndSign(encounterId, form);
    expect((await completeness.completeness(bed.staff.records, encounterId)).complete).toBe(true);

    const inProgress = await completeness.closeRecord(bed.staff.records, encounterId).catch((e: DocumentError) => e);
    expect(inProgress).toEqual(expect.objectContaining({ code: 'encounter_in_progress', status: 409 }));

    await bed.finish(encounterId);
    const incomplete = (await completeness.closeRecord(bed.staff.records, encounterId).catch((e: DocumentError) => e)) as DocumentError;
    expect(incomplete.code).toBe('record_incomplete');
    expect((incomplete.extensions['missing'] as { formCodes: string[] }[]).flatMap((m) => m.formCodes)).toEqual(expect.arrayContaining(atDischarge.map((f) => f.code)));
    expect(atDischarge.length).toBeGreaterThanOrEqual(2);

    for (const form of atDischarge) await writeAndSign(encounterId, form);
    const closed = await completeness.closeRecord(bed.staff.records, encounterId);
    expect(closed).toEqual(expect.objectContaining({ complete: true, missing: [], awaitingSignature: [], recordClosedAt: expect.any(String) }));
    const late = (await documents.create(bed.staff.doctor, encounterId, { formCode: during.find((f) => f.repeatable)?.code ?? '01/BV1', content: {} }).catch((e: DocumentError) => e)) as DocumentError;
    expect(late.code).toBe('record_closed');
    expect(((await completeness.closeRecord(bed.staff.records, encounterId).catch((e: DocumentError) => e)) as DocumentError).code).toBe('record_closed');
  });

  it('reports entries signed, or still unsigned, more than 12 h and 24 h after their time (R9)', async () => {
    const encounterId = await bed.encounter();
    const now = bed.clock.now().getTime();
    const hoursAgo = (h: number) => new Date(now - h * 3_600_000).toISOString();
    const recent = await documents.create(bed.staff.doctor, encounterId, { formCode: '01/BV1', content: sampleContent('01/BV1'), effectiveAt: hoursAgo(2) });
    const treatment = required.find((f) => f.category === 'treatment');
    if (!treatment) throw new Error('the treatment sheet must be a required form');
    const unsigned = await documents.create(bed.staff.doctor, encounterId, { formCode: treatment.code, content: sampleContent(treatment.code), effectiveAt: hoursAgo(13) });
    const signedLate = await documents.create(bed.staff.doctor, encounterId, { formCode: treatment.code, content: sampleContent(treatment.code), effectiveAt: hoursAgo(40) });
    await bed.dataSource.transaction((em) => documents.recordSignoff(em, { facilityId: bed.staff.doctor.facilityId, versionId: signedLate.id, step: 1, signer: bed.staff.doctor, at: new Date(now - 10 * 3_600_000) }));

    const report = await completeness.timeliness(bed.staff.records, { from: new Date(now - 7 * 86_400_000), to: new Date(now + 1000) });
    const mine = report.filter((r) => r.encounterId === encounterId);
    expect(mine.map((r) => [r.documentId, r.band, r.signedAt === null])).toEqual([
      [signedLate.documentId, 'late_24h', false],
      [unsigned.documentId, 'late_12h', true],
    ]);
    expect(mine[0].hoursLate).toBeCloseTo(30, 0);
    expect(mine.map((r) => r.documentId)).not.toContain(recent.documentId);
    expect(mine[1]).toEqual(expect.objectContaining({ patientName: 'Nguyễn Thị Test', authorName: 'Test doctor', departmentName: 'Khoa Nội' }));
    expect((await completeness.timeliness(bed.staff.surgeon, { from: new Date(now - 7 * 86_400_000), to: new Date(now + 1000) })).filter((r) => r.encounterId === encounterId)).toEqual([]);
  });
});
