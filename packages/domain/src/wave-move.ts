import type { PickLineStatus } from '@wms/protocol';

/** How much of a wave a supervisor moves to another picker (M2.1). */
export type WaveMoveMode = 'wave' | 'remaining' | 'split';

/** The part of a pick line the planner reads. */
export interface MovableLine {
  id: string;
  pathSeq: number;
  status: PickLineStatus;
}

export interface WaveMovePlan {
  /** Lines that leave the wave for the new picker (empty for `wave`: the wave itself moves). */
  moving: string[];
  /** Lines that stay with the first picker. */
  staying: string[];
}

/**
 * Which lines move. `wave`: the whole wave changes hands (no line is split off). `remaining`:
 * every line still open moves; what is picked or shorted stays, credited to the first picker.
 * `split`: the wave is cut at the first picker's current position (`positionPathSeq`, the bin of
 * their last pick the server knows of): open lines beyond it move, the rest stays; with no known
 * position it is the same as `remaining`.
 *
 * @example
 * planWaveMove([{ id: 'a', pathSeq: 1, status: 'picked' }, { id: 'b', pathSeq: 2, status: 'open' },
 *               { id: 'c', pathSeq: 5, status: 'open' }], 'split', 2)
 * // → { moving: ['c'], staying: ['a', 'b'] }
 */
export function planWaveMove(
  lines: readonly MovableLine[],
  mode: WaveMoveMode,
  positionPathSeq: number | null,
): WaveMovePlan {
  const ordered = [...lines].sort((a, b) => a.pathSeq - b.pathSeq || a.id.localeCompare(b.id));
  if (mode === 'wave') return { moving: [], staying: ordered.map((l) => l.id) };
  const moves = (line: MovableLine) =>
    line.status === 'open' &&
    (mode === 'remaining' || positionPathSeq === null || line.pathSeq > positionPathSeq);
  return {
    moving: ordered.filter(moves).map((l) => l.id),
    staying: ordered.filter((l) => !moves(l)).map((l) => l.id),
  };
}

/**
 * The code of the wave split off another: same number, letter `S` (`B26-07` → `S26-07`), so the
 * picker hears a code that names its origin.
 */
export function splitWaveCode(code: string): string {
  return `S${code.slice(1)}`;
}
