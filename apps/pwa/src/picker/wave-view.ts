import { isLineOpen, orderByPickPath, withPendingEvents } from '@wms/domain';
import type { PickLine, ScanEvent, Wave } from '@wms/protocol';

/** A wave as the picker sees it: server lines with the device's pending picks replayed, in walk order. */
export interface WaveView {
  wave: Wave;
  lines: PickLine[];
  /** The first open line on the pick path; undefined when the wave is done. */
  currentLine: PickLine | undefined;
  /** 1-based position of the current line on the walk. */
  currentPosition: number;
  doneLines: number;
  totalLines: number;
}

/**
 * Builds the device view of a wave: the server's lines plus the outbox events the server has not
 * reflected yet, replayed with the domain's `applyPick`, ordered along the pick path.
 *
 * @example
 * buildWaveView(wave, serverLines, outboxEventsAboveReflectedSeq).currentLine // the next line to walk to
 */
export function buildWaveView(
  wave: Wave,
  serverLines: readonly PickLine[],
  pending: readonly ScanEvent[],
): WaveView {
  const ofWave = pending.filter((event) => event.payload.waveId === wave.id);
  const lines = orderByPickPath(withPendingEvents(serverLines, ofWave));
  const currentIndex = lines.findIndex(isLineOpen);
  return {
    wave,
    lines,
    currentLine: lines[currentIndex],
    currentPosition: currentIndex + 1,
    doneLines: lines.filter((line) => !isLineOpen(line)).length,
    totalLines: lines.length,
  };
}

/** Waves a user works on, in the order the list shows them (open work first, then by code). */
export function wavesInScope(waves: readonly Wave[], userId: string, seeAll: boolean): Wave[] {
  return waves
    .filter((wave) => wave.status !== 'cancelled' && (seeAll || wave.assignedUserId === userId))
    .sort(
      (a, b) =>
        Number(a.status === 'done') - Number(b.status === 'done') || a.code.localeCompare(b.code),
    );
}
