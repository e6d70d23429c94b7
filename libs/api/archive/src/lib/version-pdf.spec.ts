import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDateTime, renderVersionPdf, type PrintableVersion } from './version-pdf';
import { shippedForms } from '../testing/shipped-forms';

const base: Omit<PrintableVersion, 'formCode' | 'formTitle' | 'schema' | 'content'> = {
  facilityName: 'Bệnh viện Đa khoa Benhan',
  versionNumber: 2,
  status: 'signed',
  authorName: 'BS. Nguyễn Văn Minh',
  savedAt: new Date('2026-11-27T01:30:00Z'),
  patient: { fullName: 'Nguyễn Thị Hường', age: 67, sex: 'female', patientCode: 'BN26000001' },
  encounter: { recordNumber: '2026.NOI.000001', departmentName: 'Khoa Nội tổng hợp', bedCode: 'NOI-P1-G01' },
  signatures: [{ step: 1, label: 'Bác sĩ điều trị', signerName: 'BS. Nguyễn Văn Minh', signedAt: new Date('2026-11-27T02:00:00Z'), certificateSerial: '3f2a', indication: 'PASSED' }],
  awaiting: ['Trưởng khoa'],
  printedBy: 'ĐD. Lê Thị Hồng Nhung',
  printedAt: new Date('2026-11-28T03:04:00Z'),
  lookupCode: 'V0123456789',
  verifyUrl: 'http://localhost:3000/verify/V0123456789',
};

/** pdftotext (poppler) reads what pdfkit wrote: the text must come back with its diacritics. */
describe('renderVersionPdf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'benhan-render-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(shippedForms().map((f) => [f.definition.code, f] as const))('prints form %s with its title, its content and the footer', async (_code, form) => {
    const pdf = await renderVersionPdf({ ...base, formCode: form.definition.code, formTitle: form.definition.title.vi, schema: form.definition.schema, content: form.valid });
    const file = join(dir, `${form.slug}.pdf`);
    writeFileSync(file, pdf);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain(form.definition.title.vi.toUpperCase());
    expect(text).toContain(`MS: ${form.definition.code}`);
    expect(text).toContain('Nguyễn Thị Hường');
    expect(text).toContain('Bác sĩ điều trị: BS. Nguyễn Văn Minh');
    expect(text).toContain('Trưởng khoa: chưa ký');
    expect(text).toContain('In bởi ĐD. Lê Thị Hồng Nhung lúc 28/11/2026 10:04. Mã tra cứu: V0123456789');
    const firstSection = Object.entries(form.definition.schema.properties ?? {}).find(([key]) => form.valid[key] !== undefined);
    expect(text).toContain(firstSection?.[1].title ?? '');
  });

  it('writes Vietnam time (UTC+7) the Vietnamese way', () => {
    expect(formatDateTime(new Date('2026-12-31T17:30:00Z'))).toBe('01/01/2027 00:30');
  });
});

describe('renderVersionPdf determinism', () => {
  it('prints the same version, by the same person at the same time, to the same bytes', async () => {
    const [form] = shippedForms();
    // Built twice (not cloned: Jest's structuredClone returns Dates from another realm).
    const input = () => ({ ...base, savedAt: new Date(base.savedAt), printedAt: new Date(base.printedAt), formCode: form.definition.code, formTitle: form.definition.title.vi, schema: form.definition.schema, content: form.valid });
    const [a, b] = await Promise.all([renderVersionPdf(input()), renderVersionPdf(input())]);
    expect(a.equals(b)).toBe(true);
  });
});
