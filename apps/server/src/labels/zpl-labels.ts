import type { LabelContent } from './label-content';

/**
 * ZPL II for a 4 × 2 inch label at 203 dpi (812 × 406 dots), one label per `^XA…^XZ`. Field
 * text is UTF-8 (`^CI28`); `^FH` is not used, so `^` and `~` are taken out of field data (ZPL
 * would read them as commands).
 */
export function labelsToZpl(labels: readonly LabelContent[]): string {
  return labels.map(labelToZpl).join('');
}

const field = (text: string) => text.replace(/[\^~]/g, ' ');

/**
 * The font command for a field: the printer's resident font 0 for Latin text, or font 1 mapped to
 * Zebra's Simplified Chinese font (`^CW1,E:SIMSUN.FNT`, as the waybills use) where the text has
 * characters beyond Latin-1 (a Chinese name); font 0 would print them as nothing.
 */
const fontFor = (text: string, size: number) =>
  needsCjk(text) ? `^A1N,${size},${size}` : `^A0N,${size},${size}`;
const needsCjk = (text: string) => [...text].some((ch) => (ch.codePointAt(0) ?? 0) > 0xff);

function labelToZpl(label: LabelContent): string {
  const lines = [
    '^XA',
    '^CI28',
    '^PW812',
    '^LL406',
    '^LH0,0',
    ...(needsCjk(label.title + label.caption) ? ['^CW1,E:SIMSUN.FNT'] : []),
    `^FO40,30${fontFor(label.title, 96)}^FD${field(label.title)}^FS`,
    ...(label.corner
      ? [`^FO600,22^GB180,110,4^FS`, `^FO628,36^A0N,88,88^FD${field(label.corner)}^FS`]
      : []),
    `^FO40,150^BY3,3,160^BCN,160,N,N,N^FD${field(label.barcode)}^FS`,
    `^FO40,335${fontFor(label.caption, 36)}^FD${field(label.caption)}^FS`,
    '^XZ',
  ];
  return `${lines.join('\n')}\n`;
}
