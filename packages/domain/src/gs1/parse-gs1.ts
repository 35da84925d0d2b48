import { hasValidCheckDigit } from '@wms/protocol';
import { type AiSpec, GS1_CHARSET_82, lookUpAi } from './gs1-ai-table';
import { gs1DateToIso } from './gs1-date';

/** The GS1 group separator (ASCII 29) that scanners send for FNC1. */
export const GS = '\u001d';

/** One element string: an AI and its value, with the date read when the AI holds one. */
export interface Gs1Element {
  ai: string;
  title: string;
  value: string;
  /** ISO date for date AIs (day 00 already turned into the month's last day). */
  date?: string;
  /** The number for 310n (decimals applied), 30 and 37. */
  number?: number;
}

export type Gs1ErrorKind =
  | 'empty'
  | 'unknown-ai'
  | 'truncated'
  | 'bad-check-digit'
  | 'bad-date'
  | 'bad-characters'
  | 'missing-separator'
  | 'repeated-ai';

/** Why a scan is not a GS1 element string we can trust. `ai` names the element at fault. */
export interface Gs1Error {
  kind: Gs1ErrorKind;
  ai?: string;
  /** Index in the (prefix-stripped) data where the problem starts. */
  at: number;
}

export type Gs1Result = { ok: true; elements: Gs1Element[] } | { ok: false; error: Gs1Error };

export interface Gs1ParseOptions {
  /**
   * Printable characters the scanner is set to send instead of GS (e.g. `|` or `~`: outside the
   * GS1 character set, so never part of a value). GS itself is always a separator.
   */
  separators?: readonly string[];
}

const SYMBOLOGY_ID = /^\](C1|d2|Q3|e0|J1)/;

/**
 * Parses a GS1 element string as scanned from GS1-128 or GS1 DataMatrix (with or without its
 * `]C1`/`]d2`/`]Q3` symbology id), or in bracketed form `(01)…(17)…`. A variable-length value
 * not followed by a separator but followed by more data is refused (`missing-separator`), never
 * split by guesswork.
 *
 * @example
 * parseGs1(']C10109501101020917271231' + '\u001d' + '10AB-123')
 * // → { ok: true, elements: [{ ai: '01', value: '09501101020917', … }, { ai: '17', … date: '2027-12-31' }, { ai: '10', value: 'AB-123', … }] }
 */
export function parseGs1(raw: string, options: Gs1ParseOptions = {}): Gs1Result {
  const separators = [GS, ...(options.separators ?? [])];
  const data = toSeparatedForm(raw, separators);
  if (data === '') return fail('empty', 0);
  const elements: Gs1Element[] = [];
  let at = 0;
  while (at < data.length) {
    if (separators.includes(data[at] ?? '')) {
      at += 1;
      continue;
    }
    const step = readElement(data, at, separators);
    if (!step.ok) return step;
    if (elements.some((e) => e.ai === step.element.ai))
      return fail('repeated-ai', at, step.element.ai);
    elements.push(step.element);
    at = step.next;
  }
  return { ok: true, elements };
}

type Step = { ok: true; element: Gs1Element; next: number } | { ok: false; error: Gs1Error };

function readElement(data: string, at: number, separators: readonly string[]): Step {
  const spec = lookUpAi(data.slice(at));
  if (!spec) return fail('unknown-ai', at, data.slice(at, at + 2));
  const start = at + spec.ai.length;
  const end =
    'fixed' in spec.length ? start + spec.length.fixed : findSeparator(data, start, separators);
  if (end > data.length) return fail('truncated', at, spec.ai);
  const value = data.slice(start, end);
  if ('max' in spec.length && (value.length > spec.length.max || swallowsAnAi(value)))
    return fail('missing-separator', at, spec.ai);
  const checked = checkValue(spec, value);
  if (checked) return fail(checked, at, spec.ai);
  return { ok: true, element: toElement(spec, value), next: end };
}

function checkValue(spec: AiSpec, value: string): Gs1ErrorKind | undefined {
  if (value === '') return 'truncated';
  const charset = spec.charset === 'numeric' ? /^\d+$/ : GS1_CHARSET_82;
  if (!charset.test(value)) return 'bad-characters';
  if (spec.checkDigit && !hasValidCheckDigit(value)) return 'bad-check-digit';
  if (spec.date && !gs1DateToIso(value)) return 'bad-date';
  return undefined;
}

function toElement(spec: AiSpec, value: string): Gs1Element {
  const element: Gs1Element = { ai: spec.ai, title: spec.title, value };
  const date = spec.date ? gs1DateToIso(value) : undefined;
  if (date) element.date = date;
  if (spec.decimals !== undefined) element.number = Number(value) / 10 ** spec.decimals;
  else if (spec.ai === '30' || spec.ai === '37') element.number = Number(value);
  return element;
}

/**
 * A variable-length value that ends in a complete GTIN or date element string has almost surely
 * swallowed it because the scanner dropped GS: refuse rather than guess where it ends.
 */
function swallowsAnAi(value: string): boolean {
  const dated = /(1[1-7])(\d{6})$/.exec(value);
  if (dated?.[2] && value.length > 8 && gs1DateToIso(dated[2])) return true;
  const gtin = /01(\d{14})$/.exec(value);
  return gtin?.[1] !== undefined && value.length > 16 && hasValidCheckDigit(gtin[1]);
}

function findSeparator(data: string, from: number, separators: readonly string[]): number {
  for (let i = from; i < data.length; i++) if (separators.includes(data[i] ?? '')) return i;
  return data.length;
}

/** Strips the symbology id and a leading FNC1, and turns bracketed AIs into separated form. */
function toSeparatedForm(raw: string, separators: readonly string[]): string {
  const data = raw.replace(SYMBOLOGY_ID, '');
  if (data.startsWith('(')) return fromBracketed(data);
  return separators.includes(data[0] ?? '') ? data.slice(1) : data;
}

function fromBracketed(data: string): string {
  return data
    .split('(')
    .filter((part) => part !== '')
    .map((part) => part.replace(')', ''))
    .join(GS);
}

function fail(kind: Gs1ErrorKind, at: number, ai?: string): { ok: false; error: Gs1Error } {
  return { ok: false, error: ai === undefined ? { kind, at } : { kind, ai, at } };
}
