import type { LinesStamp, WmsDatabase } from './database';
import { randomEventId } from './event-id';
import { readMeta, writeMeta } from './meta';

/** What a write to `lines` touched: the waves lines went to and every line id put or deleted. */
export interface LinesTouched {
  /** Lines were cleared: nothing read before holds. */
  all: boolean;
  waveIds: Iterable<string>;
  lineIds: Iterable<string>;
}

/**
 * Records a write to `lines`; every write to `lines` calls it in its own transaction. The
 * in-memory copy of the lines (picker/wave-lines.ts) is reused only while it is known to match
 * the stored lines: it follows one write at a time, dropping the waves the write touched.
 */
export async function stampLinesChanged(
  database: WmsDatabase,
  touched: LinesTouched,
): Promise<void> {
  const previous = await readMeta(database, 'linesStamp');
  const stamp: LinesStamp = {
    id: randomEventId(),
    previous: touched.all ? null : (previous?.id ?? null),
    waveIds: [...touched.waveIds],
    lineIds: [...touched.lineIds],
  };
  await writeMeta(database, 'linesStamp', stamp);
}
