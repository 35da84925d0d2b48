import type { Wave } from '@wms/protocol';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Session } from '../storage/database';
import { db } from '../storage/database';
import { readSeqCounters } from '../storage/meta';
import { outboxEventsAbove } from '../storage/outbox';
import { serverLinesOf } from './wave-lines';
import { viewOfOrderedLines, wavesInScope } from './wave-view';

export interface WaveListEntry {
  wave: Wave;
  doneLines: number;
  totalLines: number;
}

/** The waves the signed-in user works on, with progress including picks not yet synced. */
export function useWaveList(session: Session): WaveListEntry[] | undefined {
  const { id: userId, role } = session.user;
  return useLiveQuery(
    () =>
      db.transaction('r', [db.meta, db.waves, db.lineChunks, db.outbox], async () => {
        const waves = wavesInScope(await db.waves.toArray(), userId, role !== 'picker');
        const { reflectedThroughSeq } = await readSeqCounters(db);
        const pending = await outboxEventsAbove(db, reflectedThroughSeq);
        const lines = await serverLinesOf(
          db,
          waves.map((wave) => wave.id),
        );
        return waves.map((wave) => {
          const view = viewOfOrderedLines(wave, lines.get(wave.id)!, pending);
          return { wave, doneLines: view.doneLines, totalLines: view.totalLines };
        });
      }),
    [userId, role],
  );
}
