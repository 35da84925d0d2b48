import { isLineOpen } from '@wms/domain';
import type { PickLine } from '@wms/protocol';
import type { LinesStamp, WmsDatabase } from '../storage/database';
import { readWaveChunks, readWaveLines } from '../storage/line-chunks';
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

/** A wave's server lines by id, counted: what the wave list needs (no pick-path order). */
export interface WaveLineCounts {
  byId: Map<string, PickLine>;
  doneLines: number;
}

interface CountCache {
  stamp: string;
  byWave: Map<string, WaveLineCounts>;
}

const countCaches = new WeakMap<WmsDatabase, CountCache>();

/**
 * The server lines of each wave by id, with how many are done. Call it inside a transaction over
 * `meta`, `lineChunks` and `lineDirectory`. Like `serverLinesOf` it keeps the waves in memory
 * while no write touched them; a wave a write of this page touched (a pull page adding to it) is
 * brought up to date from its directory and the chunks holding the lines written, not read
 * whole again (a 10,000-line wave arriving in pages is otherwise read 10 times over).
 */
export async function serverLineCountsOf(
  database: WmsDatabase,
  waveIds: readonly string[],
): Promise<Map<string, WaveLineCounts>> {
  const stamp = await readMeta(database, 'linesStamp');
  const cache = countCaches.get(database);
  const writes =
    stamp && cache
      ? cache.stamp === stamp.id
        ? []
        : stampsSince(database, cache.stamp, stamp)
      : undefined;
  const byWave = writes && cache ? cache.byWave : new Map<string, WaveLineCounts>();
  if (stamp) countCaches.set(database, { stamp: stamp.id, byWave });
  else countCaches.delete(database);
  const written = new Set(writes?.flatMap((write) => write.lineIds));
  const touchedWaves = new Set(writes?.flatMap((write) => write.waveIds));
  const result = new Map<string, WaveLineCounts>();
  for (const waveId of waveIds) {
    let counts = byWave.get(waveId);
    if (counts && (touchedWaves.has(waveId) || [...written].some((id) => counts!.byId.has(id)))) {
      counts = await followWrites(database, waveId, counts, written);
    }
    counts ??= countLines(await readWaveLines(database, waveId));
    byWave.set(waveId, counts);
    result.set(waveId, counts);
  }
  for (const waveId of byWave.keys()) if (!waveIds.includes(waveId)) byWave.delete(waveId);
  return result;
}

function countLines(lines: readonly PickLine[]): WaveLineCounts {
  const byId = new Map(lines.map((line) => [line.id, line]));
  let doneLines = 0;
  for (const line of byId.values()) if (!isLineOpen(line)) doneLines++;
  return { byId, doneLines };
}

/**
 * A wave's counts after writes that put or deleted the `written` lines (and may have deleted the
 * whole wave): the lines the directory no longer lists go, the written lines it lists are read
 * from their chunks. Undefined (read the wave whole) when the result does not match the
 * directory line for line.
 */
async function followWrites(
  database: WmsDatabase,
  waveId: string,
  before: WaveLineCounts,
  written: ReadonlySet<string>,
): Promise<WaveLineCounts | undefined> {
  const directory = await database.lineDirectory.get(waveId);
  const listed = new Map<string, number>();
  directory?.lineIds.forEach((id, i) => listed.set(id, directory.chunkNos[i]!));
  const byId = new Map(before.byId);
  for (const id of byId.keys()) if (!listed.has(id) || written.has(id)) byId.delete(id);
  const chunkNos: number[] = [];
  for (const [id, no] of listed) if (written.has(id) || !byId.has(id)) chunkNos.push(no);
  for (const line of await readWaveChunks(database, waveId, chunkNos)) {
    if (listed.has(line.id)) byId.set(line.id, line);
  }
  if (byId.size !== listed.size) return undefined;
  return countLines([...byId.values()]);
}
