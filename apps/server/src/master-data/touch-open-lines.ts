import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { recordChanges } from '../sync/change-feed';

/**
 * Handhelds hold the bin (code, check digits, path sequence) and the SKU (names, barcodes,
 * picture, lot tracking) inside each pick line they were sent. When an admin edits a bin or a
 * SKU, every line not yet picked that uses it is put in the change feed again, addressed to its
 * wave's assignee, so the devices that hold it pull the new values (and get a poke).
 */
export async function touchOpenLines(
  tx: Tx,
  where: { binIds?: readonly string[]; skuIds?: readonly string[] },
): Promise<number> {
  const binIds = JSON.stringify(where.binIds ?? []);
  const skuIds = JSON.stringify(where.skuIds ?? []);
  const lines = await queryRows<{
    lineId: string;
    waveId: string;
    warehouseId: string;
    assignee: string | null;
  }>(
    tx,
    sql`
    select pl.id as "lineId", pl.wave_id as "waveId", pl.warehouse_id as "warehouseId",
           w.assigned_user_id as assignee
    from pick_lines pl join waves w on w.id = pl.wave_id
    where pl.status = 'open' and w.status in ('open', 'picking')
      and (pl.bin_id in (select jsonb_array_elements_text(${binIds}::jsonb))
        or pl.sku_id in (select jsonb_array_elements_text(${skuIds}::jsonb)))`,
  );
  await recordChanges(
    tx,
    lines.map((l) => ({
      warehouseId: l.warehouseId,
      waveId: l.waveId,
      lineId: l.lineId,
      audienceUserId: l.assignee,
    })),
  );
  return lines.length;
}
