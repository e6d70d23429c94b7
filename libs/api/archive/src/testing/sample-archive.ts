import { createHash } from 'node:crypto';
import type { PrintableArchive } from '../lib/encounter-archive-pdf';
import { shippedForms } from './shipped-forms';

/**
 * An encounter archive of `documents` documents cycling through every shipped form with its complete sample,
 * each with `versions` versions and two signatures per version (CMS bytes are placeholders: rendering does not
 * read them). For rendering tests and the benchmark.
 */
export function sampleArchive(documents: number, versions = 2): PrintableArchive {
  const forms = shippedForms();
  const at = new Date('2026-11-20T03:00:00Z');
  const patient = { fullName: 'Nguyễn Thị Hường', age: 68, sex: 'female', patientCode: 'BN26000001' };
  const encounter = { recordNumber: '2026.NOI.000001', departmentName: 'Khoa Nội tổng hợp', bedCode: null };
  return {
    facilityName: 'Bệnh viện Đa khoa Benhan',
    generation: 1,
    archivedAt: new Date('2026-11-28T02:00:00Z'),
    archivedBy: 'Phạm Thu Trang',
    lookupCode: 'A0123456789',
    verifyUrl: 'http://localhost:3000/verify/A0123456789',
    patient: { ...patient, birthDate: '1958-03-14' },
    encounter: {
      recordNumber: encounter.recordNumber,
      typeLabel: 'Bệnh án nội trú',
      departmentName: encounter.departmentName,
      startedAt: at,
      endedAt: new Date('2026-11-27T03:00:00Z'),
      outcomeLabel: 'Khỏi',
      diagnoses: [{ roleLabel: 'Bệnh chính', code: 'J13', title: 'Viêm phổi do phế cầu Streptococcus pneumoniae' }],
    },
    retention: { years: 10, rule: 'Hồ sơ bệnh án: 10 năm', categories: [], retainUntil: '2036-12-31' },
    documents: Array.from({ length: documents }, (_, i) => {
      const form = forms[i % forms.length];
      const documentId = `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`;
      const signatures = (n: number) =>
        [1, 2].map((step) => ({
          signatureId: `${documentId}-${n}-${step}`,
          step,
          role: step === 1 ? ('author' as const) : ('head_of_department' as const),
          label: step === 1 ? 'Người lập' : 'Trưởng khoa',
          signerName: step === 1 ? 'BS. Nguyễn Văn Minh' : 'BSCKII. Trần Thị Thanh Hương',
          signedAt: new Date(at.getTime() + i * 3_600_000),
          timestampedAt: new Date(at.getTime() + i * 3_600_000 + 1000),
          certificateSerial: '3f2a9c',
          indication: 'PASSED' as const,
          cms: Buffer.alloc(2400, i),
        }));
      const canonical = Buffer.from(JSON.stringify({ documentId, content: form.valid }));
      return {
        documentId,
        formCode: form.definition.code,
        formTitle: form.definition.title.vi,
        title: null,
        final: {
          facilityName: 'Bệnh viện Đa khoa Benhan',
          formCode: form.definition.code,
          formTitle: form.definition.title.vi,
          schema: form.definition.schema,
          content: form.valid,
          versionNumber: versions,
          status: 'signed' as const,
          patient,
          encounter,
          signatures: signatures(versions),
          awaiting: [],
        },
        versions: Array.from({ length: versions }, (_, v) => ({
          versionId: `${documentId}-v${v + 1}`,
          number: v + 1,
          status: 'signed' as const,
          reason: v ? 'Bổ sung kết quả cận lâm sàng' : null,
          authorName: 'BS. Nguyễn Văn Minh',
          savedAt: new Date(at.getTime() + i * 3_600_000),
          contentHash: createHash('sha256').update(canonical).update(String(v)).digest('hex'),
          canonical,
          signatures: signatures(v + 1),
        })),
      };
    }),
  };
}
