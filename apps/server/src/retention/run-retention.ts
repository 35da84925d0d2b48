import { type SQL, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type Database, queryRows } from '../db/database';
import { type ArchiveResult, archiveScanEvents } from '../ops/archive-scan-events';
import { raiseAlert } from '../inventory/reserve-stock';
import type { Metrics } from '../ops/metrics';
import { type AfterDelete, type MonthPruned, exportAndPrune } from './export-and-prune';
import { maskPersonalData } from './mask-personal-data';
import {
  type ExportPrune,
  RETENTION_POLICIES,
  type RetentionConfig,
  type RetentionPolicy,
} from './policies';
import { pruneChangeFeed, tickTxidClock } from './prune-change-feed';

/** Only one server runs a retention round at a time. */
export const RETENTION_LOCK = 72_410_025;
const DAY = 86_400_000;

export interface RetentionDeps {
  database: Pick<Database, 'db' | 'whileHolding'>;
  config: RetentionConfig;
  now: Date;
  metrics?: Metrics;
  logger?: Logger;
}

/** What a round did; `busy` when another server was running one. */
export interface RetentionRound {
  busy: boolean;
  archived: ArchiveResult | null;
  masked: number;
  changesPruned: number;
  months: MonthPruned[];
  failures: { table: string; error: string }[];
}

/**
 * One retention round, under the advisory lock: tick the txid clock, move old scan events to the
 * archive, mask personal data past its age, export and prune every table under an export-prune
 * policy (a failed export leaves its table untouched and raises an alert), prune the change feed
 * (raising the horizon first) and the tombstones past their age.
 */
export async function runRetention(deps: RetentionDeps): Promise<RetentionRound> {
  const round = await deps.database.whileHolding(RETENTION_LOCK, () => oneRound(deps));
  deps.metrics?.retentionRuns.inc({ result: round ? 'done' : 'busy' });
  return (
    round ?? {
      busy: true,
      archived: null,
      masked: 0,
      changesPruned: 0,
      months: [],
      failures: [],
    }
  );
}

async function oneRound(deps: RetentionDeps): Promise<RetentionRound> {
  const { database, config, now, metrics } = deps;
  const { db } = database;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const count = (table: string, action: string, n: number) => {
    if (n > 0) metrics?.retentionRows.inc({ table, action }, n);
  };
  await tickTxidClock(db, now);
  let archived: ArchiveResult | null = null;
  if (config.scanEventsHot > 0) {
    archived = await archiveScanEvents(db, ago(config.scanEventsHot));
    if (archived) {
      metrics?.observeArchive(archived);
      if (archived.alreadyArchived > 0 || archived.conflicts > 0) {
        deps.logger?.warn(archived, 'scan events found in the archive already');
      }
    }
  }
  const masked =
    config.personalData > 0 ? await maskPersonalData(db, ago(config.personalData), now) : 0;
  count('orders', 'masked', masked);
  const months: MonthPruned[] = [];
  const failures: RetentionRound['failures'] = [];
  for (const [table, policy] of Object.entries(RETENTION_POLICIES) as [string, RetentionPolicy][]) {
    if (policy.kind !== 'export-prune' || config[policy.days] <= 0) continue;
    const started = performance.now();
    try {
      const done = await exportAndPrune(
        db,
        config.exportDir,
        table,
        withMasking(table, policy, config),
        ago(config[policy.days]),
        {
          following: followersOf(table),
          ...(AFTER_DELETE[table] && { afterDelete: AFTER_DELETE[table] }),
        },
      );
      for (const month of done) {
        months.push(month);
        for (const file of month.files) count(file.file.split('/')[0]!, 'exported', file.rows);
        count(table, 'pruned', month.pruned);
      }
      deps.logger?.debug({ table, ms: Math.round(performance.now() - started) }, 'retention table');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ table, error: message });
      metrics?.retentionExportFailures.inc({ table });
      deps.logger?.error({ table, err: error }, 'retention export failed: nothing of it pruned');
    }
  }
  await tellExportFailures(database.db, failures, now);
  const changesPruned =
    config.changeFeed > 0 ? await pruneChangeFeed(db, ago(config.changeFeed)) : 0;
  count('changes', 'pruned', changesPruned);
  if (config.orderTombstones > 0) {
    await queryRows(
      db,
      sql`delete from pruned_orders where pruned_at < ${ago(config.orderTombstones).toISOString()}::timestamptz`,
    );
  }
  return { busy: false, archived, masked, changesPruned, months, failures };
}

/**
 * The tables exported and deleted with `parent`'s rows, children first: the reverse of their
 * order in RETENTION_POLICIES (an order's pick lines before its lines).
 */
function followersOf(parent: string): { table: string; via: string }[] {
  return (Object.entries(RETENTION_POLICIES) as [string, RetentionPolicy][])
    .flatMap(([table, p]) =>
      p.kind === 'follows' && p.parent === parent ? [{ table, via: p.via }] : [],
    )
    .reverse();
}

/** With masking on, only masked orders are exported: no file ever holds a consignee in clear. */
function withMasking(table: string, policy: ExportPrune, config: RetentionConfig): ExportPrune {
  if (table !== 'orders' || config.personalData <= 0) return policy;
  return { ...policy, finished: `${policy.finished ?? 'true'} and masked_at is not null` };
}

/** What a table's prune also writes, in the delete's transaction. */
const AFTER_DELETE: Record<string, AfterDelete> = {
  // The compact tombstone of the pushed events' idempotency keys: a replay at or below it is
  // acknowledged, never applied again (push.ts).
  scan_events_archive: (gone: SQL) => sql`, marked as (
      update device_incarnations i set pruned_through_seq = greatest(i.pruned_through_seq, g.seq)
      from (select device_id, epoch, max(seq) as seq from ${gone} group by device_id, epoch) g
      where i.device_id = g.device_id and i.epoch = g.epoch
      returning 1)
    select count(*)::int as n from ${gone}`,
  // Stock stays the sum of its ledger: the pruned rows of each slot are added to its one
  // carried-forward row (the pool trigger skips that reason: nothing entered or left). `ship`
  // rows move no slot (the units left from a picker's hand): they are exported, not carried.
  stock_movements: (gone: SQL, file: string) => sql`, sums as (
      select warehouse_id, bin_id, sku_id, lot, expiry, status, sum(delta)::int as delta, max(at) as at
      from ${gone} where reason <> 'ship' group by warehouse_id, bin_id, sku_id, lot, expiry, status
    ), prior as (
      delete from stock_movements m using sums s
      where m.reason = 'carried-forward' and m.bin_id = s.bin_id and m.sku_id = s.sku_id
        and m.lot is not distinct from s.lot and m.expiry is not distinct from s.expiry
        and m.status = s.status
      returning m.bin_id, m.sku_id, m.lot, m.expiry, m.status, m.delta, m.at
    ), carried as (
      insert into stock_movements (warehouse_id, bin_id, sku_id, lot, expiry, status, delta, reason, note, at)
      select s.warehouse_id, s.bin_id, s.sku_id, s.lot, s.expiry, s.status,
             s.delta + coalesce(p.delta, 0), 'carried-forward',
             ${`movements before this row are in the export files (last: ${file})`},
             greatest(s.at, p.at)
      from sums s
      left join (select bin_id, sku_id, lot, expiry, status, sum(delta)::int as delta, max(at) as at
                 from prior group by bin_id, sku_id, lot, expiry, status) p
        on p.bin_id = s.bin_id and p.sku_id = s.sku_id and p.lot is not distinct from s.lot
       and p.expiry is not distinct from s.expiry and p.status = s.status
      returning 1)
    select count(*)::int as n from ${gone}`,
  // The trace of a pruned order says where it went.
  orders: (gone: SQL, file: string) => sql`, kept as (
      insert into pruned_orders (id, warehouse_id, channel, channel_order_id, created_at, file)
      select id, warehouse_id, channel, channel_order_id, created_at, ${file} from ${gone}
      on conflict (id) do nothing
      returning 1)
    select count(*)::int as n from ${gone}`,
};

/**
 * A failed export raises a `retention-export` alert in every warehouse (once, until a round
 * exports everything again, which clears it): the alerts the console and webhooks already tell.
 */
async function tellExportFailures(
  db: Database['db'],
  failures: RetentionRound['failures'],
  now: Date,
) {
  if (failures.length === 0) {
    await queryRows(
      db,
      sql`update alerts set cleared_at = ${now.toISOString()}::timestamptz
          where kind = 'retention-export' and cleared_at is null`,
    );
    return;
  }
  const message =
    `Retention: the export of ${failures.map((f) => f.table).join(', ')} failed, so nothing of ` +
    `it was pruned (${failures[0]!.error}). Check RETENTION_EXPORT_DIR and the server log.`;
  const quiet = await queryRows<{ id: string }>(
    db,
    sql`select w.id from warehouses w
        where not exists (select 1 from alerts a where a.warehouse_id = w.id
                          and a.kind = 'retention-export' and a.cleared_at is null)
        order by w.id`,
  );
  // As every alert: stored for the console and sent to webhook subscribers (alert.raised).
  await db.transaction(async (tx) => {
    for (const { id } of quiet) {
      await raiseAlert(
        tx,
        { warehouseId: id, kind: 'retention-export', skuId: null, orderId: null, message },
        now,
      );
    }
  });
}

/** Runs retention on a schedule (first a minute after start); returns a stop function. */
export function startRetention(
  deps: Omit<RetentionDeps, 'now'> & {
    intervalMs: number;
    now: () => Date;
    /** Before the first round (default a minute: the server is up and serving first). */
    firstDelayMs?: number;
    /** Told after each round that ran or found another server running one. */
    onRound?: (round: RetentionRound) => void;
  },
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runRetention({ ...deps, now: deps.now() })
      .then((round) => {
        if (!round.busy) deps.logger?.info(summary(round), 'retention round');
        deps.onRound?.(round);
      })
      .catch((err: unknown) => {
        deps.metrics?.retentionRuns.inc({ result: 'failed' });
        deps.logger?.error({ err }, 'retention round failed');
      })
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, deps.firstDelayMs ?? 60_000);
  const timer = setInterval(tick, deps.intervalMs);
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}

function summary(round: RetentionRound) {
  return {
    archived: round.archived?.moved ?? 0,
    masked: round.masked,
    changesPruned: round.changesPruned,
    months: round.months.map((m) => `${m.table} ${m.month}: ${m.pruned}`),
    failures: round.failures,
  };
}
