import { SaxesParser } from 'saxes';
import { entryChunks, type ZipEntry } from './zip-entries';

/** What a part's XML is read with: tags by local name (`x:row` and `row` alike). */
export interface XmlHandlers {
  open?: (name: string, attributes: Record<string, string>) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Reads one XML part of a zip as it inflates: each chunk goes through one streaming UTF-8
 * decoder, so a character split between two chunks is joined, never turned into U+FFFD (the
 * fault of exceljs's streaming reader, which decodes every chunk on its own).
 */
export async function readXmlPart(bytes: Uint8Array, entry: ZipEntry, on: XmlHandlers) {
  const parser = new SaxesParser({ position: false });
  if (on.open) {
    const open = on.open;
    parser.on('opentag', (tag) => open(local(tag.name), tag.attributes as Record<string, string>));
  }
  if (on.close) {
    const close = on.close;
    parser.on('closetag', (tag) => close(local(tag.name)));
  }
  if (on.text) {
    parser.on('text', on.text);
    parser.on('cdata', on.text);
  }
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of entryChunks(bytes, entry))
    parser.write(decoder.decode(chunk, { stream: true }));
  parser.write(decoder.decode());
  parser.close();
}

/** The zip path a relationship target points to, from the folder of the part that names it. */
export function resolveTarget(folder: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = folder.split('/').filter(Boolean);
  for (const step of target.split('/')) {
    if (step === '..') parts.pop();
    else if (step !== '.' && step !== '') parts.push(step);
  }
  return parts.join('/');
}

/**
 * The number formats Excel does not write into styles.xml (ids below 164), the date and time
 * ones as a Chinese Excel shows them; the others do not matter here (they are not dates).
 */
const BUILT_IN_DATE_FORMATS: Record<number, string> = {
  14: 'yyyy/m/d',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午 h"时"mm"分"',
  35: '上午/下午 h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午 h"时"mm"分"',
  56: '上午/下午 h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** Whether a number format shows a date or time (as exceljs decides it: quoted text and [..] aside). */
export const isDateFormat = (format: string | undefined) =>
  format !== undefined &&
  /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** The number format of each cell style (`s="3"` → the fourth `xf` of `cellXfs`). */
export async function readStyles(bytes: Uint8Array, entry: ZipEntry | undefined) {
  const custom = new Map<number, string>();
  const formats: (string | undefined)[] = [];
  if (!entry) return formats;
  let inCellXfs = false;
  const ids: number[] = [];
  await readXmlPart(bytes, entry, {
    open: (name, a) => {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) ids.push(Number(a.numFmtId ?? 0));
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  for (const id of ids) formats.push(custom.get(id) ?? BUILT_IN_DATE_FORMATS[id]);
  return formats;
}

/** The shared strings, rich text runs joined, phonetic guides (`rPh`) left out. */
export async function readSharedStrings(bytes: Uint8Array, entry: ZipEntry | undefined) {
  const strings: string[] = [];
  if (!entry) return strings;
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  await readXmlPart(bytes, entry, {
    open: (name) => {
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    text: (text) => {
      if (inText) current?.push(text);
    },
    close: (name) => {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        strings.push(current?.join('') ?? '');
        current = null;
      }
    },
  });
  return strings;
}
