import type { BreakGlassGrant, Page, PatientSummary, ProblemDetails, WardBeds } from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

describe('department scoping and break-glass (R10)', () => {
  let system: TestSystem;
  let doctor: string;
  let surgeryPatient: { id: string };
  beforeAll(async () => {
    system = await TestSystem.start();
    doctor = await system.token('doctor');
    [surgeryPatient] = await system.sql<{ id: string }>(
      `SELECT p.id FROM patients p JOIN encounters e ON e.patient_id = p.id JOIN departments d ON d.id = e.department_id WHERE d.code = 'NGOAI' LIMIT 1`,
    );
  });
  afterAll(() => system?.stop());

  it('shows an internal-medicine doctor only patients cared for by internal medicine', async () => {
    const res = await system.request<Page<PatientSummary>>('GET', '/api/patients?limit=100', { token: doctor });
    expect(res.status).toBe(200);
    const inNoi = await system.sql<{ id: string }>(
      `SELECT e.patient_id AS id FROM encounters e JOIN departments d ON d.id = e.department_id WHERE d.code = 'NOI'`,
    );
    expect(res.body.items.map((p) => p.id).sort()).toEqual(inNoi.map((r) => r.id).sort());
    expect(res.body.total).toBe(inNoi.length);
  });

  it('finds patients by name without diacritics', async () => {
    const res = await system.request<Page<PatientSummary>>('GET', '/api/patients?q=nguyen', { token: doctor });
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const p of res.body.items) expect(p.fullName).toMatch(/Nguyễn/);
    const byGiven = await system.request<Page<PatientSummary>>('GET', '/api/patients?q=huong', { token: doctor });
    expect(byGiven.body.items.map((p) => p.fullName)).toContain('Nguyễn Thị Hường');
  });

  it('refuses a patient of another department with 403 that points to break-glass', async () => {
    const res = await system.request<ProblemDetails>('GET', `/api/patients/${surgeryPatient.id}`, { token: doctor });
    expect(res.status).toBe(403);
    expect(res.body.type).toContain('patient_out_of_scope');
    expect(res.body['breakGlass']).toBe(`/api/patients/${surgeryPatient.id}/break-glass`);
  });

  it('requires a reason for break-glass, naming the field', async () => {
    const res = await system.request<ProblemDetails>('POST', `/api/patients/${surgeryPatient.id}/break-glass`, { token: doctor, json: { reason: 'urgent' } });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.field).toBe('reason');
  });

  it('opens the record for a limited time with a reason, and records it', async () => {
    const reason = 'Bệnh nhân ngừng tuần hoàn tại hành lang, cần xem tiền sử';
    const res = await system.request<BreakGlassGrant>('POST', `/api/patients/${surgeryPatient.id}/break-glass`, { token: doctor, json: { reason } });
    expect(res.status).toBe(201);
    const minutes = (Date.parse(res.body.expiresAt) - Date.parse(res.body.grantedAt)) / 60_000;
    expect(minutes).toBe(60);

    expect((await system.request('GET', `/api/patients/${surgeryPatient.id}`, { token: doctor })).status).toBe(200);
    const mine = await system.request<BreakGlassGrant[]>('GET', '/api/break-glass', { token: doctor });
    expect(mine.body.map((g) => g.patientId)).toContain(surgeryPatient.id);

    const [event] = await system.sql(`SELECT action AS type, actor_username, patient_id, reason FROM audit_events WHERE action = 'break_glass'`);
    expect(event).toEqual({ type: 'break_glass', actor_username: 'doctor', patient_id: surgeryPatient.id, reason });
  });

  it('does not extend break-glass to other users', async () => {
    const nurse = await system.token('nurse');
    expect((await system.request('GET', `/api/patients/${surgeryPatient.id}`, { token: nurse })).status).toBe(403);
  });

  it('lets the records office and inspectors read the whole facility', async () => {
    const [{ count }] = await system.sql<{ count: string }>(`SELECT count(*) FROM patients`);
    for (const user of ['records', 'inspector']) {
      const res = await system.request<Page<PatientSummary>>('GET', '/api/patients?limit=100', { token: await system.token(user) });
      expect(res.body.total).toBe(Number(count));
    }
  });

  it('answers 404 for a patient that does not exist', async () => {
    expect((await system.request('GET', '/api/patients/00000000-0000-4000-8000-000000000001', { token: doctor })).status).toBe(404);
  });
});

describe('GET /api/wards (bed map of my departments)', () => {
  let system: TestSystem;
  beforeAll(async () => (system = await TestSystem.start()));
  afterAll(() => system?.stop());

  it("shows a nurse her department's wards and beds with who occupies them", async () => {
    const res = await system.request<WardBeds[]>('GET', '/api/wards', { token: await system.token('nurse') });
    expect(res.status).toBe(200);
    expect(res.body.map((w) => w.code)).toEqual(['NOI-P1', 'NOI-P2']);
    const beds = res.body.flatMap((w) => w.beds);
    expect(beds).toHaveLength(12);
    const [{ count }] = await system.sql<{ count: string }>(
      `SELECT count(*) FROM encounters e JOIN departments d ON d.id = e.department_id WHERE d.code = 'NOI' AND e.status = 'in_progress' AND e.bed_id IS NOT NULL`,
    );
    expect(beds.filter((b) => b.occupiedByPatientId)).toHaveLength(Number(count));
  });
});
