/** The part of fontkit 2 (pdfkit's font engine, shipped without types) that Benhan calls: parse a font's bytes. */
declare module 'fontkit' {
  export interface Font {
    layout(text: string): unknown;
    readonly postscriptName: string;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
