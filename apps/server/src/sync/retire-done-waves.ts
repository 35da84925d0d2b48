import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';
import { recordChanges } from './change-feed';

/** How long a done wave stays on devices: the rest of the shift it was finished in. */
export const DONE_WAVE_SHIFT_MS = 12 * 3_600_000;

/**
 * Takes the waves done more than a shift before `now` out of every device's scope: sets
 * `left_scope_at` and writes the change-feed row in one transaction, so a device hears of it at
 * its next pull (`removedWaves`, reason `finished`) and drops the wave and its lines. Returns
 * how many left.
 */
export async function retireDoneWaves(db: Db, now: Date, shiftMs = DONE_WAVE_SHIFT_MS) {
  return db.transaction(async (tx) => {
    const left = await queryRows<{
      id: string;
      warehouseId: string;
      assignedUserId: string | null;
    }>(
      tx,
      sql`
      update waves set left_scope_at = ${now.toISOString()}::timestamptz
      where id in (select id from waves
                   where status = 'done' and left_scope_at is null
                     and done_at < ${new Date(now.getTime() - shiftMs).toISOString()}::timestamptz
                   order by done_at limit 1000
                   for update skip locked)
      returning id, warehouse_id as "warehouseId", assigned_user_id as "assignedUserId"`,
    );
    await recordChanges(
      tx,
      left.map((w) => ({
        warehouseId: w.warehouseId,
        waveId: w.id,
        lineId: null,
        audienceUserId: w.assignedUserId,
      })),
    );
    return left.length;
  });
}

/** Runs `retireDoneWaves` on a timer; returns the function that stops it. */
export function startDoneWaveRetirement(
  db: Db,
  options: { intervalMs: number; now: () => Date; onError?: (error: unknown) => void },
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = retireDoneWaves(db, options.now())
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = null;
      });
  }, options.intervalMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
