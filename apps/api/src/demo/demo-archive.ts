import type { DataSource } from 'typeorm';
import type { RequestOrigin, UserPrincipal } from '@benhan/api/core';
import type { ArchiveService } from '@benhan/api/archive';
import type { DocumentsService } from '@benhan/api/documents';
import type { EncountersService } from '@benhan/api/encounters';
import type { PatientsService } from '@benhan/api/patients';
import type { SigningService } from '@benhan/api/signatures';
import type { UserRole } from '@benhan/shared/contracts';
import { DEMO_SIGNING_PIN } from './demo-signatures';

const DAY = 86_400_000;
const ORIGIN: RequestOrigin = { clientAddress: null, userAgent: 'demo-seed', requestId: null };

export interface DemoArchiveServices {
  dataSource: DataSource;
  patients: PatientsService;
  encounters: EncountersService;
  documents: DocumentsService;
  signing: SigningService;
  archives: ArchiveService;
}

/**
 * A finished week on the internal-medicine ward, archived: a patient admitted with pneumonia, the record
 * (01/BV1), a treatment sheet, nursing care notes, the discharge paper and the record summary, each signed by
 * its signer matrix (ward doctor, head of department, nurse), then the records office archives the stay.
 * Everything goes through the real services, so the demo's archive is a real sealed PDF/A-3.
 */
export async function archiveDemoStay(s: DemoArchiveServices, facilityId: string): Promise<string> {
  const staff = (await s.dataSource.query(
    `SELECT u.id, u.username, u.roles, coalesce(array_agg(ud.department_id) FILTER (WHERE ud.department_id IS NOT NULL), '{}') AS department_ids
       FROM users u LEFT JOIN user_departments ud ON ud.user_id = u.id WHERE u.facility_id = $1 GROUP BY u.id`,
    [facilityId],
  )) as { id: string; username: string; roles: UserRole[]; department_ids: string[] }[];
  const as = (username: string): UserPrincipal => {
    const u = staff.find((x) => x.username === username);
    if (!u) throw new Error(`Demo user ${username} is missing`);
    return { kind: 'user', userId: u.id, username, roles: u.roles, departmentIds: u.department_ids, facilityId, sessionId: 'demo-seed' };
  };
  const doctor = as('doctor');
  const head = as('headdoctor');
  const nurse = as('nurse');
  const records = as('records');
  const [ward] = (await s.dataSource.query(`SELECT id FROM departments WHERE facility_id = $1 AND code = 'NOI'`, [facilityId])) as { id: string }[];

  const admittedAt = new Date(Date.now() - 7 * DAY);
  const encounterId = await s.dataSource.transaction(async (em) => {
    const patient = await s.patients.create(
      em,
      facilityId,
      {
        fullName: 'Hoàng Thị Lụa',
        birthDate: '1952-09-08',
        sex: 'female',
        ethnicityCode: '01',
        occupation: 'Hưu trí',
        address: { provinceCode: '01', communeCode: '00004', street: '8 Phố Liễu Giai' },
        phone: '0912345699',
      },
      admittedAt,
    );
    const stay = await s.encounters.admitInTransaction(em, null, patient, { departmentId: ward.id, bedId: null, source: 'outpatient', attendingDoctorId: doctor.userId, admissionDiagnosis: 'J18.9', at: admittedAt });
    return stay.id;
  });

  const write = async (author: UserPrincipal, formCode: string, content: Record<string, unknown>, daysAfterAdmission: number) =>
    (await s.documents.create(author, encounterId, { formCode, content, effectiveAt: new Date(admittedAt.getTime() + daysAfterAdmission * DAY).toISOString() })).id;
  const versions: { id: string; signers: UserPrincipal[] }[] = [];
  versions.push({ id: await write(doctor, '01/BV1', RECORD, 0), signers: [doctor, head] });
  versions.push({ id: await write(doctor, '39/BV2', { ...TREATMENT_SHEET, entries: [{ ...TREATMENT_SHEET.entries[0], at: vietnamTime(admittedAt) }] }, 0), signers: [doctor] });
  versions.push({ id: await write(nurse, 'CS/BV2', { ...NURSING_CARE, entries: [{ ...NURSING_CARE.entries[0], at: vietnamTime(new Date(admittedAt.getTime() + DAY)) }] }, 1), signers: [nurse] });
  const detail = await s.encounters.get(doctor, encounterId);
  await s.encounters.discharge(doctor, encounterId, { version: detail.version, outcome: 'recovered', type: 'discharged', diagnoses: [{ role: 'principal', code: 'J13' }, { role: 'secondary', code: 'E11.9' }] }, ORIGIN);
  versions.push({ id: await write(doctor, '02/TT25', DISCHARGE_PAPER, 7), signers: [doctor, head] });
  versions.push({ id: await write(doctor, '03/TT25', RECORD_SUMMARY, 7), signers: [doctor, head] });
  for (const v of versions) for (const signer of v.signers) await s.signing.sign(signer, v.id, DEMO_SIGNING_PIN);
  const archive = await s.archives.archive(records, encounterId, {});
  return archive.id;
}

const DIAGNOSIS = { mainCode: 'J13', main: 'Viêm phổi do Streptococcus pneumoniae', comorbidities: [{ code: 'E11.9', name: 'Đái tháo đường týp 2' }] };

const RECORD = {
  reasonForAdmission: { reason: 'Sốt, ho có đờm, khó thở', dayOfIllness: 4 },
  history: { illnessCourse: 'Cách vào viện 4 ngày xuất hiện sốt 38,5–39 °C, ho khạc đờm vàng, đau ngực phải khi ho.', personalHistory: 'Đái tháo đường týp 2 đang dùng metformin.' },
  examination: {
    general: { description: 'Tỉnh, tiếp xúc tốt, môi khô, không phù.', pulse: 102, temperature: 38.6, systolic: 130, diastolic: 80, respiratoryRate: 24 },
    organs: { circulatory: 'Nhịp tim đều, không tiếng thổi.', respiratory: 'Ran nổ đáy phổi phải.' },
    caseSummary: 'Bệnh nhân nữ 74 tuổi, hội chứng nhiễm trùng, hội chứng đông đặc đáy phổi phải.',
  },
  admissionDiagnosis: { mainCode: 'J18.9', main: 'Viêm phổi, không đặc hiệu', comorbidities: [{ code: 'E11.9', name: 'Đái tháo đường týp 2' }] },
  treatmentPlan: { text: 'Kháng sinh tĩnh mạch, thở oxy khi cần, kiểm soát đường huyết.' },
};

const TREATMENT_SHEET = {
  diagnosis: DIAGNOSIS,
  entries: [
    {
      at: '2026-01-01T08:30:00+07:00',
      progress: 'Người bệnh tỉnh, sốt 38,6 °C, ho đờm vàng. Khám và cho y lệnh ngày đầu.',
      orders: [{ id: 'M1', type: 'medication', text: 'Ceftriaxon 1 g x 2 lọ, tiêm tĩnh mạch chậm 8 giờ', drug: 'Ceftriaxon 1 g', dose: '2 g', route: 'iv', frequency: '1 lần/ngày, 8 giờ' }],
    },
  ],
};

const NURSING_CARE = {
  careLevel: 'II',
  entries: [
    {
      at: '2026-01-02T07:00:00+07:00',
      assessment: 'Người bệnh tỉnh, sốt 38,4 °C, ho khạc đờm vàng, thở 24 lần/phút.',
      nursingProblem: 'Tăng thân nhiệt do nhiễm khuẩn hô hấp.',
      interventions: 'Chườm mát, vỗ rung, hướng dẫn ho khạc đờm.',
      evaluation: '8 giờ: nhiệt độ 37,8 °C.',
    },
  ],
};

const DISCHARGE_PAPER = {
  diagnosis: DIAGNOSIS,
  treatment: { text: 'Kháng sinh tĩnh mạch 7 ngày, kiểm soát đường huyết.' },
  notes: { text: 'Tiếp tục metformin 500 mg x 2 viên/ngày; tái khám sau 2 tuần hoặc khi sốt, khó thở.' },
};

const RECORD_SUMMARY = {
  diagnoses: {
    onAdmission: { code: 'J18.9', name: 'Viêm phổi, không đặc hiệu' },
    dischargeMainCode: 'J13',
    dischargeMain: 'Viêm phổi do Streptococcus pneumoniae',
    dischargeComorbidities: [{ code: 'E11.9', name: 'Đái tháo đường týp 2' }],
  },
  summary: {
    clinicalCourse: 'Sau 72 giờ kháng sinh hết sốt, hết khó thở ngày thứ 4.',
    keyParaclinicalResults: 'Bạch cầu 15,2 G/L, CRP 142 mg/L; X-quang ngực: đám mờ thuỳ dưới phổi phải; cấy đờm: S. pneumoniae.',
    treatmentMethods: 'Ceftriaxon 2 g/ngày x 7 ngày, insulin tiêm dưới da.',
    dischargeCondition: 'Tỉnh, không sốt, không khó thở.',
    result: 'cured',
  },
};

/** ISO 8601 with the +07:00 offset, as a Vietnamese clinician reads the time. */
function vietnamTime(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');
}
