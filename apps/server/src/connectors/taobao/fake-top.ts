import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fail, FakeTopData, type TopError } from './fake-top-data';
import { parseTopTime, topSign, TOP_SIGN_METHODS, type TopSignMethod } from './top-sign';

export type { FakeTopSku, FakeTopTrade } from './fake-top-data';

/**
 * A local TOP (淘宝开放平台) for the tests: a real HTTP server on 127.0.0.1 that keeps the
 * documented contract (addresses in top-client.ts, taobao-adapter.ts, top-stock.ts):
 * - `/router/rest`: app_key, v=2.0, format=json, timestamp (GMT+8, 10 minutes' tolerance),
 *   sign_method md5/hmac/hmac-sha256 and the uppercase-hex sign checked on every call; session
 *   checked for the seller's calls; errors as `error_response` {code, msg, sub_code, sub_msg}.
 * - taobao.trades.sold.increment.get (a window of at most one day, newest-modified first,
 *   page_no/page_size ≤ 100, has_next with use_has_next else total_results),
 *   taobao.trade.fullinfo.get, taobao.logistics.offline.send (B04 for a trade not awaiting
 *   shipment), taobao.skus.custom.get, taobao.skus.quantity.update.
 * - `/token`: grant_type=refresh_token → access_token, expires_in, refresh_token, re_expires_in.
 * - Trouble on demand: a rate limit (code 7), an expired session (27), a 502 outage, a hang.
 * Ids go out as JSON numbers, as TOP sends them (`tid_str` beside), so precision loss shows.
 * The business APIs and their data are in fake-top-data.ts.
 */
interface Session {
  nick: string;
  expiresAt: number;
}

type Params = Record<string, string>;
const ID_KEYS = new Set(['tid', 'oid', 'num_iid', 'sku_id']);
const DAY_MS = 86_400_000;

/** JSON with id strings written as number literals, the way TOP writes them. */
function topJson(value: unknown): string {
  const marked = JSON.stringify(value, (key, field: unknown) =>
    ID_KEYS.has(key) && typeof field === 'string' && /^\d+$/.test(field)
      ? `\u0000N${field}`
      : field,
  );
  return marked.replace(/"\\u0000N(\d+)"/g, '$1');
}

export class FakeTop extends FakeTopData {
  readonly calls: { method: string; params: Params }[] = [];
  /** 'down': 502 to everything; 'hang': accept and never answer. */
  outage: 'down' | 'hang' | null = null;
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, Session>();
  private ban: { afterCalls: number; seconds: number; until?: number } | null = null;
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly apps: Map<string, string>,
    now: () => Date,
  ) {
    super(now);
  }

  get routerUrl(): string {
    return `${this.url}/router/rest`;
  }

  get tokenUrl(): string {
    return `${this.url}/token`;
  }

  static async start(options: {
    apps: { appKey: string; appSecret: string }[];
    now?: () => Date;
  }): Promise<FakeTop> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeTop(
      server,
      `http://127.0.0.1:${port}`,
      new Map(options.apps.map((app) => [app.appKey, app.appSecret])),
      options.now ?? (() => new Date()),
    );
    server.on('request', (req, res) => void fake.handle(req, res));
    return fake;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A shop authorises the app: its session key (access token) and refresh token. */
  authorise(nick: string, ttl: { accessMs: number; refreshMs: number }) {
    const now = this.now().getTime();
    const accessToken = `6100${randomBytes(12).toString('hex')}`;
    const refreshToken = `6101${randomBytes(12).toString('hex')}`;
    this.sessions.set(accessToken, { nick, expiresAt: now + ttl.accessMs });
    this.refreshTokens.set(refreshToken, { nick, expiresAt: now + ttl.refreshMs });
    return {
      accessToken,
      refreshToken,
      accessTokenExpiresAt: now + ttl.accessMs,
      refreshTokenExpiresAt: now + ttl.refreshMs,
    };
  }

  /** The session key stops working (its expiry came), as TOP does without warning. */
  expireSession(accessToken: string): void {
    this.sessions.delete(accessToken);
  }

  /** The shop withdraws the authorisation: sessions and refresh tokens die. */
  revoke(nick: string): void {
    for (const [token, session] of this.sessions)
      if (session.nick === nick) this.sessions.delete(token);
    for (const [token, session] of this.refreshTokens)
      if (session.nick === nick) this.refreshTokens.delete(token);
  }

  /** After `afterCalls` more router calls, the app is banned (code 7) for `seconds` (fake clock). */
  banAfter(afterCalls: number, seconds: number): void {
    this.ban = { afterCalls, seconds };
  }

  liftBan(): void {
    this.ban = null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.outage === 'hang') {
      this.hanging.add(res);
      return;
    }
    if (this.outage === 'down') {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html>502 Bad Gateway</html>');
      return;
    }
    const url = new URL(req.url ?? '/', this.url);
    const params: Params = Object.fromEntries(url.searchParams);
    Object.assign(
      params,
      Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
    );
    if (url.pathname === '/token') return this.token(params, res);
    if (url.pathname !== '/router/rest') {
      res.writeHead(404).end();
      return;
    }
    this.calls.push({ method: params.method ?? '', params });
    const answer = this.route(params);
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
    res.end('error' in answer ? topJson({ error_response: answer.error }) : topJson(answer.ok));
  }

  private route(params: Params): { error: TopError } | { ok: unknown } {
    const refused = this.checkCall(params);
    if (refused) return { error: refused };
    const session = this.sessions.get(params.session ?? '');
    if (!params.session) return { error: fail(26, 'Missing session') };
    if (!session || session.expiresAt <= this.now().getTime())
      return { error: fail(27, 'Invalid session', 'invalid-sessionkey', 'SessionKey非法') };
    const result = this.dispatch(params.method ?? '', params, session.nick);
    return 'code' in result ? { error: result } : { ok: result };
  }

  /** The system-parameter checks every call gets, in the order the gateway reports them. */
  private checkCall(params: Params): TopError | null {
    if (!params.app_key) return fail(28, 'Missing App Key');
    const secret = this.apps.get(params.app_key);
    if (secret === undefined) return fail(29, 'Invalid app Key');
    if (!params.sign) return fail(24, 'Missing signature');
    const method = params.sign_method as TopSignMethod;
    if (!TOP_SIGN_METHODS.includes(method)) return fail(25, 'Invalid signature');
    if (params.sign !== topSign(params, secret, method)) return fail(25, 'Invalid signature');
    if (params.v !== '2.0') return fail(33, 'Invalid version');
    if (params.format !== 'json') return fail(23, 'Invalid format');
    const at = parseTopTime(params.timestamp ?? '');
    if (!at || Math.abs(at.getTime() - this.now().getTime()) > 10 * 60_000)
      return fail(31, 'Invalid timestamp');
    return this.checkBan();
  }

  /** Code 7 while the ban lasts, with the seconds left as TOP words it; then calls pass again. */
  private checkBan(): TopError | null {
    if (!this.ban) return null;
    if (this.ban.afterCalls > 0) {
      this.ban.afterCalls -= 1;
      return null;
    }
    const now = this.now().getTime();
    this.ban.until ??= now + this.ban.seconds * 1000;
    if (now >= this.ban.until) {
      this.ban = null;
      return null;
    }
    const left = Math.ceil((this.ban.until - now) / 1000);
    return fail(
      7,
      'App Call Limited',
      'accesscontrol.limited-by-app-access-count',
      `This ban will last for ${left} more seconds`,
    );
  }

  private token(params: Params, res: ServerResponse): void {
    const reply = (status: number, body: object) =>
      res
        .writeHead(status, { 'content-type': 'application/json;charset=UTF-8' })
        .end(JSON.stringify(body));
    if (params.grant_type !== 'refresh_token')
      return void reply(400, { error: 'unsupported_grant_type', error_description: 'grant_type' });
    if (this.apps.get(params.client_id ?? '') !== params.client_secret)
      return void reply(401, {
        error: 'invalid_client',
        error_description: 'client_secret is wrong',
      });
    const old = this.refreshTokens.get(params.refresh_token ?? '');
    const now = this.now().getTime();
    if (!old || old.expiresAt <= now)
      return void reply(400, {
        error: 'invalid_grant',
        error_description: 'refresh token is invalid or expired',
      });
    this.refreshTokens.delete(params.refresh_token ?? '');
    for (const [token, session] of this.sessions)
      if (session.nick === old.nick) this.sessions.delete(token);
    const grant = this.authorise(old.nick, { accessMs: DAY_MS, refreshMs: old.expiresAt - now });
    reply(200, {
      access_token: grant.accessToken,
      token_type: 'Bearer',
      expires_in: DAY_MS / 1000,
      refresh_token: grant.refreshToken,
      re_expires_in: Math.floor((old.expiresAt - now) / 1000),
      r1_expires_in: DAY_MS / 1000,
      r2_expires_in: DAY_MS / 1000,
      w1_expires_in: DAY_MS / 1000,
      w2_expires_in: DAY_MS / 1000,
      taobao_user_nick: encodeURIComponent(old.nick),
      taobao_user_id: '2206612345678',
    });
  }
}
