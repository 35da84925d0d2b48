import type { PickerStatus } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Db, type Tx, queryRows } from '../db/database';

interface Row {
  userId: string;
  name: string;
  waveCodes: string[] | null;
  currentBin: string | null;
  lastPickAt: Date | string | null;
  lastSeenAt: Date | string | null;
  backlog: number | null;
}

/**
 * The pickers of a warehouse (or some of them) as their devices report them: waves held, bin of
 * the last stored pick, last seen, and the unsynced backlog of their devices' current lives
 * (what each device says it has allocated minus what the server has stored).
 */
export async function pickerStatuses(
  db: Db | Tx,
  warehouseId: string,
  userIds?: readonly string[],
): Promise<PickerStatus[]> {
  const only = userIds
    ? sql`and u.id in (select jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb))`
    : sql``;
  const rows = await queryRows<Row>(
    db,
    sql`
    select u.id as "userId", u.name,
      (select json_agg(w.code order by w.code) from waves w
        where w.assigned_user_id = u.id and w.status in ('open', 'picking')) as "waveCodes",
      last_pick.bin as "currentBin", last_pick.at as "lastPickAt",
      seen.last_seen_at as "lastSeenAt", seen.backlog
    from users u
    left join lateral (
      select e.payload->>'binCode' as bin, e.device_time as at from scan_events e
      where e.user_id = u.id and e.type = 'pick@1'
      order by e.device_time desc, e.seq desc limit 1
    ) last_pick on true
    left join lateral (
      select max(i.last_seen_at) as last_seen_at,
             sum(greatest(i.highest_local_seq - i.last_seq, 0))::int as backlog
      from device_incarnations i join devices d on d.id = i.device_id and d.current_epoch = i.epoch
      where i.last_user_id = u.id and d.revoked_at is null
    ) seen on true
    where u.warehouse_id = ${warehouseId} and u.role = 'picker' and u.active ${only}
    order by u.name`,
  );
  return rows.map((r) => ({
    userId: r.userId,
    name: r.name,
    waveCodes: r.waveCodes ?? [],
    currentBin: r.currentBin,
    lastPickAt: iso(r.lastPickAt),
    lastSeenAt: iso(r.lastSeenAt),
    backlog: r.backlog ?? 0,
  }));
}

export function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
