import { createHash, createHmac } from 'node:crypto';

/**
 * TOP (淘宝开放平台) request signing, from 「API调用方法详解」 → 签名算法:
 * https://open.taobao.com/doc.htm?docId=101617&docType=1
 *
 * Every parameter but `sign` (system and business, empty values left out) is sorted by name in
 * ASCII order and written as name1value1name2value2…; the UTF-8 bytes are digested with
 * - `md5`: MD5(secret + string + secret),
 * - `hmac`: HMAC-MD5 keyed with the secret,
 * - `hmac-sha256`: HMAC-SHA256 keyed with the secret,
 * and the digest is written as UPPERCASE hex (TOP compares the 32/64 characters as sent).
 */
export type TopSignMethod = 'md5' | 'hmac' | 'hmac-sha256';

export const TOP_SIGN_METHODS: readonly TopSignMethod[] = ['md5', 'hmac', 'hmac-sha256'];

/** The string the digest is taken over: sorted names, each followed by its value. */
export function topSignBase(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((name) => name !== 'sign' && params[name] !== undefined && params[name] !== '')
    .sort()
    .map((name) => `${name}${params[name]}`)
    .join('');
}

/**
 * The `sign` of a TOP call.
 * @example topSign({ method: 'taobao.trade.fullinfo.get', … }, secret, 'md5') // '66987CB1…'
 */
export function topSign(
  params: Record<string, string>,
  secret: string,
  method: TopSignMethod,
): string {
  const base = topSignBase(params);
  const digest =
    method === 'md5'
      ? createHash('md5').update(`${secret}${base}${secret}`, 'utf8').digest('hex')
      : createHmac(method === 'hmac' ? 'md5' : 'sha256', Buffer.from(secret, 'utf8'))
          .update(base, 'utf8')
          .digest('hex');
  return digest.toUpperCase();
}

const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * TOP's time format, `yyyy-MM-dd HH:mm:ss` in GMT+8 (the `timestamp` parameter, `start_modified`,
 * and every date TOP answers with).
 */
export function topTime(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** A TOP time (`2026-12-06 21:04:05`, GMT+8) as a Date, or null when it is not one. */
export function parseTopTime(text: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text);
  if (!match) return null;
  const at = new Date(`${match[1]}T${match[2]}+08:00`);
  return Number.isNaN(at.getTime()) ? null : at;
}
