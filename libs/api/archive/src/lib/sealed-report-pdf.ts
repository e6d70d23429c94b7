import { createPdfA3, pdfBytes, PDFA_FONTS } from './pdf/pdfa';
import { addSealPlaceholder, sealPdf } from './pdf/seal';
import { MARGIN, contentWidth, drawFooters, drawPairs, ensureSpace, formatDateTime, rule } from './pdf-layout';

/** A section of a sealed report: labelled pairs, a table, or paragraphs. */
export type ReportSection =
  | { heading: string; pairs: [string, string][] }
  | { heading: string; table: { columns: { label: string; width: number }[]; rows: string[][]; highlight?: boolean[] }; empty?: string }
  | { heading: string; paragraphs: string[] };

export interface SealedReport {
  facilityName: string;
  title: string;
  subtitle?: string;
  /** Who made it, when: on the first page and in the footer. */
  madeBy: string;
  madeAt: Date;
  sections: ReportSection[];
  footerLines: string[];
  verifyUrl: string;
  sealReason: string;
}

/**
 * A short report on A4, PDF/A-3b, sealed with the facility's organisation certificate (PAdES B-T): the
 * inspector's audit report and the record summary released to a patient (R12) are both this.
 */
export async function renderSealedReport(report: SealedReport, seal: (signedBytes: Buffer) => Promise<Buffer>): Promise<Buffer> {
  const doc = createPdfA3({ title: report.title, author: report.facilityName, subject: report.subtitle, creationDate: report.madeAt });
  const bytes = pdfBytes(doc);
  doc.font(PDFA_FONTS.bold).fontSize(11).text(report.facilityName.toUpperCase(), { align: 'left' });
  doc.moveDown(0.8);
  doc.font(PDFA_FONTS.bold).fontSize(15).text(report.title, { align: 'center' });
  if (report.subtitle) doc.font(PDFA_FONTS.regular).fontSize(10).text(report.subtitle, { align: 'center' });
  doc.moveDown(0.5);
  doc.font(PDFA_FONTS.regular).fontSize(9).text(`Lập bởi ${report.madeBy}, lúc ${formatDateTime(report.madeAt)}`, { align: 'center' });
  doc.moveDown(0.8);
  for (const section of report.sections) drawSection(doc, section);
  await drawFooters(doc, { verifyUrl: report.verifyUrl, lines: report.footerLines });
  addSealPlaceholder(doc, { reason: report.sealReason, name: report.facilityName, location: report.facilityName, contactInfo: report.facilityName, signingTime: report.madeAt });
  doc.end();
  return sealPdf(await bytes, seal);
}

function drawSection(doc: PDFKit.PDFDocument, section: ReportSection): void {
  ensureSpace(doc, 60);
  doc.font(PDFA_FONTS.bold).fontSize(11).text(section.heading, MARGIN);
  rule(doc);
  doc.moveDown(0.3);
  doc.font(PDFA_FONTS.regular).fontSize(9);
  if ('pairs' in section) drawPairs(doc, section.pairs, 1);
  else if ('paragraphs' in section) for (const p of section.paragraphs) doc.text(p, MARGIN, undefined, { width: contentWidth(doc) }).moveDown(0.3);
  else drawTable(doc, section.table, section.empty);
  doc.moveDown(0.8);
}

function drawTable(doc: PDFKit.PDFDocument, table: { columns: { label: string; width: number }[]; rows: string[][]; highlight?: boolean[] }, empty?: string): void {
  const total = table.columns.reduce((s, c) => s + c.width, 0);
  const widths = table.columns.map((c) => (c.width / total) * contentWidth(doc));
  const row = (cells: string[], bold: boolean, mark: boolean) => {
    doc.font(bold ? PDFA_FONTS.bold : PDFA_FONTS.regular).fontSize(8);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i] - 4 }))) + 4;
    ensureSpace(doc, height + 2);
    const y = doc.y;
    if (mark) doc.save().rect(MARGIN, y - 1, contentWidth(doc), height).fill('#fde8e8').restore().fillColor('black');
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.text(c, x + 2, y + 1, { width: widths[i] - 4 });
      x += widths[i];
    });
    doc.x = MARGIN;
    doc.y = y + height;
  };
  row(table.columns.map((c) => c.label), true, false);
  if (!table.rows.length && empty) doc.font(PDFA_FONTS.regular).fontSize(8).text(empty, MARGIN);
  table.rows.forEach((r, i) => row(r, false, table.highlight?.[i] ?? false));
}
