import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/**
 * DejaVu Sans (npm `dejavu-fonts-ttf`, Bitstream Vera licence with public-domain changes: embedding allowed):
 * full Vietnamese coverage, and text that pdftotext extracts correctly (TOOLCHAIN C). The built API carries
 * the two files in assets/fonts (webpack copies them); tests and tools find them in node_modules. No
 * `require.resolve` here: webpack would try to bundle the whole font folder.
 */
export function dejavuFont(weight: keyof typeof FILES): string {
  const bundled = join(__dirname, 'assets', 'fonts', FILES[weight]);
  if (existsSync(bundled)) return bundled;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'dejavu-fonts-ttf', 'ttf', FILES[weight]);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`${FILES[weight]} not found: is the API build missing assets/fonts, or dejavu-fonts-ttf not installed?`);
  }
}

/** The part of fontkit 2 (pdfkit's font engine, shipped without types) used here. */
interface FontkitFont {
  layout(text: string): unknown;
}
// fontkit is untyped CommonJS: the one call used is typed above.
const fontkit = require('fontkit') as { create(buffer: Uint8Array): FontkitFont };

const parsed = new Map<keyof typeof FILES, FontkitFont>();

/**
 * The font for one document. Parsing DejaVu's tables cost more than drawing a two-page version, so the tables are
 * parsed once and shared (fontkit caches them on the font it parsed). Each document gets its own view of that font
 * with its own glyph cache and layout engine: sharing those is wrong, because glyphs one document's subset loaded by
 * id carry no code points, and the next document's text would extract with letters missing.
 */
export function dejavu(weight: keyof typeof FILES): PDFKit.Mixins.PDFFontSource {
  let shared = parsed.get(weight);
  if (!shared) {
    shared = fontkit.create(readFileSync(dejavuFont(weight)));
    parsed.set(weight, shared);
  }
  const view = Object.create(shared) as FontkitFont & { _glyphs: Record<number, unknown> };
  view._glyphs = {};
  // pdfkit's runtime takes any object with layout() (PDFFontFactory.open); its typings list only paths and bytes.
  return view as unknown as PDFKit.Mixins.PDFFontSource;
}
