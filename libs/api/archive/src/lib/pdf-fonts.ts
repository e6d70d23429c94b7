import { existsSync } from 'node:fs';
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
