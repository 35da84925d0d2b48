import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';

/**
 * A change to record: one line, or a wave (`lineId` null) — with `whole`, all its lines too
 * (a wave that enters someone's scope must arrive complete).
 */
export interface ChangeRow {
  warehouseId: string;
  waveId: string;
  lineId: string | null;
  whole?: boolean;
  audienceUserId: string | null;
}

export const POKE_CHANNEL = 'wms_pokes';

/** What a poke says: which warehouse changed and which pickers' scopes. */
export interface PokeNotice {
  warehouseId: string;
  userIds: string[];
}

/**
 * Records changes in the feed (stamped with this transaction's id) and pokes the listeners.
 * NOTIFY is transactional: the poke goes out only if the transaction commits.
 */
export async function recordChanges(tx: Tx, rows: readonly ChangeRow[]): Promise<void> {
  if (rows.length === 0) return;
  const json = rows.map((r) => ({
    warehouse_id: r.warehouseId,
    wave_id: r.waveId,
    line_id: r.lineId,
    whole: r.whole ?? false,
    audience_user_id: r.audienceUserId,
  }));
  await tx.execute(sql`
    insert into changes (warehouse_id, wave_id, line_id, whole, audience_user_id)
    select warehouse_id, wave_id, line_id, whole, audience_user_id
    from jsonb_to_recordset(${JSON.stringify(json)}::jsonb)
      as r(warehouse_id text, wave_id text, line_id text, whole boolean, audience_user_id text)`);
  const byWarehouse = new Map<string, Set<string>>();
  for (const row of rows) {
    const users = byWarehouse.get(row.warehouseId) ?? new Set<string>();
    if (row.audienceUserId) users.add(row.audienceUserId);
    byWarehouse.set(row.warehouseId, users);
  }
  for (const [warehouseId, users] of byWarehouse) {
    const notice: PokeNotice = { warehouseId, userIds: [...users] };
    await queryRows(tx, sql`select pg_notify(${POKE_CHANNEL}, ${JSON.stringify(notice)})`);
  }
}
