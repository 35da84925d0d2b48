import { PlatformError, type PlatformCredentials } from '../platform';
import { parseExactJson } from '../exact-json';

/** The real API host; a test's fake passes its loopback address as `baseUrl`. */
export const WECHAT_API = 'https://api.weixin.qq.com';

export interface WechatClientOptions {
  fetch?: typeof fetch;
  /** A call that has not answered by then counts as an outage ('unavailable'). */
  timeoutMs?: number;
  now?: () => number;
}

export type WechatBody = Record<string, unknown>;

/**
 * One JSON POST to the API. Every 微信小店 call answers HTTP 200 with `errcode`/`errmsg`; the
 * codes we act on are WeChat's global ones (通用错误码, linked from every API page):
 * 40001/40014/42001 token invalid or expired, 45009 daily quota reached, 45011 minute quota
 * reached, -1 system busy, 40013/40125 appid or secret rejected, 40164 caller IP not in the
 * whitelist, 48001 API not authorised for this app.
 */
export async function callWechat(
  creds: PlatformCredentials,
  path: string,
  body: WechatBody,
  options: WechatClientOptions,
  withToken = true,
): Promise<WechatBody> {
  const url = new URL(path, creds.baseUrl ?? WECHAT_API);
  if (withToken) {
    if (!creds.accessToken) throw new PlatformError('token-expired', 'No access token yet');
    url.searchParams.set('access_token', creds.accessToken);
  }
  const response = await send(url, body, options);
  if (response.status >= 500)
    throw new PlatformError('unavailable', `微信小店 answered HTTP ${response.status} on ${path}`);
  const text = await readText(response, path);
  let answer: WechatBody;
  try {
    answer = parseExactJson(text) as WechatBody;
  } catch {
    throw new PlatformError('unavailable', `微信小店 answered ${path} with no JSON`);
  }
  assertWechatOk(answer, path, options.now ?? Date.now);
  return answer;
}

async function send(url: URL, body: WechatBody, options: WechatClientOptions): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  try {
    return await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    throw new PlatformError(
      'unavailable',
      `微信小店 did not answer ${url.pathname}: ${reason(error)}`,
    );
  }
}

async function readText(response: Response, path: string): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw new PlatformError('unavailable', `微信小店 broke off ${path}: ${reason(error)}`);
  }
}

const TOKEN_CODES = new Set([40001, 40014, 42001]);
const REVOKED_CODES = new Set([40013, 40125, 40164, 48001]);

export function assertWechatOk(answer: WechatBody, path: string, now: () => number): void {
  const code = typeof answer.errcode === 'number' ? answer.errcode : 0;
  if (code === 0) return;
  const message =
    `微信小店 ${path}: ${code} ${typeof answer.errmsg === 'string' ? answer.errmsg : ''}`.trim();
  const platformCode = String(code);
  if (TOKEN_CODES.has(code))
    throw new PlatformError('token-expired', message, undefined, platformCode);
  if (code === 45011) throw new PlatformError('rate-limited', message, 60_000, platformCode);
  if (code === 45009)
    throw new PlatformError('rate-limited', message, untilChinaMidnight(now()), platformCode);
  // 10020112: "更新该sku库存频率超限" (stock/update's own limit per SKU).
  if (code === 10020112) throw new PlatformError('rate-limited', message, 1_000, platformCode);
  if (code === -1) throw new PlatformError('unavailable', message, undefined, platformCode);
  if (REVOKED_CODES.has(code)) throw new PlatformError('revoked', message, undefined, platformCode);
  throw new PlatformError('refused', message, undefined, platformCode);
}

/** Daily quotas reset at midnight China time (UTC+8, no daylight saving). */
function untilChinaMidnight(nowMs: number): number {
  const day = 86_400_000;
  const offset = 8 * 3_600_000;
  return day - ((nowMs + offset) % day);
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
