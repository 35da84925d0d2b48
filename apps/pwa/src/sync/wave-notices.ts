import type { RemovedWave, Wave } from '@wms/protocol';
import type { WaveNotice } from '../storage/database';

/**
 * Notices for waves a pull took off this device, with the wave code the picker knows them by
 * (looked up before the local copy is deleted). `stamp` keeps ids of repeated notices distinct.
 *
 * @example
 * noticesForRemovedWaves([{ waveId: 'W1', reason: 'reassigned', assignedTo: 'Li Wei', keptPicks: 5 }], [{ id: 'W1', code: 'B26-07' }], 'c9')
 * // → [{ id: 'W1:reassigned:c9', waveId: 'W1', waveCode: 'B26-07', reason: 'reassigned', assignedTo: 'Li Wei', keptPicks: 5 }]
 */
export function noticesForRemovedWaves(
  removed: readonly RemovedWave[],
  knownWaves: readonly (Pick<Wave, 'id' | 'code'> | undefined)[],
  stamp: string,
): WaveNotice[] {
  const codes = new Map(
    knownWaves.flatMap((wave) => (wave ? [[wave.id, wave.code] as const] : [])),
  );
  return removed.map(({ waveId, reason, assignedTo, keptPicks }) => ({
    id: `${waveId}:${reason}:${stamp}`,
    waveId,
    waveCode: codes.get(waveId) ?? null,
    reason,
    assignedTo,
    ...(keptPicks === undefined ? {} : { keptPicks }),
  }));
}
