import type { PickLine, RemovedWave, Wave } from '@wms/protocol';
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
  removed: readonly (RemovedWave & { reason: WaveNotice['reason'] })[],
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

/**
 * Notices for lines a pull moved off this device (M2.1, the supervisor gave the remaining lines
 * or the far part of a wave to another picker): one per wave they left, with how many went.
 * `moved` are the local copies of the lines, as they were before the pull (undefined: never
 * held here, no notice); lines of waves removed whole are told by that wave's own notice.
 *
 * @example
 * noticesForMovedLines([{ waveId: 'W1' }, { waveId: 'W1' }], [{ id: 'W1', code: 'B26-07' }], new Set(), 'c9')
 * // → [{ id: 'W1:lines-moved:c9', waveId: 'W1', waveCode: 'B26-07', reason: 'lines-moved', assignedTo: null, movedLines: 2 }]
 */
export function noticesForMovedLines(
  moved: readonly (Pick<PickLine, 'waveId'> | undefined)[],
  knownWaves: readonly (Pick<Wave, 'id' | 'code'> | undefined)[],
  removedWaveIds: ReadonlySet<string>,
  stamp: string,
): WaveNotice[] {
  const counts = new Map<string, number>();
  for (const line of moved) {
    if (!line || removedWaveIds.has(line.waveId)) continue;
    counts.set(line.waveId, (counts.get(line.waveId) ?? 0) + 1);
  }
  const codes = new Map(
    knownWaves.flatMap((wave) => (wave ? [[wave.id, wave.code] as const] : [])),
  );
  return [...counts].map(([waveId, movedLines]) => ({
    id: `${waveId}:lines-moved:${stamp}`,
    waveId,
    waveCode: codes.get(waveId) ?? null,
    reason: 'lines-moved',
    assignedTo: null,
    movedLines,
  }));
}

/**
 * Adds the lines a pull moved off this device to the count kept per wave: the end of the wave
 * then says where they went, not "all lines picked".
 *
 * @example
 * countMovedOff({ W1: 2 }, [{ waveId: 'W1' }, { waveId: 'W2' }, undefined]) // → { W1: 3, W2: 1 }
 */
export function countMovedOff(
  before: Readonly<Record<string, number>>,
  moved: readonly (Pick<PickLine, 'waveId'> | undefined)[],
): Record<string, number> {
  const counts = { ...before };
  for (const line of moved) if (line) counts[line.waveId] = (counts[line.waveId] ?? 0) + 1;
  return counts;
}
