import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';
import { evaluateRedAlerts } from './kpis';
import { checkPresaleHolds } from '../holds/presale';

/**
 * Evaluates the red alerts (M2.3) of every warehouse on a timer, so they are raised (once per
 * raise, with their webhook) whether or not a console is open. Returns the function that stops
 * it and waits for a running round.
 */
export function startRedAlertWorker(
  db: Db,
  options: { intervalMs: number; now: () => Date; onError?: (error: unknown) => void },
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const round = async () => {
    const warehouses = await queryRows<{ id: string }>(db, sql`select id from warehouses`);
    for (const { id } of warehouses) await evaluateRedAlerts(db, id, options.now());
    // Issue 21: pre-sale holds are released when their date comes; a later date alerts.
    await checkPresaleHolds(db, options.now());
  };
  const timer = setInterval(() => {
    if (running) return;
    running = round()
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
