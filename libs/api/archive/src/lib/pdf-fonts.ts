import { existsSync } from 'node:fs';
import { join } from 'node:path';

const FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/**
 * DejaVu Sans (npm `dejavu-fonts-ttf`, Bitstream Vera licence with public-domain changes: embedding allowed):
 * full Vietnamese coverage, and text that pdftotext extracts correctly (TOOLCHAIN C). The built API carries
 * the two files in assets/fonts (webpack copies them); tests and tools read them from node_modules.
 */
export function dejavuFont(weight: keyof typeof FILES): string {
  const bundled = join(__dirname, 'assets', 'fonts', FILES[weight]);
  return existsSync(bundled) ? bundled : require.resolve(`dejavu-fonts-ttf/ttf/${FILES[weight]}`);
}
