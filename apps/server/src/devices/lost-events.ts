import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { deviceIncarnations, exceptions, users } from '../db/schema';

type Incarnation = typeof deviceIncarnations.$inferSelect;

/**
 * Closes an epoch whose local database is gone. Seqs the device had created (by its own last
 * report, or what it still remembers) but the server never stored are lost scans: they are
 * counted on the incarnation and, if any, an exception asks a supervisor to recount.
 */
export async function recordLostEvents(
  tx: Tx,
  label: string,
  old: Incarnation,
  lastKnownSeq: number,
) {
  const created = Math.max(old.highestLocalSeq, lastKnownSeq);
  const lost = Math.max(0, created - old.lastSeq);
  await tx
    .update(deviceIncarnations)
    .set({ lostSeqs: lost })
    .where(
      and(eq(deviceIncarnations.deviceId, old.deviceId), eq(deviceIncarnations.epoch, old.epoch)),
    );
  if (lost === 0 || !old.lastUserId) return;
  const [user] = await tx.select().from(users).where(eq(users.id, old.lastUserId));
  if (!user) return;
  await tx.insert(exceptions).values({
    id: randomUUID(),
    warehouseId: user.warehouseId,
    kind: 'events-lost',
    qty: lost,
    message:
      `Handheld ${label} lost ${lost} unsynced scan${lost === 1 ? '' : 's'} (seq ${old.lastSeq + 1}–${created}) ` +
      `when its storage was wiped: recount what ${user.name} picked on it since it last synced`,
  });
}
