import type { CensusEntry, Department, EncounterDetail, PatientDetail, ProblemDetails, WardBeds } from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

describe('inpatient stays: admission, bed conflicts, transfer, discharge, census', () => {
  let system: TestSystem;
  let doctor: string;
  let noi: string;
  let ngoai: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    doctor = await system.token('doctor');
    const departments = (await system.request<Department[]>('GET', '/api/departments', { token: doctor })).body;
    noi = departments.find((d) => d.code === 'NOI')?.id ?? '';
    ngoai = departments.find((d) => d.code === 'NGOAI')?.id ?? '';
  });
  afterAll(() => system?.stop());

  async function newPatient(fullName: string, sex: 'male' | 'female' = 'male'): Promise<PatientDetail> {
    const res = await system.request<PatientDetail>('POST', '/api/patients', { token: doctor, json: { fullName, birthYear: 1970, sex, confirmDuplicate: true } });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function freeBeds(token = doctor): Promise<string[]> {
    const wards = (await system.request<WardBeds[]>('GET', '/api/wards', { token })).body;
    return wards.flatMap((w) => w.beds.filter((b) => !b.occupiedByPatientId).map((b) => b.id));
  }

  it('admits a patient to a free bed with a record number, an admission diagnosis and a first movement', async () => {
    const patient = await newPatient('Phan Văn Định');
    const [bed] = await freeBeds();
    const res = await system.request<EncounterDetail>('POST', '/api/encounters/admissions', {
      token: doctor,
      json: { patientId: patient.id, departmentId: noi, bedId: bed, source: 'emergency', admissionDiagnosis: 'J18.9' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      expect.objectContaining({ type: 'inpatient', status: 'in_progress', departmentId: noi, bedId: bed, admissionSource: 'emergency', version: 1 }),
    );
    expect(res.body.recordNumber).toMatch(new RegExp(`^${new Date().getFullYear()}\\.NOI\\.\\d{6}$`));
    expect(res.body.diagnoses).toEqual([expect.objectContaining({ role: 'admission', code: 'J18.9', title: expect.stringMatching(/[Vv]iêm phổi/) })]);
    expect(res.body.movements).toHaveLength(1);
    expect(res.body.attendingDoctorName).toBe('BS. Nguyễn Văn Minh');
    expect(await freeBeds()).not.toContain(bed);
    expect(await system.sql(`SELECT resource_version, patient_id, detail->>'bedId' AS bed FROM audit_events WHERE action = 'encounter_admit' AND resource_id = $1`, [res.body.id])).toEqual([{ resource_version: 1, patient_id: patient.id, bed }]);
  });

  it('lets exactly one of two concurrent admissions to the same bed win', async () => {
    const [a, b] = [await newPatient('Tạ Văn Một'), await newPatient('Tạ Văn Hai')];
    const [bed] = await freeBeds();
    const results = await Promise.all(
      [a, b].map((p) => system.request<ProblemDetails>('POST', '/api/encounters/admissions', { token: doctor, json: { patientId: p.id, departmentId: noi, bedId: bed, source: 'emergency' } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)?.body.type).toContain('bed_occupied');
    expect(await system.sql(`SELECT count(*)::int AS n FROM encounters WHERE bed_id = $1 AND status = 'in_progress'`, [bed])).toEqual([{ n: 1 }]);
  });

  it('refuses a second open stay for the same patient, and a bed of another department', async () => {
    const patient = await newPatient('Quách Văn Ba');
    const [bed1, bed2] = await freeBeds();
    const ok = await system.request('POST', '/api/encounters/admissions', { token: doctor, json: { patientId: patient.id, departmentId: noi, bedId: bed1, source: 'emergency' } });
    expect(ok.status).toBe(201);
    const twice = await system.request<ProblemDetails>('POST', '/api/encounters/admissions', { token: doctor, json: { patientId: patient.id, departmentId: noi, bedId: bed2, source: 'emergency' } });
    expect([twice.status, twice.body.type]).toEqual([409, expect.stringContaining('already_admitted')]);
    const other = await newPatient('Quách Văn Bốn');
    const wrong = await system.request<ProblemDetails>('POST', '/api/encounters/admissions', { token: doctor, json: { patientId: other.id, departmentId: ngoai, bedId: bed2, source: 'emergency' } });
    expect([wrong.status, wrong.body.errors?.[0]?.field]).toEqual([400, 'bedId']);
  });

  it('transfers between departments as timestamped movements, moving department access with the patient', async () => {
    const patient = await newPatient('Lưu Thị Năm', 'female');
    const [bed] = await freeBeds();
    const stay = (await system.request<EncounterDetail>('POST', '/api/encounters/admissions', { token: doctor, json: { patientId: patient.id, departmentId: noi, bedId: bed, source: 'outpatient' } })).body;
    const moved = await system.request<EncounterDetail>('POST', `/api/encounters/${stay.id}/transfer`, { token: doctor, json: { version: stay.version, departmentId: ngoai, reason: 'Chuyển mổ' } });
    expect(moved.status).toBe(201);
    expect(moved.body).toEqual(expect.objectContaining({ departmentId: ngoai, bedId: null, version: 2 }));
    expect(moved.body.movements.map((m) => [m.departmentId, m.endedAt === null])).toEqual([
      [noi, false],
      [ngoai, true],
    ]);
    expect(await freeBeds()).toContain(bed);
    const stale = await system.request<ProblemDetails>('POST', `/api/encounters/${stay.id}/transfer`, { token: doctor, json: { version: 1, departmentId: noi } });
    expect([stale.status, stale.body.type]).toEqual([409, expect.stringContaining('stale_version')]);
    // One transfer event (the stale one rolled back), with where from and where to.
    expect(await system.sql(`SELECT resource_version, detail->'from'->>'departmentId' AS "from", detail->'to'->>'departmentId' AS "to" FROM audit_events WHERE action = 'encounter_transfer' AND resource_id = $1`, [stay.id])).toEqual([
      { resource_version: 2, from: noi, to: ngoai },
    ]);
  });

  it('discharges with outcome, type and ICD-10 diagnoses, freeing the bed', async () => {
    const patient = await newPatient('Kiều Văn Sáu');
    const [bed] = await freeBeds();
    const stay = (await system.request<EncounterDetail>('POST', '/api/encounters/admissions', { token: doctor, json: { patientId: patient.id, departmentId: noi, bedId: bed, source: 'emergency' } })).body;
    const missing = await system.request<ProblemDetails>('POST', `/api/encounters/${stay.id}/discharge`, { token: doctor, json: { version: 1, outcome: 'improved', type: 'discharged', diagnoses: [{ role: 'secondary', code: 'I10' }] } });
    expect([missing.status, missing.body.errors?.[0]?.field]).toEqual([400, 'diagnoses']);
    const unknown = await system.request<ProblemDetails>('POST', `/api/encounters/${stay.id}/discharge`, { token: doctor, json: { version: 1, outcome: 'improved', type: 'discharged', diagnoses: [{ role: 'principal', code: 'Z99.99' }] } });
    expect(unknown.status).toBe(400);
    const done = await system.request<EncounterDetail>('POST', `/api/encounters/${stay.id}/discharge`, {
      token: doctor,
      json: { version: 1, outcome: 'improved', type: 'discharged', diagnoses: [{ role: 'principal', code: 'J18.9' }, { role: 'secondary', code: 'I10' }] },
    });
    expect(done.status).toBe(201);
    expect(done.body).toEqual(expect.objectContaining({ status: 'finished', dischargeOutcome: 'improved', dischargeType: 'discharged' }));
    expect(done.body.endedAt).not.toBeNull();
    expect(await freeBeds()).toContain(bed);
    // The two refused discharges (400) left no event; the one that happened did, without the codes.
    expect(await system.sql(`SELECT actor_username, patient_id, detail->'diagnoses' AS diagnoses FROM audit_events WHERE action = 'encounter_discharge' AND resource_id = $1`, [stay.id])).toEqual([
      { actor_username: 'doctor', patient_id: patient.id, diagnoses: ['principal', 'secondary'] },
    ]);
  });

  it('rejects a sex-specific diagnosis on a patient of the other sex (R15)', async () => {
    const patient = await newPatient('Viên Văn Bảy');
    const [bed] = await freeBeds();
    const res = await system.request<ProblemDetails>('POST', '/api/encounters/admissions', { token: doctor, json: { patientId: patient.id, departmentId: noi, bedId: bed, source: 'emergency', admissionDiagnosis: 'O80.0' } });
    expect(res.status).toBe(400);
  });

  it("lists the department's census with bed, day of stay, doctor and diagnoses", async () => {
    const census = await system.request<CensusEntry[]>(`GET`, `/api/encounters/census?departmentId=${noi}`, { token: await system.token('nurse') });
    expect(census.status).toBe(200);
    const hương = census.body.find((c) => c.patientName === 'Nguyễn Thị Hường');
    expect(hương).toEqual(expect.objectContaining({ bedCode: expect.stringMatching(/^NOI-P1-G\d\d$/), wardCode: 'NOI-P1', dayOfStay: 3, diagnoses: [expect.objectContaining({ code: 'I10' })] }));
    const forbidden = await system.request('GET', `/api/encounters/census?departmentId=${ngoai}`, { token: doctor });
    expect(forbidden.status).toBe(403);
  });

  it("keeps another department's stays out of reach, and records each encounter read", async () => {
    const [{ id }] = await system.sql<{ id: string }>(`SELECT e.id FROM encounters e JOIN departments d ON d.id = e.department_id WHERE d.code = 'NHI' LIMIT 1`);
    expect((await system.request('GET', `/api/encounters/${id}`, { token: doctor })).status).toBe(403);
    const records = await system.token('records');
    expect((await system.request('GET', `/api/encounters/${id}`, { token: records })).status).toBe(200);
    expect(await system.sql(`SELECT actor_username FROM audit_events WHERE action = 'encounter_read' AND detail->>'encounterId' = $1`, [id])).toEqual([{ actor_username: 'records' }]);
  });

  it('numbers records by the pattern the administrator sets, without repeating a number', async () => {
    const admin = await system.token('admin');
    const bad = await system.request<ProblemDetails>('PUT', '/api/settings/record-number', { token: admin, json: { pattern: '{yyyy}-{dept}' } });
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'pattern']);
    const set = await system.request<{ pattern: string; example: string }>('PUT', '/api/settings/record-number', { token: admin, json: { pattern: 'BA/{yy}/{dept}/{seq:5}' } });
    expect(set.body.example).toMatch(/^BA\/\d{2}\/NOI\/00001$/);
    expect((await system.request('PUT', '/api/settings/record-number', { token: doctor, json: { pattern: '{seq}' } })).status).toBe(403);
    expect(await system.sql(`SELECT actor_username, detail->>'before' AS before, detail->>'after' AS after FROM audit_events WHERE action = 'config_change' AND resource_id = 'record-number-pattern'`)).toEqual([
      { actor_username: 'admin', before: '{yyyy}.{dept}.{seq:6}', after: 'BA/{yy}/{dept}/{seq:5}' },
    ]);
    const patient = await newPatient('Mẫu Văn Số');
    const res = await system.request<EncounterDetail>('POST', '/api/encounters/admissions', { token: doctor, json: { patientId: patient.id, departmentId: noi, source: 'referral' } });
    expect(res.body.recordNumber).toMatch(/^BA\/\d{2}\/NOI\/\d{5}$/);
    const numbers = await system.sql<{ record_number: string }>(`SELECT record_number FROM encounters WHERE record_number IS NOT NULL`);
    const sequences = numbers.map((n) => Number(n.record_number.split(/[./]/).pop()));
    expect(new Set(sequences).size).toBe(sequences.length);
  });
});
