import { type SQL, sql } from 'drizzle-orm';

/**
 * Units of expired lots in the bins of pool row `pool` (a table alias or name): still physical
 * (on the shelf until someone writes them off or quarantines them), never available (issue 16).
 * A lot is expired from the day after its expiry (the expiry day itself is still good, as at the
 * pick). An SQL expression, so that a reservation's conditional update checks the same
 * `available` the readers show.
 *
 * @example sql`select physical - ${expiredUnits('p', now)} from inventory_pool p`
 */
export function expiredUnits(pool: string, now: Date): SQL {
  const today = now.toISOString().slice(0, 10);
  return sql`(select coalesce(sum(s.qty), 0)::int from stock s
    where s.warehouse_id = ${sql.raw(pool)}.warehouse_id and s.sku_id = ${sql.raw(pool)}.sku_id
      and s.status = 'available' and s.expiry < ${today}::date)`;
}
