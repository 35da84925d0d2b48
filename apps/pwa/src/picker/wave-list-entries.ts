import type { Wave } from '@wms/protocol';
import type { Session, WmsDatabase } from '../storage/database';
import { readSeqCounters } from '../storage/meta';
import { outboxEventsAbove } from '../storage/outbox';
import { serverLineCountsOf, serverLinesOf } from './wave-lines';
import { countsWithPending, viewOfOrderedLines, wavesInScope } from './wave-view';

export interface WaveListEntry {
  wave: Wave;
  doneLines: number;
  totalLines: number;
}

/**
 * The waves the signed-in user works on, with progress including picks not yet synced, read in
 * one transaction. Counts only, by default: the list does not need the lines in pick-path order.
 * With `fillLineCache` (the app's first screen) the lines are read in pick-path order instead, as
 * the pick screen reads them, so the wave tapped next opens from memory rather than reading and
 * ordering its lines again.
 *
 * @example
 * (await readWaveList(db, session)).map((entry) => entry.wave.code) // ['B26-07', 'B26-08']
 */
export function readWaveList(
  database: WmsDatabase,
  session: Session,
  fillLineCache = false,
): Promise<WaveListEntry[]> {
  const { id: userId, role } = session.user;
  const { meta, waves, lineChunks, lineDirectory, outbox } = database;
  return database.transaction('r', [meta, waves, lineChunks, lineDirectory, outbox], async () => {
    // Requests in flight together: each round trip to IndexedDB is a wait at a cold start.
    const [stored, seqs] = await Promise.all([waves.toArray(), readSeqCounters(database)]);
    const inScope = wavesInScope(stored, userId, role !== 'picker');
    const waveIds = inScope.map((wave) => wave.id);
    const [pending, counts, ordered] = await Promise.all([
      outboxEventsAbove(database, seqs.reflectedThroughSeq),
      fillLineCache ? undefined : serverLineCountsOf(database, waveIds),
      fillLineCache ? serverLinesOf(database, waveIds) : undefined,
    ]);
    return inScope.map((wave) => {
      if (counts) return { wave, ...countsWithPending(wave.id, counts.get(wave.id)!, pending) };
      const view = viewOfOrderedLines(wave, ordered!.get(wave.id)!, pending);
      return { wave, doneLines: view.doneLines, totalLines: view.totalLines };
    });
  });
}
