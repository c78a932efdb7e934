import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs one of poppler's tools; when it is missing the test fails (never skips) and says how to get it. */
async function poppler(tool: 'pdftotext' | 'pdftoppm' | 'pdfinfo', args: string[]): Promise<string> {
  try {
    return (await run(tool, args, { maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      throw new Error(`${tool} is not installed: apt-get install -y poppler-utils (.ci/run does this in CI)`, { cause: error });
    }
    throw error;
  }
}

/** The PDF's words as poppler reads them, page by page in reading order (layout kept per line). */
export const pdfText = (file: string) => poppler('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);

export async function pdfPages(file: string): Promise<number> {
  const info = await poppler('pdfinfo', [file]);
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

/** Renders one page as a PNG at `prefix`.png, for a person to look at. */
export async function pdfPagePng(file: string, page: number, prefix: string, dpi = 80): Promise<string> {
  await poppler('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
  return `${prefix}.png`;
}

/** How much of a page is ink: the share of dark pixels in a greyscale rendering (binary PGM). */
export async function darkShare(file: string, page: number, prefix: string): Promise<number> {
  await poppler('pdftoppm', ['-gray', '-r', '40', '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
  const pgm = await readFile(`${prefix}.pgm`);
  // Header: "P5\n<width> <height>\n<max>\n", then one byte a pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not give a binary greyscale image');
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const value of pixels) if (value < 128) dark += 1;
  return dark / pixels.length;
}
