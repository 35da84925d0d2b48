/** How the bytes of a text table were read. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((b, i) => bytes[i] === b);

/**
 * Reads a text table's bytes by rule, never by guess: a byte order mark decides (UTF-8,
 * UTF-16LE, UTF-16BE); else bytes that are valid UTF-8 are UTF-8; else GB18030, the superset of
 * the GBK that Excel on Chinese Windows writes as "CSV". Statistical detectors are not used: they
 * misread short Chinese files without an error.
 *
 * Bytes that are not valid in the chosen encoding come out as U+FFFD, so the caller can name
 * the row and column that holds them (see `assertReadableCells`); nothing here throws.
 *
 * @example
 * decodeTableText(iconv.encode('张伟', 'gbk')) // { text: '张伟', encoding: 'gb18030' }
 */
export function decodeTableText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decode(bytes.subarray(3), 'utf-8');
  if (startsWith(bytes, [0xff, 0xfe])) return decode(bytes.subarray(2), 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return decode(bytes.subarray(2), 'utf-16be');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return decode(bytes, 'gb18030');
  }
}

function decode(bytes: Uint8Array, encoding: TextEncoding): DecodedText {
  // ignoreBOM: the mark was taken off above; a second one is content (and is reported).
  return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes), encoding };
}
