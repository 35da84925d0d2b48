import bwipjs from 'bwip-js/node';
import { PDFDocument, type PDFFont, StandardFonts, rgb } from 'pdf-lib';
import type { LabelContent } from './label-content';

/** 100 × 50 mm, in PDF points. */
const WIDTH = 283.46;
const HEIGHT = 141.73;
const MARGIN = 12;
/**
 * Labels are documents of record, and tests compare them byte for byte: the metadata is fixed
 * (no "now" creation date, no producer version), so the same labels give the same bytes.
 */
const FIXED_DATE = new Date('2026-01-01T00:00:00Z');

/** One page per label, sized for a 100 × 50 mm label printer or a sheet cut to size. */
export async function labelsToPdf(
  labels: readonly LabelContent[],
  title: string,
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(title);
  pdf.setCreator('wave-picking');
  pdf.setProducer('wave-picking');
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  for (const label of labels) {
    const page = pdf.addPage([WIDTH, HEIGHT]);
    page.drawText(printable(label.title, bold), {
      x: MARGIN,
      y: HEIGHT - MARGIN - 28,
      size: 30,
      font: bold,
    });
    if (label.corner) {
      const size = 28;
      const w = bold.widthOfTextAtSize(label.corner, size);
      const boxX = WIDTH - MARGIN - w - 12;
      page.drawRectangle({
        x: boxX,
        y: HEIGHT - MARGIN - 36,
        width: w + 12,
        height: 36,
        borderColor: rgb(0, 0, 0),
        borderWidth: 2,
      });
      page.drawText(label.corner, { x: boxX + 6, y: HEIGHT - MARGIN - 28, size, font: bold });
    }
    const png = await pdf.embedPng(
      await bwipjs.toBuffer({
        bcid: 'code128',
        text: label.barcode,
        scale: 3,
        height: 12,
        includetext: false,
        paddingwidth: 0,
        paddingheight: 0,
      }),
    );
    const barHeight = 52;
    const barWidth = Math.min(WIDTH - 2 * MARGIN, (png.width / png.height) * barHeight * 1.6);
    page.drawImage(png, { x: MARGIN, y: 30, width: barWidth, height: barHeight });
    page.drawText(printable(label.caption, regular), { x: MARGIN, y: 12, size: 10, font: regular });
  }
  return pdf.save({ useObjectStreams: false });
}

/** The standard PDF fonts are Latin-1: other characters (a Chinese name) print as `?`. */
function printable(text: string, font: PDFFont): string {
  return [...text]
    .map((ch) => {
      try {
        font.encodeText(ch);
        return ch;
      } catch {
        return '?';
      }
    })
    .join('');
}
