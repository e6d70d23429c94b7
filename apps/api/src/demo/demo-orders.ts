import type { DataSource } from 'typeorm';
import type { ClientPrincipal, UserPrincipal } from '@benhan/api/core';
import type { OrdersService, ResultsService } from '@benhan/api/orders';
import type { RecordResultRequest, UserRole } from '@benhan/shared/contracts';
import { DEMO_SIGNING_PIN } from './demo-signatures';

export interface DemoOrderServices {
  dataSource: DataSource;
  orders: OrdersService;
  results: ResultsService;
}

const HOUR = 3_600_000;

/**
 * After the demo documents are signed: the internal-medicine ward doctor orders and signs a CBC with a lipid
 * panel (one abnormal LDL) for the diabetic patient, electrolytes (a critical potassium) for the patient with
 * diarrhoea and a chest X-ray for the pneumonia; the LIS and PACS clients send the results. Goes through the
 * real services; does nothing when the facility already has orders.
 */
export async function seedDemoOrders(s: DemoOrderServices, facilityId: string): Promise<number> {
  const [{ count }] = (await s.dataSource.query(`SELECT count(*)::int AS count FROM orders WHERE facility_id = $1`, [facilityId])) as { count: number }[];
  if (count > 0) return 0;
  const [doctor] = (await s.dataSource.query(
    `SELECT u.id, u.username, u.roles, array_agg(ud.department_id) AS department_ids
       FROM users u JOIN user_departments ud ON ud.user_id = u.id
      WHERE u.facility_id = $1 AND u.username = 'doctor' GROUP BY u.id`,
    [facilityId],
  )) as { id: string; username: string; roles: UserRole[]; department_ids: string[] }[];
  if (!doctor) return 0;
  const user: UserPrincipal = { kind: 'user', userId: doctor.id, username: doctor.username, roles: doctor.roles, departmentIds: doctor.department_ids, facilityId, sessionId: 'demo-seed' };
  const client = (clientId: 'lis' | 'pacs'): ClientPrincipal => ({ kind: 'client', clientId, clientKind: clientId, scopes: ['orders.read', 'results.write'], facilityId });
  const stays = (await s.dataSource.query(
    `SELECT e.id, e.patient_id, p.citizen_id FROM encounters e JOIN patients p ON p.id = e.patient_id
      WHERE e.facility_id = $1 AND e.status = 'in_progress' AND p.citizen_id = ANY($2)`,
    [facilityId, ['001065009876', '001080002468', '001047001122']],
  )) as { id: string; patient_id: string; citizen_id: string }[];
  const stayOf = (citizenId: string) => stays.find((x) => x.citizen_id === citizenId);
  const now = Date.now();
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();
  let placed = 0;

  const diabetic = stayOf('001065009876');
  if (diabetic) {
    const order = await s.orders.place(user, diabetic.id, { category: 'laboratory', priority: 'routine', items: ['HH-CBC', 'SH-LIPID'], reason: { code: 'E11.9' }, clinicalNote: 'Đái tháo đường típ 2, kiểm tra mỡ máu.' });
    await s.orders.activate(user, order.id, DEMO_SIGNING_PIN);
    await s.results.recordLabReport(client('lis'), order.id, labReport('LIS-DEMO-0001', at(20), at(18), 'Mỡ máu: LDL-C tăng.', [
      ['6690-2', 7.4, '10*3/uL'],
      ['789-8', 4.6, '10*6/uL'],
      ['718-7', 138, 'g/L'],
      ['4544-3', 41.5, '%'],
      ['787-2', 89, 'fL'],
      ['785-6', 30, 'pg'],
      ['777-3', 256, '10*3/uL'],
      ['14647-2', 5.0, 'mmol/L'],
      ['14927-8', 1.6, 'mmol/L'],
      ['14646-4', 1.1, 'mmol/L'],
      ['22748-8', 3.9, 'mmol/L'],
    ]));
    placed++;
  }

  const diarrhoea = stayOf('001080002468');
  if (diarrhoea) {
    const order = await s.orders.place(user, diarrhoea.id, { category: 'laboratory', priority: 'stat', items: ['SH-ELEC', 'SH-RENAL'], reason: { code: 'A09' }, clinicalNote: 'Tiêu chảy nhiều lần, mệt lả.' });
    await s.orders.activate(user, order.id, DEMO_SIGNING_PIN);
    await s.results.recordLabReport(client('lis'), order.id, labReport('LIS-DEMO-0002', at(6), at(5), 'Hạ kali máu nặng: đã báo bác sĩ điều trị.', [
      ['2951-2', 131, 'mmol/L'],
      ['2823-3', 2.3, 'mmol/L'],
      ['2075-0', 97, 'mmol/L'],
      ['22664-7', 8.1, 'mmol/L'],
      ['14682-9', 112, 'umol/L'],
    ]));
    placed++;
  }

  const pneumonia = stayOf('001047001122');
  if (pneumonia) {
    const order = await s.orders.place(user, pneumonia.id, { category: 'imaging', priority: 'urgent', items: ['CDHA-XQ-NGUC'], reason: { code: 'J18.9' }, clinicalNote: 'Sốt, ho đờm 3 ngày, ran nổ đáy phổi phải.' });
    await s.orders.activate(user, order.id, DEMO_SIGNING_PIN);
    const uid = '1.2.826.0.1.3680043.10.1482.2026.1';
    await s.results.recordImagingReport(client('pacs'), order.id, {
      externalId: 'RIS-DEMO-0001',
      status: 'final',
      effectiveAt: at(30),
      issued: at(29),
      performer: 'BS. Đặng Quốc Huy',
      findings: 'Đám mờ không đều vùng đáy phổi phải, xoá một phần bờ hoành phải. Bóng tim không to. Không thấy tràn dịch, tràn khí màng phổi.',
      conclusion: 'Hình ảnh viêm phổi thuỳ dưới phổi phải.',
      study: { studyInstanceUid: uid, modality: 'CR', seriesCount: 1, instanceCount: 1, startedAt: at(30), endpointUrl: `http://localhost:8042/ohif/viewer?StudyInstanceUIDs=${uid}` },
    });
    placed++;
  }
  return placed;
}

function labReport(externalId: string, collectedAt: string, issued: string, conclusion: string, values: [string, number, string][]): RecordResultRequest {
  return {
    externalId,
    status: 'final',
    effectiveAt: collectedAt,
    issued,
    performer: 'KTV. Vũ Thị Lan',
    conclusion,
    observations: values.map(([code, valueQuantity, unit]) => ({ code, valueQuantity, unit })),
  };
}
