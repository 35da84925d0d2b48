import { planWaveMove, splitWaveCode, type WaveMoveMode } from '@wms/domain';
import type { PickLineStatus } from '@wms/protocol';
import { and, eq, sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, type Tx, queryRows } from '../db/database';
import { users, waves } from '../db/schema';
import { badRequest, notFound } from '../http/api-error';
import { recordChanges } from '../sync/change-feed';

/**
 * Gives a wave, or part of it, to another picker (or, for a whole wave, nobody). Works while the
 * first picker is offline: their picks made before they hear of it are still accepted and
 * credited to them (sync rule 4); a line filled twice becomes an over-pick exception. Both
 * pickers' scopes change, so both are poked and both see it on their next pull.
 *
 * `remaining` and `split` move lines into a new wave for the second picker (see
 * `planWaveMove`); the line ids stay, so late picks of the first picker still find their line.
 */
export async function reassignWave(
  db: Db,
  session: Session,
  waveId: string,
  userId: string | null,
  mode: WaveMoveMode = 'wave',
) {
  return db.transaction(async (tx) => {
    const [wave] = await tx
      .select()
      .from(waves)
      .where(and(eq(waves.id, waveId), eq(waves.warehouseId, session.warehouseId)))
      .for('update');
    if (!wave) throw notFound(`No wave ${waveId} in warehouse ${session.warehouseId}`);
    if (userId) await requirePicker(tx, session, userId);
    if (mode !== 'wave') return moveLines(tx, wave, userId, mode);
    const [updated] = await tx
      .update(waves)
      .set({ assignedUserId: userId, assignmentVersion: sql`${waves.assignmentVersion} + 1` })
      .where(eq(waves.id, waveId))
      // The answer is `waveAssignedSchema`: the wave's assignment, not its whole row.
      .returning({
        id: waves.id,
        code: waves.code,
        status: waves.status,
        assignedUserId: waves.assignedUserId,
        assignmentVersion: waves.assignmentVersion,
      });
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
    return { ...updated, movedLines: 0, newWaveId: null };
  });
}

/** A picker of the caller's warehouse, or a 400 naming `userId`. */
export async function requirePicker(tx: Tx, session: Session, userId: string) {
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

interface WaveLine {
  id: string;
  pathSeq: number;
  status: PickLineStatus;
  binCode: string;
}

/** The lines of a wave with their place on the pick path. */
export async function waveLines(tx: Tx | Db, waveId: string): Promise<WaveLine[]> {
  return queryRows<WaveLine>(
    tx,
    sql`select pl.id, b.path_seq as "pathSeq", pl.status, b.code as "binCode"
        from pick_lines pl join bins b on b.id = pl.bin_id
        where pl.wave_id = ${waveId} order by b.path_seq, pl.id`,
  );
}

/** The line of the assignee's last stored pick on this wave: their current position. */
export async function assigneePosition(
  tx: Tx | Db,
  lines: readonly WaveLine[],
  assignee: string | null,
): Promise<WaveLine | null> {
  if (!assignee || lines.length === 0) return null;
  const [last] = await queryRows<{ lineId: string }>(
    tx,
    sql`select e.payload->>'pickLineId' as "lineId" from scan_events e
        where e.user_id = ${assignee} and e.type = 'pick@1'
          and e.payload->>'pickLineId' in (select jsonb_array_elements_text(${JSON.stringify(lines.map((l) => l.id))}::jsonb))
        order by e.device_time desc, e.seq desc limit 1`,
  );
  return lines.find((l) => l.id === last?.lineId) ?? null;
}

async function moveLines(
  tx: Tx,
  wave: typeof waves.$inferSelect,
  userId: string | null,
  mode: Exclude<WaveMoveMode, 'wave'>,
) {
  if (!userId)
    throw badRequest('userId: moving lines needs the picker who takes them', [
      { path: 'userId', message: 'required when mode is remaining or split' },
    ]);
  if (userId === wave.assignedUserId)
    throw badRequest('userId: the wave is already theirs', [
      { path: 'userId', message: 'already the assignee' },
    ]);
  if (wave.status !== 'open' && wave.status !== 'picking')
    throw badRequest(`mode: wave ${wave.code} is ${wave.status}, nothing to move`, [
      { path: 'mode', message: `the wave is ${wave.status}` },
    ]);
  const lines = await waveLines(tx, wave.id);
  const position = await assigneePosition(tx, lines, wave.assignedUserId);
  const plan = planWaveMove(lines, mode, position?.pathSeq ?? null);
  if (plan.moving.length === 0)
    throw badRequest(`mode: no open line of wave ${wave.code} to move`, [
      { path: 'mode', message: 'no open line to move' },
    ]);
  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from waves where id like ${`${wave.id}-S%`}`,
  );
  const newWaveId = `${wave.id}-S${n + 1}`;
  await tx.insert(waves).values({
    id: newWaveId,
    warehouseId: wave.warehouseId,
    code: splitWaveCode(wave.code),
    status: 'open',
    assignedUserId: userId,
    assignmentVersion: 1,
  });
  await tx.execute(sql`
    update pick_lines set wave_id = ${newWaveId}
    where wave_id = ${wave.id} and id in (select jsonb_array_elements_text(${JSON.stringify(plan.moving)}::jsonb))`);
  const [updated] = await queryRows<typeof waves.$inferSelect>(
    tx,
    sql`update waves w set assignment_version = assignment_version + 1,
          status = case when exists (select 1 from pick_lines p where p.wave_id = w.id and p.status = 'open')
                        then w.status else 'done' end,
          done_at = case when exists (select 1 from pick_lines p where p.wave_id = w.id and p.status = 'open')
                         then w.done_at else coalesce(w.done_at, now()) end
        where id = ${wave.id}
        returning id, code, status, assigned_user_id as "assignedUserId", assignment_version as "assignmentVersion"`,
  );
  // The first picker hears of each line that left (it arrives under its new wave, which the
  // device does not hold, so it drops it); the second gets the new wave whole.
  await recordChanges(tx, [
    ...plan.moving.map((lineId) => ({
      warehouseId: wave.warehouseId,
      waveId: wave.id,
      lineId,
      audienceUserId: wave.assignedUserId,
    })),
    {
      warehouseId: wave.warehouseId,
      waveId: newWaveId,
      lineId: null,
      whole: true,
      audienceUserId: userId,
    },
  ]);
  return { ...updated, movedLines: plan.moving.length, newWaveId };
}
