import type { DeviceSummary } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';

type Row = Omit<DeviceSummary, 'createdAt' | 'revokedAt' | 'lastSeenAt'> & {
  createdAt: string | Date;
  revokedAt: string | Date | null;
  lastSeenAt: string | Date | null;
};

const iso = (t: string | Date | null) => (t === null ? null : new Date(t).toISOString());

/** The handhelds of one warehouse, active first, with their current incarnation's backlog. */
export async function listDevices(db: Db, warehouseId: string): Promise<DeviceSummary[]> {
  const rows = await queryRows<Row>(
    db,
    sql`
    select d.id, d.label, d.warehouse_id as "warehouseId", d.current_epoch as epoch,
           d.created_at as "createdAt", d.revoked_at as "revokedAt", i.last_seen_at as "lastSeenAt",
           u.name as "lastUserName",
           greatest(coalesce(i.highest_local_seq, 0) - coalesce(i.last_seq, 0), 0)::int as backlog
    from devices d
    left join device_incarnations i on i.device_id = d.id and i.epoch = d.current_epoch
    left join users u on u.id = i.last_user_id
    where d.warehouse_id = ${warehouseId}
    order by (d.revoked_at is not null), d.label, d.id`,
  );
  return rows.map((r) => ({
    ...r,
    createdAt: iso(r.createdAt)!,
    revokedAt: iso(r.revokedAt),
    lastSeenAt: iso(r.lastSeenAt),
  }));
}
