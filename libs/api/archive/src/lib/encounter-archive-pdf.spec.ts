import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleArchive } from '../testing/sample-archive';
import { attachmentName, renderEncounterArchive } from './encounter-archive-pdf';

/** The whole-encounter archive before sealing: its structure as outside tools read it, and its determinism. */
describe('renderEncounterArchive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'benhan-archive-render-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8' });

  it('holds a cover, contents, every final version, the history and the manifest, with every version attached', async () => {
    const archive = sampleArchive(20);
    const { pdf, pageCount } = await renderEncounterArchive(archive);
    const file = join(dir, 'archive.pdf');
    writeFileSync(file, pdf);
    expect(run('qpdf', ['--check', file]).status).toBe(0);
    expect(run('pdfinfo', [file]).stdout).toMatch(new RegExp(`Pages:\\s+${pageCount}\\n`));
    const text = run('pdftotext', [file, '-']).stdout;
    for (const expected of ['HỒ SƠ BỆNH ÁN', 'MỤC LỤC', 'PHỤ LỤC 1. LỊCH SỬ PHIÊN BẢN', 'PHỤ LỤC 2. DANH MỤC CHỮ KÝ SỐ', 'Nguyễn Thị Hường', 'Lý do sửa: Bổ sung kết quả cận lâm sàng', 'Mã tra cứu: A0123456789', `Trang ${pageCount}/${pageCount}`]) {
      expect(text).toContain(expected);
    }
    for (const d of archive.documents) expect(text).toContain(d.formTitle.toUpperCase());
    const attached = run('pdfdetach', ['-list', file]).stdout;
    expect(attached).toContain(`${1 + 20 * 2 * 3} embedded files`);
    expect(attached).toContain(attachmentName(archive.documents[0], 2, 2));
    expect(attached).toContain('manifest.json');
    // The seal's empty field is there, waiting for sealPdf.
    expect(pdf.includes(Buffer.from('/SubFilter /ETSI.CAdES.detached'))).toBe(true);
  });

  it('gives the same bytes for the same input, so a re-render reproduces the archive', async () => {
    const [a, b] = await Promise.all([renderEncounterArchive(sampleArchive(3)), renderEncounterArchive(sampleArchive(3))]);
    expect(a.pdf.equals(b.pdf)).toBe(true);
  });
});
