import type { EventOutcome, PushRequest, PushResponse, ScanEvent } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, type Tx, queryRows } from '../db/database';
import { ApiError, forbidden } from '../http/api-error';
import { applyEvents } from './apply-events';
import { lockIncarnation } from './lock-incarnation';
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
  /** Signs the status link of an order a pack event ships (issue 22). */
  linkSecret?: string,
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
      {
        lastSeq: request.events.at(-1)?.seq ?? 0,
        highestLocalSeq: request.highestLocalSeq,
        seenAt: now,
        userId: session.userId,
      },
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
    if (fresh.length > 0) {
      assertEventUsers(session.warehouseId, fresh, incarnation.knownUserIds);
      const source = {
        deviceId: request.deviceId,
        epoch: request.epoch,
        warehouseId: session.warehouseId,
        receivedAt: now,
        ...(linkSecret !== undefined && { linkSecret }),
      };
      const applied = await applyEvents(tx, source, fresh);
      // Last: it locks the wave row, which every device picking in the wave needs.
      await refreshWaveStatus(tx, applied.waveIdsToRefresh);
      for (const [seq, outcome] of applied.outcomes) outcomes.set(seq, outcome);
      stored = fresh.map((e) => ({ ...e, outcome: applied.outcomes.get(e.seq) ?? 'applied' }));
    }
    replayedCount = replayed.length;
    return {
      ackedThroughSeq: fresh.at(-1)?.seq ?? incarnation.lastSeq,
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
  const prunedThrough = stored.length < replayed.length ? await prunedThroughSeq(tx, request) : 0;
  for (const event of replayed) {
    // Exported and pruned long ago (retention): acknowledged as applied, never applied again.
    // Its stored outcome went with it; the device only needs to know it may drop the event.
    if (!bySeq.has(event.seq) && event.seq <= prunedThrough) {
      outcomes.set(event.seq, 'applied');
      continue;
    }
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

/** The tombstone of this incarnation's pruned events: every seq at or below it was stored once. */
async function prunedThroughSeq(tx: Tx, request: PushRequest): Promise<number> {
  const [row] = await queryRows<{ seq: number }>(
    tx,
    sql`select pruned_through_seq as seq from device_incarnations
        where device_id = ${request.deviceId} and epoch = ${request.epoch}`,
  );
  return row?.seq ?? 0;
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
