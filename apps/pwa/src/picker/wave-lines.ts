import type { PickLine } from '@wms/protocol';
import { Dexie } from 'dexie';
import type { LinesStamp, WmsDatabase } from '../storage/database';
import { stampsSince } from '../storage/lines-stamp';
import { readMeta } from '../storage/meta';
import { orderWaveLines, type OrderedWaveLines } from './wave-view';

interface LineCache {
  stamp: string;
  byWave: Map<string, OrderedWaveLines>;
}

const caches = new WeakMap<WmsDatabase, LineCache>();

/**
 * The server lines of each wave in pick-path order. Call it inside a transaction over `meta` and
 * `lines`: waves no pull has written since they were last read come from memory (a pick on the
 * device changes the outbox, not these), so a confirmed pick does not re-read and re-sort the
 * whole wave, nor does a pull of another wave.
 */
export async function serverLinesOf(
  database: WmsDatabase,
  waveIds: readonly string[],
): Promise<Map<string, OrderedWaveLines>> {
  const stamp = await readMeta(database, 'linesStamp');
  const cache = upToDate(database, caches.get(database), stamp);
  if (cache) caches.set(database, cache);
  else caches.delete(database);
  const byWave = cache?.byWave ?? new Map<string, OrderedWaveLines>();
  const missing = waveIds.filter((id) => !byWave.has(id));
  // One getAll per wave: `anyOf` walks a cursor, a callback per line (several times slower).
  const read = await Promise.all(missing.map((id) => readWaveLines(database, id)));
  missing.forEach((id, i) => byWave.set(id, orderWaveLines(read[i] ?? [])));
  return new Map(waveIds.map((id) => [id, byWave.get(id) ?? orderWaveLines([])]));
}

/**
 * A wave's stored lines. In a transaction, read straight from IndexedDB, outside the live
 * query's tracking: Dexie would otherwise note each of the wave's thousands of line keys for every
 * live query that reads it. Those queries read `meta.linesStamp`, which every write to `lines`
 * changes in the same transaction, so they still run again after any change to these lines.
 */
function readWaveLines(database: WmsDatabase, waveId: string): Promise<PickLine[]> {
  const idbTransaction = Dexie.currentTransaction?.idbtrans;
  if (!idbTransaction) return database.lines.where('waveId').equals(waveId).toArray();
  // A Dexie promise, resolved from the request: awaiting it keeps the transaction's zone.
  return new Dexie.Promise<PickLine[]>((resolve, reject) => {
    const request = idbTransaction.objectStore('lines').index('waveId').getAll(waveId);
    request.onsuccess = () => resolve(request.result as PickLine[]);
    request.onerror = () => reject(request.error ?? new Error('reading the wave lines failed'));
  });
}

/** The cache brought to `stamp`, or undefined when there is no stamp to follow. */
function upToDate(
  database: WmsDatabase,
  cache: LineCache | undefined,
  stamp: LinesStamp | undefined,
) {
  if (!stamp) return undefined;
  if (cache?.stamp === stamp.id) return cache;
  const writes = cache && stampsSince(database, cache.stamp, stamp);
  if (!cache || !writes) return { stamp: stamp.id, byWave: new Map() };
  const waves = new Set(writes.flatMap((write) => write.waveIds));
  const lines = new Set(writes.flatMap((write) => write.lineIds));
  for (const [waveId, held] of cache.byWave) {
    if (waves.has(waveId) || held.lines.some((line) => lines.has(line.id)))
      cache.byWave.delete(waveId);
  }
  return { stamp: stamp.id, byWave: cache.byWave };
}
