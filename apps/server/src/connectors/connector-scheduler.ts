import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/database';
import { type ConnectorRow, loadConnector } from './connector-store';
import { PlatformError } from './platform';
import { pushChannelStock } from './push-stock';
import { deliverDueShipments } from './confirm-shipments';
import { type ConnectorRuntime, type PullReport, pullConnector } from './pull-connector';

/** Connectors pulled per scheduler pass; the rest are due again at the next pass. */
const PER_PASS = 20;

/**
 * The advisory lock of one connector: two server processes never pull (or confirm for) the same
 * connector at once. The id's hash, in its own range beside the other locks (7243…).
 */
export function connectorLockKey(connectorId: string): number {
  const h = createHash('sha256').update(connectorId).digest().readUIntBE(0, 5);
  return 7243 * 2 ** 40 + h;
}

/**
 * Pulls every active (or failing) connector whose next pull is due, each under its lock; a
 * connector another process holds is left to it. Checked again under the lock, so a process that
 * read the list just before another finished does not pull the same range twice.
 */
export async function pullDueConnectors(
  database: Pick<Database, 'whileHolding'>,
  rt: ConnectorRuntime,
): Promise<PullReport[]> {
  const due = await queryRows<{ id: string }>(
    rt.db,
    sql`select id from connectors where status in ('active', 'failing')
          and next_pull_at <= ${rt.now().toISOString()}::timestamptz
        order by next_pull_at limit ${PER_PASS}`,
  );
  const reports: PullReport[] = [];
  for (const { id } of due) {
    const report = await database.whileHolding(connectorLockKey(id), async () => {
      const c = await loadConnector(rt.db, id);
      if (!c || c.nextPullAt > rt.now()) return null;
      const pulled = await pullConnector(rt, id);
      if (pulled.outcome === 'stored') await pushStockQuietly(rt, c);
      return pulled;
    });
    if (report) reports.push(report);
  }
  return reports;
}

/**
 * Stock goes out after each good pull (the connector's interval batches the changes); a push
 * the platform refuses or cannot take now is sent again after the next pull, as the quantities
 * it holds were not recorded as told.
 */
async function pushStockQuietly(rt: ConnectorRuntime, connector: ConnectorRow) {
  try {
    await pushChannelStock(rt, connector);
  } catch (err) {
    if (!(err instanceof PlatformError)) throw err;
  }
}

/**
 * The connectors' background round in the server: due pulls and due shipment confirmations
 * every `tickMs` (a connector's own interval decides when it is due). Returns the stop function,
 * which waits for the pass under way.
 */
export function startConnectorScheduler(
  database: Pick<Database, 'whileHolding'>,
  rt: ConnectorRuntime,
  options: { tickMs: number; onError: (error: unknown) => void },
): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    try {
      await pullDueConnectors(database, rt);
      await deliverDueShipments(rt);
    } catch (error) {
      options.onError(error);
    }
    if (!stopped) schedule();
  };
  const schedule = () => {
    timer = setTimeout(() => {
      running = pass();
    }, options.tickMs);
  };
  schedule();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
