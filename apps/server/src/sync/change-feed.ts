import { type SQL, sql } from 'drizzle-orm';
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
 * Records changes in the feed (stamped with this transaction's id) and pokes the listeners, in one
 * statement. The lines of one wave and audience changed together go in one row (`line_ids`), so a
 * push of 500 picks writes a row per wave, not per line. NOTIFY is transactional: the poke goes
 * out only if the transaction commits.
 */
export async function recordChanges(tx: Tx, rows: readonly ChangeRow[]): Promise<void> {
  if (rows.length === 0) return;
  await queryRows(tx, sql`with ${changeFeedCtes(rows)} select count(*) from poked`);
}

/**
 * The feed rows and pokes as two common table expressions, `recorded` (the insert) and `poked`
 * (the NOTIFYs: select from it, or they are not sent), for a statement that writes more.
 */
export function changeFeedCtes(rows: readonly ChangeRow[]): SQL {
  const json: FeedRowJson[] = [];
  const lineSets = new Map<string, FeedRowJson>();
  for (const r of rows) {
    if (r.lineId !== null && !r.whole) {
      const key = JSON.stringify([r.warehouseId, r.waveId, r.audienceUserId]);
      const set = lineSets.get(key);
      if (set) {
        set.line_ids.push(r.lineId);
        continue;
      }
      const row = { ...feedRow(r), line_id: null, line_ids: [r.lineId] };
      lineSets.set(key, row);
      json.push(row);
    } else json.push(feedRow(r));
  }
  for (const row of lineSets.values()) {
    if (row.line_ids.length === 1) {
      row.line_id = row.line_ids[0]!;
      row.line_ids = [];
    }
  }
  const byWarehouse = new Map<string, Set<string>>();
  for (const row of rows) {
    const users = byWarehouse.get(row.warehouseId) ?? new Set<string>();
    if (row.audienceUserId) users.add(row.audienceUserId);
    byWarehouse.set(row.warehouseId, users);
  }
  const notices = [...byWarehouse].map(([warehouseId, users]): PokeNotice => ({
    warehouseId,
    userIds: [...users],
  }));
  return sql`
    recorded as (
      insert into changes (warehouse_id, wave_id, line_id, line_ids, whole, audience_user_id)
      select warehouse_id, wave_id, line_id,
             case when jsonb_array_length(line_ids) > 0
                  then array(select jsonb_array_elements_text(line_ids)) end,
             whole, audience_user_id
      from jsonb_to_recordset(${JSON.stringify(json)}::jsonb)
        as r(warehouse_id text, wave_id text, line_id text, line_ids jsonb, whole boolean, audience_user_id text)
    ), poked as (
      select pg_notify(${POKE_CHANNEL}, n)
      from jsonb_array_elements_text(${JSON.stringify(notices.map((n) => JSON.stringify(n)))}::jsonb) n
    )`;
}

interface FeedRowJson {
  warehouse_id: string;
  wave_id: string;
  line_id: string | null;
  line_ids: string[];
  whole: boolean;
  audience_user_id: string | null;
}

function feedRow(r: ChangeRow): FeedRowJson {
  return {
    warehouse_id: r.warehouseId,
    wave_id: r.waveId,
    line_id: r.lineId,
    line_ids: [],
    whole: r.whole ?? false,
    audience_user_id: r.audienceUserId,
  };
}
