import type { Page, PatientDetail, PatientSummary, PossibleDuplicate, ProblemDetails, RegisterPatientRequest } from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

const anh: RegisterPatientRequest = {
  fullName: 'Trịnh Thị Ngọc Ánh',
  birthDate: '1990-05-17',
  sex: 'female',
  citizenId: '001190012345',
  ethnicityCode: '01',
  occupation: 'Dược sĩ',
  address: { provinceCode: '01', communeCode: '00004', street: '7 Phố Đội Cấn' },
  phone: '0912 888 777',
  guardian: { name: 'Trịnh Văn Nam', relationship: 'Chồng', phone: '0987654321' },
  insuranceCard: { number: 'DN4010190012345', validFrom: '2026-01-01', validTo: '2026-12-31', registeredFacilityCode: '01999' },
};

describe('patient registry (R2)', () => {
  let system: TestSystem;
  let doctor: string;
  beforeAll(async () => {
    system = await TestSystem.start();
    doctor = await system.token('doctor');
  });
  afterAll(() => system?.stop());

  const register = (body: RegisterPatientRequest, token = doctor) => system.request<PatientDetail & ProblemDetails>('POST', '/api/patients', { token, json: body });

  it('registers a patient with every Vietnamese field and issues a patient code', async () => {
    const res = await register(anh);
    expect(res.status).toBe(201);
    expect(res.body.patientCode).toMatch(/^BN\d{8}$/);
    expect(res.body).toEqual(
      expect.objectContaining({
        fullName: 'Trịnh Thị Ngọc Ánh',
        birthYear: 1990,
        phone: '0912888777',
        address: { provinceCode: '01', communeCode: '00004', street: '7 Phố Đội Cấn' },
        insuranceCard: expect.objectContaining({ number: 'DN4010190012345' }),
        guardian: { name: 'Trịnh Văn Nam', relationship: 'Chồng', phone: '0987654321' },
        identityStatus: 'verified',
        version: 1,
      }),
    );
    // The registering doctor can open and find the new patient right away.
    expect((await system.request('GET', `/api/patients/${res.body.id}`, { token: doctor })).status).toBe(200);
    const found = await system.request<Page<PatientSummary>>('GET', '/api/patients?q=trinh%20thi%20ngoc%20anh', { token: doctor });
    expect(found.body.items.map((p) => p.id)).toEqual([res.body.id]);
  });

  it('finds a patient by CCCD, BHYT number, phone and patient code', async () => {
    const [{ id, patient_code }] = await system.sql<{ id: string; patient_code: string }>(`SELECT id, patient_code FROM patients WHERE citizen_id = '001190012345'`);
    for (const q of ['001190012345', 'DN4010190012345', '0912888777', '+84 912 888 777', patient_code]) {
      const res = await system.request<Page<PatientSummary>>('GET', `/api/patients?q=${encodeURIComponent(q)}`, { token: doctor });
      expect([q, res.body.items.map((p) => p.id)]).toEqual([q, [id]]);
    }
  });

  it('rejects a second patient with the same CCCD, naming the existing patient code', async () => {
    const res = await register({ ...anh, fullName: 'Trịnh Ngọc Ánh' });
    expect(res.status).toBe(409);
    expect(res.body.type).toContain('citizen_id_taken');
    expect(res.body['existingPatientCode']).toMatch(/^BN\d{8}$/);
  });

  it('warns about a possible duplicate (same name, date of birth, sex) and registers once confirmed', async () => {
    const twin = { ...anh, citizenId: null, insuranceCard: null, phone: null };
    const warned = await register(twin);
    expect(warned.status).toBe(409);
    expect(warned.body.type).toContain('possible_duplicate');
    expect((warned.body['possibleDuplicates'] as PossibleDuplicate[]).map((d) => d.fullName)).toEqual(['Trịnh Thị Ngọc Ánh']);
    const confirmed = await register({ ...twin, confirmDuplicate: true });
    expect(confirmed.status).toBe(201);
  });

  it('names each invalid field: CCCD inconsistent with sex, BHYT group, phone', async () => {
    const res = await register({ ...anh, citizenId: '001090012399', insuranceCard: { number: 'ZZ4010190012345', validFrom: '2026-01-01', validTo: '2026-12-31', registeredFacilityCode: null }, phone: '12345' });
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.field).sort()).toEqual(['citizenId', 'insuranceCard.number', 'phone']);
  });

  it('checks that the commune lies in the province (2025 administration)', async () => {
    const res = await register({ ...anh, citizenId: null, phone: null, insuranceCard: null, fullName: 'Địa Chỉ Sai', address: { provinceCode: '79', communeCode: '00004', street: null } });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.field).toBe('address.communeCode');
  });

  it('registers an unidentified emergency patient with a temporary identity, later merged into the real record', async () => {
    const temp = await register({ fullName: 'Không rõ tên (nam, khoảng 40 tuổi)', birthYear: 1986, sex: 'male', identityStatus: 'temporary', temporaryReason: 'unidentified' });
    expect(temp.status).toBe(201);
    const real = await register({ fullName: 'Lý Văn Tài', birthDate: '1986-02-02', sex: 'male', citizenId: '001086054321' });
    const records = await system.token('records');
    const merged = await system.request<PatientDetail>('POST', `/api/patients/${temp.body.id}/merge`, {
      token: records,
      json: { intoPatientId: real.body.id, reason: 'Người nhà đến xác nhận danh tính' },
    });
    expect(merged.status).toBe(201);
    expect(merged.body.id).toBe(real.body.id);
    const source = await system.request<PatientDetail>('GET', `/api/patients/${temp.body.id}`, { token: records });
    expect(source.body.mergedIntoId).toBe(real.body.id);
    expect(await system.sql(`SELECT reason FROM patient_merges WHERE source_patient_id = $1`, [temp.body.id])).toEqual([{ reason: 'Người nhà đến xác nhận danh tính' }]);
    expect(await system.sql(`SELECT action AS type FROM audit_events WHERE action = 'patient_merge'`)).toHaveLength(1);
    const again = await system.request('POST', `/api/patients/${temp.body.id}/merge`, { token: records, json: { intoPatientId: real.body.id, reason: 'again, twice' } });
    expect(again.status).toBe(409);
  });

  it('refuses a stale update with 409 and applies a current one', async () => {
    const created = await register({ fullName: 'Mai Văn Khoa', birthDate: '1979-09-19', sex: 'male' });
    const first = await system.request<PatientDetail>('PATCH', `/api/patients/${created.body.id}`, { token: doctor, json: { version: 1, occupation: 'Thợ điện' } });
    expect([first.status, first.body.version, first.body.occupation]).toEqual([200, 2, 'Thợ điện']);
    const stale = await system.request<ProblemDetails>('PATCH', `/api/patients/${created.body.id}`, { token: doctor, json: { version: 1, occupation: 'Thợ mộc' } });
    expect([stale.status, stale.body.type]).toEqual([409, expect.stringContaining('stale_version')]);
  });

  it('issues unique patient codes under concurrent registration', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => register({ fullName: `Bệnh nhân Song Song ${i}`, birthYear: 1960 + i, sex: 'male' })),
    );
    const codes = results.map((r) => r.body.patientCode);
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(codes).size).toBe(8);
  });

  it('records each read of a patient record', async () => {
    const [{ id }] = await system.sql<{ id: string }>(`SELECT id FROM patients WHERE citizen_id = '001190012345'`);
    const before = await system.sql(`SELECT 1 FROM audit_events WHERE action = 'patient_read' AND patient_id = $1`, [id]);
    await system.request('GET', `/api/patients/${id}`, { token: doctor });
    const after = await system.sql(`SELECT 1 FROM audit_events WHERE action = 'patient_read' AND patient_id = $1`, [id]);
    expect(after.length).toBe(before.length + 1);
  });
});
