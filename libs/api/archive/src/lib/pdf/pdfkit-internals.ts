/**
 * The few pdfkit 0.20 internals the archive's PDF/A and seal code use, typed in one place (none is in
 * @types/pdfkit): the catalog reference, the AcroForm bookkeeping, the XMP info hook and the buffered pages.
 * A pdfkit upgrade must keep the seal spec green (it checks the structure with qpdf and pdfsig).
 */
export interface PdfKitRef {
  data: Record<string, unknown>;
  end(chunk?: unknown): void;
  write(chunk: unknown): void;
}

export interface PdfKitInternals {
  _root: PdfKitRef & { data: { AF?: unknown[]; AcroForm?: PdfKitRef & { data: { Fields: unknown[]; [key: string]: unknown } } } };
  /** Set by initForm(); endAcroForm() (run by end()) reads `fonts` and `defaultFont` when the catalog has an AcroForm. */
  _acroform?: { fonts: Record<string, unknown>; defaultFont?: string };
  /** Writes the XMP twin of the Info dictionary (MetadataMixin), called from endMetadata() during end(). */
  _addInfo: () => void;
  appendXML(xml: string, newline?: boolean): void;
  _pageBuffer: PDFKit.PDFPage[];
  _pageBufferStart: number;
}

export function internals(doc: PDFKit.PDFDocument): PdfKitInternals {
  return doc as unknown as PdfKitInternals;
}

/** Writes a reference out now (its stream too, if `chunk` or earlier writes gave it one): pdfkit's `ref.end()`. */
export function writeRef(ref: PDFKit.PDFKitReference, chunk?: Buffer | string): PDFKit.PDFKitReference {
  (ref as unknown as PdfKitRef).end(chunk);
  return ref;
}
