import { createHmac } from 'node:crypto';
import type { Channel } from '@wms/protocol';
import {
  type PlatformAdapter,
  type PlatformCredentials,
  PlatformError,
  type PlatformId,
  type PlatformOrder,
  type PlatformPage,
  type PushNotice,
  type ShipmentConfirmation,
  type TokenGrant,
} from '../platform';

const CARRIERS: Record<string, string> = { sf: 'SF', zto: 'ZTO', yto: 'YTO', jd: 'JD' };

/**
 * An in-memory platform for the framework's tests (issue 27): orders listed by modification time
 * in pages, a window limit, scripted rate-limit answers, an access token that expires mid-pull,
 * outages and a withdrawn authorisation. It keeps what it was asked (`calls`, `confirmed`,
 * `stockPushes`) so a test asserts what the framework did to the platform.
 */
export class ScriptedPlatform implements PlatformAdapter {
  readonly platform: PlatformId;
  readonly maxWindowMs: number;
  readonly overlapMs: number;
  readonly pageSize: number;
  readonly orders = new Map<string, PlatformOrder>();
  readonly calls: string[] = [];
  readonly confirmed: ShipmentConfirmation[] = [];
  readonly stockPushes: { code: string; qty: number }[][] = [];
  /** The platform answers 503 to everything while true. */
  down = false;
  /** How long each list call takes (a real platform's round trip), for races. */
  latencyMs = 0;
  private rateLimited = { calls: 0, retryAfterMs: undefined as number | undefined };
  private revoked = false;
  private token = { access: 'access-1', refresh: 'refresh-1', serial: 1, expiresAt: Infinity };
  private expireAfterCalls: number | null = null;
  private confirmFailures = 0;

  constructor(
    private readonly clock: () => Date,
    options: {
      platform?: PlatformId;
      channel?: Channel;
      maxWindowMs?: number;
      overlapMs?: number;
      pageSize?: number;
    } = {},
  ) {
    this.platform = options.platform ?? 'taobao';
    this.channel = options.channel ?? 'taobao';
    this.maxWindowMs = options.maxWindowMs ?? 30 * 60_000;
    this.overlapMs = options.overlapMs ?? 60_000;
    this.pageSize = options.pageSize ?? 50;
  }

  private readonly channel: Channel;

  /** The credentials a shop's authorisation gives (as an admin enters them). */
  credentials(): PlatformCredentials {
    return {
      appKey: 'app-key-1',
      appSecret: 'app-secret-1',
      accessToken: this.token.access,
      refreshToken: this.token.refresh,
      ...(Number.isFinite(this.token.expiresAt) && { accessTokenExpiresAt: this.token.expiresAt }),
      pushToken: 'push-token-1',
    };
  }

  /** A buyer pays, or the platform changes an order: the new version, modified now. */
  place(order: PlatformOrder) {
    this.orders.set(order.platformOrderId, { ...order, modifiedAt: order.modifiedAt });
  }

  /** The next `calls` calls answer "too many calls". */
  rateLimit(calls: number, retryAfterMs?: number) {
    this.rateLimited = { calls, retryAfterMs };
  }

  /** The access token stops working after `calls` more calls (mid-pull). */
  expireTokenAfter(calls: number) {
    this.expireAfterCalls = calls;
  }

  /** The access token's expiry, as the platform told it (for refresh-ahead). */
  setTokenExpiry(at: Date) {
    this.token.expiresAt = at.getTime();
  }

  /** The shop withdraws the authorisation: every call and refresh is refused. */
  revoke() {
    this.revoked = true;
  }

  failConfirmations(times: number) {
    this.confirmFailures = times;
  }

  channelOf(): Channel {
    return this.channel;
  }

  async listModified(
    creds: PlatformCredentials,
    window: { from: Date; to: Date },
    page: string | null,
  ): Promise<PlatformPage> {
    this.gate('list', creds);
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    if (window.to.getTime() - window.from.getTime() > this.maxWindowMs)
      throw new PlatformError(
        'refused',
        'time window wider than the platform allows',
        undefined,
        'isv.invalid-window',
      );
    const offset = page === null ? 0 : Number(page);
    const inWindow = [...this.orders.values()]
      .filter((o) => o.modifiedAt >= window.from && o.modifiedAt < window.to)
      .sort(
        (a, b) =>
          a.modifiedAt.getTime() - b.modifiedAt.getTime() ||
          a.platformOrderId.localeCompare(b.platformOrderId),
      );
    const orders = inWindow.slice(offset, offset + this.pageSize);
    const next = offset + this.pageSize < inWindow.length ? String(offset + this.pageSize) : null;
    this.calls.push(`list ${window.from.toISOString()}..${window.to.toISOString()} @${offset}`);
    return { orders: orders.map((o) => structuredClone(o)), next };
  }

  async getOrder(creds: PlatformCredentials, platformOrderId: string): Promise<PlatformOrder> {
    this.gate('get', creds);
    const order = this.orders.get(platformOrderId);
    if (!order)
      throw new PlatformError(
        'refused',
        `no order ${platformOrderId}`,
        undefined,
        'isv.trade-not-exist',
      );
    this.calls.push(`get ${platformOrderId}`);
    return Promise.resolve(structuredClone(order));
  }

  async refreshAccessToken(creds: PlatformCredentials): Promise<TokenGrant> {
    if (this.down) throw new PlatformError('unavailable', 'platform answered 503');
    if (this.revoked || creds.refreshToken !== this.token.refresh)
      throw new PlatformError(
        'revoked',
        'refresh token invalid: the shop withdrew the authorisation',
        undefined,
        'invalid_grant',
      );
    const serial = this.token.serial + 1;
    this.token = {
      serial,
      access: `access-${serial}`,
      refresh: `refresh-${serial}`,
      expiresAt: this.clock().getTime() + 2 * 3_600_000,
    };
    this.calls.push(`refresh → access-${serial}`);
    return Promise.resolve({
      accessToken: this.token.access,
      accessTokenExpiresAt: this.token.expiresAt,
      refreshToken: this.token.refresh,
    });
  }

  async confirmShipment(creds: PlatformCredentials, shipment: ShipmentConfirmation): Promise<void> {
    this.gate('confirm', creds);
    if (this.confirmFailures > 0) {
      this.confirmFailures -= 1;
      throw new PlatformError('unavailable', 'logistics service busy');
    }
    if (
      !this.confirmed.some(
        (c) =>
          c.platformOrderId === shipment.platformOrderId &&
          c.trackingNumber === shipment.trackingNumber,
      )
    )
      this.confirmed.push(shipment);
    return Promise.resolve();
  }

  async pushStock(
    creds: PlatformCredentials,
    items: { code: string; qty: number }[],
  ): Promise<void> {
    this.gate('stock', creds);
    this.stockPushes.push(items);
    return Promise.resolve();
  }

  carrierCode(ourCarrier: string): string | null {
    return CARRIERS[ourCarrier.toLowerCase()] ?? null;
  }

  verifyPush(
    creds: PlatformCredentials,
    push: { url: URL; headers: Headers; body: string },
  ): PushNotice {
    const sent = push.headers.get('x-scripted-signature') ?? '';
    if (sent !== signScriptedPush(creds.pushToken ?? '', push.body))
      throw new PlatformError('bad-signature', 'push signature does not verify');
    const { orderIds } = JSON.parse(push.body) as { orderIds: string[] };
    return {
      platformOrderIds: orderIds,
      reply: { status: 200, body: 'success', contentType: 'text/plain' },
    };
  }

  /** What every API call meets first: outage, withdrawal, rate limit, token. */
  private gate(what: string, creds: PlatformCredentials) {
    if (this.down) {
      this.calls.push(`${what} → 503`);
      throw new PlatformError('unavailable', 'platform answered 503');
    }
    if (this.revoked)
      throw new PlatformError('revoked', 'authorisation withdrawn', undefined, '27');
    if (this.rateLimited.calls > 0) {
      this.rateLimited.calls -= 1;
      this.calls.push(`${what} → 429`);
      throw new PlatformError('rate-limited', 'too many calls', this.rateLimited.retryAfterMs, '7');
    }
    if (this.expireAfterCalls !== null) {
      if (this.expireAfterCalls === 0) {
        this.token.access = `expired-${this.token.serial}`;
        this.expireAfterCalls = null;
      } else this.expireAfterCalls -= 1;
    }
    if (creds.accessToken !== this.token.access || this.clock().getTime() >= this.token.expiresAt) {
      this.calls.push(`${what} → token expired`);
      throw new PlatformError('token-expired', 'access token expired', undefined, '27');
    }
  }
}

/** The scripted platform's push signature: HMAC-SHA256 of the body under the push token. */
export function signScriptedPush(pushToken: string, body: string): string {
  return createHmac('sha256', pushToken).update(body).digest('hex');
}

let serial = 0;

/**
 * A paid order as a marketplace lists it: a 19-digit id (past Number.MAX_SAFE_INTEGER), Chinese
 * receiver, fen amounts, the platform's own SKU code.
 */
export function aPlatformOrder(at: Date, overrides: Partial<PlatformOrder> = {}): PlatformOrder {
  serial += 1;
  return {
    platformOrderId: `38${String(Date.now()).slice(-10)}${String(serial).padStart(7, '0')}`,
    shopId: 'shop-hz-01',
    status: 'awaiting-shipment',
    createdAt: at,
    modifiedAt: at,
    buyerId: `buyer-${serial}`,
    receiver: {
      name: '李娜',
      phone: `139${String(20_000_000 + serial).slice(-8)}`,
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: `文三路 ${serial} 号`,
      masked: false,
    },
    lines: [{ code: 'TB-CUP-RED', qty: 1, unitPriceFen: 9_900 }],
    paidFen: 9_900,
    freightFen: 0,
    discountFen: 0,
    ...overrides,
  };
}
