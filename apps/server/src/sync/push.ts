import type { EventOutcome, PushRequest, PushResponse, ScanEvent } from '@wms/protocol';
import { and, eq, sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, type Tx, queryRows } from '../db/database';
import { deviceIncarnations } from '../db/schema';
import { ApiError, forbidden } from '../http/api-error';
import { applyEvents } from './apply-events';
import { lockIncarnation } from './lock-incarnation';
import { textArray } from './sql-arrays';
import { refreshWaveStatus } from './write-applied-picks';

/**
 * Stores and applies a batch of scan events, exactly once, in one transaction:
 * events at or below the incarnation's last seq are answered with their stored outcome (a replay
 * changes nothing); the rest must follow on without a gap, else 409 `seq_gap` with the seq
 * expected; each is stored once, applied, and the last seq advanced.
 */
export async function pushEvents(
  db: Db,
  session: Session,
  request: PushRequest,
  now: Date,
  /** Told, once committed, which events were stored now and how many were replays. */
  onCommitted?: (stored: StoredEvent[], replayed: number) => void,
): Promise<PushResponse> {
  if (request.deviceId !== session.deviceId || request.epoch !== session.epoch) {
    throw forbidden('A device may only push its own events: this token belongs to another device');
  }
  let stored: StoredEvent[] = [];
  let replayedCount = 0;
  const response = await db.transaction(async (tx) => {
    const incarnation = await lockIncarnation(
      tx,
      request.deviceId,
      request.epoch,
      session.warehouseId,
      [...new Set(request.events.map((e) => e.userId))],
    );
    const expected = incarnation.lastSeq + 1;
    const first = request.events[0];
    if (first && first.seq > expected) {
      throw new ApiError(
        409,
        'seq_gap',
        `expected seq ${expected}, got ${first.seq}: resend from ${expected}`,
        {
          expectedSeq: expected,
        },
      );
    }
    const replayed = request.events.filter((e) => e.seq < expected);
    const fresh = request.events.filter((e) => e.seq >= expected);
    const outcomes = await storedOutcomes(tx, request, replayed);
    const ackedThroughSeq = fresh.at(-1)?.seq ?? incarnation.lastSeq;
    const advanced = {
      lastSeq: ackedThroughSeq,
      highestLocalSeq: Math.max(incarnation.highestLocalSeq, request.highestLocalSeq),
      lastSeenAt: now,
      lastUserId: session.userId,
    };
    if (fresh.length > 0) {
      assertEventUsers(session.warehouseId, fresh, incarnation.knownUserIds);
      const applied = await applyEvents(tx, session.warehouseId, fresh, now);
      await storeEvents(tx, request, session.warehouseId, fresh, applied.outcomes, now, advanced);
      // Last: it locks the wave row, which every device picking in the wave needs.
      await refreshWaveStatus(tx, applied.waveIdsToRefresh);
      for (const [seq, outcome] of applied.outcomes) outcomes.set(seq, outcome);
      stored = fresh.map((e) => ({ ...e, outcome: applied.outcomes.get(e.seq) ?? 'applied' }));
    } else {
      await tx
        .update(deviceIncarnations)
        .set(advanced)
        .where(
          and(
            eq(deviceIncarnations.deviceId, request.deviceId),
            eq(deviceIncarnations.epoch, request.epoch),
          ),
        );
    }
    replayedCount = replayed.length;
    return {
      ackedThroughSeq,
      results: request.events.map((e) => ({
        seq: e.seq,
        outcome: outcomes.get(e.seq) ?? 'applied',
      })),
    };
  });
  onCommitted?.(stored, replayedCount);
  return response;
}

export type StoredEvent = ScanEvent & { outcome: EventOutcome };

/** The outcomes stored for events sent again; a different event under a stored seq is a device bug. */
async function storedOutcomes(tx: Tx, request: PushRequest, replayed: readonly ScanEvent[]) {
  const outcomes = new Map<number, EventOutcome>();
  const first = replayed[0];
  const last = replayed.at(-1);
  if (!first || !last) return outcomes;
  // An old event may have been archived: its stored outcome is in the archive (never re-applied).
  const stored = await queryRows<{ id: string; seq: number; outcome: EventOutcome }>(
    tx,
    sql`
    select id, seq, outcome from scan_events
    where device_id = ${request.deviceId} and epoch = ${request.epoch}
      and seq between ${first.seq} and ${last.seq}
    union all
    select id, seq, outcome from scan_events_archive
    where device_id = ${request.deviceId} and epoch = ${request.epoch}
      and seq between ${first.seq} and ${last.seq}`,
  );
  const bySeq = new Map(stored.map((row) => [row.seq, row]));
  for (const event of replayed) {
    const row = bySeq.get(event.seq);
    if (!row || row.id !== event.id) {
      throw new ApiError(
        409,
        'event_conflict',
        `seq ${event.seq} is already stored with another event id`,
      );
    }
    outcomes.set(event.seq, row.outcome);
  }
  return outcomes;
}

/** Events name their picker; on a shared handheld that may be an earlier login, but of this warehouse. */
function assertEventUsers(
  warehouseId: string,
  events: readonly ScanEvent[],
  knownIds: ReadonlySet<string>,
) {
  const strange = events.find((e) => !knownIds.has(e.userId))?.userId;
  if (strange)
    throw forbidden(`events name user ${strange}, who is not a user of warehouse ${warehouseId}`);
}

/**
 * Stores the events with their outcomes and advances the incarnation, in one statement. An event
 * id stored already (here or in the archive) is a device bug: 409, and the transaction rolls back.
 */
async function storeEvents(
  tx: Tx,
  request: PushRequest,
  warehouseId: string,
  events: readonly ScanEvent[],
  outcomes: ReadonlyMap<number, EventOutcome>,
  now: Date,
  advanced: { lastSeq: number; highestLocalSeq: number; lastSeenAt: Date; lastUserId: string },
) {
  const rows = events.map((e) => ({
    id: e.id,
    seq: e.seq,
    user_id: e.userId,
    type: e.type,
    payload: e.payload,
    assignment_version_seen: e.assignmentVersion,
    outcome: outcomes.get(e.seq),
    device_time: e.deviceTime,
  }));
  const at = now.toISOString();
  let counts: { archived: number } | undefined;
  try {
    [counts] = await queryRows<{ archived: number }>(
      tx,
      sql`
      with inserted as (
        insert into scan_events (id, device_id, epoch, seq, warehouse_id, user_id, type, payload,
                                 assignment_version_seen, outcome, device_time, received_at)
        select id, ${request.deviceId}::uuid, ${request.epoch}::int, seq, ${warehouseId}, user_id,
               type, payload, assignment_version_seen, outcome, device_time, ${at}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
          id uuid, seq int, user_id text, type text, payload jsonb, assignment_version_seen int,
          outcome text, device_time timestamptz)
      ), advanced as (
        update device_incarnations
        set last_seq = ${advanced.lastSeq}, highest_local_seq = ${advanced.highestLocalSeq},
            last_seen_at = ${advanced.lastSeenAt.toISOString()}::timestamptz,
            last_user_id = ${advanced.lastUserId}
        where device_id = ${request.deviceId} and epoch = ${request.epoch}
      )
      select count(*)::int as archived
      from unnest(${textArray(rows.map((r) => r.id))}::uuid[]) as stored(id)
      cross join lateral (
        select 1 from scan_events_archive a where a.id = stored.id limit 1
      ) archived`,
    );
  } catch (error) {
    // A plain insert (no ON CONFLICT: that costs a check and a WAL record per row); a duplicate
    // fails the statement, and with it the transaction.
    if (isUniqueViolation(error)) throw eventConflict();
    throw error;
  }
  if (Number(counts?.archived) > 0) throw eventConflict();
}

function eventConflict() {
  return new ApiError(
    409,
    'event_conflict',
    'an event id in this batch is already stored under another seq or device',
  );
}

/** A unique violation, whichever driver raised it (drizzle wraps it in `cause`). */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e instanceof Object; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
