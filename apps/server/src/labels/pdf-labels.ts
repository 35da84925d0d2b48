import type { PDFFont, PDFPage } from 'pdf-lib';
import { CjkWriter, loadPdfLibraries } from '../waybills/cjk-font';
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
  const { PDFDocument, StandardFonts, rgb, bwipjs } = await loadPdfLibraries();
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(title);
  pdf.setCreator('wave-picking');
  pdf.setProducer('wave-picking');
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  // Text the standard (Latin-1) fonts cannot print, a Chinese name, is drawn in Noto Sans SC,
  // embedded only when a label needs it and then only the glyphs printed.
  let cjk: CjkWriter | undefined;
  const write = async (
    page: PDFPage,
    text: string,
    at: { x: number; y: number; size: number; font: PDFFont; maxWidth: number },
  ) => {
    if (encodable(text, at.font)) {
      page.drawText(text, { x: at.x, y: at.y, size: at.size, font: at.font });
      return;
    }
    cjk ??= await CjkWriter.for(pdf);
    // Shrink a long name to the label's width rather than run off its edge.
    const width = await cjk.width(text, at.size);
    const size = width > at.maxWidth ? (at.size * at.maxWidth) / width : at.size;
    await cjk.draw(page, text, at.x, at.y, size);
  };
  for (const label of labels) {
    const page = pdf.addPage([WIDTH, HEIGHT]);
    await write(page, label.title, {
      x: MARGIN,
      y: HEIGHT - MARGIN - 28,
      size: 30,
      font: bold,
      maxWidth: WIDTH - 2 * MARGIN - (label.corner ? 90 : 0),
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
    await write(page, label.caption, {
      x: MARGIN,
      y: 12,
      size: 10,
      font: regular,
      maxWidth: WIDTH - 2 * MARGIN,
    });
  }
  return pdf.save({ useObjectStreams: false });
}

/** Whether a standard PDF font (Latin-1) can print every character of the text. */
function encodable(text: string, font: PDFFont): boolean {
  try {
    font.encodeText(text);
    return true;
  } catch {
    return false;
  }
}
