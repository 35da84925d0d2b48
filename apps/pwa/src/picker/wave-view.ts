import { isLineOpen, orderByPickPath, withPendingEvents } from '@wms/domain';
import type { PickLine, ScanEvent, Wave } from '@wms/protocol';

/** A wave as the picker sees it: server lines with the device's pending picks replayed, in walk order. */
export interface WaveView {
  wave: Wave;
  lines: readonly PickLine[];
  /** The first open line on the pick path; undefined when the wave is done. */
  currentLine: PickLine | undefined;
  /** 1-based position of the current line on the walk. */
  currentPosition: number;
  doneLines: number;
  totalLines: number;
}

/**
 * A wave's server lines in pick-path order, with what building its view needs worked out once:
 * kept in memory while the stored lines do not change (see wave-lines.ts).
 */
export interface OrderedWaveLines {
  lines: readonly PickLine[];
  indexById: ReadonlyMap<string, number>;
  /** Index of the first open line (lines.length when none is). */
  firstOpen: number;
  doneLines: number;
}

/** Orders a wave's server lines along the pick path and counts them. */
export function orderWaveLines(serverLines: readonly PickLine[]): OrderedWaveLines {
  const lines = orderByPickPath(serverLines);
  const firstOpen = lines.findIndex(isLineOpen);
  return {
    lines,
    indexById: new Map(lines.map((line, index) => [line.id, index])),
    firstOpen: firstOpen === -1 ? lines.length : firstOpen,
    doneLines: lines.filter((line) => !isLineOpen(line)).length,
  };
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
  return viewOfOrderedLines(wave, orderWaveLines(serverLines), pending);
}

/**
 * `buildWaveView` over lines already ordered: only the lines the pending events name are replayed
 * (an event changes counts and status, never the place on the pick path, so the order holds), and
 * the counts are the server's adjusted by those lines.
 */
export function viewOfOrderedLines(
  wave: Wave,
  ordered: OrderedWaveLines,
  pending: readonly ScanEvent[],
): WaveView {
  const named = new Map<string, PickLine>();
  for (const event of pending) {
    if (!('waveId' in event.payload) || event.payload.waveId !== wave.id) continue;
    if (!('pickLineId' in event.payload)) continue;
    const index = ordered.indexById.get(event.payload.pickLineId);
    const line = index === undefined ? undefined : ordered.lines[index];
    if (line) named.set(line.id, line);
  }
  let lines = ordered.lines;
  let { doneLines, firstOpen } = ordered;
  if (named.size > 0) {
    const ofWave = pending.filter((e) => 'waveId' in e.payload && e.payload.waveId === wave.id);
    const replayedLines = [...ordered.lines];
    for (const replayed of withPendingEvents([...named.values()], ofWave)) {
      const index = ordered.indexById.get(replayed.id) ?? -1;
      const before = replayedLines[index];
      if (before && isLineOpen(before) && !isLineOpen(replayed)) doneLines++;
      if (before && !isLineOpen(before) && isLineOpen(replayed)) doneLines--;
      replayedLines[index] = replayed;
    }
    lines = replayedLines;
    // Events only close lines: the lines before the server's first open one stay closed.
    while (firstOpen < lines.length && !isLineOpen(lines[firstOpen]!)) firstOpen++;
  }
  return {
    wave,
    lines,
    currentLine: lines[firstOpen],
    currentPosition: firstOpen < lines.length ? firstOpen + 1 : 0,
    doneLines,
    totalLines: lines.length,
  };
}

/**
 * The done and total counts of `viewOfOrderedLines`, from the wave's server lines by id and how
 * many of them are done (no pick-path order needed): only the lines the pending events name are
 * replayed.
 */
export function countsWithPending(
  waveId: string,
  counts: { byId: ReadonlyMap<string, PickLine>; doneLines: number },
  pending: readonly ScanEvent[],
): { doneLines: number; totalLines: number } {
  // Pack events (issue 22) belong to no wave.
  const ofWave = pending.filter((e) => 'waveId' in e.payload && e.payload.waveId === waveId);
  const named = new Map<string, PickLine>();
  for (const event of ofWave) {
    if (!('pickLineId' in event.payload)) continue;
    const line = counts.byId.get(event.payload.pickLineId);
    if (line) named.set(line.id, line);
  }
  let { doneLines } = counts;
  if (named.size > 0) {
    for (const replayed of withPendingEvents([...named.values()], ofWave)) {
      const before = counts.byId.get(replayed.id);
      if (before && isLineOpen(before) && !isLineOpen(replayed)) doneLines++;
      if (before && !isLineOpen(before) && isLineOpen(replayed)) doneLines--;
    }
  }
  return { doneLines, totalLines: counts.byId.size };
}

/** Waves a user works on, in the order the list shows them (open work first, then by code). */
export function wavesInScope(waves: readonly Wave[], userId: string, seeAll: boolean): Wave[] {
  return waves
    .filter((wave) => wave.status !== 'cancelled' && (seeAll || wave.assignedUserId === userId))
    .sort(
      (a, b) =>
        Number(a.status === 'done') - Number(b.status === 'done') || compareCodes(a.code, b.code),
    );
}

/**
 * Wave codes are the server's ASCII codes (`B26-07`): compared by code unit, not `localeCompare`,
 * whose first call in a page sets up an ICU collator (150 ms in a profile of the slowed cold start
 * on a busy machine).
 */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
