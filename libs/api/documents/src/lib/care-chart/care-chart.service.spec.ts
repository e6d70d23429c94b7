import type { UserPrincipal } from '@benhan/api/core';
import type { EncounterEntity } from '@benhan/api/encounters';
import type { DomainError } from '@benhan/api/core';
import { CareChartTestbed } from '../../testing/care-chart-testbed';
import { CareChartService } from './care-chart.service';

/** What a rejected call threw, as the problem-details filter would see it. */
async function failure(promise: Promise<unknown>): Promise<{ status: number; code: string; fields: string[] }> {
  try {
    await promise;
  } catch (error) {
    const e = error as DomainError;
    return { status: e.status, code: e.code, fields: (e.fieldErrors ?? []).map((f) => f.field) };
  }
  throw new Error('expected a failure');
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe(CareChartService.name, () => {
  let bed: CareChartTestbed;
  let nurse: UserPrincipal;
  let surgeryNurse: UserPrincipal;
  let stay: EncounterEntity;

  beforeAll(async () => {
    bed = await CareChartTestbed.create();
    nurse = await bed.user('nhung', 'NOI');
    surgeryNurse = await bed.user('lan', 'NGOAI');
    stay = await bed.admit('Nguyễn Văn Sốt');
  });
  afterAll(() => bed?.close());

  it('records a set of readings as one LOINC-coded observation per kind, flagged against the adult range', async () => {
    const saved = await bed.service.recordVitalSigns(nurse, stay.id, { takenAt: minutesAgo(10), values: { temperature: 38.6, pulse: 92, spo2: 93 } });
    expect(saved.map((o) => [o.kind, o.value, o.unit, o.loinc, o.flag])).toEqual([
      ['pulse', 92, '/min', '8867-4', 'normal'],
      ['temperature', 38.6, 'Cel', '8310-5', 'high'],
      ['spo2', 93, '%', '59408-5', 'low'],
    ]);
    expect(saved[0]).toEqual(expect.objectContaining({ encounterId: stay.id, recordedById: nurse.userId, recordedByName: 'ĐD. nhung', enteredInError: null }));
  });

  it('refuses UPDATE and DELETE of an observation at the database (append-only)', async () => {
    const [id] = (await bed.dataSource.query(`SELECT id FROM vital_sign_observations LIMIT 1`)) as { id: string }[];
    await expect(bed.dataSource.query(`UPDATE vital_sign_observations SET value = 37 WHERE id = $1`, [id.id])).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(bed.dataSource.query(`DELETE FROM vital_sign_observations WHERE id = $1`, [id.id])).rejects.toThrow(/append-only: DELETE refused/);
    await expect(bed.dataSource.query(`TRUNCATE vital_sign_observations CASCADE`)).rejects.toThrow(/append-only/);
  });

  it('saves nothing of a round when one entry is impossible, and names that entry’s field', async () => {
    const other = await bed.admit('Trần Văn Hai');
    const before = await bed.count(`SELECT count(*) AS n FROM vital_sign_observations`);
    const round = {
      entries: [
        { encounterId: stay.id, takenAt: minutesAgo(5), values: { temperature: 37.2 } },
        { encounterId: other.id, takenAt: minutesAgo(5), values: { pulse: 80 } },
        { encounterId: other.id, takenAt: minutesAgo(4), values: { pulse: 800, temperature: 36.8 } },
      ],
    };
    expect(await failure(bed.service.recordRound(nurse, round))).toEqual({ status: 400, code: 'invalid_vital_signs', fields: ['entries.2.values.pulse'] });
    expect(await bed.count(`SELECT count(*) AS n FROM vital_sign_observations`)).toBe(before);

    round.entries[2].values.pulse = 80;
    expect(await bed.service.recordRound(nurse, round)).toHaveLength(4);
    expect(await bed.count(`SELECT count(*) AS n FROM vital_sign_observations`)).toBe(before + 4);
  });

  it('refuses readings taken in the future (beyond 5 minutes of skew) or before the stay began', async () => {
    expect(await failure(bed.service.recordVitalSigns(nurse, stay.id, { takenAt: new Date(Date.now() + 10 * 60_000).toISOString(), values: { pulse: 80 } }))).toEqual(
      expect.objectContaining({ status: 400, fields: ['takenAt'] }),
    );
    expect(await bed.service.recordVitalSigns(nurse, stay.id, { takenAt: new Date(Date.now() + 2 * 60_000).toISOString(), values: { pulse: 80 } })).toHaveLength(1);
    expect(await failure(bed.service.recordVitalSigns(nurse, stay.id, { takenAt: minutesAgo(49 * 60), values: { pulse: 80 } }))).toEqual(
      expect.objectContaining({ status: 400, fields: ['takenAt'] }),
    );
  });

  it('refuses a nurse of another department (403) and an unknown encounter (404)', async () => {
    expect(await failure(bed.service.recordVitalSigns(surgeryNurse, stay.id, { takenAt: minutesAgo(1), values: { pulse: 80 } }))).toEqual(
      expect.objectContaining({ status: 403, code: 'patient_out_of_scope' }),
    );
    expect(await failure(bed.service.flowsheet(surgeryNurse, stay.id, {}))).toEqual(expect.objectContaining({ status: 403 }));
    expect(await failure(bed.service.recordVitalSigns(nurse, '00000000-0000-4000-8000-000000000000', { takenAt: minutesAgo(1), values: { pulse: 80 } }))).toEqual(
      expect.objectContaining({ status: 404, code: 'encounter_not_found' }),
    );
  });

  it('marks an observation entered-in-error once, by a row of its own; the flowsheet shows the mark', async () => {
    const [reading] = await bed.service.recordVitalSigns(nurse, stay.id, { takenAt: minutesAgo(3), values: { temperature: 40.1 } });
    const marked = await bed.service.markVitalSignEnteredInError(nurse, reading.id, 'Nhập nhầm bệnh nhân');
    expect(marked.enteredInError).toEqual({ at: expect.any(String), byName: 'ĐD. nhung', reason: 'Nhập nhầm bệnh nhân' });
    expect(await failure(bed.service.markVitalSignEnteredInError(nurse, reading.id, 'again'))).toEqual(expect.objectContaining({ status: 409, code: 'already_entered_in_error' }));
    const sheet = await bed.service.flowsheet(nurse, stay.id, {});
    expect(sheet.observations.find((o) => o.id === reading.id)?.enteredInError?.reason).toBe('Nhập nhầm bệnh nhân');
    const times = sheet.observations.map((o) => o.takenAt);
    expect(times).toEqual([...times].sort());
  });

  it('closes the chart when the encounter has ended (409)', async () => {
    const gone = await bed.admit('Lê Văn Về');
    await bed.dataSource.query(
      `UPDATE encounters SET status = 'finished', ended_at = now(), discharge_outcome = 'improved', discharge_type = 'discharged' WHERE id = $1`,
      [gone.id],
    );
    expect(await failure(bed.service.recordVitalSigns(nurse, gone.id, { takenAt: minutesAgo(1), values: { pulse: 80 } }))).toEqual(
      expect.objectContaining({ status: 409, code: 'encounter_finished' }),
    );
  });

  describe('medication administrations', () => {
    it('records a dose against an order line of the treatment sheet and lists it under the order', async () => {
      const documentId = (await bed.dataSource.query(`SELECT gen_random_uuid() AS id`))[0].id as string;
      // The order must name a real treatment sheet document (foreign key): create one row for it.
      await bed.dataSource.query(
        `INSERT INTO documents (id, facility_id, encounter_id, patient_id, form_code, created_at, created_by) VALUES ($1, $2, $3, $4, '39/BV2', now(), $5)`,
        [documentId, bed.facilityId, stay.id, stay.patientId, nurse.userId],
      );
      bed.treatmentOrders.lines = [
        { treatmentSheetDocumentId: documentId, versionNumber: 1, orderId: 'o1', date: minutesAgo(120), drug: 'Paracetamol', dose: '500 mg', route: 'oral', frequency: 'x3/ngày' },
      ];
      const given = await bed.service.recordAdministration(nurse, stay.id, {
        treatmentSheetDocumentId: documentId,
        orderId: 'o1',
        drug: 'Paracetamol',
        dose: '500 mg',
        route: 'oral',
        status: 'given',
        administeredAt: minutesAgo(2),
      });
      expect(given).toEqual(expect.objectContaining({ status: 'given', orderId: 'o1', recordedByName: 'ĐD. nhung', enteredInError: null }));
      const orders = await bed.service.medicationOrders(nurse, stay.id);
      expect(orders).toEqual([expect.objectContaining({ orderId: 'o1', administrations: [expect.objectContaining({ id: given.id })] })]);

      expect(
        await failure(bed.service.recordAdministration(nurse, stay.id, { treatmentSheetDocumentId: documentId, orderId: 'o9', drug: 'X', dose: '1', route: 'oral', status: 'given', administeredAt: minutesAgo(1) })),
      ).toEqual({ status: 400, code: 'unknown_order', fields: ['orderId'] });
    });

    it('needs a reason for a dose not given, and marks a record entered-in-error once', async () => {
      expect(await failure(bed.service.recordAdministration(nurse, stay.id, { drug: 'Ceftriaxone', dose: '1 g', route: 'iv', status: 'refused' }))).toEqual({
        status: 400,
        code: 'invalid_administration',
        fields: ['reason'],
      });
      const refused = await bed.service.recordAdministration(nurse, stay.id, { drug: 'Ceftriaxone', dose: '1 g', route: 'iv', status: 'refused', reason: 'Bệnh nhân từ chối' });
      const marked = await bed.service.markAdministrationEnteredInError(nurse, refused.id, 'Ghi nhầm');
      expect(marked.enteredInError?.reason).toBe('Ghi nhầm');
      expect(await failure(bed.service.markAdministrationEnteredInError(nurse, refused.id, 'again'))).toEqual(expect.objectContaining({ status: 409 }));
      await expect(bed.dataSource.query(`UPDATE medication_administrations SET dose = '2 g' WHERE id = $1`, [refused.id])).rejects.toThrow(/append-only/);
    });
  });
});
