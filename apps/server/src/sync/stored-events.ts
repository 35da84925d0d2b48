import type { EventOutcome, ScanEvent } from '@wms/protocol';
import { type SQL, sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { ApiError } from '../http/api-error';

/** Where the events of a push come from, and when they were received. */
export interface PushSource {
  deviceId: string;
  epoch: number;
  warehouseId: string;
  receivedAt: Date;
  /** Signs the customer status link an `order.shipped` webhook carries (issue 22). */
  linkSecret?: string;
}

/**
 * Events as a set of rows, from one JSON parameter (the events as validated, with an `outcome`
 * when known). Columns: id, seq, "userId", type, payload, "assignmentVersion", "deviceTime",
 * outcome.
 */
export function eventsRecordset(
  events: readonly (ScanEvent & { outcome?: EventOutcome | undefined })[],
): SQL {
  return sql`jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as r(
    id uuid, seq int, "userId" text, type text, payload jsonb, "assignmentVersion" int,
    "deviceTime" timestamptz, outcome text)`;
}

/**
 * Stores events applied one by one (shorts, label reports, put-backs) with their outcomes. An
 * event id stored already (here or in the archive) is a device bug: 409, and the transaction
 * rolls back. Runs of picks are stored by the statement that applies them (`applyPicks`).
 */
export async function storeEvents(
  tx: Tx,
  source: PushSource,
  events: readonly (ScanEvent & { outcome: EventOutcome })[],
): Promise<void> {
  if (events.length === 0) return;
  const at = source.receivedAt.toISOString();
  let counts: { archived: number } | undefined;
  try {
    [counts] = await queryRows<{ archived: number }>(
      tx,
      sql`
      with events as (
        select * from ${eventsRecordset(events)}
      ), inserted as (
        insert into scan_events (id, device_id, epoch, seq, warehouse_id, user_id, type, payload,
                                 assignment_version_seen, outcome, device_time, received_at)
        select id, ${source.deviceId}::uuid, ${source.epoch}::int, seq, ${source.warehouseId},
               "userId", type, payload, "assignmentVersion", outcome, "deviceTime", ${at}::timestamptz
        from events
      )
      select count(*)::int as archived
      from events e
      cross join lateral (
        select 1 from scan_events_archive a where a.id = e.id limit 1
      ) archived`,
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw eventConflict();
    throw error;
  }
  if (Number(counts?.archived) > 0) throw eventConflict();
}

/**
 * The answer to an event id stored already under another seq or device. The inserts have no
 * `ON CONFLICT` (that costs a check and a WAL record per row): a duplicate fails the statement,
 * and with it the transaction.
 */
export function eventConflict() {
  return new ApiError(
    409,
    'event_conflict',
    'an event id in this batch is already stored under another seq or device',
  );
}

/** A unique violation, whichever driver raised it (drizzle wraps it in `cause`). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e instanceof Object; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
