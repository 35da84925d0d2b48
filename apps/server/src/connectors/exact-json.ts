/**
 * Platform JSON with ids past 2^53 kept exact (issue 27), for every connector. TOP answers ids
 * (`tid`, `oid`, `num_iid`, `sku_id`) as JSON numbers of 18–19 digits (it also sends
 * `tid_str`/`oid_str`, which its mapping prefers).
 * WeChat's documentation types order ids as `number` (订单ID `order_id | number` in
 * https://developers.weixin.qq.com/doc/store/API/order/get.html, and
 * the push events' `order_info.order_id` in
 * https://developers.weixin.qq.com/doc/store/API/order/callback/channels_ec_order_deliver.html is
 * written unquoted: 3705115058471208928). A 19-digit id is past Number.MAX_SAFE_INTEGER, so
 * `JSON.parse` would round it. `parseExactJson` quotes every integer literal that a JS number
 * cannot hold exactly before parsing, so such ids arrive as the exact digits, as strings.
 * (Node 20 has no JSON.parse reviver source access.)
 */
export function parseExactJson(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text)) as unknown;
}

/** The JSON text with each integer literal beyond ±2^53 turned into a string literal. */
export function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) {
      const end = endOfNumber(text, i);
      const literal = text.slice(i, end);
      out += isUnsafeInteger(literal) ? `"${literal}"` : literal;
      i = end;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '"') return i + 1;
    else i += 1;
  }
  return text.length;
}

function endOfNumber(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && /[0-9eE.+-]/.test(text[i] ?? '')) i += 1;
  return i;
}

function isUnsafeInteger(literal: string): boolean {
  if (!/^-?\d+$/.test(literal)) return false;
  return !Number.isSafeInteger(Number(literal));
}
