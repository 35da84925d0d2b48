/**
 * What a marketplace connector needs from one platform (issue 27). The framework (cursor, overlap
 * window, paging loop, idempotent intake, updates of changed orders, backoff, token refresh,
 * write-back outbox, stock push) is the platform's caller; each platform (微信小店, 淘宝/天猫 TOP)
 * implements only this: its signing, its paging, its status and field mapping, its push checks.
 *
 * Rules every adapter keeps:
 * - Order ids are strings end to end. Platforms send 18–19-digit ids that a JSON number loses
 *   (Number.MAX_SAFE_INTEGER has 16 digits): parse such bodies so the ids stay text.
 * - Money leaves an adapter as integer fen, whatever the platform sends (fen numbers, yuan strings).
 * - Failures are thrown as `PlatformError` with a kind the framework acts on; nothing else.
 */

/** The platforms with a connector. `channel` is our channel an order of it is taken in as. */
export type PlatformId = 'wechat-shop' | 'taobao';

/** What a connector holds to call its platform, stored encrypted at rest. */
export interface PlatformCredentials {
  appKey: string;
  appSecret: string;
  /** The shop's authorisation (OAuth or the platform's token call), when the platform uses one. */
  accessToken?: string;
  refreshToken?: string;
  /** When the access token stops working (ms since epoch). */
  accessTokenExpiresAt?: number;
  refreshTokenExpiresAt?: number;
  /** Push verification material (WeChat: the message Token and EncodingAESKey). */
  pushToken?: string;
  pushAesKey?: string;
  /** Where the platform's API is (the real one by default; a test's fake on loopback). */
  baseUrl?: string;
}

/** A new access token from a refresh (or a first authorisation code exchange). */
export interface TokenGrant {
  accessToken: string;
  accessTokenExpiresAt: number;
  refreshToken?: string;
  refreshTokenExpiresAt?: number;
}

/**
 * The platform's order status, mapped. Only `awaiting-shipment` is taken in as a new order;
 * `cancelled` (refunded in full before shipping, closed) cancels ours where that is still safe.
 */
export type PlatformOrderStatus =
  'unpaid' | 'awaiting-shipment' | 'shipped' | 'completed' | 'cancelled';

/** A receiver as the platform gives it: clear text where it does, masked forms and tokens where not. */
export interface PlatformReceiver {
  name: string;
  phone: string;
  /** The whole address on one line, or its parts. */
  province: string;
  city: string;
  district: string;
  detail: string;
  /** True when name, phone or address are masked (a 138****0000 phone, 张**). */
  masked: boolean;
  /**
   * The platform's stable token for this receiver (TOP `oaid`, WeChat's encrypted-field
   * fingerprint), used for dedup and holds where the clear text is masked.
   */
  receiverToken?: string;
}

export interface PlatformOrderLine {
  /** The platform's SKU code (outer id / seller's code), mapped through the channel SKU codes. */
  code: string;
  qty: number;
  /** What the buyer pays per unit after discounts, in fen. */
  unitPriceFen: number;
}

export interface PlatformOrder {
  /** Always a string: never let a JSON number carry it. */
  platformOrderId: string;
  shopId: string;
  status: PlatformOrderStatus;
  createdAt: Date;
  /** The platform's modification time, which the incremental pull pages by. */
  modifiedAt: Date;
  buyerId: string;
  receiver: PlatformReceiver;
  lines: PlatformOrderLine[];
  paidFen: number;
  freightFen: number;
  discountFen: number;
  /** The platform says the buyer changed the address (already confirmed by the buyer). */
  addressChanged?: boolean;
}

/** One page of an incremental pull. */
export interface PlatformPage {
  orders: PlatformOrder[];
  /** Where the next page starts (the platform's page number, next_key…), or null at the end. */
  next: string | null;
}

export interface ShipmentConfirmation {
  platformOrderId: string;
  /** The platform's own carrier code (after mapping ours with `carrierCode`). */
  carrierCode: string;
  trackingNumber: string;
  /** Lines in this parcel, by platform code, when the platform ships line by line. */
  lines?: { code: string; qty: number }[];
}

/** What a verified push said: the orders it names (each is then pulled). */
export interface PushNotice {
  platformOrderIds: string[];
  /** What to answer the platform with so it stops resending (WeChat: 'success'). */
  reply: { status: number; body: string; contentType: string };
}

export interface PlatformAdapter {
  readonly platform: PlatformId;
  /** Our channel its orders are taken in as ('taobao' or 'tmall' by shop type, …). */
  channelOf(shopId: string): import('@wms/protocol').Channel;
  /** The widest modification-time window one list query may ask for (a platform limit). */
  readonly maxWindowMs: number;
  /** How far back each incremental pull starts before the cursor (late-indexed changes). */
  readonly overlapMs: number;

  /** Orders modified in [from, to), one page at a time (`page` from the previous answer). */
  listModified(
    creds: PlatformCredentials,
    window: { from: Date; to: Date },
    page: string | null,
  ): Promise<PlatformPage>;
  /** One order in full (after a push, or to re-read one). */
  getOrder(creds: PlatformCredentials, platformOrderId: string): Promise<PlatformOrder>;
  /** A fresh access token before the old one expires. */
  refreshAccessToken(creds: PlatformCredentials): Promise<TokenGrant>;
  /** Confirms a parcel's shipment on the platform. Idempotent on the platform side or ours. */
  confirmShipment(creds: PlatformCredentials, shipment: ShipmentConfirmation): Promise<void>;
  /** Sets the sellable quantity of SKU codes on the platform (stock out to the channels). */
  pushStock(creds: PlatformCredentials, items: { code: string; qty: number }[]): Promise<void>;
  /** The platform's carrier code for ours ('sf' → 'SF' …), or null if it has none. */
  carrierCode(ourCarrier: string): string | null;
  /**
   * Checks a push's signature and reads what it names. Throws `PlatformError('bad-signature')`
   * when it is not the platform's. `url` has the query string the platform signed.
   */
  verifyPush(
    creds: PlatformCredentials,
    push: { url: URL; headers: Headers; body: string },
  ): PushNotice;
}

export type PlatformErrorKind =
  /** Too many calls: wait `retryAfterMs` (or back off) and call again. */
  | 'rate-limited'
  /** The access token expired or is invalid: refresh, then call again. */
  | 'token-expired'
  /** The shop withdrew the authorisation (or the refresh token is dead): stop and alert. */
  | 'revoked'
  /** The platform is down or answered 5xx / timed out: retry later, cursor unchanged. */
  | 'unavailable'
  /** A push whose signature does not verify. */
  | 'bad-signature'
  /** The platform refused this call for its content (a bad tracking number…): not retried. */
  | 'refused';

export class PlatformError extends Error {
  constructor(
    readonly kind: PlatformErrorKind,
    message: string,
    readonly retryAfterMs?: number,
    /** The platform's own error code, for the alert and the trace. */
    readonly platformCode?: string,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}
