import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../storage/database';
import { readMeta, readSeqCounters } from '../storage/meta';
import { outboxEventsAbove } from '../storage/outbox';
import { serverLinesOf } from './wave-lines';
import { viewOfOrderedLines, type WaveView } from './wave-view';

export type WaveViewState =
  | { status: 'loading' }
  | { status: 'gone' }
  /** `nextSeq` is read in the same snapshot as the view: the view includes every event below it. */
  /** `movedOff`: lines of the wave a supervisor moved to another picker. */
  | { status: 'ready'; view: WaveView; nextSeq: number; movedOff: number };

/** The live device view of one wave: server lines + unreflected outbox events, in walk order. */
export function useWaveView(waveId: string): WaveViewState {
  const state = useLiveQuery(
    () =>
      db.transaction(
        'r',
        [db.meta, db.waves, db.lineChunks, db.outbox],
        async (): Promise<WaveViewState> => {
          const wave = await db.waves.get(waveId);
          if (!wave) return { status: 'gone' };
          const { nextSeq, reflectedThroughSeq } = await readSeqCounters(db);
          const [lines, pending, movedOff] = await Promise.all([
            serverLinesOf(db, [waveId]),
            outboxEventsAbove(db, reflectedThroughSeq),
            readMeta(db, 'movedOff'),
          ]);
          const view = viewOfOrderedLines(wave, lines.get(waveId)!, pending);
          return { status: 'ready', view, nextSeq, movedOff: movedOff?.[waveId] ?? 0 };
        },
      ),
    [waveId],
  );
  return state ?? { status: 'loading' };
}
