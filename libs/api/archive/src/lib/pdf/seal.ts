import { internals, writeRef } from './pdfkit-internals';

/** What pdfkit writes for the placeholder ByteRange entries: a name no real number can be confused with. */
const BYTE_RANGE_PLACEHOLDER = '**********';
const BYTE_RANGE_TEXT = `/ByteRange [0 /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER}]`;
/** SigFlags SignaturesExist (1) | AppendOnly (2). */
const SIG_FLAGS = 3;
/** PDF/A-2/3 (ISO 32000-1 Annex C): no string longer than 32,767 bytes, and /Contents is one. */
const MAX_SIGNATURE_BYTES = 32_767;
/** Annotation flag Print (PDF/A 6.3.2: set, with Hidden, Invisible, ToggleNoView and NoView clear). */
const ANNOTATION_PRINT = 4;

export interface SealPlaceholderOptions {
  /** Why: "Lưu trữ hồ sơ bệnh án …". Non-ASCII text is written as UTF-16BE with a BOM. */
  reason: string;
  /** Who seals: the facility's name. */
  name: string;
  location: string;
  contactInfo: string;
  /** The claimed signing time (/M). The CMS carries none (PAdES); the time-stamp is the proof. */
  signingTime?: Date;
  /** Room for the DER CMS, in bytes (/Contents holds twice as many hex digits); at most 32,767 (PDF/A). */
  signatureBytes?: number;
  /** The signature field's name (/T); default "Seal1". */
  fieldName?: string;
}

export class SealError extends Error {
  override readonly name = 'SealError';
}

/**
 * Adds an invisible PAdES signature field to a pdfkit document, before `doc.end()`: a signature dictionary
 * (/Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached, a placeholder /ByteRange and a /Contents of zeros), a
 * widget on page 1 with /Rect [0 0 0 0], the print flag /F 4 PDF/A requires and an empty appearance stream, and the
 * catalog's /AcroForm with /SigFlags 3 and no NeedAppearances (PDF/A forbids it true). Needs `bufferPages: true` (createPdfA3
 * sets it) so that page 1 is still open. `sealPdf` then fills the placeholder.
 */
export function addSealPlaceholder(doc: PDFKit.PDFDocument, options: SealPlaceholderOptions): void {
  const signatureBytes = options.signatureBytes ?? 24_000;
  if (!Number.isInteger(signatureBytes) || signatureBytes < 1 || signatureBytes > MAX_SIGNATURE_BYTES) {
    throw new SealError(`signatureBytes must be an integer from 1 to ${MAX_SIGNATURE_BYTES} (the PDF/A string limit), not ${signatureBytes}`);
  }
  const internal = internals(doc);
  if (internal._pageBufferStart !== 0 || internal._pageBuffer.length === 0) {
    throw new SealError('Page 1 is already written: create the document with bufferPages: true (createPdfA3 does) and add the seal before doc.end()');
  }
  const page = internal._pageBuffer[0];

  const signature = doc.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: [0, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER],
    Contents: Buffer.alloc(signatureBytes),
    Reason: new String(options.reason),
    Name: new String(options.name),
    Location: new String(options.location),
    ContactInfo: new String(options.contactInfo),
    ...(options.signingTime ? { M: options.signingTime } : {}),
  });
  writeRef(signature);

  // An empty Form XObject as the normal appearance: whether PDF/A needs /AP on a zero-sized widget is read both
  // ways by validators, and an empty one costs nothing.
  const appearance = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 0, 0] });
  writeRef(appearance, ' ');

  const widget = doc.ref({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    F: ANNOTATION_PRINT,
    P: page.dictionary,
    T: new String(options.fieldName ?? 'Seal1'),
    V: signature,
    AP: { N: appearance },
  });
  writeRef(widget);
  (page.annotations as unknown[]).push(widget);

  let form = internal._root.data.AcroForm;
  if (!form) {
    // endAcroForm() (run by doc.end()) expects initForm()'s bookkeeping and a /DR /Font: give it empty ones.
    form = doc.ref({ Fields: [], DR: { Font: {} } }) as unknown as NonNullable<typeof form>;
    internal._root.data.AcroForm = form;
    internal._acroform ??= { fonts: {}, defaultFont: 'seal' };
  }
  delete form.data['NeedAppearances'];
  form.data['SigFlags'] = SIG_FLAGS;
  form.data.Fields.push(widget);
}

/** Where the placeholder is, in a finished PDF. */
interface Placeholder {
  byteRangeAt: number;
  /** Offset of '<' and one past '>' of /Contents. */
  contentsStart: number;
  contentsEnd: number;
}

function findPlaceholder(pdf: Buffer): Placeholder {
  const byteRangeAt = pdf.indexOf(BYTE_RANGE_TEXT, 0, 'latin1');
  if (byteRangeAt < 0) throw new SealError('No seal placeholder in this PDF (addSealPlaceholder before doc.end())');
  if (pdf.indexOf(BYTE_RANGE_TEXT, byteRangeAt + 1, 'latin1') >= 0) throw new SealError('More than one seal placeholder in this PDF');
  const after = byteRangeAt + BYTE_RANGE_TEXT.length;
  const key = '\n/Contents <';
  if (pdf.toString('latin1', after, after + key.length) !== key) throw new SealError('The placeholder /ByteRange is not followed by its /Contents');
  const contentsStart = after + key.length - 1;
  const close = pdf.indexOf('>', contentsStart, 'latin1');
  if (close < 0) throw new SealError('The placeholder /Contents is not closed');
  const hex = pdf.toString('latin1', contentsStart + 1, close);
  if (hex.length === 0 || !/^0+$/.test(hex)) throw new SealError('The placeholder /Contents is not all zeros: is this PDF sealed already?');
  return { byteRangeAt, contentsStart, contentsEnd: close + 1 };
}

/**
 * Seals a PDF made with `addSealPlaceholder`: writes the real /ByteRange (same length, padded with spaces, so no
 * offset moves), hands `signCms` the signed bytes (the whole file but the /Contents hex string, delimiters
 * included) and writes the DER it returns into /Contents, zero-padded. The CMS is detached over those bytes
 * (PAdES: messageDigest = SHA-256 of them). Throws SealError when the CMS does not fit.
 */
export async function sealPdf(pdf: Buffer, signCms: (signedBytes: Buffer) => Promise<Buffer>): Promise<Buffer> {
  const { byteRangeAt, contentsStart, contentsEnd } = findPlaceholder(pdf);
  const range = [0, contentsStart, contentsEnd, pdf.length - contentsEnd];
  const text = `/ByteRange [${range.join(' ')}]`;
  if (text.length > BYTE_RANGE_TEXT.length) throw new SealError('The PDF is too large for the ByteRange placeholder');
  const out = Buffer.from(pdf);
  out.write(text.padEnd(BYTE_RANGE_TEXT.length, ' '), byteRangeAt, 'latin1');

  const signed = Buffer.concat([out.subarray(0, contentsStart), out.subarray(contentsEnd)]);
  const cms = await signCms(signed);
  const room = (contentsEnd - contentsStart - 2) / 2;
  if (cms.length > room) {
    throw new SealError(`The seal's CMS takes ${cms.length} bytes but the placeholder holds ${room}: raise signatureBytes in addSealPlaceholder`);
  }
  out.write(cms.toString('hex').toUpperCase(), contentsStart + 1, 'latin1');
  return out;
}
