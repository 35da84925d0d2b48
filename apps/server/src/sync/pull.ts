import type { PickLine, PullResponse, RemovedWave, Wave } from '@wms/protocol';
import { type SQL, sql } from 'drizzle-orm';
import { assertDeviceCurrent } from '../auth/reject-revoked-devices';
import type { Session } from '../auth/session-token';
import { type Db, type Tx, queryRows } from '../db/database';
import { decodeCursor, encodeCursor } from './pull-cursor';
import { changesInScope, type PullScope, scopeKey, scopeOf, wavesInScope } from './pull-scope';
import { type DeviceSeenRow, deviceSeenIsStale, reportDeviceSeen } from './report-device-seen';

export const PULL_PAGE_SIZE = 1000;

/**
 * The changes in the caller's scope since `cursorText`, read in one REPEATABLE READ snapshot,
 * after checking that the caller's device is neither revoked nor superseded.
 *
 * The cursor cannot skip a late-committing transaction: every change row carries its writer's
 * `pg_current_xact_id()`, and only rows written by transactions below the snapshot's xmin (all of
 * which have finished, so their rows are visible now or never) are served. A transaction that is
 * still running holds xmin down until it ends, and its rows are served on a later pull.
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
 */
export async function pullAndReportSeen(
  db: Db,
  session: Session,
  cursorText: string | undefined,
  highestLocalSeq: number | undefined,
  now: Date,
): Promise<PullResponse> {
  const { response, device } = await pullWithDeviceRow(db, session, cursorText, PULL_PAGE_SIZE);
  if (device && deviceSeenIsStale(device, session, highestLocalSeq, now)) {
    await reportDeviceSeen(db, session, highestLocalSeq, now);
  }
  return response;
}

/** The head of a pull: the snapshot's xmin, the device's row, and (given a cursor) a feed page. */
interface HeadRow {
  xmin: string;
  currentEpoch: number | null;
  revokedAt: Date | string | null;
  knownDevice: boolean;
  hasDevice: boolean;
  lastSeq: number | null;
  lastSeenAt: Date | string | null;
  lastUserId: string | null;
  highestLocalSeq: number | null;
  heldBack: boolean;
  firstUnserved: number | null;
  txid: string | null;
  id: string | number | null;
  waveId: string | null;
  lineId: string | null;
  lineIds: string[] | null;
  whole: boolean | null;
}

async function pullWithDeviceRow(
  db: Db,
  session: Session,
  cursorText: string | undefined,
  pageSize: number,
): Promise<{ response: PullResponse; device: DeviceSeenRow | null }> {
  const scope = scopeOf(session);
  const key = scopeKey(scope);
  const cursor = decodeCursor(cursorText, key);
  return db.transaction(
    async (tx) => {
      // One statement: the snapshot's xmin, the device's row, whether changes of this scope
      // are held back behind an open transaction, the first of this device's events not yet
      // served, and the feed page after the cursor.
      const head = await queryRows<HeadRow>(
        tx,
        sql`
        with s as (select pg_snapshot_xmin(pg_current_snapshot()) as xmin)
        select s.xmin::text as xmin, i.device_id is not null as "hasDevice",
               d.id is not null as "knownDevice", d.current_epoch as "currentEpoch",
               d.revoked_at as "revokedAt",
               i.last_seq as "lastSeq", i.last_seen_at as "lastSeenAt",
               i.last_user_id as "lastUserId", i.highest_local_seq as "highestLocalSeq",
               ${
                 cursor
                   ? sql`exists(select 1 from changes c
                           where ${changesInScope(scope)} and c.txid >= s.xmin)`
                   : sql`false`
               } as "heldBack",
               ${
                 cursor
                   ? sql`(select min(e.seq) from scan_events e
                           where e.device_id = ${session.deviceId} and e.epoch = ${session.epoch}
                             and e.txid >= s.xmin)`
                   : sql`null::int`
               } as "firstUnserved",
               f.txid, f.id, f."waveId", f."lineId", f."lineIds", f.whole
        from s
        left join devices d on d.id = ${session.deviceId}
        left join device_incarnations i
          on i.device_id = ${session.deviceId} and i.epoch = ${session.epoch}
        left join lateral (
          select c.txid as txid8, c.txid::text as txid, c.id::int8 as id, c.wave_id as "waveId",
                 c.line_id as "lineId", c.line_ids as "lineIds", c.whole
          from changes c
          where ${cursor ? sql`true` : sql`false`}
            and ${changesInScope(scope)}
            and (c.txid, c.id) > (${cursor?.txid ?? '0'}::xid8, ${cursor?.id ?? 0})
            and c.txid < s.xmin
          order by c.txid, c.id
          limit ${pageSize + 1}
        ) f on true
        order by f.txid8, f.id`,
      );
      const first = head[0]!;
      // The revoked-device check of every request (see rejectRevokedDevices), done here.
      assertDeviceCurrent(
        first.knownDevice
          ? { currentEpoch: first.currentEpoch!, revokedAt: first.revokedAt }
          : null,
        session.epoch,
      );
      const xmin = first.xmin;
      const lastSeq = first.lastSeq ?? 0;
      const device: DeviceSeenRow | null = first.hasDevice
        ? {
            lastSeenAt: first.lastSeenAt,
            lastUserId: first.lastUserId,
            highestLocalSeq: first.highestLocalSeq ?? 0,
          }
        : null;
      if (!cursor) {
        const { waves, lines } = await selectState(
          tx,
          sql``,
          wavesInScope(scope),
          sql`pl.wave_id in (select w.id from waves w where ${wavesInScope(scope)})`,
        );
        const response: PullResponse = {
          cursor: encodeCursor({ txid: xmin, id: 0, scopeKey: key }),
          hasMore: false,
          reset: true,
          ackedThroughSeq: lastSeq,
          waves,
          lines,
          removedWaves: [],
        };
        return { response, device };
      }
      const rows: FeedRow[] = head
        .filter((r) => r.txid !== null)
        .map((r) => ({
          txid: r.txid!,
          id: Number(r.id),
          waveId: r.waveId!,
          lineId: r.lineId,
          lineIds: r.lineIds,
          whole: r.whole ?? false,
        }));
      const page = pageOf(rows, pageSize);
      const hasMore = rows.length > page.length;
      const last = page.at(-1);
      const next =
        hasMore && last ? { txid: last.txid, id: Number(last.id) } : { txid: xmin, id: 0 };
      // Rows at or above xmin that this snapshot sees have committed, behind an older open
      // transaction: say so, or a device poked for them would wait for its next timer.
      const ackedThroughSeq =
        hasMore && last
          ? await reflectedThroughSeq(tx, session, lastSeq, last.txid)
          : throughFirstUnserved(lastSeq, first.firstUnserved);
      const response: PullResponse = {
        cursor: encodeCursor({ ...next, scopeKey: key }),
        hasMore,
        reset: false,
        ackedThroughSeq,
        ...(await changedState(tx, session, scope, page)),
        heldBack: hasMore ? false : first.heldBack,
      };
      return { response, device };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/**
 * The highest seq of this device whose effects are all in what has been served: events written
 * by transactions at or above `servedBelowTxid` may have change rows not served yet.
 */
async function reflectedThroughSeq(
  tx: Tx,
  session: Session,
  lastSeq: number,
  servedBelowTxid: string,
): Promise<number> {
  const [row] = await queryRows<{ firstUnserved: number | null }>(
    tx,
    sql`
    select min(seq) as "firstUnserved" from scan_events
    where device_id = ${session.deviceId} and epoch = ${session.epoch} and txid >= ${servedBelowTxid}::xid8`,
  );
  return throughFirstUnserved(lastSeq, row?.firstUnserved ?? null);
}

const throughFirstUnserved = (lastSeq: number, firstUnserved: number | null) =>
  firstUnserved == null ? lastSeq : Math.min(lastSeq, firstUnserved - 1);

interface FeedRow {
  txid: string;
  id: number;
  waveId: string;
  lineId: string | null;
  /** A set of lines changed together (one push): counts as that many changes toward the page. */
  lineIds: string[] | null;
  whole: boolean;
}

/** The feed rows to serve: at least one, and no more once `pageSize` changes are reached. */
function pageOf(rows: readonly FeedRow[], pageSize: number): FeedRow[] {
  const page: FeedRow[] = [];
  let changes = 0;
  for (const row of rows) {
    if (page.length > 0 && changes >= pageSize) break;
    page.push(row);
    changes += row.lineIds?.length ?? 1;
  }
  return page;
}

async function changedState(
  tx: Tx,
  session: Session,
  scope: PullScope,
  page: readonly FeedRow[],
): Promise<Pick<PullResponse, 'waves' | 'lines' | 'removedWaves'>> {
  const waveIds = [...new Set(page.map((r) => r.waveId))];
  if (waveIds.length === 0) return { waves: [], lines: [], removedWaves: [] };
  const rows = page.map((r) => ({
    wave_id: r.waveId,
    line_ids: r.lineIds ?? (r.lineId === null ? [] : [r.lineId]),
    whole: r.whole,
  }));
  // The waves of the page still in scope (kept); of those, the ones to send whole, and the
  // lines named by the page's rows of the others.
  const { waves, lines } = await selectState(
    tx,
    sql`
    with page as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as r(wave_id text, line_ids jsonb, whole boolean)
    ), kept as (
      select w.id from waves w
      where w.id in (select wave_id from page) and ${wavesInScope(scope)}
    ), whole as (
      select distinct p.wave_id from page p join kept k on k.id = p.wave_id where p.whole
    ), named as (
      select distinct jsonb_array_elements_text(p.line_ids) as id
      from page p join kept k on k.id = p.wave_id
      where p.wave_id not in (select wave_id from whole)
    )`,
    sql`w.id in (select id from kept)`,
    sql`(pl.wave_id in (select wave_id from whole) or pl.id in (select id from named))`,
  );
  const kept = new Set(waves.map((w) => w.id));
  const removedWaves = await selectRemoved(
    tx,
    session,
    waveIds.filter((id) => !kept.has(id)),
  );
  return { waves, lines, removedWaves };
}

interface WaveRow extends Omit<Wave, 'createdAt'> {
  createdAt: Date | string;
}

/**
 * The waves matching `wavesWhere` and the lines matching `linesWhere`, in one statement (one
 * round trip): each set as a JSON array, in the order a device shows them.
 */
async function selectState(
  tx: Tx,
  withClause: SQL,
  wavesWhere: SQL,
  linesWhere: SQL,
): Promise<{ waves: Wave[]; lines: PickLine[] }> {
  const [row] = await queryRows<{ waves: WaveRow[] | null; lines: PickLine[] | null }>(
    tx,
    sql`
    ${withClause}
    select
      (select json_agg(x order by x."createdAt", x.id) from (
        select w.id, w.code, w.warehouse_id as "warehouseId", w.status,
               w.assigned_user_id as "assignedUserId",
               w.assignment_version as "assignmentVersion", w.created_at as "createdAt"
        from waves w where ${wavesWhere}) x) as waves,
      (select json_agg(y order by y."pathSeq", y."binCode", y.id) from (
        select pl.id, pl.wave_id as "waveId", pl.order_id as "orderId", pl.sku_id as "skuId",
               s.name as "skuName", s.name_zh as "skuNameZh",
               coalesce((select json_agg(sb.barcode order by sb.barcode) from sku_barcodes sb where sb.sku_id = pl.sku_id), '[]'::json) as barcodes,
               s.image_url as "imageUrl", b.code as "binCode", b.path_seq as "pathSeq",
               pl.qty, pl.picked_qty as "pickedQty", pl.status, pl.note,
               b.check_digits as "checkDigits", s.lot_tracked as "lotTracked"
        from pick_lines pl
        join skus s on s.id = pl.sku_id
        join bins b on b.id = pl.bin_id
        where ${linesWhere}) y) as lines`,
  );
  return {
    waves: (row?.waves ?? []).map((w) => ({
      ...w,
      createdAt: new Date(w.createdAt).toISOString(),
    })),
    lines: row?.lines ?? [],
  };
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
  }>(
    tx,
    sql`
    select w.id, w.status, u.name as "assignedTo",
      (select count(*)::int from scan_events e
        where e.device_id = ${session.deviceId} and e.epoch = ${session.epoch}
          and e.user_id = ${session.userId} and e.type = 'pick@1'
          and e.payload->>'waveId' = w.id) as "keptPicks"
    from waves w left join users u on u.id = w.assigned_user_id
    where w.id in (select jsonb_array_elements_text(${JSON.stringify(waveIds)}::jsonb))`,
  );
  return rows.map((w) => ({
    waveId: w.id,
    reason: w.status === 'cancelled' ? 'cancelled' : w.assignedTo ? 'reassigned' : 'unassigned',
    assignedTo: w.status === 'cancelled' ? null : w.assignedTo,
    keptPicks: w.keptPicks,
  }));
}
