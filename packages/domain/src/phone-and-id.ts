/** A consignee's phone in its one canonical spelling. */
export type CleanPhone =
  | { kind: 'mobile'; number: string }
  | { kind: 'landline'; number: string; areaCode: string; extension: string | null };

const toHalfWidth = (s: string) =>
  s.replace(/[０-９Ｘｘ－（）＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** 010 and 02X are three digits; every other area code is 0 and three digits (0571). */
const LANDLINE = /^(0(?:10|2\d|[3-9]\d{2}))([2-9]\d{6,7})$/;
const EXTENSION = /^(.*?)(?:\s*(?:转|分机|ext\.?|x|#)\s*|-)(\d{1,6})$/i;

/**
 * A Chinese mobile (`13800138000`) or landline with its area code (`0571-88881234`, and
 * `-123` for an extension), or null when it is neither. Accepts +86 / 0086, spaces, dashes,
 * brackets, full-width digits and 转 / ext for the extension.
 *
 * @example cleanPhone('(0571) 8888 1234 转 802') // → { kind: 'landline', number: '0571-88881234-802', … }
 */
export function cleanPhone(raw: string): CleanPhone | null {
  const text = toHalfWidth(raw).trim();
  const whole = phoneOf(text, null);
  if (whole) return whole;
  const split = EXTENSION.exec(text);
  return split?.[1] && split[2] ? phoneOf(split[1], split[2]) : null;
}

function phoneOf(text: string, extension: string | null): CleanPhone | null {
  let digits = text.replace(/[\s\-()+]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length >= 12) digits = digits.slice(2);
  if (extension === null && /^1[3-9]\d{9}$/.test(digits)) return { kind: 'mobile', number: digits };
  const landline = LANDLINE.exec(digits.startsWith('0') ? digits : `0${digits}`);
  if (!landline?.[1] || !landline[2]) return null;
  const [areaCode, local] = [landline[1], landline[2]];
  return {
    kind: 'landline',
    number: `${areaCode}-${local}${extension ? `-${extension}` : ''}`,
    areaCode,
    extension,
  };
}

/**
 * A Chinese mobile number in its 11-digit form, or null when it is not one. Accepts +86 / 0086
 * prefixes, spaces, dashes and full-width digits.
 *
 * @example cleanMobile('+86 138-0013-8000') // → '13800138000'
 */
export function cleanMobile(phone: string): string | null {
  const clean = cleanPhone(phone);
  return clean?.kind === 'mobile' ? clean.number : null;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * A resident ID number (GB 11643) in its canonical form, upper-case X, or null when it is not
 * 18 characters with a valid check character. `…123x` and `…123X` are the same person.
 *
 * @example cleanIdNumber('11010519491231002x') // → '11010519491231002X'
 */
export function cleanIdNumber(raw: string): string | null {
  const id = toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return null;
  return idCheckCharacter(id.slice(0, 17)) === id[17] ? id : null;
}

/**
 * The check character (0–9 or X) that completes the first 17 digits of an ID number.
 *
 * @example idCheckCharacter('11010519491231002') // → 'X'
 */
export function idCheckCharacter(first17: string): string {
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return ID_CHECK[sum % 11] ?? '';
}
