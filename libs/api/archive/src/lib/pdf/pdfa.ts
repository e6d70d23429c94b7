import { createHash } from 'node:crypto';
import PDFDocument = require('pdfkit');
import { dejavu } from '../pdf-fonts';
import { internals, writeRef } from './pdfkit-internals';

export interface PdfA3Options {
  title: string;
  author: string;
  subject?: string;
  /** Written as CreationDate and ModDate (Info and XMP): the same input gives the same bytes. */
  creationDate: Date;
  lang?: 'vi-VN';
}

/** `regular` and `bold` are registered (DejaVu Sans) and `regular` is the current font: nothing unembedded. */
export const PDFA_FONTS = { regular: 'regular', bold: 'bold' } as const;

/**
 * A PDF/A-3b document (pdfkit `subset: 'PDF/A-3b'`): PDF 1.7, tagged, A4, pages buffered (so the seal's widget can
 * go on page 1 at the end), DejaVu Sans embedded, XMP with pdfaid part 3 conformance B and an sRGB OutputIntent
 * (pdfkit), and fixed dates so that rendering twice gives identical bytes (pdfkit's trailer /ID is an MD5 of the
 * info dictionary, which holds only the inputs here).
 *
 * pdfkit's XMP neither escapes XML nor carries ModDate; this document writes its own info block (same fields,
 * escaped, plus xmp:ModifyDate and xmp:MetadataDate) so that the Info dictionary and the XMP agree, as PDF/A asks.
 */
export function createPdfA3(options: PdfA3Options): PDFKit.PDFDocument {
  const info: PDFKit.DocumentInfo = {
    Title: options.title,
    Author: options.author,
    ...(options.subject ? { Subject: options.subject } : {}),
    Creator: 'Benhan',
    Producer: 'Benhan (pdfkit)',
    CreationDate: options.creationDate,
    ModDate: options.creationDate,
  };
  const doc = new PDFDocument({
    size: 'A4',
    subset: 'PDF/A-3b',
    pdfVersion: '1.7',
    tagged: true,
    lang: options.lang ?? 'vi-VN',
    displayTitle: true,
    bufferPages: true,
    // Not pdfkit's default Helvetica (never embedded, so not PDF/A); the typings want a path, the runtime takes the parsed font.
    font: dejavu('regular') as unknown as string,
    info,
  });
  doc.registerFont(PDFA_FONTS.regular, dejavu('regular'));
  doc.registerFont(PDFA_FONTS.bold, dejavu('bold'));
  doc.font(PDFA_FONTS.regular);
  const internal = internals(doc);
  internal._addInfo = () => internal.appendXML(xmpInfo(doc.info));
  return doc;
}

/** The document's bytes once `doc.end()` is called (collects its stream). Call before `end()`. */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export interface PdfAttachment {
  /** File name, as shown by readers and `pdfdetach -list`. */
  name: string;
  content: Buffer;
  mimeType: string;
  description: string;
  /** PDF/A-3 AFRelationship: Source (what the page shows was made from it), Data, Supplement. */
  relationship: 'Source' | 'Data' | 'Supplement';
  /** CreationDate and ModDate of the embedded file. */
  date: Date;
}

/**
 * Embeds a file as PDF/A-3 wants it: an EmbeddedFile stream with /Subtype (MIME type) and /Params (Size,
 * CreationDate, ModDate, CheckSum), a Filespec with F, UF, Desc and AFRelationship, listed in the catalog's /AF and
 * in the EmbeddedFiles name tree. This is pdfkit's `doc.file()` with one fix: /CheckSum is the 16-byte MD5 (as the
 * PDF specification says), not the 32 hexadecimal characters of it that pdfkit writes. Compressed (Flate).
 */
export function attachFile(doc: PDFKit.PDFDocument, file: PdfAttachment): PDFKit.PDFKitReference {
  const internal = internals(doc);
  const stream = doc.ref({
    Type: 'EmbeddedFile',
    Subtype: escapeName(file.mimeType),
    Params: {
      Size: file.content.length,
      CreationDate: file.date,
      ModDate: file.date,
      CheckSum: createHash('md5').update(file.content).digest(),
    },
  });
  writeRef(stream, file.content);
  const filespec = doc.ref({
    Type: 'Filespec',
    F: new String(file.name),
    UF: new String(file.name),
    Desc: new String(file.description),
    AFRelationship: file.relationship,
    EF: { F: stream },
  });
  writeRef(filespec);
  doc.addNamedEmbeddedFile(file.name, filespec);
  (internal._root.data.AF ??= []).push(filespec);
  return filespec;
}

/** A MIME type as a PDF name: application/json → application#2Fjson (ISO 32000-1 7.3.5). */
function escapeName(name: string): string {
  return name.replace(/[^!-~]|[#%()/<>[\]{}]/g, (c) => `#${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
}

const xml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const xmpDate = (d: Date) => `${d.toISOString().split('.')[0]}Z`;

/** The XMP twin of the Info dictionary (xmp, dc and pdf schemas), escaped. */
function xmpInfo(info: PDFKit.DocumentInfo): string {
  const created = info.CreationDate ?? new Date(0);
  const modified = info.ModDate ?? created;
  const dc = [
    info.Title ? `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Title)}</rdf:li></rdf:Alt></dc:title>` : '',
    info.Author ? `<dc:creator><rdf:Seq><rdf:li>${xml(info.Author)}</rdf:li></rdf:Seq></dc:creator>` : '',
    info.Subject ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Subject)}</rdf:li></rdf:Alt></dc:description>` : '',
  ].join('');
  return [
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">`,
    `<xmp:CreateDate>${xmpDate(created)}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${xmpDate(modified)}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${xmpDate(modified)}</xmp:MetadataDate>`,
    info.Creator ? `<xmp:CreatorTool>${xml(info.Creator)}</xmp:CreatorTool>` : '',
    `</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
    `<dc:format>application/pdf</dc:format>${dc}`,
    `</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">`,
    info.Producer ? `<pdf:Producer>${xml(info.Producer)}</pdf:Producer>` : '',
    info.Keywords ? `<pdf:Keywords>${xml(info.Keywords)}</pdf:Keywords>` : '',
    `</rdf:Description>`,
  ].join('\n');
}
