import type {
  DocumentVersion,
  CensusEntry,
  Department,
  EncounterDetail,
  MedicationAdministration,
  MedicationOrderLine,
  PatientDetail,
  ProblemDetails,
  VitalSignDefinition,
  VitalSignObservation,
  VitalSignsFlowsheet,
} from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('the nurses’ care chart: vital signs and medication administrations', () => {
  let system: TestSystem;
  let nurse: string;
  let doctor: string;
  let noi: string;
  let ngoai: string;
  let census: CensusEntry[];
  let inpatient: CensusEntry;

  beforeAll(async () => {
    system = await TestSystem.start();
    [nurse, doctor] = [await system.token('nurse'), await system.token('doctor')];
    const departments = (await system.request<Department[]>('GET', '/api/departments', { token: doctor })).body;
    noi = departments.find((d) => d.code === 'NOI')?.id ?? '';
    ngoai = departments.find((d) => d.code === 'NGOAI')?.id ?? '';
    census = (await system.request<CensusEntry[]>('GET', `/api/encounters/census?departmentId=${noi}`, { token: nurse })).body;
    inpatient = census[0];
  });
  afterAll(() => system?.stop());

  async function observationCount(): Promise<number> {
    const [{ n }] = await system.sql<{ n: number }>(`SELECT count(*)::int AS n FROM vital_sign_observations`);
    return n;
  }

  /** The audit events of one action matching `where` (parameters from $2), in chain order. */
  function events(action: string, where: string, params: unknown[]) {
    return system.sql<{ outcome: string; resource_type: string; resource_id: string; patient_id: string | null; actor_username: string; reason: string | null; detail: Record<string, unknown> }>(
      `SELECT outcome, resource_type, resource_id, patient_id, actor_username, reason, detail FROM audit_events WHERE action = $1 AND ${where} ORDER BY seq`,
      [action, ...params],
    );
  }

  async function admit(fullName: string): Promise<EncounterDetail> {
    const patient = await system.request<PatientDetail>('POST', '/api/patients', { token: doctor, json: { fullName, birthYear: 1961, sex: 'male', confirmDuplicate: true } });
    const stay = await system.request<EncounterDetail>('POST', '/api/encounters/admissions', { token: doctor, json: { patientId: patient.body.id, departmentId: noi, source: 'emergency' } });
    expect(stay.status).toBe(201);
    return stay.body;
  }

  it('publishes the vital sign definitions the forms show: LOINC, UCUM unit, plausible and normal ranges', async () => {
    const res = await system.request<VitalSignDefinition[]>('GET', '/api/care-chart/vital-sign-definitions', { token: nurse });
    expect(res.status).toBe(200);
    expect(res.body.find((d) => d.kind === 'temperature')).toEqual(
      expect.objectContaining({ loinc: '8310-5', unit: 'Cel', plausible: { min: 30, max: 45 }, normal: { min: 36, max: 37.5 } }),
    );
    expect(res.body).toHaveLength(8);
  });

  it('comes with the demo ward’s charts: readings every 4–6 h since admission, and one fever curve', async () => {
    const sheets = await Promise.all(census.map((c) => system.request<VitalSignsFlowsheet>('GET', `/api/encounters/${c.encounterId}/vital-signs`, { token: nurse })));
    for (const sheet of sheets) expect(sheet.body.observations.length).toBeGreaterThanOrEqual(6 * 8);
    const peaks = sheets.map((s) => Math.max(...s.body.observations.filter((o) => o.kind === 'temperature').map((o) => o.value)));
    expect(peaks.filter((t) => t >= 38.5)).toHaveLength(1);
  });

  it('charts a demo inpatient’s readings with low/high flags against the adult ranges', async () => {
    expect(census.length).toBeGreaterThan(0);
    const res = await system.request<VitalSignObservation[]>('POST', `/api/encounters/${inpatient.encounterId}/vital-signs`, {
      token: nurse,
      json: { takenAt: minutesAgo(10), values: { temperature: 38.4, pulse: 104, systolic_bp: 128, diastolic_bp: 82, respiratory_rate: 22, spo2: 94 } },
    });
    expect(res.status).toBe(201);
    expect(Object.fromEntries(res.body.map((o) => [o.kind, o.flag]))).toEqual({
      pulse: 'high',
      temperature: 'high',
      systolic_bp: 'normal',
      diastolic_bp: 'normal',
      respiratory_rate: 'high',
      spo2: 'low',
    });
    expect(res.body[0]).toEqual(expect.objectContaining({ encounterId: inpatient.encounterId, recordedByName: 'ĐD. Lê Thị Hồng Nhung', enteredInError: null }));
    // R11: the set of readings is one audit event in its transaction, naming the rows, never the values.
    expect(await events('chart_record', `resource_id = $2`, [res.body[0].id])).toEqual([
      {
        outcome: 'success',
        resource_type: 'chart_entry',
        resource_id: res.body[0].id,
        patient_id: inpatient.patientId,
        actor_username: 'nurse',
        reason: null,
        detail: expect.objectContaining({ kind: 'vital_signs', encounterId: inpatient.encounterId, observationIds: res.body.map((o) => o.id), vitalSigns: expect.arrayContaining(['temperature', 'spo2']) }),
      },
    ]);
  });

  it('answers an impossible reading with 400 naming the field, and saves nothing', async () => {
    const before = await observationCount();
    const post = (values: Record<string, unknown>, takenAt = minutesAgo(5)) =>
      system.request<ProblemDetails>('POST', `/api/encounters/${inpatient.encounterId}/vital-signs`, { token: nurse, json: { takenAt, values } });
    const fields = async (values: Record<string, unknown>, takenAt?: string) => {
      const res = await post(values, takenAt);
      expect(res.status).toBe(400);
      return res.body.errors?.map((e) => e.field);
    };
    expect(await fields({ temperature: 375, pulse: 80 })).toEqual(['values.temperature']);
    expect(await fields({})).toEqual(['values']);
    expect(await fields({ systolic_bp: 80, diastolic_bp: 95 })).toEqual(['values.diastolic_bp']);
    expect(await fields({ pulse: 'fast' })).toEqual(['values.pulse']);
    expect(await fields({ glucose: 7.2 })).toEqual(['values.glucose']);
    expect(await fields({ pulse: 80 }, new Date(Date.now() + 30 * 60_000).toISOString())).toEqual(['takenAt']);
    expect(await fields({ pulse: 80 }, '2020-01-01T08:00:00+07:00')).toEqual(['takenAt']);
    expect(await fields({ pulse: 80 }, '28/11/2026 08:00')).toEqual(['takenAt']);
    expect(await observationCount()).toBe(before);
  });

  it('refuses a nurse of another department (403), and a stay that does not exist (404)', async () => {
    const admin = await system.token('admin');
    const created = await system.request('POST', '/api/users', {
      token: admin,
      json: { username: 'dd.ngoai', fullName: 'ĐD. Khoa Ngoại', password: 'Ngoai#2026-dieuduong', roles: ['nurse'], departments: [{ departmentId: ngoai, isHead: false }] },
    });
    expect(created.status).toBe(201);
    const surgeryNurse = await system.token('dd.ngoai', 'Ngoai#2026-dieuduong');
    const write = await system.request<ProblemDetails>('POST', `/api/encounters/${inpatient.encounterId}/vital-signs`, { token: surgeryNurse, json: { takenAt: minutesAgo(1), values: { pulse: 80 } } });
    expect([write.status, write.body.type]).toEqual([403, expect.stringContaining('patient_out_of_scope')]);
    expect((await system.request('GET', `/api/encounters/${inpatient.encounterId}/vital-signs`, { token: surgeryNurse })).status).toBe(403);
    // Both refusals are recorded (and committed, though the write's transaction rolled back); nothing was charted or read.
    expect(await events('access_denied', `actor_username = $2`, ['dd.ngoai'])).toEqual([
      expect.objectContaining({ outcome: 'failure', resource_type: 'patient', resource_id: inpatient.patientId, patient_id: inpatient.patientId }),
      expect.objectContaining({ outcome: 'failure', resource_type: 'patient', resource_id: inpatient.patientId, patient_id: inpatient.patientId }),
    ]);
    expect(await system.sql(`SELECT action FROM audit_events WHERE actor_username = 'dd.ngoai' AND action IN ('chart_record', 'encounter_read')`)).toEqual([]);
    const missing = await system.request('POST', '/api/encounters/00000000-0000-4000-8000-000000000001/vital-signs', { token: nurse, json: { takenAt: minutesAgo(1), values: { pulse: 80 } } });
    expect(missing.status).toBe(404);
  });

  it('saves a ward round in one transaction: one impossible entry refuses the whole round and names it', async () => {
    expect(census.length).toBeGreaterThanOrEqual(3);
    const entries = census.slice(0, 3).map((c) => ({ encounterId: c.encounterId, takenAt: minutesAgo(3), values: { temperature: 36.8, pulse: 78, spo2: 98 } as Record<string, number> }));
    entries[2].values['pulse'] = 780;
    const before = await observationCount();
    const charted = async () => (await events('chart_record', `actor_username = 'nurse'`, [])).length;
    const eventsBefore = await charted();
    const bad = await system.request<ProblemDetails>('POST', '/api/vital-signs/rounds', { token: nurse, json: { entries } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'entries.2.values.pulse' })]);
    expect(await observationCount()).toBe(before);
    expect(await charted()).toBe(eventsBefore);

    entries[2].values['pulse'] = 78;
    const ok = await system.request<VitalSignObservation[]>('POST', '/api/vital-signs/rounds', { token: nurse, json: { entries } });
    expect(ok.status).toBe(201);
    expect(ok.body).toHaveLength(9);
    expect(await observationCount()).toBe(before + 9);
    // One event per patient's set of readings, each with its own patient.
    const round = await events('chart_record', `resource_id = ANY($2)`, [ok.body.map((o) => o.id)]);
    expect(round.map((e) => [e.patient_id, (e.detail['observationIds'] as string[]).length])).toEqual(census.slice(0, 3).map((c) => [c.patientId, 3]));
    expect((await system.request('POST', '/api/vital-signs/rounds', { token: doctor, json: { entries } })).status).toBe(403);
  });

  it('marks a wrong reading entered-in-error once; the row stays, the flowsheet shows the mark', async () => {
    const [reading] = (
      await system.request<VitalSignObservation[]>('POST', `/api/encounters/${inpatient.encounterId}/vital-signs`, { token: nurse, json: { takenAt: minutesAgo(2), values: { temperature: 41.2 } } })
    ).body;
    const mark = await system.request<VitalSignObservation>('POST', `/api/vital-signs/${reading.id}/entered-in-error`, { token: nurse, json: { reason: 'Đo nhầm bệnh nhân giường bên' } });
    expect(mark.status).toBe(201);
    expect(mark.body.enteredInError).toEqual({ at: expect.any(String), byName: 'ĐD. Lê Thị Hồng Nhung', reason: 'Đo nhầm bệnh nhân giường bên' });
    const twice = await system.request<ProblemDetails>('POST', `/api/vital-signs/${reading.id}/entered-in-error`, { token: nurse, json: { reason: 'again' } });
    expect([twice.status, twice.body.type]).toEqual([409, expect.stringContaining('already_entered_in_error')]);
    const blank = await system.request<ProblemDetails>('POST', `/api/vital-signs/${reading.id}/entered-in-error`, { token: nurse, json: { reason: '  ' } });
    expect([blank.status, blank.body.errors?.[0]?.field]).toEqual([400, 'reason']);

    const sheet = await system.request<VitalSignsFlowsheet>('GET', `/api/encounters/${inpatient.encounterId}/vital-signs`, { token: await system.token('records') });
    expect(sheet.status).toBe(200);
    expect(sheet.body.observations.find((o) => o.id === reading.id)?.enteredInError?.reason).toBe('Đo nhầm bệnh nhân giường bên');
    expect(await system.sql(`SELECT value::float AS value FROM vital_sign_observations WHERE id = $1`, [reading.id])).toEqual([{ value: 41.2 }]);
    expect(await events('chart_record', `resource_id = $2 AND detail->>'kind' = 'vital_sign_entered_in_error'`, [reading.id])).toEqual([
      expect.objectContaining({ actor_username: 'nurse', patient_id: inpatient.patientId, reason: 'Đo nhầm bệnh nhân giường bên' }),
    ]);
    // Reading the chart is a read of the encounter.
    expect(await events('encounter_read', `actor_username = 'records' AND resource_id = $2`, [inpatient.encounterId])).toEqual([
      expect.objectContaining({ resource_type: 'encounter', patient_id: inpatient.patientId, detail: expect.objectContaining({ view: 'vital_signs', encounterId: inpatient.encounterId }) }),
    ]);
  });

  it('closes the chart of a discharged stay (409)', async () => {
    const stay = await admit('Hà Văn Ra Viện');
    const out = await system.request('POST', `/api/encounters/${stay.id}/discharge`, {
      token: doctor,
      json: { version: stay.version, outcome: 'recovered', type: 'discharged', diagnoses: [{ role: 'principal', code: 'J18.9' }] },
    });
    expect(out.status).toBe(201);
    const res = await system.request<ProblemDetails>('POST', `/api/encounters/${stay.id}/vital-signs`, { token: nurse, json: { takenAt: minutesAgo(1), values: { pulse: 80 } } });
    expect([res.status, res.body.type]).toEqual([409, expect.stringContaining('encounter_finished')]);
  });

  it('returns a 60-day stay’s hourly flowsheet complete and oldest first, and a day of it by range', async () => {
    const stay = await admit('Lâm Văn Sáu Mươi Ngày');
    const [{ id: nurseId }] = await system.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'nurse'`);
    // Arrange a long stay directly: 60 days × 24 hours × 8 kinds.
    await system.sql(`UPDATE encounters SET started_at = date_trunc('hour', now()) - interval '60 days' WHERE id = $1`, [stay.id]);
    await system.sql(
      `INSERT INTO vital_sign_observations (facility_id, encounter_id, kind, value, unit, loinc, flag, taken_at, recorded_at, recorded_by)
       SELECT e.facility_id, e.id, k.kind, k.value, k.unit, k.loinc, 'normal', e.started_at + h * interval '1 hour', e.started_at + h * interval '1 hour', $2
         FROM encounters e, generate_series(0, 60 * 24 - 1) AS h,
              (VALUES ('pulse', 80, '/min', '8867-4'), ('temperature', 36.8, 'Cel', '8310-5'), ('systolic_bp', 120, 'mm[Hg]', '8480-6'),
                      ('diastolic_bp', 75, 'mm[Hg]', '8462-4'), ('respiratory_rate', 16, '/min', '9279-1'), ('spo2', 98, '%', '59408-5'),
                      ('weight', 62.5, 'kg', '29463-7'), ('height', 165, 'cm', '8302-2')) AS k(kind, value, unit, loinc)
        WHERE e.id = $1`,
      [stay.id, nurseId],
    );
    const res = await system.request<VitalSignsFlowsheet>('GET', `/api/encounters/${stay.id}/vital-signs`, { token: doctor });
    expect(res.status).toBe(200);
    const observations = res.body.observations;
    expect(observations).toHaveLength(60 * 24 * 8);
    const times = observations.map((o) => Date.parse(o.takenAt));
    expect(times.every((t, i) => i === 0 || times[i - 1] <= t)).toBe(true);
    expect(observations.slice(0, 8).map((o) => o.kind)).toEqual(['pulse', 'temperature', 'systolic_bp', 'diastolic_bp', 'respiratory_rate', 'spo2', 'weight', 'height']);
    expect(res.body.from).toBe(observations[0].takenAt);
    expect(observations[0]).toEqual(expect.objectContaining({ value: 80, recordedByName: 'ĐD. Lê Thị Hồng Nhung', enteredInError: null }));

    const day = new Date(Date.parse(observations[0].takenAt) + 10 * 86_400_000);
    const from = day.toISOString();
    const to = new Date(day.getTime() + 23 * 3_600_000).toISOString();
    const range = await system.request<VitalSignsFlowsheet>('GET', `/api/encounters/${stay.id}/vital-signs?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { token: nurse });
    expect(range.body.observations).toHaveLength(24 * 8);
    expect([range.body.from, range.body.to]).toEqual([from, to]);
    const backwards = await system.request<ProblemDetails>('GET', `/api/encounters/${stay.id}/vital-signs?from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`, { token: nurse });
    expect([backwards.status, backwards.body.errors?.[0]?.field]).toEqual([400, 'to']);
  });

  describe('medication administrations', () => {
    it('records a dose given, needs a reason for one refused, and lists them in time order', async () => {
      const url = `/api/encounters/${inpatient.encounterId}/medication-administrations`;
      const noTime = await system.request<ProblemDetails>('POST', url, { token: nurse, json: { drug: 'Paracetamol 500 mg', dose: '1 viên', route: 'oral', status: 'given' } });
      expect([noTime.status, noTime.body.errors?.map((e) => e.field)]).toEqual([400, ['administeredAt']]);
      const noReason = await system.request<ProblemDetails>('POST', url, { token: nurse, json: { drug: 'Ceftriaxone 1 g', dose: '1 lọ', route: 'iv', status: 'refused' } });
      expect([noReason.status, noReason.body.errors?.map((e) => e.field)]).toEqual([400, ['reason']]);

      const given = await system.request<MedicationAdministration>('POST', url, { token: nurse, json: { drug: 'Paracetamol 500 mg', dose: '1 viên', route: 'oral', status: 'given', administeredAt: minutesAgo(30) } });
      expect(given.status).toBe(201);
      const refused = await system.request<MedicationAdministration>('POST', url, {
        token: nurse,
        json: { drug: 'Ceftriaxone 1 g', dose: '1 lọ', route: 'iv', status: 'refused', scheduledAt: minutesAgo(20), reason: 'Bệnh nhân từ chối' },
      });
      expect(refused.status).toBe(201);
      expect((await system.request('POST', url, { token: doctor, json: {} })).status).toBe(403);

      const list = await system.request<MedicationAdministration[]>('GET', url, { token: doctor });
      expect(list.body.map((a) => [a.drug, a.status, a.reason])).toEqual([
        ['Paracetamol 500 mg', 'given', null],
        ['Ceftriaxone 1 g', 'refused', 'Bệnh nhân từ chối'],
      ]);

      const mark = await system.request<MedicationAdministration>('POST', `/api/medication-administrations/${refused.body.id}/entered-in-error`, { token: nurse, json: { reason: 'Ghi nhầm thuốc' } });
      expect([mark.status, mark.body.enteredInError?.reason]).toEqual([201, 'Ghi nhầm thuốc']);
      expect((await system.request('POST', `/api/medication-administrations/${refused.body.id}/entered-in-error`, { token: nurse, json: { reason: 'again' } })).status).toBe(409);
      const recorded = await events('chart_record', `resource_id = ANY($2)`, [[given.body.id, refused.body.id]]);
      expect(recorded.map((e) => [e.resource_id, e.detail['kind'], e.reason])).toEqual([
        [given.body.id, 'medication_administration', null],
        [refused.body.id, 'medication_administration', null],
        [refused.body.id, 'medication_administration_entered_in_error', 'Ghi nhầm thuốc'],
      ]);
    });

    it('answers the orders of a treatment sheet the doctor writes, and refuses an order reference that is not on one', async () => {
      const sheet = await system.request<DocumentVersion>('POST', `/api/encounters/${inpatient.encounterId}/documents`, {
        token: doctor,
        json: {
          formCode: '39/BV2',
          content: {
            entries: [
              {
                at: minutesAgo(60),
                progress: 'Sốt 38,6 °C, ho khan.',
                orders: [
                  { id: 'A1', type: 'medication', text: 'Paracetamol 500 mg x 1 viên uống khi sốt', drug: 'Paracetamol 500 mg', dose: '500 mg', route: 'oral', frequency: 'Khi sốt' },
                  { id: 'A2', type: 'care', text: 'Chườm mát' },
                ],
              },
            ],
          },
        },
      });
      expect(sheet.status).toBe(201);
      const url = `/api/encounters/${inpatient.encounterId}/medication-orders`;
      const orders = (await system.request<MedicationOrderLine[]>('GET', url, { token: nurse })).body.filter((o) => o.treatmentSheetDocumentId === sheet.body.documentId);
      expect(orders.map((o) => [o.orderId, o.drug, o.route, o.administrations.length])).toEqual([['A1', 'Paracetamol 500 mg', 'oral', 0]]);

      const given = await system.request<MedicationAdministration>('POST', `/api/encounters/${inpatient.encounterId}/medication-administrations`, {
        token: nurse,
        json: { treatmentSheetDocumentId: sheet.body.documentId, orderId: 'A1', drug: 'Paracetamol 500 mg', dose: '500 mg', route: 'oral', status: 'given', administeredAt: minutesAgo(10) },
      });
      expect(given.status).toBe(201);
      const after = (await system.request<MedicationOrderLine[]>('GET', url, { token: nurse })).body.find((o) => o.treatmentSheetDocumentId === sheet.body.documentId);
      expect(after?.administrations.map((a) => [a.status, a.orderId])).toEqual([['given', 'A1']]);

      for (const orderId of ['A2', 'Z9']) {
        const unknown = await system.request<ProblemDetails>('POST', `/api/encounters/${inpatient.encounterId}/medication-administrations`, {
          token: nurse,
          json: { treatmentSheetDocumentId: sheet.body.documentId, orderId, drug: 'Paracetamol', dose: '500 mg', route: 'oral', status: 'given', administeredAt: minutesAgo(5) },
        });
        expect([unknown.status, unknown.body.type, unknown.body.errors?.[0]?.field]).toEqual([400, expect.stringContaining('unknown_order'), 'orderId']);
      }
    });
  });
});
