import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { POKE_CHANNEL, type PokeNotice } from '../sync/change-feed';

/**
 * Records in the change feed that inbound work (`inboundId`: a notice or a task) changed hands,
 * addressed to each worker whose scope it entered or left (null: the warehouse's leads only), and
 * pokes them. Their next pull says `inboundChanged` and the handheld downloads its inbound work
 * again; a cursor never skips it, as it never skips a wave's change (the same feed and watermark).
 * NOTIFY is transactional: the poke goes out only if the assignment commits.
 */
export async function recordInboundChange(
  tx: Tx,
  warehouseId: string,
  inboundId: string,
  audiences: readonly (string | null)[],
): Promise<void> {
  const users = [...new Set(audiences)];
  const rows = (users.length > 0 ? users : [null]).map((a) => ({
    w: warehouseId,
    i: inboundId,
    a,
  }));
  await tx.execute(sql`
    insert into changes (warehouse_id, inbound_id, audience_user_id)
    select w, i::uuid, a from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(w text, i text, a text)`);
  const notice: PokeNotice = {
    warehouseId,
    userIds: users.filter((u): u is string => u !== null),
  };
  await tx.execute(sql`select pg_notify(${POKE_CHANNEL}, ${JSON.stringify(notice)})`);
}
