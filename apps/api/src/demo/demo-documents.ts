import type { EntityManager } from 'typeorm';
import { canonicalSha256 } from '@benhan/api/core';
import type { FormsService } from '@benhan/api/documents';

const DAY = 86_400_000;

interface DemoOrder {
  id: string;
  type: 'medication' | 'care' | 'test' | 'diet';
  text: string;
  drug?: string;
  dose?: string;
  route?: string;
  frequency?: string;
}

const PNEUMONIA_ORDERS: DemoOrder[] = [
  { id: 'M1', type: 'medication', text: 'Ceftriaxon 1 g x 2 lọ, tiêm tĩnh mạch chậm 8 giờ', drug: 'Ceftriaxon 1 g', dose: '2 g', route: 'iv', frequency: '1 lần/ngày, 8 giờ' },
  { id: 'M2', type: 'medication', text: 'Paracetamol 500 mg x 1 viên, uống khi sốt ≥ 38,5 °C, cách nhau ít nhất 6 giờ', drug: 'Paracetamol 500 mg', dose: '500 mg', route: 'oral', frequency: 'Khi sốt, tối đa 4 lần/ngày' },
  { id: 'C1', type: 'care', text: 'Thở oxy gọng mũi 2 lít/phút khi SpO₂ < 94 %' },
];
const HYPERTENSION_ORDERS: DemoOrder[] = [
  { id: 'M1', type: 'medication', text: 'Amlodipin 5 mg x 1 viên, uống 8 giờ', drug: 'Amlodipin 5 mg', dose: '5 mg', route: 'oral', frequency: '1 lần/ngày, 8 giờ' },
  { id: 'T1', type: 'test', text: 'Theo dõi huyết áp 3 lần/ngày' },
];
const GENERAL_ORDERS: DemoOrder[] = [
  { id: 'M1', type: 'medication', text: 'Omeprazol 20 mg x 1 viên, uống trước ăn sáng 30 phút', drug: 'Omeprazol 20 mg', dose: '20 mg', route: 'oral', frequency: '1 lần/ngày, 7 giờ' },
  { id: 'D1', type: 'diet', text: 'Chế độ ăn bệnh lý (cơm)' },
];

/**
 * The internal-medicine ward's paperwork in progress: a treatment sheet (tờ điều trị) per stay, one entry per
 * day with the day's orders (what the nurses give on the medication administration screen), and an
 * internal-medicine record draft for the first stay. Written by the ward doctor, unsigned (signing needs the
 * doctor's PIN). Every content is checked against its form first, so a form change cannot seed bad data.
 */
export async function seedDemoDocuments(em: EntityManager, forms: FormsService, facilityId: string, now = new Date()): Promise<void> {
  const stays = (await em.query(
    `SELECT e.id, e.patient_id, e.department_id, e.started_at,
            (SELECT d.code FROM encounter_diagnoses d WHERE d.encounter_id = e.id ORDER BY d.recorded_at LIMIT 1) AS code,
            (SELECT d.title FROM encounter_diagnoses d WHERE d.encounter_id = e.id ORDER BY d.recorded_at LIMIT 1) AS title
       FROM encounters e JOIN departments dep ON dep.id = e.department_id
      WHERE e.facility_id = $1 AND dep.code = 'NOI' AND e.type = 'inpatient' AND e.status = 'in_progress'
      ORDER BY e.started_at, e.id`,
    [facilityId],
  )) as { id: string; patient_id: string; department_id: string; started_at: Date; code: string | null; title: string | null }[];
  const [doctor] = (await em.query(`SELECT id FROM users WHERE facility_id = $1 AND username = 'doctor'`, [facilityId])) as { id: string }[];
  if (!doctor || !stays.length) return;

  const write = async (stay: (typeof stays)[number], formCode: string, content: Record<string, unknown>, effectiveAt: Date) => {
    const { form } = await forms.effective(facilityId, formCode, undefined, em);
    const problems = forms.validateContent(form, content, 'draft');
    if (problems.length) throw new Error(`Demo ${formCode} content does not fit the form: ${JSON.stringify(problems)}`);
    const [document] = (await em.query(
      `INSERT INTO documents (facility_id, encounter_id, patient_id, form_code, title, created_at, created_by) VALUES ($1, $2, $3, $4, NULL, $5, $6) RETURNING id`,
      [facilityId, stay.id, stay.patient_id, formCode, effectiveAt, doctor.id],
    )) as { id: string }[];
    await em.query(
      `INSERT INTO document_versions (facility_id, document_id, number, status, author_id, author_role, department_id, form_code, schema_version,
                                      content, content_hash, effective_at, created_at, saved_at)
       VALUES ($1, $2, 1, 'draft', $3, 'doctor', $4, $5, $6, $7, $8, $9, $10, $10)`,
      [facilityId, document.id, doctor.id, stay.department_id, formCode, form.version, content, canonicalSha256(content), effectiveAt, now],
    );
  };

  for (const [index, stay] of stays.entries()) {
    const orders = stay.code?.startsWith('J18') ? PNEUMONIA_ORDERS : stay.code === 'I10' ? HYPERTENSION_ORDERS : GENERAL_ORDERS;
    const days = Math.max(1, Math.min(3, Math.ceil((now.getTime() - stay.started_at.getTime()) / DAY)));
    const entries = Array.from({ length: days }, (_, day) => ({
      at: vietnamTime(new Date(stay.started_at.getTime() + day * DAY + 30 * 60_000)),
      progress: day === 0 ? 'Người bệnh tỉnh, tiếp xúc tốt. Khám và cho y lệnh ngày đầu.' : `Ngày điều trị thứ ${day + 1}: người bệnh đỡ hơn, tiếp tục điều trị.`,
      orders,
    }));
    const diagnosis = stay.code ? { mainCode: stay.code, main: stay.title ?? stay.code } : undefined;
    await write(stay, '39/BV2', { ...(diagnosis ? { diagnosis } : {}), entries }, stay.started_at);
    if (index === 0) {
      await write(
        stay,
        '01/BV1',
        {
          reasonForAdmission: { reason: 'Sốt, ho có đờm, khó thở', dayOfIllness: 4 },
          history: { illnessCourse: 'Cách vào viện 4 ngày xuất hiện sốt 38,5–39 °C, ho khạc đờm vàng, đau ngực phải khi ho.' },
          ...(diagnosis ? { admissionDiagnosis: diagnosis } : {}),
        },
        stay.started_at,
      );
    }
  }
}

/** ISO 8601 with the +07:00 offset, as a Vietnamese clinician reads the time. */
function vietnamTime(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');
}
