import type { Department, EncounterDetail, PatientDetail } from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

describe('outpatient visits: registration → examination → conclusion', () => {
  let system: TestSystem;
  let doctor: string;
  let noi: string;
  beforeAll(async () => {
    system = await TestSystem.start();
    doctor = await system.token('doctor');
    noi = (await system.request<Department[]>('GET', '/api/departments', { token: doctor })).body.find((d) => d.code === 'NOI')?.id ?? '';
  });
  afterAll(() => system?.stop());

  /** An encounter's change events (R11), in chain order: action, resource version and detail. */
  function changes(encounterId: string) {
    return system.sql<{ action: string; resource_version: number; patient_id: string; actor_username: string; detail: Record<string, unknown> }>(
      `SELECT action, resource_version, patient_id, actor_username, detail FROM audit_events
        WHERE resource_type = 'encounter' AND resource_id = $1 AND action IN ('encounter_admit', 'encounter_transfer', 'encounter_discharge', 'encounter_update') ORDER BY seq`,
      [encounterId],
    );
  }

  async function visit(name: string): Promise<EncounterDetail> {
    const patient = (await system.request<PatientDetail>('POST', '/api/patients', { token: doctor, json: { fullName: name, birthYear: 1988, sex: 'female', confirmDuplicate: true } })).body;
    const res = await system.request<EncounterDetail>('POST', '/api/encounters/outpatient', { token: doctor, json: { patientId: patient.id, departmentId: noi, reason: 'Ho, sốt 3 ngày' } });
    expect([res.status, res.body.outpatientStage]).toEqual([201, 'registered']);
    const examining = await system.request<EncounterDetail>('POST', `/api/encounters/${res.body.id}/examine`, { token: doctor, json: { version: res.body.version } });
    expect(examining.body.outpatientStage).toBe('examining');
    return examining.body;
  }

  it('concludes with home treatment and a principal diagnosis', async () => {
    const v = await visit('Cao Thị Hoa');
    const res = await system.request<EncounterDetail>('POST', `/api/encounters/${v.id}/conclude`, { token: doctor, json: { version: v.version, conclusion: 'home_treatment', diagnoses: [{ role: 'principal', code: 'J06.9' }] } });
    expect(res.body).toEqual(expect.objectContaining({ status: 'finished', outpatientStage: 'concluded', outpatientConclusion: 'home_treatment' }));
    // Registration, examination and conclusion: one event each, in the change's transaction, diagnoses by role only.
    expect((await changes(v.id)).map((e) => [e.action, e.resource_version, e.patient_id, e.actor_username, e.detail['type'] ?? e.detail['change']])).toEqual([
      ['encounter_admit', 1, v.patientId, 'doctor', 'outpatient'],
      ['encounter_update', 2, v.patientId, 'doctor', 'examination_started'],
      ['encounter_discharge', 3, v.patientId, 'doctor', 'outpatient'],
    ]);
    expect((await changes(v.id))[2].detail).toEqual(expect.objectContaining({ conclusion: 'home_treatment', diagnoses: ['principal'] }));
  });

  it('concluding with admission opens an inpatient stay from the visit', async () => {
    const v = await visit('Cao Thị Lụa');
    const res = await system.request<EncounterDetail>('POST', `/api/encounters/${v.id}/conclude`, {
      token: doctor,
      json: { version: v.version, conclusion: 'admitted', diagnoses: [{ role: 'principal', code: 'J18.9' }], admitTo: { departmentId: noi } },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(expect.objectContaining({ type: 'inpatient', status: 'in_progress', admissionSource: 'outpatient' }));
    expect((await changes(v.id)).map((e) => e.action)).toEqual(['encounter_admit', 'encounter_update', 'encounter_discharge']);
    expect((await changes(res.body.id)).map((e) => [e.action, e.detail['source'], e.detail['originEncounterId']])).toEqual([['encounter_admit', 'outpatient', v.id]]);
    const all = await system.request<EncounterDetail[]>('GET', `/api/encounters?patientId=${res.body.patientId}`, { token: doctor });
    expect(all.body.map((e) => [e.type, e.status])).toEqual([
      ['inpatient', 'in_progress'],
      ['outpatient', 'finished'],
    ]);
  });
});
