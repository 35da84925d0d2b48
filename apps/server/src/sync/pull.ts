import type { PickLine, PullResponse, RemovedWave, Wave } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { assertDeviceCurrent } from '../auth/reject-revoked-devices';
import type { Session } from '../auth/session-token';
import { type Db, type Tx, queryRows, queryRowsPrepared } from '../db/database';
import { decodeCursor, encodeCursor } from './pull-cursor';
import { changesInScope, scopeKey, scopeOf, wavesInScope } from './pull-scope';
import { SERVABLE_HORIZON } from './servable-horizon';
import { type DeviceSeenRow, deviceSeenIsStale, reportDeviceSeen } from './report-device-seen';

export const PULL_PAGE_SIZE = 1000;

/**
 * The changes in the caller's scope since `cursorText`, read in one statement (one snapshot),
 * after checking that the caller's device is neither revoked nor superseded.
 *
 * The cursor cannot skip a late-committing transaction: every change row carries its writer's
 * `pg_current_xact_id()`, and only rows written by transactions below the horizon (the snapshot's
 * xmin, leaving out other databases' transactions: `SERVABLE_HORIZON`) are served: all of those
 * have finished, so their rows are visible now or never. A transaction that is still running
 * holds the horizon down until it ends, and its rows are served on a later pull.
 */
export async function pullChanges(
  db: Db,
  session: Session,
  cursorText: string | undefined,
  pageSize = PULL_PAGE_SIZE,
): Promise<PullResponse> {
  return (await pullWithDeviceRow(db, session, cursorText, pageSize)).response;
}

/**
 * A pull that also records that the device was heard from (and how far its seqs have got), as
 * every pull does: written only when that changes what is stored, or the last sighting is older
 * than SEEN_RESOLUTION_MS, read from the pull's own snapshot (no extra statement otherwise).
 * With a `heldBack` answer comes `heldTxid`: the transaction id of the oldest change held back,
 * servable once the oldest open transaction is younger than it (xmin above it).
 */
export async function pullAndReportSeen(
  db: Db,
  session: Session,
  cursorText: string | undefined,
  highestLocalSeq: number | undefined,
  now: Date,
): Promise<{ response: PullResponse; heldTxid: string | null }> {
  const { response, device, heldTxid } = await pullWithDeviceRow(
    db,
    session,
    cursorText,
    PULL_PAGE_SIZE,
  );
  if (device && deviceSeenIsStale(device, session, highestLocalSeq, now)) {
    await reportDeviceSeen(db, session, highestLocalSeq, now);
  }
  return { response, heldTxid };
}

/** What the one statement of a pull returns (a single row). */
interface PullRow {
  xmin: string;
  knownDevice: boolean;
  currentEpoch: number | null;
  revokedAt: Date | string | null;
  hasDevice: boolean;
  lastSeq: number | null;
  lastSeenAt: Date | string | null;
  lastUserId: string | null;
  highestLocalSeq: number | null;
  /** The oldest change of this scope that this snapshot sees but may not serve yet (xmin rule). */
  heldTxid: string | null;
  /** This device's first event written at or above xmin. */
  firstUnserved: number | null;
  /** Feed rows read (up to a page and one) and served (the page). */
  fetched: number;
  served: number;
  lastTxid: string | null;
  lastId: string | number | null;
  /** This device's first event written at or above the page's last txid (when there is more). */
  firstUnservedAfterPage: number | null;
  pageWaveIds: string[] | null;
  /** The page holds an inbound change (work given to or taken from this scope's picker). */
  inboundChanged: boolean;
  /** The cursor is below the pruned change feed's horizon (retention): the device must reset. */
  cursorPruned: boolean | null;
  waves: WaveRow[] | null;
  lines: PickLine[] | null;
}

/**
 * The pull in ONE statement, hence one snapshot and one round trip (it was ten: a device check,
 * a seen-write, BEGIN, SET TRANSACTION, six reads, COMMIT): the snapshot's xmin, the device's
 * rows, whether changes of this scope are held back behind an open transaction, the feed page
 * after the cursor (below xmin, cut after `pageSize` changes as `pageOf` did), and the state it
 * names: the page's waves still in scope, and their lines (all of them for a wave sent whole).
 * Only waves that left the scope take a second statement (`selectRemoved`).
 */
async function pullWithDeviceRow(
  db: Db,
  session: Session,
  cursorText: string | undefined,
  pageSize: number,
): Promise<{ response: PullResponse; device: DeviceSeenRow | null; heldTxid: string | null }> {
  const scope = scopeOf(session);
  const key = scopeKey(scope);
  const cursor = decodeCursor(cursorText, key);
  const ofThisDevice = sql`e.device_id = ${session.deviceId} and e.epoch = ${session.epoch}`;
  const [pulled] = await queryRowsPrepared<PullRow>(
    db,
    sql`
    with s as ${SERVABLE_HORIZON},
    fetched as (
      select c.txid, c.id, c.wave_id, c.line_id, c.line_ids, c.whole, c.inbound_id
      from changes c, s
      where ${cursor ? sql`true` : sql`false`}
        and ${changesInScope(scope)}
        and (c.txid, c.id) > (${cursor?.txid ?? '0'}::xid8, ${cursor?.id ?? 0})
        and c.txid < s.xmin
      order by c.txid, c.id
      limit ${pageSize + 1}
    ),
    counted as (
      select f.*, sum(coalesce(cardinality(f.line_ids), 1)) over (
               order by f.txid, f.id rows between unbounded preceding and 1 preceding) as before
      from fetched f
    ),
    page as (select * from counted where before is null or before < ${pageSize}),
    last as (select txid, id from page order by txid desc, id desc limit 1),
    kept as (
      select w.id from waves w
      where ${cursor ? sql`w.id in (select wave_id from page)` : sql`true`} and ${wavesInScope(scope)}
    ),
    whole as (
      select distinct p.wave_id from page p join kept k on k.id = p.wave_id where p.whole
    ),
    named as (
      select distinct unnest(case when p.line_ids is not null then p.line_ids
                                  when p.line_id is not null then array[p.line_id]
                                  else '{}'::text[] end) as id
      from page p join kept k on k.id = p.wave_id
      where p.wave_id not in (select wave_id from whole)
    )
    select s.xmin::text as xmin,
           d.id is not null as "knownDevice", d.current_epoch as "currentEpoch",
           d.revoked_at as "revokedAt",
           i.device_id is not null as "hasDevice", i.last_seq as "lastSeq",
           i.last_seen_at as "lastSeenAt", i.last_user_id as "lastUserId",
           i.highest_local_seq as "highestLocalSeq",
           ${
             cursor
               ? sql`(select min(c.txid)::text from changes c
                       where ${changesInScope(scope)} and c.txid >= s.xmin)`
               : sql`null::text`
           } as "heldTxid",
           ${
             cursor
               ? sql`(select min(e.seq) from scan_events e where ${ofThisDevice} and e.txid >= s.xmin)`
               : sql`null::int`
           } as "firstUnserved",
           (select count(*) from fetched)::int as fetched,
           (select count(*) from page)::int as served,
           (select l.txid::text from last l) as "lastTxid",
           (select l.id::int8 from last l) as "lastId",
           (select min(e.seq) from scan_events e
             where ${ofThisDevice} and e.txid >= (select l.txid from last l)) as "firstUnservedAfterPage",
           (select json_agg(distinct p.wave_id) from page p where p.wave_id is not null) as "pageWaveIds",
           exists (select 1 from page p where p.inbound_id is not null) as "inboundChanged",
           ${
             cursor
               ? sql`(select ${cursor.txid}::xid8 < h.below_txid from retention_horizons h
                       where h.name = 'changes')`
               : sql`null::boolean`
           } as "cursorPruned",
           (select json_agg(x order by x."createdAt", x.id) from (
             select w.id, w.code, w.warehouse_id as "warehouseId", w.status,
                    w.assigned_user_id as "assignedUserId",
                    w.assignment_version as "assignmentVersion", w.created_at as "createdAt"
             from waves w where w.id in (select id from kept)) x) as waves,
           (select json_agg(y order by y."pathSeq", y."binCode", y.id) from (
             select pl.id, pl.wave_id as "waveId", pl.order_id as "orderId", pl.sku_id as "skuId",
                    s.name as "skuName", s.name_zh as "skuNameZh",
                    coalesce((select json_agg(sb.barcode order by sb.barcode)
                              from sku_barcodes sb where sb.sku_id = pl.sku_id), '[]'::json) as barcodes,
                    s.image_url as "imageUrl", b.code as "binCode", b.path_seq as "pathSeq",
                    pl.qty, pl.picked_qty as "pickedQty", pl.status, pl.note,
                    b.check_digits as "checkDigits", s.lot_tracked as "lotTracked",
                    pl.lot, to_char(pl.expiry, 'YYYY-MM-DD') as expiry
             from pick_lines pl
             join skus s on s.id = pl.sku_id
             join bins b on b.id = pl.bin_id
             where ${
               cursor
                 ? // One list of ids, not an OR of two: with the OR, every line was scanned.
                   sql`pl.id in (select l.id from pick_lines l where l.wave_id in (select wave_id from whole)
                                 union select id from named)`
                 : sql`pl.wave_id in (select id from kept)`
             }) y) as lines
    from s
    left join devices d on d.id = ${session.deviceId}
    left join device_incarnations i
      on i.device_id = ${session.deviceId} and i.epoch = ${session.epoch}`,
  );
  // The statement selects from a one-row CTE: it always returns exactly one row.
  const row = pulled!;
  // The revoked-device check of every request (see rejectRevokedDevices), done here.
  assertDeviceCurrent(
    row.knownDevice ? { currentEpoch: row.currentEpoch!, revokedAt: row.revokedAt } : null,
    session.epoch,
  );
  // Older than the pruned feed: what it missed may be gone, so it gets its scope afresh.
  if (row.cursorPruned) return pullWithDeviceRow(db, session, undefined, pageSize);
  const { xmin } = row;
  const lastSeq = row.lastSeq ?? 0;
  const device: DeviceSeenRow | null = row.hasDevice
    ? {
        lastSeenAt: row.lastSeenAt,
        lastUserId: row.lastUserId,
        highestLocalSeq: row.highestLocalSeq ?? 0,
      }
    : null;
  const waves = (row.waves ?? []).map((w) => ({
    ...w,
    createdAt: new Date(w.createdAt).toISOString(),
  }));
  const lines = row.lines ?? [];
  if (!cursor) {
    const response: PullResponse = {
      cursor: encodeCursor({ txid: xmin, id: 0, scopeKey: key }),
      hasMore: false,
      reset: true,
      ackedThroughSeq: lastSeq,
      waves,
      lines,
      removedWaves: [],
    };
    return { response, device, heldTxid: null };
  }
  const hasMore = row.fetched > row.served;
  const next =
    hasMore && row.lastTxid !== null
      ? { txid: row.lastTxid, id: Number(row.lastId) }
      : { txid: xmin, id: 0 };
  // With more to come, what was served ends at the page's last txid; else at xmin. Rows at or
  // above xmin that this snapshot sees have committed behind an older open transaction: say
  // so (`heldBack`), or a device poked for them would wait for its next timer.
  const ackedThroughSeq = throughFirstUnserved(
    lastSeq,
    hasMore ? row.firstUnservedAfterPage : row.firstUnserved,
  );
  const kept = new Set(waves.map((w) => w.id));
  const removedWaves = await selectRemoved(
    db,
    session,
    (row.pageWaveIds ?? []).filter((id) => !kept.has(id)),
  );
  const response: PullResponse = {
    cursor: encodeCursor({ ...next, scopeKey: key }),
    hasMore,
    reset: false,
    ackedThroughSeq,
    waves,
    lines,
    removedWaves,
    heldBack: !hasMore && row.heldTxid !== null,
    ...(row.inboundChanged && { inboundChanged: true }),
  };
  return { response, device, heldTxid: hasMore ? null : row.heldTxid };
}

const throughFirstUnserved = (lastSeq: number, firstUnserved: number | null) =>
  firstUnserved == null ? lastSeq : Math.min(lastSeq, firstUnserved - 1);

interface WaveRow extends Omit<Wave, 'createdAt'> {
  createdAt: Date | string;
}

/**
 * Waves that left the caller's scope, with the number of picks this device's user made on each
 * that the server stored (all kept and credited to them, sync rule 4).
 */
async function selectRemoved(tx: Tx, session: Session, waveIds: string[]): Promise<RemovedWave[]> {
  if (waveIds.length === 0) return [];
  const rows = await queryRows<{
    id: string;
    status: string;
    assignedTo: string | null;
    keptPicks: number;
    finished: boolean;
  }>(
    tx,
    sql`
    select w.id, w.status, u.name as "assignedTo",
      (w.left_scope_at is not null and w.status = 'done') as finished,
      (select count(*)::int from scan_events e
        where e.device_id = ${session.deviceId} and e.epoch = ${session.epoch}
          and e.user_id = ${session.userId} and e.type = 'pick@1'
          and e.payload->>'waveId' = w.id) as "keptPicks"
    from waves w left join users u on u.id = w.assigned_user_id
    where w.id in (select jsonb_array_elements_text(${JSON.stringify(waveIds)}::jsonb))`,
  );
  return rows.map((w) => ({
    waveId: w.id,
    reason: removalReason(w),
    assignedTo: w.status === 'cancelled' || w.finished ? null : w.assignedTo,
    keptPicks: w.keptPicks,
  }));
}

/** Why a wave left a device: cancelled, done a shift ago (`finished`), or given to someone else. */
function removalReason(w: { status: string; assignedTo: string | null; finished: boolean }) {
  if (w.status === 'cancelled') return 'cancelled' as const;
  if (w.finished) return 'finished' as const;
  return w.assignedTo ? ('reassigned' as const) : ('unassigned' as const);
}
