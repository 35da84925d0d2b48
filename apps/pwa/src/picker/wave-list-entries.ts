import type { Wave } from '@wms/protocol';
import type { Session, WmsDatabase } from '../storage/database';
import { readSeqCounters } from '../storage/meta';
import { outboxEventsAbove } from '../storage/outbox';
import { serverLineCountsOf } from './wave-lines';
import { countsWithPending, wavesInScope } from './wave-view';

export interface WaveListEntry {
  wave: Wave;
  doneLines: number;
  totalLines: number;
}

/**
 * The waves the signed-in user works on, with progress including picks not yet synced, read in
 * one transaction. Counts only: the list does not need the lines in pick-path order.
 *
 * @example
 * (await readWaveList(db, session)).map((entry) => entry.wave.code) // ['B26-07', 'B26-08']
 */
export function readWaveList(database: WmsDatabase, session: Session): Promise<WaveListEntry[]> {
  const { id: userId, role } = session.user;
  const { meta, waves, lineChunks, lineDirectory, outbox } = database;
  return database.transaction('r', [meta, waves, lineChunks, lineDirectory, outbox], async () => {
    // Requests in flight together: each round trip to IndexedDB is a wait at a cold start.
    const [stored, seqs] = await Promise.all([waves.toArray(), readSeqCounters(database)]);
    const inScope = wavesInScope(stored, userId, role !== 'picker');
    const [pending, counts] = await Promise.all([
      outboxEventsAbove(database, seqs.reflectedThroughSeq),
      serverLineCountsOf(
        database,
        inScope.map((wave) => wave.id),
      ),
    ]);
    return inScope.map((wave) => ({
      wave,
      ...countsWithPending(wave.id, counts.get(wave.id)!, pending),
    }));
  });
}
