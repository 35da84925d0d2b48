import type { Db } from '../db/database';
import { type ConnectorRow, saveCredentials } from './connector-store';
import { type PlatformAdapter, type PlatformCredentials, PlatformError } from './platform';

/** Refresh when the access token has less than this left (issue 27: before, not after, expiry). */
export const REFRESH_AHEAD_MS = 10 * 60_000;
/** Rate-limit answers in a row one call waits out before the pull gives up until its next tick. */
const RATE_LIMIT_TRIES = 6;

/** How long a rate-limited call waits without a Retry-After: 1 s, 2 s, 4 s … capped at 30 s. */
export function rateLimitWaitMs(tries: number): number {
  return Math.min(1_000 * 2 ** Math.max(0, tries - 1), 30_000);
}

export interface CallDeps {
  db: Db;
  key: Buffer;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

/**
 * One connector's calls to its platform, sharing its credentials: a rate-limited call waits and
 * is made again; an expired token is refreshed (and stored, sealed) and the call made again once;
 * a refresh that fails because the shop withdrew the authorisation is `revoked`. Everything else
 * is thrown to the pull.
 */
export class PlatformCalls {
  constructor(
    private readonly deps: CallDeps,
    private readonly connector: ConnectorRow,
    readonly adapter: PlatformAdapter,
    private creds: PlatformCredentials,
  ) {}

  /** Refreshes a token that is about to expire, before the pull starts using it. */
  async refreshIfDue() {
    const expires = this.creds.accessTokenExpiresAt;
    if (expires === undefined || !this.creds.refreshToken) return;
    if (expires - this.deps.now().getTime() < REFRESH_AHEAD_MS) await this.refresh();
  }

  async call<T>(work: (creds: PlatformCredentials) => Promise<T>): Promise<T> {
    let refreshed = false;
    for (let tries = 1; ; tries++) {
      try {
        return await work(this.creds);
      } catch (err) {
        if (!(err instanceof PlatformError)) throw err;
        if (err.kind === 'rate-limited' && tries < RATE_LIMIT_TRIES) {
          await this.deps.sleep(err.retryAfterMs ?? rateLimitWaitMs(tries));
        } else if (err.kind === 'token-expired' && !refreshed) {
          refreshed = true;
          await this.refresh();
        } else throw err;
      }
    }
  }

  private async refresh() {
    let grant;
    try {
      grant = await this.adapter.refreshAccessToken(this.creds);
    } catch (err) {
      if (err instanceof PlatformError && (err.kind === 'token-expired' || err.kind === 'revoked'))
        throw new PlatformError(
          'revoked',
          `token refresh refused: ${err.message}`,
          undefined,
          err.platformCode,
        );
      throw err;
    }
    this.creds = { ...this.creds, ...grant };
    await saveCredentials(this.deps.db, this.deps.key, this.connector.id, this.creds);
  }
}
