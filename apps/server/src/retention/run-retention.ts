import { type SQL, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type Database, queryRows } from '../db/database';
import { type ArchiveResult, archiveScanEvents } from '../ops/archive-scan-events';
import { advanceLedgerCheckpoint } from '../inventory/ledger-checkpoint';
import { raiseAlert } from '../inventory/reserve-stock';
import type { Metrics } from '../ops/metrics';
import { type AfterDelete, type MonthPruned, exportAndPrune } from './export-and-prune';
import { maskPersonalData } from './mask-personal-data';
import {
  PARTITIONED_TABLES,
  carryStockForward,
  ensureMonthPartitions,
  exportAndDropMonths,
  isPartitioned,
} from './partitions';
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
  /** Monthly partitions made (ahead of time, or for rows that waited in a default partition). */
  partitions: string[];
  failures: { table: string; error: string }[];
  /** How long each step took, in ms: `partitions`, `archive`, `mask`, each table, `changes`. */
  timings: Record<string, number>;
}

/**
 * One retention round, under the advisory lock: tick the txid clock, make the coming months'
 * partitions, move old scan events to the archive, mask personal data past its age, export and
 * prune every table under an export-prune policy (a partitioned one by dropping each month wholly
 * past its age; a failed export leaves its table untouched and raises an alert), prune the change
 * feed (raising the horizon first) and the tombstones past their age.
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
      partitions: [],
      failures: [],
      timings: {},
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
  const timings: Record<string, number> = {};
  let stepStarted = performance.now();
  const stepDone = (step: string) => {
    const at = performance.now();
    timings[step] = Math.round(at - stepStarted);
    stepStarted = at;
  };
  await tickTxidClock(db, now);
  const partitions: string[] = [];
  for (const table of PARTITIONED_TABLES) {
    try {
      partitions.push(...(await ensureMonthPartitions(db, table, now, deps.logger)));
    } catch (error) {
      // Inserts still land (the default partition); the rest of the round still runs.
      deps.logger?.error({ table, err: error }, 'retention: months ahead not made');
    }
  }
  stepDone('partitions');
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
  stepDone('archive');
  const masked =
    config.personalData > 0 ? await maskPersonalData(db, ago(config.personalData), now) : 0;
  count('orders', 'masked', masked);
  stepDone('mask');
  const months: MonthPruned[] = [];
  const failures: RetentionRound['failures'] = [];
  for (const [table, policy] of Object.entries(RETENTION_POLICIES) as [string, RetentionPolicy][]) {
    if (policy.kind !== 'export-prune' || config[policy.days] <= 0) continue;
    try {
      const done = isPartitioned(table)
        ? await exportAndDropMonths(db, config.exportDir, table, policy, ago(config[policy.days]), {
            ...(table === 'stock_movements' && { beforeDrop: carryStockForward }),
            ...(deps.logger && { logger: deps.logger }),
          })
        : await exportAndPrune(
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
      stepDone(table);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ table, error: message });
      metrics?.retentionExportFailures.inc({ table });
      deps.logger?.error({ table, err: error }, 'retention export failed: nothing of it pruned');
      stepDone(table);
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
  stepDone('changes');
  // The reconciliation checkpoint moves on with the round (any month dropped has left it).
  await advanceLedgerCheckpoint(db);
  stepDone('ledger-checkpoint');
  return { busy: false, archived, masked, changesPruned, months, partitions, failures, timings };
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
    partitions: round.partitions,
    failures: round.failures,
    ms: round.timings,
  };
}
