import PDFDocument = require('pdfkit');
import { FOOTER_HEIGHT, MARGIN, drawFooters, drawVersionBody, registerFonts, formatDateTime, type VersionBody } from './pdf-layout';

export type { PrintableSignature } from './pdf-layout';
export { formatDateTime } from './pdf-layout';

/** Everything printed on a version's PDF; gathered by VersionPrintService, rendered without I/O. */
export interface PrintableVersion extends VersionBody {
  authorName: string;
  savedAt: Date;
  /** Footer (R13). */
  printedBy: string;
  printedAt: Date;
  lookupCode: string;
  verifyUrl: string;
}

/**
 * A document version as an A4 PDF in the form's layout: facility header and form code (MS), the patient's
 * identity, the content section by section in the schema's order with its labels and units, the signature
 * block, and on every page the footer the regulations ask for (converted from the electronic record, system,
 * who printed it and when, a lookup code and its QR code). Fonts embedded; the creation date is the version's,
 * so the same version printed by the same person at the same time gives the same bytes.
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
  registerFonts(doc);
  drawVersionBody(doc, v);
  await drawFooters(doc, {
    verifyUrl: v.verifyUrl,
    lines: [
      'Bản in chuyển đổi từ hồ sơ bệnh án điện tử — hệ thống Benhan.',
      `In bởi ${v.printedBy} lúc ${formatDateTime(v.printedAt)}. Mã tra cứu: ${v.lookupCode} (quét mã QR để kiểm tra).`,
    ],
  });
  doc.end();
  return done;
}
