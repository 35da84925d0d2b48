import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { connectors } from '../db/schema';
import { raiseAlert } from '../inventory/reserve-stock';
import { type ConnectorRow, advanceCursor, loadConnector } from './connector-store';
import { PlatformCalls } from './platform-calls';
import { PlatformError } from './platform';
import { type AdapterRegistry, adapterFor } from './registry';
import { type TakeInResult, takeInOrders } from './take-in-orders';
import { openCredentials } from './vault';

/** What pulling needs; the server passes its own, a test its scripted platform and clock. */
export interface ConnectorRuntime {
  db: Db;
  /** CONNECTOR_KEY. */
  key: Buffer;
  registry: AdapterRegistry;
  now: () => Date;
  /** Waits out a rate limit (a test passes one that only advances its clock). */
  sleep?: (ms: number) => Promise<void>;
  /** A connector whose cursor is further behind than this raises a red alert (default 5 min). */
  lagAlertMs?: number;
}

export interface PullReport {
  outcome: 'stored' | 'failed' | 'revoked' | 'skipped';
  /** Windows wholly stored (the cursor moved to the end of each). */
  windows: number;
  taken: TakeInResult;
  error: string | null;
}

/** A failing connector is tried again after 2×, 4× … its interval, at most a minute later. */
const MAX_BACKOFF_MS = 60_000;
export const DEFAULT_LAG_ALERT_MS = 5 * 60_000;

/**
 * One incremental pull of a connector (issue 27), what the scheduler runs every interval and
 * what a platform's end-to-end test calls: orders modified in [cursor − overlap, now), cut into
 * the platform's widest windows, each paged through and stored before the cursor moves to its
 * end. After downtime (ours or the platform's) the gap is simply a longer range of windows.
 * A failure leaves the cursor where the last stored window ended: the next pull repeats from
 * there, and intake being idempotent, nothing is stored twice.
 */
export async function pullConnector(
  rt: ConnectorRuntime,
  connectorId: string,
): Promise<PullReport> {
  const connector = await loadConnector(rt.db, connectorId);
  if (!connector || connector.status === 'paused' || connector.status === 'revoked')
    return { outcome: 'skipped', windows: 0, taken: emptyTaken(), error: null };
  const now = rt.now();
  const report = await pullRange(rt, connector, null, now);
  await settle(rt, connector, report, now);
  return report;
}

/**
 * Pulls [from, to) again (an admin's replay after a platform's own incident): stored orders are
 * compared and acted on as in any pull; the cursor only ever moves forward.
 */
export async function replayWindow(
  rt: ConnectorRuntime,
  connector: ConnectorRow,
  range: { from: Date; to: Date },
): Promise<PullReport> {
  return pullRange(rt, connector, range, rt.now());
}

async function pullRange(
  rt: ConnectorRuntime,
  connector: ConnectorRow,
  range: { from: Date; to: Date } | null,
  now: Date,
): Promise<PullReport> {
  const taken = emptyTaken();
  let windows = 0;
  try {
    const calls = platformCalls(rt, connector);
    await calls.refreshIfDue();
    const { adapter } = calls;
    const from = range?.from ?? new Date(connector.cursor.getTime() - adapter.overlapMs);
    const end = range?.to ?? now;
    for (let start = from; start < end;) {
      const window = {
        from: start,
        to: new Date(Math.min(start.getTime() + adapter.maxWindowMs, end.getTime())),
      };
      let page: string | null = null;
      do {
        const answer = await calls.call((creds) => adapter.listModified(creds, window, page));
        add(taken, await takeInOrders(rt.db, connector, adapter, answer.orders, rt.now()));
        page = answer.next;
      } while (page !== null);
      await advanceCursor(rt.db, connector.id, window.to);
      windows += 1;
      start = window.to;
    }
    return { outcome: 'stored', windows, taken, error: null };
  } catch (err) {
    const revoked = err instanceof PlatformError && err.kind === 'revoked';
    return { outcome: revoked ? 'revoked' : 'failed', windows, taken, error: describe(err) };
  }
}

/** The connector's calls with its credentials opened; a connector of an unknown platform fails. */
export function platformCalls(rt: ConnectorRuntime, connector: ConnectorRow) {
  const adapter = adapterFor(rt.registry, connector.platform);
  if (!adapter) throw new Error(`no adapter for platform ${connector.platform} in this build`);
  const creds = openCredentials(rt.key, connector.credentials);
  const sleep = rt.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return new PlatformCalls(
    { db: rt.db, key: rt.key, now: rt.now, sleep },
    connector,
    adapter,
    creds,
  );
}

/** Status, counters, next pull and the red alerts after a pull. */
async function settle(
  rt: ConnectorRuntime,
  connector: ConnectorRow,
  report: PullReport,
  now: Date,
) {
  const pulled = report.taken.accepted + report.taken.parked + report.taken.changed;
  const failed = report.outcome !== 'stored';
  const failures = failed ? connector.failures + 1 : 0;
  const waitMs = failed
    ? Math.min(connector.intervalSeconds * 1000 * 2 ** failures, MAX_BACKOFF_MS)
    : connector.intervalSeconds * 1000;
  await rt.db.transaction(async (tx) => {
    await tx
      .update(connectors)
      .set({
        status: report.outcome === 'revoked' ? 'revoked' : failed ? 'failing' : 'active',
        lastPullAt: now,
        ...(failed ? {} : { lastSuccessAt: now }),
        lastError: report.error,
        failures,
        failuresTotal: sql`${connectors.failuresTotal} + ${failed ? 1 : 0}`,
        ordersPulled: sql`${connectors.ordersPulled} + ${pulled}`,
        nextPullAt: new Date(now.getTime() + waitMs),
      })
      .where(eq(connectors.id, connector.id));
    if (report.outcome === 'revoked') {
      await raiseAlert(
        tx,
        {
          warehouseId: connector.warehouseId,
          kind: 'connector-revoked',
          skuId: null,
          orderId: null,
          message: `${connector.name}: the shop withdrew our authorisation, no orders are pulled until it is authorised again (${report.error}) · 店铺授权已失效,请重新授权`,
        },
        now,
      );
    }
  });
  await checkLag(rt, connector.id, now);
}

/** Raises a connector's lag alert once when its cursor falls behind, clears it when caught up. */
export async function checkLag(rt: ConnectorRuntime, connectorId: string, now: Date) {
  const threshold = rt.lagAlertMs ?? DEFAULT_LAG_ALERT_MS;
  await rt.db.transaction(async (tx) => {
    const c = await loadConnector(tx, connectorId);
    if (!c || c.status === 'paused') return;
    const lagMs = now.getTime() - c.cursor.getTime();
    if (lagMs > threshold && !c.lagAlertedAt) {
      const [row] = await tx
        .update(connectors)
        .set({ lagAlertedAt: now })
        .where(sql`${connectors.id} = ${c.id} and ${connectors.lagAlertedAt} is null`)
        .returning({ id: connectors.id });
      if (!row) return;
      await raiseAlert(
        tx,
        {
          warehouseId: c.warehouseId,
          kind: 'connector-lag',
          skuId: null,
          orderId: null,
          message: `${c.name}: orders are ${Math.round(lagMs / 60_000)} min behind the platform (last error: ${c.lastError ?? 'none'}) · 店铺订单拉取延迟`,
        },
        now,
      );
    } else if (lagMs <= threshold && c.lagAlertedAt) {
      await tx.update(connectors).set({ lagAlertedAt: null }).where(eq(connectors.id, c.id));
      await tx.execute(sql`
        update alerts set cleared_at = ${now.toISOString()}::timestamptz
        where warehouse_id = ${c.warehouseId} and kind = 'connector-lag' and cleared_at is null
          and message like ${`${c.name}:%`}`);
    }
  });
}

function describe(err: unknown): string {
  if (err instanceof PlatformError)
    return `${err.kind}${err.platformCode ? ` (${err.platformCode})` : ''}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

function emptyTaken(): TakeInResult {
  return { accepted: 0, parked: 0, refused: 0, changed: 0, unchanged: 0 };
}

function add(sum: TakeInResult, more: TakeInResult) {
  for (const k of Object.keys(sum) as (keyof TakeInResult)[]) sum[k] += more[k];
}
