import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';

/** Only one instance archives at a time (the others skip that round). */
const ARCHIVE_LOCK = 72_410_004;
const BATCH = 5_000;

/** What one archiving round did. */
export interface ArchiveResult {
  /** Events copied to the archive and removed from `scan_events`. */
  moved: number;
  /**
   * Events found in the archive already, the same event under the same incarnation and seq (a
   * round that copied but whose delete was lost, a restore): the hot copy is removed.
   */
  alreadyArchived: number;
  /**
   * Old events that the archive holds a *different* event for (same id under another seq, or
   * another id under the same seq): left in `scan_events` for a person to look at, and skipped,
   * so they never block the rows behind them.
   */
  conflicts: number;
}

/**
 * Moves scan events received before `cutoff` from `scan_events` to `scan_events_archive`, in
 * batches of 5 000 (each batch one transaction: an event is in exactly one of the two tables at
 * every moment). A row already archived is reconciled instead of failing the batch (see
 * `ArchiveResult`). Returns null when another instance is archiving now.
 */
export async function archiveScanEvents(db: Db, cutoff: Date): Promise<ArchiveResult | null> {
  const total: ArchiveResult = { moved: 0, alreadyArchived: 0, conflicts: 0 };
  const before = cutoff.toISOString();
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const [lock] = await queryRows<{ locked: boolean }>(
        tx,
        sql`select pg_try_advisory_xact_lock(${ARCHIVE_LOCK}) as locked`,
      );
      if (!lock?.locked) return null;
      // One snapshot: `same` sees the archive as it was before `copied` inserts, so a row is
      // counted once, either copied now or found there already.
      const [row] = await queryRows<{ picked: number; moved: number; same: number }>(
        tx,
        sql`
        with picked as (
          select e.* from scan_events e
          where e.received_at < ${before}::timestamptz
            -- Two probes, one per unique key (an OR of them would scan the archive per row).
            and not exists (
              select 1 from scan_events_archive a
              where a.id = e.id and (a.device_id, a.epoch, a.seq) <> (e.device_id, e.epoch, e.seq))
            and not exists (
              select 1 from scan_events_archive a
              where (a.device_id, a.epoch, a.seq) = (e.device_id, e.epoch, e.seq) and a.id <> e.id)
          order by e.received_at limit ${BATCH}
        ), same as (
          select p.id from picked p
          where exists (select 1 from scan_events_archive a
                        where a.id = p.id and (a.device_id, a.epoch, a.seq) = (p.device_id, p.epoch, p.seq))
        ), copied as (
          insert into scan_events_archive (id, device_id, epoch, seq, warehouse_id, user_id, type,
                                           payload, assignment_version_seen, outcome, device_time,
                                           received_at)
          select id, device_id, epoch, seq, warehouse_id, user_id, type, payload,
                 assignment_version_seen, outcome, device_time, received_at
          from picked where id not in (select id from same)
          on conflict do nothing
          returning id
        ), removed as (
          delete from scan_events
          where id in (select id from copied union all select id from same)
          returning 1
        )
        select (select count(*) from picked)::int as picked,
               (select count(*) from copied)::int as moved,
               (select count(*) from same)::int as same,
               (select count(*) from removed)::int as removed`,
      );
      return row!;
    });
    if (batch === null) {
      return total.moved + total.alreadyArchived === 0 ? null : total;
    }
    total.moved += batch.moved;
    total.alreadyArchived += batch.same;
    if (batch.picked < BATCH) break;
  }
  const [left] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from scan_events where received_at < ${before}::timestamptz`,
  );
  total.conflicts = left?.n ?? 0;
  return total;
}

/** Archives on a schedule (and once at start); returns a stop function. */
export function startArchiving(
  db: Db,
  options: {
    retentionMs: number;
    intervalMs: number;
    now: () => Date;
    onArchived: (result: ArchiveResult) => void;
    onError: (err: unknown) => void;
  },
): () => Promise<void> {
  if (options.retentionMs <= 0) return () => Promise.resolve();
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = archiveScanEvents(db, new Date(options.now().getTime() - options.retentionMs)).then(
      (result) => {
        if (result) options.onArchived(result);
      },
      options.onError,
    );
  };
  const first = setTimeout(tick, 5_000);
  const timer = setInterval(tick, options.intervalMs);
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
