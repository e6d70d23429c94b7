import type { RetentionDecision, SignerRole } from '@benhan/shared/contracts';
import { attachFile, createPdfA3, pdfBytes } from './pdf/pdfa';
import { addSealPlaceholder } from './pdf/seal';
import {
  FOOTER_HEIGHT,
  INDICATION_LABEL,
  MARGIN,
  contentWidth,
  drawFooters,
  drawPairs,
  drawVersionBody,
  ensureSpace,
  formatDateTime,
  rule,
  SEX_LABEL,
  type PrintablePatient,
  type PrintableSignature,
  type VersionBody,
} from './pdf-layout';

/** A signature as the archive records it: printed in the manifest, its .p7s attached. */
export interface ArchivedSignature extends PrintableSignature {
  signatureId: string;
  role: SignerRole;
  timestampedAt: Date | null;
  cms: Buffer;
}

/** One version of a document: its history line, and the signed bytes its signatures cover. */
export interface ArchivedVersion {
  versionId: string;
  number: number;
  status: 'draft' | 'signed';
  reason: string | null;
  authorName: string;
  savedAt: Date;
  contentHash: string;
  /** The RFC 8785 canonical JSON of the version's signed payload: what each .p7s signs. */
  canonical: Buffer;
  signatures: ArchivedSignature[];
}

export interface ArchivedDocument {
  documentId: string;
  formCode: string;
  formTitle: string;
  title: string | null;
  /** The final version, printed in full. */
  final: VersionBody;
  /** Every version, oldest first. */
  versions: ArchivedVersion[];
}

export interface PrintableArchive {
  facilityName: string;
  generation: number;
  archivedAt: Date;
  archivedBy: string;
  lookupCode: string;
  verifyUrl: string;
  patient: PrintablePatient & { birthDate: string | null };
  encounter: {
    recordNumber: string | null;
    typeLabel: string;
    departmentName: string;
    startedAt: Date;
    endedAt: Date;
    outcomeLabel: string | null;
    diagnoses: { roleLabel: string; code: string; title: string }[];
  };
  retention: RetentionDecision;
  documents: ArchivedDocument[];
}

const TOC_LINES_PER_PAGE = 38;
const MARGINS = { top: MARGIN, bottom: MARGIN + FOOTER_HEIGHT, left: MARGIN, right: MARGIN };

/** The file names inside the PDF: short, unique, sortable (form, document, version, step). */
export function attachmentName(doc: Pick<ArchivedDocument, 'formCode' | 'documentId'>, version: number, step?: number): string {
  const base = `${doc.formCode.replace(/[^A-Za-z0-9]+/g, '-')}_${doc.documentId.slice(0, 8)}_v${version}`;
  return step === undefined ? `${base}.json` : `${base}_s${step}.p7s`;
}

/**
 * The whole encounter as one PDF/A-3b file, ready to seal: a cover page, the table of contents, every
 * document's final version in its form's layout, an appendix with each document's version history, and the
 * signature manifest; every version's canonical JSON and every signature's .p7s attached (AFRelationship
 * Source/Data), plus a manifest.json; the R13 footer with the archive's lookup code and QR on every page; and an
 * empty PAdES signature field for the organisation seal. Deterministic: the same input gives the same bytes.
 */
export async function renderEncounterArchive(a: PrintableArchive): Promise<{ pdf: Buffer; pageCount: number }> {
  const doc = createPdfA3({
    title: `Hồ sơ bệnh án ${a.encounter.recordNumber ?? ''} – ${a.patient.fullName}`.trim(),
    author: a.facilityName,
    subject: `Hồ sơ lưu trữ điện tử, thế hệ ${a.generation}, mã tra cứu ${a.lookupCode}`,
    creationDate: a.archivedAt,
  });
  // Pages keep the footer's room free; pdfkit's automatic page breaks take the document's margins.
  (doc as unknown as { options: { margins: typeof MARGINS } }).options.margins = MARGINS;
  doc.page.margins = { ...MARGINS };
  const bytes = pdfBytes(doc);

  drawCover(doc, a);
  const tocPages = Math.max(1, Math.ceil((a.documents.length + 3) / TOC_LINES_PER_PAGE));
  const tocStart = doc.bufferedPageRange().count;
  for (let i = 0; i < tocPages; i++) doc.addPage();

  const entries: { label: string; page: number }[] = [];
  for (const d of a.documents) {
    doc.addPage();
    entries.push({ label: `${d.formCode} ${d.formTitle}${d.title ? ` – ${d.title}` : ''} (phiên bản ${d.final.versionNumber})`, page: doc.bufferedPageRange().count });
    drawVersionBody(doc, d.final);
  }
  doc.addPage();
  entries.push({ label: 'Phụ lục 1. Lịch sử phiên bản', page: doc.bufferedPageRange().count });
  drawHistory(doc, a);
  doc.addPage();
  entries.push({ label: 'Phụ lục 2. Danh mục chữ ký số', page: doc.bufferedPageRange().count });
  drawManifest(doc, a);
  drawToc(doc, tocStart, tocPages, entries);

  attachAll(doc, a);
  await drawFooters(doc, {
    verifyUrl: a.verifyUrl,
    lines: [
      'Hồ sơ bệnh án điện tử lưu trữ — hệ thống Benhan. Đóng dấu số bằng chứng thư tổ chức của cơ sở.',
      `Lưu trữ bởi ${a.archivedBy} lúc ${formatDateTime(a.archivedAt)} (thế hệ ${a.generation}). Mã tra cứu: ${a.lookupCode} (quét mã QR để kiểm tra).`,
    ],
  });
  const pageCount = doc.bufferedPageRange().count;
  doc.switchToPage(0);
  addSealPlaceholder(doc, {
    reason: `Lưu trữ hồ sơ bệnh án ${a.encounter.recordNumber ?? ''}`.trim(),
    name: a.facilityName,
    location: a.facilityName,
    contactInfo: a.lookupCode,
  });
  doc.end();
  return { pdf: await bytes, pageCount };
}

function drawCover(doc: PDFKit.PDFDocument, a: PrintableArchive): void {
  const width = contentWidth(doc);
  doc.font('bold').fontSize(11).text(a.facilityName.toUpperCase(), MARGIN, MARGIN, { width });
  doc.moveDown(4);
  doc.font('bold').fontSize(20).text('HỒ SƠ BỆNH ÁN', { width, align: 'center' });
  doc.font('regular').fontSize(11).text('Bản lưu trữ điện tử', { width, align: 'center' });
  doc.moveDown(2);
  drawPairs(doc, [
    ['Họ và tên', a.patient.fullName],
    ['Mã bệnh nhân', a.patient.patientCode],
    ['Ngày sinh', a.patient.birthDate ? a.patient.birthDate.split('-').reverse().join('/') : '—'],
    ['Giới tính', SEX_LABEL[a.patient.sex] ?? a.patient.sex],
    ['Số lưu trữ', a.encounter.recordNumber ?? '—'],
    ['Loại', a.encounter.typeLabel],
    ['Khoa', a.encounter.departmentName],
    ['Kết quả', a.encounter.outcomeLabel ?? '—'],
    ['Vào viện', formatDateTime(a.encounter.startedAt)],
    ['Ra viện', formatDateTime(a.encounter.endedAt)],
  ]);
  rule(doc);
  doc.font('bold').fontSize(11).text('Chẩn đoán', MARGIN, doc.y, { width });
  doc.fontSize(10);
  for (const d of a.encounter.diagnoses) doc.font('regular').text(`${d.roleLabel}: `, { continued: true, width }).font('bold').text(`${d.code} – ${d.title}`);
  rule(doc);
  doc.font('regular').fontSize(10);
  doc.text(`Số tài liệu: ${a.documents.length} · Số phiên bản: ${a.documents.reduce((n, d) => n + d.versions.length, 0)} · Số chữ ký số: ${a.documents.reduce((n, d) => n + d.versions.reduce((m, v) => m + v.signatures.length, 0), 0)}`, { width });
  doc.text(`Thời hạn lưu trữ: ${a.retention.rule}${a.retention.retainUntil ? ` — đến ngày ${a.retention.retainUntil.split('-').reverse().join('/')}` : ''}`, { width });
  doc.text(`Lưu trữ lúc ${formatDateTime(a.archivedAt)} bởi ${a.archivedBy} · Thế hệ lưu trữ ${a.generation} · Mã tra cứu ${a.lookupCode}`, { width });
  doc.moveDown(1);
  doc.fontSize(8.5).fillColor('#333333').text(
    'Tệp này là bản PDF/A-3 tự chứa: mỗi phiên bản tài liệu được đính kèm dưới dạng JSON chuẩn hoá (RFC 8785) cùng chữ ký số CMS (.p7s) của nó; ' +
      'có thể kiểm tra bằng "openssl cms -verify". Toàn bộ tệp được đóng dấu số (PAdES) bằng chứng thư tổ chức của cơ sở, có dấu thời gian.',
    { width },
  );
  doc.fillColor('black');
}

function drawToc(doc: PDFKit.PDFDocument, start: number, pages: number, entries: { label: string; page: number }[]): void {
  const width = contentWidth(doc);
  for (let p = 0; p < pages; p++) {
    doc.switchToPage(start + p);
    doc.x = MARGIN;
    doc.y = MARGIN;
    if (p === 0) doc.font('bold').fontSize(14).text('MỤC LỤC', MARGIN, MARGIN, { width, align: 'center' }).moveDown(1);
    for (const e of entries.slice(p * TOC_LINES_PER_PAGE, (p + 1) * TOC_LINES_PER_PAGE)) {
      const y = doc.y;
      doc.font('regular').fontSize(9.5).text(e.label, MARGIN, y, { width: width - 50, lineBreak: false, ellipsis: true });
      doc.text(String(e.page), MARGIN + width - 40, y, { width: 40, align: 'right' });
      doc.moveDown(0.35);
    }
  }
}

function drawHistory(doc: PDFKit.PDFDocument, a: PrintableArchive): void {
  const width = contentWidth(doc);
  doc.font('bold').fontSize(14).text('PHỤ LỤC 1. LỊCH SỬ PHIÊN BẢN', MARGIN, MARGIN, { width, align: 'center' }).moveDown(1);
  for (const d of a.documents) {
    ensureSpace(doc, 60);
    doc.font('bold').fontSize(10.5).text(`${d.formCode} ${d.formTitle}${d.title ? ` – ${d.title}` : ''}`, MARGIN, doc.y, { width });
    for (const v of d.versions) {
      ensureSpace(doc, 40);
      doc.font('regular').fontSize(9).text(
        `Phiên bản ${v.number} (${v.status === 'signed' ? 'đã ký' : 'nháp'}) · ${v.authorName} · lưu ${formatDateTime(v.savedAt)} · SHA-256 ${v.contentHash}`,
        MARGIN + 12,
        doc.y,
        { width: width - 12 },
      );
      if (v.reason) doc.font('regular').text(`Lý do sửa: ${v.reason}`, MARGIN + 24, doc.y, { width: width - 24 });
      doc.text(`Tệp đính kèm: ${attachmentName(d, v.number)}`, MARGIN + 24, doc.y, { width: width - 24 });
    }
    doc.moveDown(0.4);
  }
}

function drawManifest(doc: PDFKit.PDFDocument, a: PrintableArchive): void {
  const width = contentWidth(doc);
  doc.font('bold').fontSize(14).text('PHỤ LỤC 2. DANH MỤC CHỮ KÝ SỐ', MARGIN, MARGIN, { width, align: 'center' }).moveDown(1);
  let n = 0;
  for (const d of a.documents) {
    for (const v of d.versions) {
      for (const s of v.signatures) {
        ensureSpace(doc, 40);
        n++;
        doc.font('bold').fontSize(9).text(`${n}. ${d.formCode} phiên bản ${v.number} – ${s.label}: ${s.signerName}`, MARGIN, doc.y, { width });
        doc.font('regular').text(
          `Ký ${formatDateTime(s.signedAt)}${s.timestampedAt ? ` · dấu thời gian ${formatDateTime(s.timestampedAt)}` : ''} · chứng thư ${s.certificateSerial} · kiểm tra khi lưu trữ: ${INDICATION_LABEL[s.indication]} · tệp ${attachmentName(d, v.number, s.step)}`,
          MARGIN + 12,
          doc.y,
          { width: width - 12 },
        );
      }
    }
  }
  if (!n) doc.font('regular').fontSize(9).text('Không có chữ ký số.', { width });
}

/** Every version's canonical JSON (Source of what the pages show) and every .p7s (Data), and a manifest.json. */
function attachAll(doc: PDFKit.PDFDocument, a: PrintableArchive): void {
  const manifest = {
    lookupCode: a.lookupCode,
    generation: a.generation,
    archivedAt: a.archivedAt.toISOString(),
    documents: a.documents.map((d) => ({
      documentId: d.documentId,
      formCode: d.formCode,
      versions: d.versions.map((v) => ({
        versionId: v.versionId,
        number: v.number,
        contentHash: v.contentHash,
        file: attachmentName(d, v.number),
        signatures: v.signatures.map((s) => ({ signatureId: s.signatureId, step: s.step, role: s.role, signer: s.signerName, signedAt: s.signedAt.toISOString(), file: attachmentName(d, v.number, s.step) })),
      })),
    })),
  };
  attachFile(doc, { name: 'manifest.json', content: Buffer.from(JSON.stringify(manifest, null, 2)), mimeType: 'application/json', description: 'Danh mục tệp đính kèm (manifest)', relationship: 'Supplement', date: a.archivedAt });
  for (const d of a.documents) {
    for (const v of d.versions) {
      attachFile(doc, { name: attachmentName(d, v.number), content: v.canonical, mimeType: 'application/json', description: `${d.formCode} phiên bản ${v.number} (JSON chuẩn hoá RFC 8785)`, relationship: 'Source', date: v.savedAt });
      for (const s of v.signatures) {
        attachFile(doc, { name: attachmentName(d, v.number, s.step), content: s.cms, mimeType: 'application/pkcs7-signature', description: `Chữ ký số ${s.label} (${s.signerName}) trên ${attachmentName(d, v.number)}`, relationship: 'Data', date: s.signedAt });
      }
    }
  }
}
