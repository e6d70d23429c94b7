import PDFDocument = require('pdfkit');
import * as QRCode from 'qrcode';
import type { JsonSchema, SignatureIndication } from '@benhan/shared/contracts';
import { dejavuFont } from './pdf-fonts';

export interface PrintableSignature {
  step: number;
  label: string;
  signerName: string;
  signedAt: Date;
  certificateSerial: string;
  indication: SignatureIndication;
}

/** Everything printed on a version's PDF; gathered by VersionPrintService, rendered without I/O. */
export interface PrintableVersion {
  facilityName: string;
  formCode: string;
  formTitle: string;
  schema: JsonSchema;
  content: Record<string, unknown>;
  versionNumber: number;
  status: 'draft' | 'signed';
  authorName: string;
  savedAt: Date;
  patient: { fullName: string; age: number | null; sex: string; patientCode: string };
  encounter: { recordNumber: string | null; departmentName: string; bedCode: string | null };
  signatures: PrintableSignature[];
  awaiting: string[];
  /** Footer (R13). */
  printedBy: string;
  printedAt: Date;
  lookupCode: string;
  verifyUrl: string;
}

const SEX: Record<string, string> = { male: 'Nam', female: 'Nữ', other: 'Khác', unknown: 'Không rõ' };
const INDICATION: Record<SignatureIndication, string> = { PASSED: 'Hợp lệ', FAILED: 'KHÔNG HỢP LỆ', INDETERMINATE: 'Chưa xác định' };
const MARGIN = 50;
const FOOTER_HEIGHT = 70;

/**
 * A document version as an A4 PDF in the form's layout: facility header and form code (MS), the patient's
 * identity, the content section by section in the schema's order with its labels and units, the signature
 * block, and on every page the footer the regulations ask for (converted from the electronic record, system,
 * who printed it and when, a lookup code and its QR code). Fonts embedded, creation date fixed to the version's.
 */
export async function renderVersionPdf(v: PrintableVersion): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_HEIGHT, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: 'vi-VN',
    info: { Title: `${v.formCode} ${v.formTitle}`, Author: v.authorName, Creator: 'Benhan', Producer: 'Benhan', CreationDate: v.savedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('regular', dejavuFont('regular'));
  doc.registerFont('bold', dejavuFont('bold'));
  const width = doc.page.width - 2 * MARGIN;

  // Header: facility left, form code right, title centred.
  doc.font('bold').fontSize(10).text(v.facilityName.toUpperCase(), MARGIN, MARGIN, { width: width * 0.6 });
  doc.font('regular').fontSize(9).text(`MS: ${v.formCode}`, MARGIN, MARGIN, { width, align: 'right' });
  doc.text(`Số lưu trữ: ${v.encounter.recordNumber ?? '—'}`, { width, align: 'right' });
  doc.moveDown(1.2);
  doc.font('bold').fontSize(15).text(v.formTitle.toUpperCase(), MARGIN, doc.y, { width, align: 'center' });
  doc.font('regular').fontSize(9).text(`Phiên bản ${v.versionNumber} · ${v.status === 'signed' ? 'Đã ký số' : 'BẢN NHÁP – chưa ký'}`, { width, align: 'center' });
  doc.moveDown(0.8);

  // Patient identity block.
  const identity = [
    ['Họ và tên', v.patient.fullName],
    ['Tuổi', v.patient.age === null ? '—' : String(v.patient.age)],
    ['Giới tính', SEX[v.patient.sex] ?? v.patient.sex],
    ['Mã bệnh nhân', v.patient.patientCode],
    ['Khoa', v.encounter.departmentName],
    ['Giường', v.encounter.bedCode ?? '—'],
  ];
  doc.fontSize(10);
  for (let i = 0; i < identity.length; i += 2) {
    const y = doc.y;
    for (const [j, [label, value]] of identity.slice(i, i + 2).entries()) {
      doc.font('regular').text(`${label}: `, MARGIN + j * (width / 2), y, { continued: true, width: width / 2 }).font('bold').text(value);
    }
    doc.moveDown(0.2);
  }
  rule(doc, width);

  // Content, section by section.
  for (const [key, section] of Object.entries(v.schema.properties ?? {})) {
    const value = v.content[key];
    if (value === undefined || value === null || (typeof value === 'object' && !Object.keys(value).length)) continue;
    ensureSpace(doc, 60);
    doc.moveDown(0.4).font('bold').fontSize(11).text(section.title ?? key, MARGIN, doc.y, { width });
    doc.moveDown(0.2);
    printValue(doc, section, value, 0, width);
  }

  // Signatures.
  ensureSpace(doc, 90);
  doc.moveDown(0.6);
  rule(doc, width);
  doc.font('bold').fontSize(11).text('Chữ ký số', MARGIN, doc.y, { width });
  doc.fontSize(9);
  for (const s of v.signatures) {
    doc.font('bold').text(`${s.label}: ${s.signerName}`, { width });
    doc.font('regular').text(`Ký lúc ${formatDateTime(s.signedAt)} · Số hiệu chứng thư ${s.certificateSerial} · Kiểm tra: ${INDICATION[s.indication]}`, { width });
    doc.moveDown(0.3);
  }
  for (const label of v.awaiting) doc.font('regular').text(`${label}: chưa ký`, { width });

  // Footer on every page (R13).
  const qr = await QRCode.toBuffer(v.verifyUrl, { type: 'png', margin: 0, width: 160, errorCorrectionLevel: 'M' });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const top = doc.page.height - MARGIN - FOOTER_HEIGHT + 10;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.moveTo(MARGIN, top).lineTo(MARGIN + width, top).lineWidth(0.5).strokeColor('#888888').stroke();
    doc.image(qr, MARGIN + width - 52, top + 6, { width: 52, height: 52 });
    doc.font('regular').fontSize(7.5).fillColor('#333333');
    doc.text('Bản in chuyển đổi từ hồ sơ bệnh án điện tử — hệ thống Benhan.', MARGIN, top + 8, { width: width - 60, lineBreak: true });
    doc.text(`In bởi ${v.printedBy} lúc ${formatDateTime(v.printedAt)}. Mã tra cứu: ${v.lookupCode} (quét mã QR để kiểm tra).`, MARGIN, doc.y, { width: width - 60 });
    doc.text(`Trang ${i - range.start + 1}/${range.count}`, MARGIN, doc.y, { width: width - 60 });
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
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
function scalar(schema: JsonSchema, value: unknown): string {
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

function rule(doc: PDFKit.PDFDocument, width: number): void {
  doc.moveDown(0.3);
  doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(0.5).strokeColor('#888888').stroke().strokeColor('black');
  doc.moveDown(0.4);
}

function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}
