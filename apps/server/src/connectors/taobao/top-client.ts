import { PlatformError, type PlatformCredentials, type TokenGrant } from '../platform';
import { parseExactJson } from '../exact-json';
import { topSign, topTime, type TopSignMethod } from './top-sign';

/**
 * One TOP call: the router endpoint (https://open.taobao.com/doc.htm?docId=101617&docType=1) with
 * the system parameters method, app_key, session, timestamp (GMT+8), v=2.0, format=json,
 * sign_method and sign, POSTed as a form. TOP answers `{"<name>_response": {…}}` or
 * `{"error_response": {code, msg, sub_code, sub_msg}}` (错误码一览,
 * https://open.taobao.com/doc.htm?docId=114&docType=1), which `topFailure` turns into our kinds.
 */
export const TOP_ROUTER_URL = 'https://eco.taobao.com/router/rest';
/** OAuth 2.0 token endpoint (用户授权介绍, https://open.taobao.com/doc.htm?docId=102635&docType=1). */
export const TOP_TOKEN_URL = 'https://oauth.taobao.com/token';

export interface TopClientOptions {
  routerUrl: string;
  tokenUrl: string;
  signMethod: TopSignMethod;
  /** A call that has not answered by then counts as an outage. */
  timeoutMs: number;
  fetch: typeof fetch;
  now: () => Date;
}

export interface TopErrorBody {
  code?: number | string;
  msg?: string;
  sub_code?: string;
  sub_msg?: string;
}

/** Codes of 错误码一览 that mean "too many calls" (4 user, 5 session, 6 partner, 7 app, 8 frequency). */
const RATE_CODES = new Set(['4', '5', '6', '7', '8']);
/** 26 Missing Session, 27 Invalid Session (expired, or withdrawn: the refresh then tells). */
const SESSION_CODES = new Set(['26', '27']);

/** A TOP error answer as the failure the framework acts on. */
export function topFailure(error: TopErrorBody, method: string): PlatformError {
  const code = String(error.code ?? '');
  const subCode = error.sub_code ?? '';
  const text = `${method}: ${code} ${error.msg ?? ''}${subCode ? ` (${subCode}: ${error.sub_msg ?? ''})` : ''}`;
  const platformCode = subCode || code;
  if (RATE_CODES.has(code) || subCode.startsWith('accesscontrol.'))
    return new PlatformError('rate-limited', text, banMs(error.sub_msg), platformCode);
  if (SESSION_CODES.has(code) || subCode === 'invalid-sessionkey' || subCode === 'session-expired')
    return new PlatformError('token-expired', text, undefined, platformCode);
  // isp.* is TOP's own side failing ("隔一段时间再重试"); 10 Service Currently Unavailable.
  if (subCode.startsWith('isp.') || (code === '10' && !subCode.startsWith('isv.')))
    return new PlatformError('unavailable', text, undefined, platformCode);
  return new PlatformError('refused', text, undefined, platformCode);
}

/** TOP's ban message: "This ban will last for 1 more seconds". */
function banMs(subMsg: string | undefined): number | undefined {
  const seconds = /last for (\d+) more seconds?/i.exec(subMsg ?? '')?.[1];
  return seconds === undefined ? undefined : Number(seconds) * 1000;
}

async function post(
  options: TopClientOptions,
  url: string,
  form: URLSearchParams,
  what: string,
): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await options.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: form.toString(),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw new PlatformError('unavailable', `${what}: no answer (${(error as Error).message})`);
  }
  const text = await response.text().catch(() => '');
  if (response.status >= 500)
    throw new PlatformError(
      'unavailable',
      `${what}: HTTP ${response.status}`,
      undefined,
      String(response.status),
    );
  try {
    return { status: response.status, body: parseExactJson(text) };
  } catch {
    throw new PlatformError('unavailable', `${what}: HTTP ${response.status}, not JSON`);
  }
}

function routerUrl(options: TopClientOptions, creds: PlatformCredentials): string {
  return creds.baseUrl ?? options.routerUrl;
}

/** The signed form of one call (exported for the fake's and the signing tests). */
export function topForm(
  creds: PlatformCredentials,
  method: string,
  params: Record<string, string>,
  signMethod: TopSignMethod,
  at: Date,
): URLSearchParams {
  const all: Record<string, string> = {
    ...params,
    method,
    app_key: creds.appKey,
    timestamp: topTime(at),
    v: '2.0',
    format: 'json',
    sign_method: signMethod,
    ...(creds.accessToken ? { session: creds.accessToken } : {}),
  };
  all.sign = topSign(all, creds.appSecret, signMethod);
  return new URLSearchParams(all);
}

/** Calls a TOP API and returns its `<name>_response` object, or throws a PlatformError. */
export async function callTop(
  options: TopClientOptions,
  creds: PlatformCredentials,
  method: string,
  params: Record<string, string>,
): Promise<Record<string, unknown>> {
  const form = topForm(creds, method, params, options.signMethod, options.now());
  const { body } = await post(options, routerUrl(options, creds), form, method);
  const answer = (body ?? {}) as Record<string, unknown>;
  const error = answer.error_response as TopErrorBody | undefined;
  if (error) throw topFailure(error, method);
  const key = Object.keys(answer).find((name) => name.endsWith('_response'));
  const result = key === undefined ? undefined : answer[key];
  if (typeof result !== 'object' || result === null)
    throw new PlatformError('unavailable', `${method}: an answer without ${method}'s response`);
  return result as Record<string, unknown>;
}

/**
 * Where to refresh: the configured endpoint, or beside a connector's own `baseUrl` when that is
 * not TOP's (a local fake: `<origin>/token`); TOP's routers (eco/gw.api.taobao.com) keep
 * oauth.taobao.com.
 */
function tokenUrl(options: TopClientOptions, creds: PlatformCredentials): string {
  if (!creds.baseUrl || options.tokenUrl !== TOP_TOKEN_URL) return options.tokenUrl;
  const base = new URL(creds.baseUrl);
  return base.hostname.endsWith('.taobao.com') ? TOP_TOKEN_URL : new URL('/token', base).toString();
}

/**
 * A new access token from the refresh token (grant_type=refresh_token at oauth.taobao.com/token).
 * TOP answers `expires_in` and `re_expires_in` in seconds; an `error` (invalid_grant: refresh
 * token expired or the shop withdrew the authorisation) means the shop must authorise again.
 */
export async function refreshTopToken(
  options: TopClientOptions,
  creds: PlatformCredentials,
): Promise<TokenGrant> {
  if (!creds.refreshToken)
    throw new PlatformError('revoked', 'No refresh token: the shop must authorise the app again');
  const url = tokenUrl(options, creds);
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: creds.refreshToken,
    client_id: creds.appKey,
    client_secret: creds.appSecret,
  });
  const { body } = await post(options, url, form, 'oauth token refresh');
  const answer = (body ?? {}) as Record<string, unknown>;
  if (typeof answer.error === 'string' || typeof answer.access_token !== 'string') {
    const error = typeof answer.error === 'string' ? answer.error : undefined;
    const why = typeof answer.error_description === 'string' ? answer.error_description : '';
    throw new PlatformError(
      'revoked',
      `Token refresh refused (${error ?? 'no access_token'}${why ? `: ${why}` : ''}): the shop must authorise the app again`,
      undefined,
      error,
    );
  }
  const now = options.now().getTime();
  const expiresIn = Number(answer.expires_in ?? 0);
  const reExpiresIn = Number(answer.re_expires_in ?? 0);
  return {
    accessToken: answer.access_token,
    accessTokenExpiresAt: now + expiresIn * 1000,
    ...(typeof answer.refresh_token === 'string' ? { refreshToken: answer.refresh_token } : {}),
    ...(reExpiresIn > 0 ? { refreshTokenExpiresAt: now + reExpiresIn * 1000 } : {}),
  };
}
