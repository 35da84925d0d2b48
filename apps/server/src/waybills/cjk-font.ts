import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';

/**
 * pdf-lib and bwip-js, loaded when the first label or waybill is printed rather than with the
 * server: with fontkit they are a second or two of every server start (the browser and ops tests
 * start dozens).
 */
export async function loadPdfLibraries() {
  const [pdfLib, bwip] = await Promise.all([import('pdf-lib'), import('bwip-js/node')]);
  return { ...pdfLib, bwipjs: bwip.default };
}

/**
 * Noto Sans SC (SIL OFL) from @fontsource/noto-sans-sc, which ships the font cut into unicode-range
 * slices (as the web loads it). A waybill's text is split into runs by the slice that holds each
 * character, each slice used is embedded once as a subset (only the glyphs printed), so a PDF
 * carries a few kilobytes of font instead of megabytes.
 */
interface Slice {
  file: string;
  ranges: [number, number][];
}

let slices: Slice[] | undefined;

function loadSlices(): Slice[] {
  const css = createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/400.css');
  const dir = dirname(css);
  const text = readFileSync(css, 'utf8');
  const found: Slice[] = [];
  for (const block of text.split('@font-face').slice(1)) {
    const file = /url\(\.\/(files\/[^)]+\.woff)\) format\('woff'\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !range) continue;
    const ranges = range.split(',').map((part): [number, number] => {
      const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
      const start = parseInt(from ?? '0', 16);
      return [start, to ? parseInt(to, 16) : start];
    });
    found.push({ file: join(dir, file), ranges });
  }
  return found;
}

function sliceOf(codePoint: number): Slice | undefined {
  slices ??= loadSlices();
  return slices.find((s) => s.ranges.some(([a, b]) => codePoint >= a && codePoint <= b));
}

/** Draws text in Noto Sans SC on a page, embedding the slices it needs in the document. */
export class CjkWriter {
  private readonly fonts = new Map<string, Promise<PDFFont>>();

  private constructor(private readonly pdf: PDFDocument) {}

  /** A writer for `pdf`, with fontkit (loaded on first use) registered on it. */
  static async for(pdf: PDFDocument): Promise<CjkWriter> {
    const { default: fontkit } = await import('@pdf-lib/fontkit');
    pdf.registerFontkit(fontkit);
    return new CjkWriter(pdf);
  }

  private font(slice: Slice): Promise<PDFFont> {
    let font = this.fonts.get(slice.file);
    if (!font) {
      font = this.pdf.embedFont(readFileSync(slice.file), { subset: true });
      this.fonts.set(slice.file, font);
    }
    return font;
  }

  /** Runs of consecutive characters held by one slice (a character in none is dropped). */
  private async runs(text: string): Promise<{ text: string; font: PDFFont }[]> {
    const runs: { text: string; slice: Slice }[] = [];
    for (const ch of text) {
      const slice = sliceOf(ch.codePointAt(0) ?? 0);
      if (!slice) continue;
      const last = runs.at(-1);
      if (last?.slice === slice) last.text += ch;
      else runs.push({ text: ch, slice });
    }
    return Promise.all(runs.map(async (r) => ({ text: r.text, font: await this.font(r.slice) })));
  }

  async width(text: string, size: number): Promise<number> {
    const runs = await this.runs(text);
    return runs.reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);
  }

  async draw(page: PDFPage, text: string, x: number, y: number, size: number): Promise<number> {
    let at = x;
    for (const run of await this.runs(text)) {
      page.drawText(run.text, { x: at, y, size, font: run.font });
      at += run.font.widthOfTextAtSize(run.text, size);
    }
    return at;
  }

  /** Draws text wrapped at `maxWidth`, line by line downwards; returns the y below the last line. */
  async drawWrapped(
    page: PDFPage,
    text: string,
    x: number,
    y: number,
    size: number,
    maxWidth: number,
  ): Promise<number> {
    let line = '';
    let at = y;
    for (const ch of text) {
      if (line !== '' && (await this.width(line + ch, size)) > maxWidth) {
        await this.draw(page, line, x, at, size);
        at -= size * 1.3;
        line = '';
      }
      line += ch;
    }
    if (line !== '') await this.draw(page, line, x, at, size);
    return at - size * 1.3;
  }
}
