import { and, asc, eq, sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import type { Db } from '../db/database';
import { exceptions, pickLines, scanEvents, waves } from '../db/schema';
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
  const events = await db
    .select({
      id: scanEvents.id,
      deviceId: scanEvents.deviceId,
      epoch: scanEvents.epoch,
      seq: scanEvents.seq,
      userId: scanEvents.userId,
      type: scanEvents.type,
      payload: scanEvents.payload,
      outcome: scanEvents.outcome,
      deviceTime: scanEvents.deviceTime,
      receivedAt: scanEvents.receivedAt,
    })
    .from(scanEvents)
    .where(
      and(
        eq(scanEvents.warehouseId, session.warehouseId),
        sql`${scanEvents.payload}->>'waveId' = ${waveId}`,
      ),
    )
    .orderBy(asc(scanEvents.receivedAt), asc(scanEvents.deviceId), asc(scanEvents.seq));
  const waveExceptions = await db.select().from(exceptions).where(eq(exceptions.waveId, waveId));
  return { wave, lines, events, exceptions: waveExceptions };
}
