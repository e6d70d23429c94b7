import type {
  BreakGlassGrant,
  CensusEntry,
  Department,
  DiagnosticReport,
  DocumentSummary,
  DocumentVersion,
  ImagingProcedureDefinition,
  InboxEntry,
  LabCatalogue,
  Observation,
  OrderDetail,
  Page,
  ProblemDetails,
  RecordResultRequest,
  RecordResultResponse,
  SignatureReportSet,
} from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

const PIN = '123456';

describe('orders and results: place, sign, results from the LIS and PACS, inbox, corrections, scoping, audit', () => {
  let system: TestSystem;
  let doctor: string;
  let nurse: string;
  let lis: string;
  let pacs: string;
  let lisReadOnly: string;
  let stay: CensusEntry;
  let otherStay: CensusEntry;
  let surgery: { patient_id: string; encounter_id: string };
  let lab: OrderDetail;
  let firstReport: DiagnosticReport;
  let correction: DiagnosticReport;

  const clientToken = async (clientId: string, secret: string, scope?: string) =>
    (
      await system.request<{ access_token: string }>('POST', '/api/auth/token', {
        form: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret, ...(scope ? { scope } : {}) },
      })
    ).body.access_token;

  beforeAll(async () => {
    system = await TestSystem.start();
    [doctor, nurse] = await Promise.all(['doctor', 'nurse'].map((u) => system.token(u)));
    lis = await clientToken('lis', 'lis-demo-secret-2026');
    pacs = await clientToken('pacs', 'pacs-demo-secret-2026');
    lisReadOnly = await clientToken('lis', 'lis-demo-secret-2026', 'orders.read');
    const departments = (await system.request<Department[]>('GET', '/api/departments', { token: doctor })).body;
    const noi = departments.find((d) => d.code === 'NOI')?.id ?? '';
    const census = (await system.request<CensusEntry[]>('GET', `/api/encounters/census?departmentId=${noi}`, { token: doctor })).body;
    [stay, otherStay] = census;
    [surgery] = await system.sql<{ patient_id: string; encounter_id: string }>(
      `SELECT e.patient_id, e.id AS encounter_id FROM encounters e JOIN departments d ON d.id = e.department_id WHERE d.code = 'NGOAI' AND e.status = 'in_progress' LIMIT 1`,
    );
  });
  afterAll(() => system?.stop());

  const placeLab = (items: string[], encounterId = stay.encounterId, token = doctor) =>
    system.request<OrderDetail>('POST', `/api/encounters/${encounterId}/orders`, {
      token,
      json: { category: 'laboratory', priority: 'urgent', items, reason: { code: 'E11.9', text: 'Đái tháo đường típ 2' }, clinicalNote: 'Mệt, khát nhiều.' },
    });
  const activate = (id: string, pin = PIN) => system.request<OrderDetail>('POST', `/api/orders/${id}/activate`, { token: doctor, json: { pin } });
  const post = (id: string, json: RecordResultRequest, token = lis) => system.request<RecordResultResponse>('POST', `/api/orders/${id}/results`, { token, json });
  const labReport = (overrides: Partial<RecordResultRequest> = {}): RecordResultRequest => ({
    externalId: 'LIS-2026-000123',
    status: 'final',
    patientId: stay.patientId,
    encounterId: stay.encounterId,
    effectiveAt: '2026-11-27T07:05:00+07:00',
    issued: '2026-11-27T08:40:00+07:00',
    performer: 'KTV. Vũ Thị Lan',
    conclusion: 'Kali máu tăng cao.',
    observations: [
      { code: '718-7', valueQuantity: 131, unit: 'g/L' },
      { code: '6690-2', valueQuantity: 8.2, unit: '10*3/uL' },
      { code: '777-3', valueQuantity: 250, unit: '10*3/uL' },
      { code: '14647-2', valueQuantity: 5.9, unit: 'mmol/L' },
      { code: '22748-8', valueQuantity: 4.1, unit: 'mmol/L' },
      { code: '2823-3', valueQuantity: 6.9, unit: 'mmol/L' },
    ],
    ...overrides,
  });
  const events = (action: string, resourceId: string) =>
    system.sql<{ actor_username: string; patient_id: string; reason: string | null; detail: Record<string, unknown> }>(
      `SELECT actor_username, patient_id, reason, detail FROM audit_events WHERE action = $1 AND resource_id = $2 ORDER BY seq`,
      [action, resourceId],
    );

  it('comes with demo orders: a lipid panel with a high LDL, a critical potassium and a chest X-ray with its study', async () => {
    const inbox = await system.request<Page<InboxEntry>>('GET', '/api/results/inbox?limit=500', { token: doctor });
    const [potassium] = await system.sql<{ id: string }>(`SELECT id FROM diagnostic_reports WHERE external_id = 'LIS-DEMO-0002'`);
    const [lipids] = await system.sql<{ id: string }>(`SELECT id FROM diagnostic_reports WHERE external_id = 'LIS-DEMO-0001'`);
    const [xray] = await system.sql<{ id: string; study_instance_uid: string }>(
      `SELECT r.id, s.study_instance_uid FROM diagnostic_reports r JOIN imaging_studies s ON s.id = r.imaging_study_id WHERE r.external_id = 'RIS-DEMO-0001'`,
    );
    expect(inbox.body.items[0]).toEqual(expect.objectContaining({ reportId: potassium.id, critical: true, patientName: 'Phạm Minh Tuấn' }));
    expect(inbox.body.items[0].flagged[0]).toEqual(expect.objectContaining({ code: '2823-3', valueQuantity: 2.3, interpretation: 'LL' }));
    expect(inbox.body.items.find((e) => e.reportId === lipids.id)?.flagged.map((f) => [f.code, f.interpretation])).toEqual([['22748-8', 'H']]);
    expect(inbox.body.items.map((e) => e.reportId)).toContain(xray.id);
    expect(xray.study_instance_uid).toMatch(/^[0-9.]+$/);
  });

  it('serves the catalogue: LOINC-coded lab tests and panels, imaging procedures in Vietnamese', async () => {
    const labCatalogue = await system.request<LabCatalogue>('GET', '/api/order-catalogue/lab', { token: doctor });
    expect(labCatalogue.status).toBe(200);
    expect(labCatalogue.body.tests.length).toBeGreaterThanOrEqual(25);
    expect(labCatalogue.body.panels.map((p) => p.loinc)).toEqual(expect.arrayContaining(['58410-2', '57698-3']));
    const imaging = await system.request<ImagingProcedureDefinition[]>('GET', '/api/order-catalogue/imaging', { token: lis });
    expect(imaging.body.map((p) => p.name.vi)).toContain('X-quang ngực thẳng');
  });

  it('places a lab order as a draft, with its unsigned order sheet (form CD/CLS) whose content is the order', async () => {
    const res = await placeLab(['HH-CBC', 'SH-LIPID', 'SH-K']);
    expect(res.status).toBe(201);
    lab = res.body;
    expect(lab).toEqual(
      expect.objectContaining({
        status: 'draft',
        category: 'laboratory',
        priority: 'urgent',
        patientId: stay.patientId,
        reason: { code: 'E11.9', title: expect.any(String), text: 'Đái tháo đường típ 2' },
        signatureId: null,
        reports: [],
      }),
    );
    expect(lab.items.map((i) => [i.serviceCode, i.loinc])).toEqual([['HH-CBC', '58410-2'], ['SH-LIPID', '57698-3'], ['SH-K', '2823-3']]);
    const sheet = await system.request<DocumentVersion>('GET', `/api/documents/${lab.documentId}/versions/1`, { token: doctor });
    expect(sheet.body.status).toBe('draft');
    expect((await system.request<DocumentSummary>('GET', `/api/documents/${lab.documentId}`, { token: doctor })).body.formCode).toBe('CD/CLS');
    expect(sheet.body.content).toEqual(expect.objectContaining({ order: expect.objectContaining({ orderId: lab.id, category: 'laboratory', priority: 'urgent', reasonCode: 'E11.9' }) }));
  });

  it('refuses what is not in the catalogue or not a valid reason, naming the field', async () => {
    const unknown = await placeLab(['HH-CBC', 'NOPE']);
    expect([unknown.status, (unknown.body as unknown as ProblemDetails).errors?.[0]?.field]).toEqual([400, 'items/1']);
    const imagingInLab = await placeLab(['CDHA-XQ-NGUC']);
    expect([imagingInLab.status, (imagingInLab.body as unknown as ProblemDetails).errors?.[0]?.field]).toEqual([400, 'items/0']);
    const badReason = await system.request<ProblemDetails>('POST', `/api/encounters/${stay.encounterId}/orders`, {
      token: doctor,
      json: { category: 'laboratory', items: ['SH-K'], reason: { code: 'U99.9' } },
    });
    expect(badReason.status).toBe(400);
    expect(badReason.body.errors?.map((e) => e.field)).toContain('reason.code');
  });

  it('takes no results before the order is signed', async () => {
    const res = await post(lab.id, labReport());
    expect([res.status, (res.body as unknown as ProblemDetails)['currentStatus']]).toEqual([409, 'draft']);
  });

  it('activates the order only by the doctor’s signature: a wrong PIN leaves it a draft, the right one signs the sheet', async () => {
    const wrong = await activate(lab.id, '000000');
    expect(wrong.status).toBe(403);
    expect((await system.request<OrderDetail>('GET', `/api/orders/${lab.id}`, { token: doctor })).body.status).toBe('draft');
    const res = await activate(lab.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ status: 'active', signatureId: expect.any(String), authoredAt: expect.any(String) }));
    const report = await system.request<SignatureReportSet>('GET', `/api/versions/${lab.documentVersionId}/signatures/report`, { token: doctor });
    expect(report.body.indication).toBe('PASSED');
    const again = await activate(lab.id);
    expect([again.status, (again.body as unknown as ProblemDetails)['currentStatus']]).toEqual([409, 'active']);
  });

  it('records the LIS’s report: values flagged from the catalogue’s ranges, critical potassium, the order completed', async () => {
    const res = await post(lab.id, labReport());
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(true);
    firstReport = res.body.report;
    expect(firstReport).toEqual(expect.objectContaining({ status: 'final', critical: true, abnormal: true, sourceSystem: 'lis', externalId: 'LIS-2026-000123', supersedesId: null }));
    const byCode = new Map(firstReport.observations.map((o) => [o.code, o]));
    expect(byCode.get('2823-3')).toEqual(expect.objectContaining({ interpretation: 'HH', critical: true, valueQuantity: 6.9, unit: 'mmol/L', referenceRange: { low: 3.5, high: 5, text: null } }));
    expect(byCode.get('22748-8')?.interpretation).toBe('H');
    expect(byCode.get('718-7')?.interpretation).toBe('N');
    expect((await system.request<OrderDetail>('GET', `/api/orders/${lab.id}`, { token: doctor })).body.status).toBe('completed');
  });

  it('records the same message posted twice once', async () => {
    const res = await post(lab.id, labReport());
    expect([res.status, res.body.created, res.body.report.id]).toEqual([200, false, firstReport.id]);
    const [{ count }] = await system.sql<{ count: string }>(`SELECT count(*) FROM diagnostic_reports WHERE external_id = 'LIS-2026-000123'`);
    expect(count).toBe('1');
  });

  it('refuses a result that does not match its order, naming the field', async () => {
    const wrongPatient = await post(lab.id, labReport({ externalId: 'LIS-X1', patientId: otherStay.patientId }));
    expect([wrongPatient.status, (wrongPatient.body as unknown as ProblemDetails).errors?.[0]?.field]).toEqual([422, 'patientId']);
    const wrongEncounter = await post(lab.id, labReport({ externalId: 'LIS-X2', encounterId: otherStay.encounterId }));
    expect([wrongEncounter.status, (wrongEncounter.body as unknown as ProblemDetails).errors?.[0]?.field]).toEqual([422, 'encounterId']);
    const notOrdered = await post(lab.id, labReport({ externalId: 'LIS-X3', observations: [{ code: '1742-6', valueQuantity: 30, unit: 'U/L' }] }));
    expect([notOrdered.status, (notOrdered.body as unknown as ProblemDetails).errors?.[0]?.field]).toEqual([422, 'observations/0/code']);
    const wrongUnit = await post(lab.id, labReport({ externalId: 'LIS-X4', observations: [{ code: '2823-3', valueQuantity: 4, unit: 'mg/dL' }] }));
    expect([wrongUnit.status, (wrongUnit.body as unknown as ProblemDetails).errors?.[0]?.field]).toEqual([400, 'observations/0/unit']);
    const study = await post(lab.id, labReport({ externalId: 'LIS-X5', study: { studyInstanceUid: '1.2.3', modality: 'CR', seriesCount: 1, endpointUrl: 'https://pacs.example.vn/v/1.2.3' } }));
    expect([study.status, (study.body as unknown as ProblemDetails).errors?.[0]?.field]).toEqual([422, 'study']);
    const [{ count }] = await system.sql<{ count: string }>(`SELECT count(*) FROM diagnostic_reports WHERE external_id LIKE 'LIS-X%'`);
    expect(count).toBe('0');
  });

  it('takes results only from a system client holding results.write', async () => {
    const readOnly = await post(lab.id, labReport({ externalId: 'LIS-Y1' }), lisReadOnly);
    expect([readOnly.status, (readOnly.body as unknown as ProblemDetails).type]).toEqual([403, expect.stringContaining('insufficient_scope')]);
    expect((await post(lab.id, labReport({ externalId: 'LIS-Y2' }), doctor)).status).toBe(403);
    expect((await system.request('GET', `/api/orders/${lab.id}`, { token: lisReadOnly })).status).toBe(200);
  });

  it('puts the report in the ward doctors’ inbox, critical first, until a doctor acknowledges it', async () => {
    const inbox = await system.request<Page<InboxEntry>>('GET', '/api/results/inbox?limit=500', { token: doctor });
    expect(inbox.status).toBe(200);
    const entry = inbox.body.items.find((e) => e.reportId === firstReport.id);
    expect(entry).toEqual(expect.objectContaining({ critical: true, abnormal: true, patientId: stay.patientId, corrected: false }));
    expect(entry?.flagged[0]).toEqual(expect.objectContaining({ code: '2823-3', interpretation: 'HH' }));
    const ranks = inbox.body.items.map((e) => (e.critical ? 2 : e.abnormal ? 1 : 0));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    // Paged on the server: pages of two walk the same order without a gap or a repeat, and say the total.
    const pages: InboxEntry[] = [];
    for (let offset = 0; offset < inbox.body.total; offset += 2) {
      const page = await system.request<Page<InboxEntry>>('GET', `/api/results/inbox?limit=2&offset=${offset}`, { token: doctor });
      expect([page.body.total, page.body.limit, page.body.offset, page.body.items.length]).toEqual([inbox.body.total, 2, offset, Math.min(2, inbox.body.total - offset)]);
      pages.push(...page.body.items);
    }
    expect(pages.map((e) => e.reportId)).toEqual(inbox.body.items.map((e) => e.reportId));
    const tooMany = await system.request<ProblemDetails>('GET', '/api/results/inbox?limit=100000', { token: doctor });
    expect([tooMany.status, tooMany.body.errors?.[0]?.field]).toEqual([400, 'limit']);
    const ack = await system.request<DiagnosticReport>('POST', `/api/results/${firstReport.id}/acknowledge`, { token: doctor });
    expect([ack.status, ack.body.acknowledgedAt]).toEqual([200, expect.any(String)]);
    expect((await system.request('POST', `/api/results/${firstReport.id}/acknowledge`, { token: doctor })).status).toBe(409);
    const after = await system.request<Page<InboxEntry>>('GET', '/api/results/inbox?limit=500', { token: doctor });
    expect(after.body.items.map((e) => e.reportId)).not.toContain(firstReport.id);
  });

  it('records a correction as a new report that supersedes the old one, which stays as it was', async () => {
    const corrected = labReport({
      status: 'corrected',
      conclusion: 'Kết quả kali đã hiệu chỉnh (mẫu vỡ hồng cầu).',
      observations: [...(labReport().observations ?? []).filter((o) => o.code !== '2823-3'), { code: '2823-3', valueQuantity: 4.1, unit: 'mmol/L', status: 'corrected' }],
    });
    const res = await post(lab.id, corrected);
    expect([res.status, res.body.created]).toEqual([201, true]);
    correction = res.body.report;
    expect(correction).toEqual(expect.objectContaining({ status: 'corrected', supersedesId: firstReport.id, critical: false, abnormal: true }));
    const potassium = correction.observations.find((o) => o.code === '2823-3');
    const oldPotassium = firstReport.observations.find((o) => o.code === '2823-3');
    expect(potassium).toEqual(expect.objectContaining({ valueQuantity: 4.1, interpretation: 'N', status: 'corrected', supersedesId: oldPotassium?.id }));

    const order = (await system.request<OrderDetail>('GET', `/api/orders/${lab.id}`, { token: doctor })).body;
    expect(order.status).toBe('completed');
    const old = order.reports.find((r) => r.id === firstReport.id);
    expect(old).toEqual(expect.objectContaining({ supersededById: correction.id, conclusion: 'Kali máu tăng cao.', acknowledgedAt: expect.any(String) }));
    expect(old?.observations.find((o) => o.code === '2823-3')).toEqual(expect.objectContaining({ valueQuantity: 6.9, supersededById: potassium?.id }));

    // The database itself refuses to edit or delete a result, whoever asks.
    await expect(system.sql(`UPDATE diagnostic_reports SET conclusion = 'sửa' WHERE id = $1`, [firstReport.id])).rejects.toThrow(/not edited/);
    await expect(system.sql(`DELETE FROM observations WHERE report_id = $1`, [firstReport.id])).rejects.toThrow(/never deleted/);

    // A final report is replaced only by a correction; the reposted correction records once.
    const notACorrection = await post(lab.id, labReport({ conclusion: 'khác' }));
    expect([notACorrection.status, (notACorrection.body as unknown as ProblemDetails).errors?.[0]?.field]).toEqual([409, 'status']);
    expect((await post(lab.id, corrected)).body).toEqual(expect.objectContaining({ created: false, report: expect.objectContaining({ id: correction.id }) }));

    // The correction comes back to the inbox as new.
    const inbox = await system.request<Page<InboxEntry>>('GET', '/api/results/inbox?limit=500', { token: doctor });
    expect(inbox.body.items.find((e) => e.reportId === correction.id)).toEqual(expect.objectContaining({ corrected: true, critical: false }));
    expect((await system.request('POST', `/api/results/${firstReport.id}/acknowledge`, { token: doctor })).status).toBe(409);
  });

  it('shows a test’s trend with current values only', async () => {
    const res = await system.request<Observation[]>('GET', `/api/patients/${stay.patientId}/observations?code=2823-3`, { token: nurse });
    expect(res.status).toBe(200);
    const mine = res.body.filter((o) => o.orderId === lab.id);
    expect(mine.map((o) => o.valueQuantity)).toEqual([4.1]);
    expect((await system.request('GET', `/api/patients/${stay.patientId}/observations`, { token: nurse })).status).toBe(400);
  });

  it('records an imaging report from the PACS with its study and viewer link', async () => {
    const placed = await system.request<OrderDetail>('POST', `/api/encounters/${stay.encounterId}/orders`, {
      token: doctor,
      json: { category: 'imaging', items: ['CDHA-XQ-NGUC'], reason: { text: 'Ho, sốt 3 ngày' } },
    });
    expect(placed.status).toBe(201);
    expect(placed.body.items[0]).toEqual(expect.objectContaining({ modality: 'CR', bodySite: { code: '51185008', display: 'Thoracic structure' } }));
    expect((await activate(placed.body.id)).status).toBe(200);
    const uid = '1.2.840.113619.2.55.3.2831164355.123.1700000000.1';
    const study = { studyInstanceUid: uid, modality: 'CR' as const, seriesCount: 1, instanceCount: 1, endpointUrl: `https://pacs.benhan.local/viewer?StudyInstanceUIDs=${uid}` };
    const report: RecordResultRequest = {
      externalId: 'RIS-2026-0042',
      status: 'final',
      findings: 'Đám mờ thuỳ dưới phổi phải. Không tràn dịch màng phổi.',
      conclusion: 'Viêm phổi thuỳ dưới phải.',
      performer: 'BS. Đặng Quốc Huy',
      study,
    };
    const lisObservations = await post(placed.body.id, { ...report, observations: [{ code: '2823-3', valueQuantity: 4, unit: 'mmol/L' }] }, pacs);
    expect([lisObservations.status, (lisObservations.body as unknown as ProblemDetails).errors?.[0]?.field]).toEqual([422, 'observations']);
    const wrongModality = await post(placed.body.id, { ...report, study: { ...study, modality: 'CT' } }, pacs);
    expect([wrongModality.status, (wrongModality.body as unknown as ProblemDetails).errors?.[0]?.field]).toEqual([422, 'study/modality']);
    const res = await post(placed.body.id, report, pacs);
    expect(res.status).toBe(201);
    expect(res.body.report).toEqual(
      expect.objectContaining({ category: 'imaging', conclusion: 'Viêm phổi thuỳ dưới phải.', study: expect.objectContaining({ studyInstanceUid: uid, modality: 'CR', seriesCount: 1, endpointUrl: study.endpointUrl }) }),
    );
    const elsewhere = await post(lab.id, { ...report, externalId: 'RIS-OTHER' }, pacs);
    expect(elsewhere.status).toBe(422);
  });

  it('revokes only what has not started, with a reason, and keeps the order', async () => {
    const placed = (await placeLab(['SH-GLU'])).body;
    expect((await system.request<ProblemDetails>('POST', `/api/orders/${placed.id}/revoke`, { token: doctor, json: { reason: 'x' } })).body.errors?.[0]?.field).toBe('reason');
    await activate(placed.id);
    const revoked = await system.request<OrderDetail>('POST', `/api/orders/${placed.id}/revoke`, { token: doctor, json: { reason: 'Bệnh nhân đã làm xét nghiệm sáng nay' } });
    expect([revoked.status, revoked.body.status, revoked.body.statusReason]).toEqual([200, 'revoked', 'Bệnh nhân đã làm xét nghiệm sáng nay']);
    const twice = await system.request<ProblemDetails>('POST', `/api/orders/${placed.id}/revoke`, { token: doctor, json: { reason: 'lần thứ hai' } });
    expect([twice.status, twice.body['currentStatus']]).toEqual([409, 'revoked']);
    const results = await post(placed.id, { externalId: 'LIS-REV', status: 'final', observations: [{ code: '14749-6', valueQuantity: 5.1, unit: 'mmol/L' }] });
    expect([results.status, (results.body as unknown as ProblemDetails)['currentStatus']]).toEqual([409, 'revoked']);
    const completed = await system.request<ProblemDetails>('POST', `/api/orders/${lab.id}/revoke`, { token: doctor, json: { reason: 'không cần nữa' } });
    expect([completed.status, completed.body['currentStatus']]).toEqual([409, 'completed']);
    const draft = (await placeLab(['SH-CRP'])).body;
    const error = await system.request<OrderDetail>('POST', `/api/orders/${draft.id}/entered-in-error`, { token: doctor, json: { reason: 'Nhầm bệnh nhân' } });
    expect([error.status, error.body.status]).toEqual([200, 'entered_in_error']);
  });

  it('lets a nurse read her ward’s orders but not place them, and keeps other departments out until break-glass', async () => {
    expect((await system.request('GET', `/api/orders/${lab.id}`, { token: nurse })).status).toBe(200);
    expect((await system.request('GET', `/api/encounters/${stay.encounterId}/orders`, { token: nurse })).status).toBe(200);
    expect((await placeLab(['SH-K'], stay.encounterId, nurse)).status).toBe(403);
    const outside = await placeLab(['SH-K'], surgery.encounter_id);
    expect([outside.status, (outside.body as unknown as ProblemDetails)['breakGlass']]).toEqual([403, `/api/patients/${surgery.patient_id}/break-glass`]);
    expect((await system.request('GET', `/api/patients/${surgery.patient_id}/observations?code=2823-3`, { token: nurse })).status).toBe(403);
    const inbox = await system.request<Page<InboxEntry>>('GET', '/api/results/inbox?limit=500', { token: doctor });
    expect(inbox.body.items.every((e) => e.patientId !== surgery.patient_id)).toBe(true);
    const grant = await system.request<BreakGlassGrant>('POST', `/api/patients/${surgery.patient_id}/break-glass`, { token: doctor, json: { reason: 'Cấp cứu ngừng tim, cần kali máu ngay' } });
    expect(grant.status).toBe(201);
    expect((await placeLab(['SH-K'], surgery.encounter_id)).status).toBe(201);
  });

  it('writes an audit event for every order action and every result recorded, read and acknowledged', async () => {
    expect(await events('order_create', lab.id)).toEqual([expect.objectContaining({ actor_username: 'doctor', patient_id: stay.patientId })]);
    expect(await events('order_activate', lab.id)).toEqual([expect.objectContaining({ detail: expect.objectContaining({ signatureId: expect.any(String) }) })]);
    expect((await events('order_read', lab.id)).length).toBeGreaterThan(0);
    expect(await events('result_record', firstReport.id)).toEqual([expect.objectContaining({ actor_username: 'lis', detail: expect.objectContaining({ critical: true, externalId: 'LIS-2026-000123' }) })]);
    expect(await events('result_record', correction.id)).toEqual([expect.objectContaining({ detail: expect.objectContaining({ supersedes: firstReport.id }) })]);
    expect(await events('result_acknowledge', firstReport.id)).toEqual([expect.objectContaining({ actor_username: 'doctor' })]);
    expect(await events('document_sign', lab.documentVersionId ?? '')).toHaveLength(1);
    const reads = await system.sql<{ detail: Record<string, unknown> }>(`SELECT detail FROM audit_events WHERE action = 'result_read' AND patient_id = $1`, [stay.patientId]);
    expect(reads.map((r) => r.detail['view'])).toContain('trend');
    const revokes = await system.sql<{ reason: string }>(`SELECT reason FROM audit_events WHERE action = 'order_revoke'`);
    expect(revokes.map((r) => r.reason)).toContain('Bệnh nhân đã làm xét nghiệm sáng nay');
  });
});
