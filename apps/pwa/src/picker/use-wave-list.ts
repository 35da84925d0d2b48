import type { Wave } from '@wms/protocol';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Session } from '../storage/database';
import { db } from '../storage/database';
import { readSeqCounters } from '../storage/meta';
import { outboxEventsAbove } from '../storage/outbox';
import { serverLineCountsOf } from './wave-lines';
import { countsWithPending, wavesInScope } from './wave-view';

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
      db.transaction(
        'r',
        [db.meta, db.waves, db.lineChunks, db.lineDirectory, db.outbox],
        async () => {
          const waves = wavesInScope(await db.waves.toArray(), userId, role !== 'picker');
          const { reflectedThroughSeq } = await readSeqCounters(db);
          const pending = await outboxEventsAbove(db, reflectedThroughSeq);
          // Counts only: the list does not need the lines in pick-path order.
          const counts = await serverLineCountsOf(
            db,
            waves.map((wave) => wave.id),
          );
          return waves.map((wave) => ({
            wave,
            ...countsWithPending(wave.id, counts.get(wave.id)!, pending),
          }));
        },
      ),
    [userId, role],
  );
}
