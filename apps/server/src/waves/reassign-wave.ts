import { and, eq, sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import type { Db } from '../db/database';
import { users, waves } from '../db/schema';
import { badRequest, notFound } from '../http/api-error';
import { recordChanges } from '../sync/change-feed';

/**
 * Gives a wave to another picker (or nobody). Works while the first picker is offline: their
 * picks made before they hear of it are still accepted and credited to them (sync rule 4); both
 * pickers' scopes change, so both are poked and both see it on their next pull.
 */
export async function reassignWave(
  db: Db,
  session: Session,
  waveId: string,
  userId: string | null,
) {
  return db.transaction(async (tx) => {
    const [wave] = await tx
      .select()
      .from(waves)
      .where(and(eq(waves.id, waveId), eq(waves.warehouseId, session.warehouseId)))
      .for('update');
    if (!wave) throw notFound(`No wave ${waveId} in warehouse ${session.warehouseId}`);
    if (userId) {
      const [picker] = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.id, userId),
            eq(users.warehouseId, session.warehouseId),
            eq(users.role, 'picker'),
          ),
        );
      if (!picker)
        throw badRequest(`userId: ${userId} is not a picker of this warehouse`, [
          { path: 'userId', message: 'not a picker of this warehouse' },
        ]);
    }
    const [updated] = await tx
      .update(waves)
      .set({ assignedUserId: userId, assignmentVersion: sql`${waves.assignmentVersion} + 1` })
      .where(eq(waves.id, waveId))
      .returning();
    const audiences = new Set([wave.assignedUserId, userId]);
    await recordChanges(
      tx,
      [...audiences].map((audienceUserId) => ({
        warehouseId: wave.warehouseId,
        waveId,
        lineId: null,
        whole: true,
        audienceUserId,
      })),
    );
    return updated;
  });
}
