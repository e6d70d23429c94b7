import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CensusEntry, Department, SignatureSummary } from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

/** Outside tools read the printed version: qpdf checks its structure, poppler extracts its text. */
describe('a document version printed as PDF', () => {
  let system: TestSystem;
  let doctor: string;
  let stay: CensusEntry;
  let dir: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    doctor = await system.token('doctor');
    const departments = (await system.request<Department[]>('GET', '/api/departments', { token: doctor })).body;
    const noi = departments.find((d) => d.code === 'NOI')?.id ?? '';
    [stay] = (await system.request<CensusEntry[]>('GET', `/api/encounters/census?departmentId=${noi}`, { token: doctor })).body;
    dir = mkdtempSync(join(tmpdir(), 'benhan-pdf-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await system?.stop();
  });

  const run = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8' });

  it('renders a signed treatment sheet as an A4 PDF: Vietnamese text, the signature block and the R13 footer', async () => {
    const [signature] = (await system.request<SignatureSummary[]>('GET', `/api/signatures?patient=${stay.patientId}`, { token: doctor })).body.filter((s) => s.formCode === '39/BV2');
    const pdf = await system.download(`/api/versions/${signature.versionId}/pdf`, doctor);
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(dir, 'sheet.pdf');
    writeFileSync(file, pdf.bytes);

    const check = run('qpdf', ['--check', file]);
    expect([check.status, check.stdout]).toEqual([0, expect.stringContaining('No syntax or stream encoding errors')]);
    const info = run('pdfinfo', [file]).stdout;
    expect(info).toMatch(/Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
    expect(info).toMatch(/Title:\s+39\/BV2 Tờ điều trị/);

    const text = run('pdftotext', ['-layout', file, '-']).stdout;
    expect(text).toContain(stay.patientName);
    expect(text).toContain('TỜ ĐIỀU TRỊ');
    expect(text).toContain('MS: 39/BV2');
    expect(text).toContain(`Số lưu trữ: ${stay.recordNumber}`);
    expect(text).toMatch(/Diễn biến bệnh/);
    expect(text).toContain('BS. Nguyễn Văn Minh');
    expect(text).toContain('Hợp lệ');
    expect(text).toContain('Bản in chuyển đổi từ hồ sơ bệnh án điện tử');
    expect(text).toMatch(/In bởi BS\. Nguyễn Văn Minh lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\. Mã tra cứu: V[0-9A-F]{10}/);
    expect(text).toMatch(/Trang 1\/\d+/);

    // R13: the print is logged, with the lookup code printed on the paper, and the code leads back to this version.
    const code = /Mã tra cứu: (V[0-9A-F]{10})/.exec(text)?.[1];
    const logged = await system.sql<{ actor_username: string; detail: { versionId: string; lookupCode: string } }>(`SELECT actor_username, detail FROM audit_events WHERE action = 'document_print' AND patient_id = $1`, [stay.patientId]);
    expect(logged).toEqual([expect.objectContaining({ actor_username: 'doctor', detail: expect.objectContaining({ versionId: signature.versionId, lookupCode: code }) })]);
    const verified = await system.request<{ kind: string; current: boolean; signatures: { indication: string }[] }>('GET', `/api/verify/${code}`);
    expect(verified.body).toEqual(expect.objectContaining({ kind: 'version', current: true, signatures: [expect.objectContaining({ indication: 'PASSED' })] }));
  });

  it('lets the facility-wide inspector print it, and answers 404 for an unknown version', async () => {
    const [signature] = (await system.request<SignatureSummary[]>('GET', `/api/signatures?patient=${stay.patientId}`, { token: doctor })).body;
    const other = await system.download(`/api/versions/${signature.versionId}/pdf`, await system.token('inspector'));
    expect(other.status).toBe(200);
    const unknown = await system.download('/api/versions/00000000-0000-4000-8000-000000000000/pdf', doctor);
    expect(unknown.status).toBe(404);
  });
});
