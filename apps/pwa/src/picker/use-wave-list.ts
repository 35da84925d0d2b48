import type { Wave } from '@wms/protocol';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Session } from '../storage/database';
import { db } from '../storage/database';
import { readSeqCounters } from '../storage/meta';
import { outboxEventsAbove } from '../storage/outbox';
import { buildWaveView, wavesInScope } from './wave-view';

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
      db.transaction('r', [db.meta, db.waves, db.lines, db.outbox], async () => {
        const waves = wavesInScope(await db.waves.toArray(), userId, role !== 'picker');
        const { reflectedThroughSeq } = await readSeqCounters(db);
        const pending = await outboxEventsAbove(db, reflectedThroughSeq);
        const lines = await db.lines
          .where('waveId')
          .anyOf(waves.map((wave) => wave.id))
          .toArray();
        return waves.map((wave) => {
          const view = buildWaveView(
            wave,
            lines.filter((line) => line.waveId === wave.id),
            pending,
          );
          return { wave, doneLines: view.doneLines, totalLines: view.totalLines };
        });
      }),
    [userId, role],
  );
}
