import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';

/** Only one instance archives at a time (the others skip that round). */
const ARCHIVE_LOCK = 72_410_004;
const BATCH = 5_000;

/**
 * Moves scan events received before `cutoff` from `scan_events` to `scan_events_archive`, in
 * batches of 5 000 (each batch one transaction: an event is in exactly one of the two tables at
 * every moment). Returns how many moved, or null when another instance is archiving now.
 */
export async function archiveScanEvents(db: Db, cutoff: Date): Promise<number | null> {
  let moved = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const [lock] = await queryRows<{ locked: boolean }>(
        tx,
        sql`select pg_try_advisory_xact_lock(${ARCHIVE_LOCK}) as locked`,
      );
      if (!lock?.locked) return null;
      const rows = await queryRows<{ n: number }>(
        tx,
        sql`
        with moved as (
          delete from scan_events
          where id in (select id from scan_events where received_at < ${cutoff.toISOString()}::timestamptz
                       order by received_at limit ${BATCH})
          returning id, device_id, epoch, seq, warehouse_id, user_id, type, payload,
                    assignment_version_seen, outcome, device_time, received_at
        ), stored as (
          insert into scan_events_archive (id, device_id, epoch, seq, warehouse_id, user_id, type,
                                           payload, assignment_version_seen, outcome, device_time,
                                           received_at)
          select * from moved
          returning 1
        )
        select count(*)::int as n from stored`,
      );
      return rows[0]?.n ?? 0;
    });
    if (batch === null) return moved === 0 ? null : moved;
    moved += batch;
    if (batch < BATCH) return moved;
  }
}

/** Archives on a schedule (and once at start); returns a stop function. */
export function startArchiving(
  db: Db,
  options: {
    retentionMs: number;
    intervalMs: number;
    now: () => Date;
    onArchived: (moved: number) => void;
    onError: (err: unknown) => void;
  },
): () => Promise<void> {
  if (options.retentionMs <= 0) return () => Promise.resolve();
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = archiveScanEvents(db, new Date(options.now().getTime() - options.retentionMs)).then(
      (moved) => {
        if (moved) options.onArchived(moved);
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
