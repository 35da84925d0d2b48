import { planWaveMove, type WaveMoveMode } from '@wms/domain';
import type { WavePreview } from '@wms/protocol';
import { and, eq } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import type { Db } from '../db/database';
import { waves } from '../db/schema';
import { notFound } from '../http/api-error';
import { pickerStatuses } from '../console/picker-status';
import { assigneePosition, waveLines } from './reassign-wave';

/**
 * What a move would do, for the supervisor to read before confirming: the current picker's
 * unsynced backlog and last-seen time, where they are, and how many lines would move.
 */
export async function movePreview(
  db: Db,
  session: Session,
  waveId: string,
  mode: WaveMoveMode,
): Promise<WavePreview> {
  const [wave] = await db
    .select()
    .from(waves)
    .where(and(eq(waves.id, waveId), eq(waves.warehouseId, session.warehouseId)));
  if (!wave) throw notFound(`No wave ${waveId} in warehouse ${session.warehouseId}`);
  const lines = await waveLines(db, waveId);
  const position = await assigneePosition(db, lines, wave.assignedUserId);
  const plan = planWaveMove(lines, mode, position?.pathSeq ?? null);
  const [assignee] = wave.assignedUserId
    ? await pickerStatuses(db, session.warehouseId, [wave.assignedUserId])
    : [];
  return {
    waveId,
    code: wave.code,
    mode,
    assignee: assignee ?? null,
    positionBin: position?.binCode ?? null,
    linesMoving: mode === 'wave' ? lines.length : plan.moving.length,
    linesStaying: mode === 'wave' ? 0 : plan.staying.length,
  };
}
