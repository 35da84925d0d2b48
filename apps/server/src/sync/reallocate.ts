import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import type { ShortedLine } from './apply-short';

export interface Reallocation {
  lines: { id: string; binId: string; qty: number }[];
  /** Units no bin could cover. */
  unfilled: number;
}

/**
 * Finds other bins of the warehouse with free stock of the SKU (stock less what open lines
 * already claim) and splits `qty` over them: bins still ahead on the walk first, in path order,
 * then bins behind. New line ids derive from the shorted line, so they are stable and traceable.
 * Stock rows are read, not locked: picks lock lines then stock, and a second lock order here
 * could deadlock concurrent pushes. Two shorts racing for the same free units can over-allocate;
 * the later picker then meets an empty bin and reports another short, which moves on again.
 */
export async function reallocate(tx: Tx, line: ShortedLine, qty: number): Promise<Reallocation> {
  const candidates = await queryRows<{ binId: string; free: number }>(
    tx,
    sql`
    select s.bin_id as "binId",
           (s.qty - coalesce((select sum(pl.qty - pl.picked_qty) from pick_lines pl
                              where pl.bin_id = s.bin_id and pl.sku_id = s.sku_id
                                and pl.status = 'open'), 0))::int as free
    from stock s
    join bins b on b.id = s.bin_id
    where s.warehouse_id = ${line.warehouseId} and s.sku_id = ${line.skuId}
      and s.bin_id <> ${line.binId}
    order by (b.path_seq >= ${line.pathSeq}) desc, b.path_seq, b.code`,
  );
  const lines: Reallocation['lines'] = [];
  let left = qty;
  for (const bin of candidates) {
    if (left === 0) break;
    const take = Math.min(left, bin.free);
    if (take <= 0) continue;
    lines.push({ id: `${line.id}-R${lines.length + 1}`, binId: bin.binId, qty: take });
    left -= take;
  }
  return { lines, unfilled: left };
}
