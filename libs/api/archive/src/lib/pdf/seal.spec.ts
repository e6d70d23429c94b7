import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument = require('pdfkit');
import { makeTestPki, sealCms, type TestPki } from '@benhan/api/signatures/testing';
import { PDFA_FONTS, attachFile, createPdfA3, pdfBytes } from './pdfa';
import { SealError, addSealPlaceholder, sealPdf } from './seal';

const CREATED = new Date('2026-12-05T02:30:00Z');
const JSON_NAME = 'phieu-kham-v2.json';
const P7S_NAME = 'phieu-kham-v2.p7s';
const json = Buffer.from(JSON.stringify({ form: 'phieu-kham', patient: 'Nguyễn Thị Hường', chanDoan: 'Viêm phổi cộng đồng' }), 'utf8');
const p7s = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 131 + 7) % 256)); // any bytes: compared as they are

/** A two-page archive record: Vietnamese text, a version's JSON and its .p7s attached, the seal placeholder. */
async function renderRecord(signatureBytes?: number): Promise<Buffer> {
  const doc = createPdfA3({ title: 'Hồ sơ bệnh án 2026.NOI.000001', author: 'Bệnh viện Đa khoa Tỉnh Bình Định', subject: 'Lưu trữ & niêm phong <hồ sơ>', creationDate: CREATED });
  const bytes = pdfBytes(doc);
  doc.font(PDFA_FONTS.bold).fontSize(16).text('HỒ SƠ BỆNH ÁN', { align: 'center' });
  doc.font(PDFA_FONTS.regular).fontSize(11).text('Họ và tên: Nguyễn Thị Hường · Tuổi: 67 · Số lưu trữ: 2026.NOI.000001');
  doc.text('Chẩn đoán: Viêm phổi cộng đồng. Ghi chú: ăn, ằ, ẳ, ẵ, ặ, ĩ, ỹ, ợ, ự.');
  doc.addPage();
  doc.text('Trang 2 – Phiếu khám bệnh vào viện, phiên bản 2 (đã ký số).');
  attachFile(doc, { name: JSON_NAME, content: json, mimeType: 'application/json', description: 'Nội dung chuẩn hoá (canonical JSON) phiên bản 2', relationship: 'Source', date: CREATED });
  attachFile(doc, { name: P7S_NAME, content: p7s, mimeType: 'application/pkcs7-signature', description: 'Chữ ký số CMS của phiên bản 2', relationship: 'Supplement', date: CREATED });
  addSealPlaceholder(doc, {
    reason: 'Lưu trữ hồ sơ bệnh án – niêm phong của bệnh viện',
    name: 'Bệnh viện Đa khoa Tỉnh Bình Định',
    location: 'Quy Nhơn, Bình Định',
    contactInfo: 'phong.khth@benhan.local',
    signingTime: CREATED,
    ...(signatureBytes ? { signatureBytes } : {}),
  });
  doc.end();
  return bytes;
}

interface Run {
  status: number;
  output: string;
}

describe('PDF/A-3 archive record with attachments and a PAdES organisation seal (outside tools)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'benhan-seal-'));
  const run = (cmd: string, args: string[]): Run => {
    const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8' });
    if (r.error) throw r.error;
    return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
  };
  const hasCertutil = spawnSync('sh', ['-c', 'command -v certutil']).status === 0;
  let pki: TestPki;
  let unsealed: Buffer;
  let sealed: Buffer;
  const sign = (bytes: Buffer) =>
    Promise.resolve(sealCms({ content: bytes, seal: pki.seal, chain: [pki.ca.certificatePem, pki.root.certificatePem], tsa: pki.tsa, at: new Date() }));

  beforeAll(async () => {
    pki = await makeTestPki();
    unsealed = await renderRecord();
    sealed = await sealPdf(unsealed, sign);
    writeFileSync(join(dir, 'sealed.pdf'), sealed);
    writeFileSync(join(dir, 'root.pem'), pki.root.certificatePem);
    if (hasCertutil) {
      mkdirSync(join(dir, 'nss'));
      const created = run('certutil', ['-N', '-d', 'sql:nss', '--empty-password']);
      const added = run('certutil', ['-A', '-d', 'sql:nss', '-n', 'Benhan Test Root CA', '-t', 'CT,C,C', '-i', 'root.pem']);
      if (created.status !== 0 || added.status !== 0) throw new Error(`certutil failed: ${created.output}${added.output}`);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders the same bytes twice for the same input (fixed dates, deterministic /ID)', async () => {
    const again = await renderRecord();
    expect(again.equals(unsealed)).toBe(true);
    expect(unsealed.toString('latin1')).toMatch(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
  });

  it('pdfsig: a valid ETSI.CAdES.detached signature over the whole document', () => {
    const r = run('pdfsig', ['sealed.pdf']);
    expect(r.output).toContain('Signature Type: ETSI.CAdES.detached');
    expect(r.output).toContain('Total document signed');
    expect(r.output).toContain('Signature is Valid');
    expect(r.output).toContain('Signing Hash Algorithm: SHA-256');
  });

  it('pdfsig with the facility root in an NSS database: the certificate is trusted', () => {
    if (!hasCertutil) {
      console.warn('certutil (libnss3-tools) is not installed: skipping the "Certificate is Trusted" check');
      return;
    }
    const r = run('pdfsig', ['-nssdir', 'sql:nss', 'sealed.pdf']);
    expect(r.output).toContain('Signature is Valid');
    expect(r.output).toContain('Certificate is Trusted');
  });

  it('pdfsig: one changed byte inside the signed range makes the signature invalid', () => {
    const tampered = Buffer.from(sealed);
    const at = tampered.indexOf('%\xFF\xFF\xFF\xFF', 0, 'latin1') + 1;
    expect(at).toBeGreaterThan(0);
    tampered[at] ^= 0x01; // the binary comment of the header: still a readable PDF, but not the signed one
    writeFileSync(join(dir, 'tampered.pdf'), tampered);
    const r = run('pdfsig', ['tampered.pdf']);
    expect(r.output).toContain('Signature Type: ETSI.CAdES.detached');
    expect(r.output).not.toContain('Signature is Valid');
    expect(r.output).toMatch(/Digest Mismatch|Signature is Invalid/);
  });

  it('openssl cms -verify -cades accepts the CMS in /Contents over the ByteRange bytes, and it carries the time-stamp (B-T)', () => {
    const text = sealed.toString('latin1');
    const [, a, b, c, d] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(text)?.map(Number) ?? [];
    const signedBytes = Buffer.concat([sealed.subarray(a, a + b), sealed.subarray(c, c + d)]);
    const contents = Buffer.from(text.slice(b + 1, c - 1), 'hex');
    expect(contents.subarray(0, 2)).toEqual(Buffer.from([0x30, 0x82])); // SEQUENCE, two length bytes
    const der = contents.subarray(0, 4 + contents.readUInt16BE(2));
    writeFileSync(join(dir, 'seal.p7s'), der);
    writeFileSync(join(dir, 'signed.bin'), signedBytes);
    const v = run('openssl', ['cms', '-verify', '-cades', '-binary', '-inform', 'DER', '-in', 'seal.p7s', '-content', 'signed.bin', '-CAfile', 'root.pem', '-purpose', 'any', '-out', '/dev/null']);
    expect(v.output).toContain('CAdES Verification successful');
    const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'seal.p7s']).output;
    expect(printed).toMatch(/id-smime-aa-timeStampToken/);
    expect(printed).toMatch(/id-smime-aa-signingCertificateV2/);
    expect(printed).not.toMatch(/signingTime/);
  });

  it('qpdf --check finds no syntax or stream encoding errors', () => {
    const r = run('qpdf', ['--check', 'sealed.pdf']);
    expect(r.output).toContain('No syntax or stream encoding errors found');
    expect(r.output).not.toMatch(/WARNING/i);
    expect(r.status).toBe(0);
  });

  it('pdfdetach lists both attachments and gives back the .p7s byte for byte', () => {
    const list = run('pdfdetach', ['-list', 'sealed.pdf']);
    expect(list.output).toContain('2 embedded files');
    expect(list.output).toContain(JSON_NAME);
    expect(list.output).toContain(P7S_NAME);
    expect(run('pdfdetach', ['-savefile', P7S_NAME, '-o', 'out.p7s', 'sealed.pdf']).status).toBe(0);
    expect(readFileSync(join(dir, 'out.p7s')).equals(p7s)).toBe(true);
    expect(run('pdfdetach', ['-savefile', JSON_NAME, '-o', 'out.json', 'sealed.pdf']).status).toBe(0);
    expect(readFileSync(join(dir, 'out.json')).equals(json)).toBe(true);
  });

  it('pdftotext reads the Vietnamese text back on two pages', () => {
    const r = run('pdftotext', ['-layout', 'sealed.pdf', '-']);
    expect(r.output).toContain('HỒ SƠ BỆNH ÁN');
    expect(r.output).toContain('Nguyễn Thị Hường');
    expect(r.output).toContain('ăn, ằ, ẳ, ẵ, ặ, ĩ, ỹ, ợ, ự');
    expect(r.output).toContain('Trang 2');
    expect(run('pdfinfo', ['sealed.pdf']).output).toMatch(/Pages:\s+2/);
  });

  it('structure (qpdf --json): widget on page 1 with /F 4, /AcroForm /SigFlags 3 without NeedAppearances, AF and PDF/A-3B XMP', () => {
    const r = run('qpdf', ['--json', '--json-key=qpdf', '--json-key=pages', 'sealed.pdf']);
    const parsed = JSON.parse(r.output) as { pages: { object: string }[]; qpdf: [unknown, Record<string, { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown> } }>] };
    const objects = parsed.qpdf[1];
    const value = (ref: unknown) => objects[`obj:${String(ref)}`]?.value ?? objects[`obj:${String(ref)}`]?.stream?.dict ?? {};
    const trailer = objects['trailer'].value as Record<string, unknown>;
    const catalog = value(trailer['/Root']);

    const form = (typeof catalog['/AcroForm'] === 'string' ? value(catalog['/AcroForm']) : catalog['/AcroForm']) as Record<string, unknown>;
    expect(form['/SigFlags']).toBe(3);
    expect(form['/NeedAppearances']).toBeUndefined();
    const fields = form['/Fields'] as string[];
    expect(fields).toHaveLength(1);
    const widget = value(fields[0]);
    expect(widget).toMatchObject({ '/Type': '/Annot', '/Subtype': '/Widget', '/FT': '/Sig', '/F': 4, '/Rect': [0, 0, 0, 0], '/T': 'u:Seal1' });
    expect(widget['/P']).toBe(parsed.pages[0].object);
    expect(value(parsed.pages[0].object)['/Annots']).toEqual([fields[0]]);
    expect(value((widget['/AP'] as Record<string, unknown>)['/N'])).toMatchObject({ '/Subtype': '/Form' });

    const sig = value(widget['/V']);
    expect(sig).toMatchObject({ '/Type': '/Sig', '/Filter': '/Adobe.PPKLite', '/SubFilter': '/ETSI.CAdES.detached' });
    expect(sig['/Reason']).toBe('u:Lưu trữ hồ sơ bệnh án – niêm phong của bệnh viện');
    expect(sig['/Name']).toBe('u:Bệnh viện Đa khoa Tỉnh Bình Định');
    const byteRange = sig['/ByteRange'] as number[];
    expect(byteRange[0]).toBe(0);
    expect(byteRange[2] + byteRange[3]).toBe(sealed.length);

    expect(catalog['/Lang']).toBe('u:vi-VN');
    const af = catalog['/AF'] as string[];
    expect(af.map((f) => value(f)['/AFRelationship'])).toEqual(['/Source', '/Supplement']);
    const spec = value(af[0]);
    expect(spec).toMatchObject({ '/Type': '/Filespec', '/F': `u:${JSON_NAME}`, '/UF': `u:${JSON_NAME}` });
    const embedded = value((spec['/EF'] as Record<string, unknown>)['/F']);
    expect(embedded).toMatchObject({ '/Type': '/EmbeddedFile', '/Subtype': '/application/json' });
    expect(embedded['/Params']).toMatchObject({ '/Size': json.length, '/ModDate': 'u:D:20261205023000Z' });
    expect(String((embedded['/Params'] as Record<string, unknown>)['/CheckSum'])).toMatch(/^b:[0-9a-f]{32}$/);

    const xmp = sealed.toString('utf8', sealed.indexOf('<?xpacket begin'), sealed.indexOf('<?xpacket end'));
    expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain('<xmp:ModifyDate>2026-12-05T02:30:00Z</xmp:ModifyDate>');
    expect(xmp).toContain('Lưu trữ &#38; niêm phong &#60;hồ sơ&#62;');
    expect(catalog['/OutputIntents']).toHaveLength(1);
  });

  it('refuses a placeholder too small for the CMS, with a clear error', async () => {
    const small = await renderRecord(1_000);
    await expect(sealPdf(small, sign)).rejects.toThrow(SealError);
    await expect(sealPdf(small, sign)).rejects.toThrow(/CMS takes \d+ bytes but the placeholder holds 1000: raise signatureBytes/);
  });

  it('refuses placeholders PDF/A cannot hold, and a document whose page 1 is written already', () => {
    const options = { reason: 'r', name: 'n', location: 'l', contactInfo: 'c' };
    expect(() => addSealPlaceholder(createPdfA3({ title: 't', author: 'a', creationDate: CREATED }), { ...options, signatureBytes: 40_000 })).toThrow(/1 to 32767 \(the PDF\/A string limit\)/);
    const unbuffered = new PDFDocument({ autoFirstPage: true });
    unbuffered.addPage();
    expect(() => addSealPlaceholder(unbuffered, options)).toThrow(/bufferPages: true/);
  });

  it('refuses a PDF without a placeholder, and one sealed already', async () => {
    await expect(sealPdf(Buffer.from('%PDF-1.7\n%%EOF\n'), sign)).rejects.toThrow(/No seal placeholder/);
    await expect(sealPdf(sealed, sign)).rejects.toThrow(/No seal placeholder/);
  });
});
