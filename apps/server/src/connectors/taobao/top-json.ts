/**
 * TOP answers ids (`tid`, `oid`, `num_iid`, `sku_id`) as JSON numbers; a trade id has 18–19
 * digits and `JSON.parse` rounds it (Number.MAX_SAFE_INTEGER has 16). `parseTopJson` rewrites
 * every integer literal of 16 digits or more outside strings as a string before parsing, so an id
 * stays exactly what TOP sent (TOP also sends `tid_str`/`oid_str`, which the mapping prefers).
 */
export function parseTopJson(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text));
}

const LONG_INTEGER_DIGITS = 16;

/** The JSON text with long integer literals (outside strings) quoted. */
export function quoteLongIntegers(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) {
      let end = i + 1;
      while (end < text.length && /[0-9.eE+-]/.test(text[end] ?? '')) end += 1;
      const literal = text.slice(i, end);
      const isLongInteger =
        /^-?\d+$/.test(literal) && literal.replace('-', '').length >= LONG_INTEGER_DIGITS;
      out += isLongInteger ? `"${literal}"` : literal;
      i = end;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

/** The index just after the string literal that opens at `start`. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '"') return i + 1;
    else i += 1;
  }
  return i;
}

/**
 * A yuan amount as TOP writes it ("12.50", "0.5", "199") in integer fen, without floating point.
 * Null when it is not a non-negative amount with at most two decimals.
 */
export function yuanToFen(yuan: string | number | undefined): number | null {
  const text = typeof yuan === 'number' ? String(yuan) : (yuan ?? '').trim();
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const whole = Number(match[1]);
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  return whole * 100 + cents;
}
