import * as QRCode from 'qrcode';
import type { JsonSchema, SignatureIndication } from '@benhan/shared/contracts';
import { dejavu } from './pdf-fonts';

/**
 * Drawing shared by the single-version print and the encounter archive: a version's body in its form's
 * layout (header, identity block, sections, signature block) and the footer every printed page carries (R13).
 */

export const MARGIN = 50;
export const FOOTER_HEIGHT = 70;

export interface PrintableSignature {
  step: number;
  label: string;
  signerName: string;
  signedAt: Date;
  certificateSerial: string;
  indication: SignatureIndication;
}

export interface PrintablePatient {
  fullName: string;
  age: number | null;
  sex: string;
  patientCode: string;
}

export interface PrintableEncounter {
  recordNumber: string | null;
  departmentName: string;
  bedCode: string | null;
}

/** One version as printed on paper (the body; the footer is the caller's). */
export interface VersionBody {
  facilityName: string;
  formCode: string;
  formTitle: string;
  schema: JsonSchema;
  content: Record<string, unknown>;
  versionNumber: number;
  status: 'draft' | 'signed';
  patient: PrintablePatient;
  encounter: PrintableEncounter;
  signatures: PrintableSignature[];
  awaiting: string[];
}

/** The R13 footer: converted from the electronic record, system, who printed/archived it and when, lookup code and QR. */
export interface PageFooter {
  lines: string[];
  verifyUrl: string;
}

export const SEX_LABEL: Record<string, string> = { male: 'Nam', female: 'Nữ', other: 'Khác', unknown: 'Không rõ' };
export const INDICATION_LABEL: Record<SignatureIndication, string> = { PASSED: 'Hợp lệ', FAILED: 'KHÔNG HỢP LỆ', INDETERMINATE: 'Chưa xác định' };

export function registerFonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont('regular', dejavu('regular'));
  doc.registerFont('bold', dejavu('bold'));
}

export function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - 2 * MARGIN;
}

/** Header, identity block, the content section by section in the schema's order, and the signature block. */
export function drawVersionBody(doc: PDFKit.PDFDocument, v: VersionBody): void {
  const width = contentWidth(doc);
  doc.font('bold').fontSize(10).text(v.facilityName.toUpperCase(), MARGIN, MARGIN, { width: width * 0.6 });
  doc.font('regular').fontSize(9).text(`MS: ${v.formCode}`, MARGIN, MARGIN, { width, align: 'right' });
  doc.text(`Số lưu trữ: ${v.encounter.recordNumber ?? '—'}`, { width, align: 'right' });
  doc.moveDown(1.2);
  doc.font('bold').fontSize(15).text(v.formTitle.toUpperCase(), MARGIN, doc.y, { width, align: 'center' });
  doc.font('regular').fontSize(9).text(`Phiên bản ${v.versionNumber} · ${v.status === 'signed' ? 'Đã ký số' : 'BẢN NHÁP – chưa ký'}`, { width, align: 'center' });
  doc.moveDown(0.8);

  drawPairs(doc, [
    ['Họ và tên', v.patient.fullName],
    ['Tuổi', v.patient.age === null ? '—' : String(v.patient.age)],
    ['Giới tính', SEX_LABEL[v.patient.sex] ?? v.patient.sex],
    ['Mã bệnh nhân', v.patient.patientCode],
    ['Khoa', v.encounter.departmentName],
    ['Giường', v.encounter.bedCode ?? '—'],
  ]);
  rule(doc);

  for (const [key, section] of Object.entries(v.schema.properties ?? {})) {
    const value = v.content[key];
    if (value === undefined || value === null || (typeof value === 'object' && !Object.keys(value).length)) continue;
    ensureSpace(doc, 60);
    doc.moveDown(0.4).font('bold').fontSize(11).text(section.title ?? key, MARGIN, doc.y, { width });
    doc.moveDown(0.2);
    printValue(doc, section, value, 0, width);
  }

  ensureSpace(doc, 90);
  doc.moveDown(0.6);
  rule(doc);
  doc.font('bold').fontSize(11).text('Chữ ký số', MARGIN, doc.y, { width });
  doc.fontSize(9);
  for (const s of v.signatures) {
    doc.font('bold').text(`${s.label}: ${s.signerName}`, { width });
    doc.font('regular').text(`Ký lúc ${formatDateTime(s.signedAt)} · Số hiệu chứng thư ${s.certificateSerial} · Kiểm tra: ${INDICATION_LABEL[s.indication]}`, { width });
    doc.moveDown(0.3);
  }
  for (const label of v.awaiting) doc.font('regular').text(`${label}: chưa ký`, { width });
}

/** Label: value pairs, `columns` per line (a long value wraps within its column; the next line starts below the tallest). */
export function drawPairs(doc: PDFKit.PDFDocument, pairs: [string, string][], columns = 2): void {
  const width = contentWidth(doc);
  doc.fontSize(10);
  for (let i = 0; i < pairs.length; i += columns) {
    const y = doc.y;
    let bottom = y;
    for (const [j, [label, value]] of pairs.slice(i, i + columns).entries()) {
      doc.font('regular').text(`${label}: `, MARGIN + j * (width / columns), y, { continued: true, width: width / columns }).font('bold').text(value);
      bottom = Math.max(bottom, doc.y);
    }
    doc.x = MARGIN;
    doc.y = bottom;
    doc.moveDown(0.2);
  }
}

/**
 * A QR code as vector squares: sharp at any zoom, small, and synchronous (pdfkit decodes PNGs with alpha
 * asynchronously, which made object numbers, and so the bytes, depend on timing).
 */
function drawQr(doc: PDFKit.PDFDocument, modules: { size: number; get(row: number, col: number): number | boolean }, x: number, y: number, size: number): void {
  const cell = size / modules.size;
  doc.save().fillColor('black');
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) doc.rect(x + col * cell, y + row * cell, cell, cell);
  }
  doc.fill().restore();
}

/** The footer on every buffered page, with "Trang i/N" (call once, after the last page). */
export async function drawFooters(doc: PDFKit.PDFDocument, footer: PageFooter): Promise<void> {
  const width = contentWidth(doc);
  const qr = QRCode.create(footer.verifyUrl, { errorCorrectionLevel: 'M' }).modules;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const top = doc.page.height - MARGIN - FOOTER_HEIGHT + 10;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.moveTo(MARGIN, top).lineTo(MARGIN + width, top).lineWidth(0.5).strokeColor('#888888').stroke();
    drawQr(doc, qr, MARGIN + width - 52, top + 6, 52);
    doc.font('regular').fontSize(7.5).fillColor('#333333');
    doc.text(footer.lines[0] ?? '', MARGIN, top + 8, { width: width - 60 });
    for (const line of footer.lines.slice(1)) doc.text(line, MARGIN, doc.y, { width: width - 60 });
    doc.text(`Trang ${i - range.start + 1}/${range.count}`, MARGIN, doc.y, { width: width - 60 });
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}

function printValue(doc: PDFKit.PDFDocument, schema: JsonSchema, value: unknown, depth: number, width: number): void {
  const indent = MARGIN + depth * 12;
  if (schema.type === 'array' && Array.isArray(value)) {
    value.forEach((row, i) => {
      ensureSpace(doc, 30);
      doc.font('bold').fontSize(9.5).text(`${i + 1}.`, indent, doc.y, { width: width - depth * 12 });
      printValue(doc, schema.items ?? {}, row, depth + 1, width);
    });
    return;
  }
  if (schema.type === 'object' && value && typeof value === 'object') {
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined || v === null || v === '') continue;
      if (child.type === 'object' || child.type === 'array') {
        ensureSpace(doc, 30);
        doc.font('bold').fontSize(9.5).text(child.title ?? key, indent, doc.y, { width: width - depth * 12 });
        printValue(doc, child, v, depth + 1, width);
      } else {
        ensureSpace(doc, 16);
        doc.font('regular').fontSize(9.5).text(`${child.title ?? key}: `, indent, doc.y, { width: width - depth * 12, continued: true }).font('bold').text(scalar(child, v));
      }
    }
    return;
  }
  doc.font('regular').fontSize(9.5).text(scalar(schema, value), indent, doc.y, { width: width - depth * 12 });
}

/** A field's value as printed: labelled choices by their title, yes/no, dates the Vietnamese way, units. */
export function scalar(schema: JsonSchema, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  const choice = schema.oneOf?.find((o) => o.const === value);
  if (choice?.title) return choice.title;
  if (typeof value === 'string' && schema.format === 'date-time') return formatDateTime(new Date(value));
  if (typeof value === 'string' && schema.format === 'date') return value.split('-').reverse().join('/');
  const unit = schema['x-unit'];
  return `${String(value)}${unit ? ` ${unit}` : ''}`;
}

/** dd/mm/yyyy HH:mm in Vietnam time (UTC+7, no daylight saving). */
export function formatDateTime(at: Date): string {
  const t = new Date(at.getTime() + 7 * 3_600_000).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 16)}`;
}

export function rule(doc: PDFKit.PDFDocument, width = contentWidth(doc)): void {
  doc.moveDown(0.3);
  doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(0.5).strokeColor('#888888').stroke().strokeColor('black');
  doc.moveDown(0.4);
}

export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}
