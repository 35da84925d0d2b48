import { and, asc, eq, sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import type { Db } from '../db/database';
import { exceptions, pickLines, scanEvents, scanEventsArchive, waves } from '../db/schema';
import { notFound } from '../http/api-error';

/** A wave as a supervisor inspects it: its lines, every scan event stored for it, its exceptions. */
export async function waveDetail(db: Db, session: Session, waveId: string) {
  const [wave] = await db
    .select()
    .from(waves)
    .where(and(eq(waves.id, waveId), eq(waves.warehouseId, session.warehouseId)));
  if (!wave) throw notFound(`No wave ${waveId} in warehouse ${session.warehouseId}`);
  const lines = await db
    .select()
    .from(pickLines)
    .where(eq(pickLines.waveId, waveId))
    .orderBy(asc(pickLines.id));
  // Archived scans (past the retention age) too: a supervisor sees the wave's whole history.
  const eventsOf = (t: typeof scanEvents | typeof scanEventsArchive) =>
    db
      .select({
        id: t.id,
        deviceId: t.deviceId,
        epoch: t.epoch,
        seq: t.seq,
        userId: t.userId,
        type: t.type,
        payload: t.payload,
        outcome: t.outcome,
        deviceTime: t.deviceTime,
        receivedAt: t.receivedAt,
      })
      .from(t)
      .where(and(eq(t.warehouseId, session.warehouseId), sql`${t.payload}->>'waveId' = ${waveId}`));
  const events = await eventsOf(scanEventsArchive)
    .unionAll(eventsOf(scanEvents))
    .orderBy(sql`received_at`, sql`device_id`, sql`seq`);
  const waveExceptions = await db.select().from(exceptions).where(eq(exceptions.waveId, waveId));
  return { wave, lines, events, exceptions: waveExceptions };
}
