import type { LinesStamp, WmsDatabase } from '../storage/database';
import { readWaveLines } from '../storage/line-chunks';
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
 * `lineChunks`: waves no pull has written since they were last read come from memory (a pick on the
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
  // One getAll per wave: `anyOf` walks a cursor, a callback per chunk (slower).
  const read = await Promise.all(missing.map((id) => readWaveLines(database, id)));
  missing.forEach((id, i) => byWave.set(id, orderWaveLines(read[i] ?? [])));
  return new Map(waveIds.map((id) => [id, byWave.get(id) ?? orderWaveLines([])]));
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
