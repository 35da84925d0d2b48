import type { PickLine } from '@wms/protocol';
import type { LineChunk, WaveLineDirectory, WmsDatabase } from './database';

/**
 * Lines per stored chunk. IndexedDB costs about the same per request whatever its size (a put of
 * one line took ~0.5 ms at 4× slowdown, one of 100 lines ~4 ms), and a chunk of 100 lines stays
 * well below the size where Chromium moves a value into a blob (64 KB).
 */
export const CHUNK_LINES = 100;

const chunkId = (waveId: string, no: number) => `${waveId}#${no}`;

/** The number of a wave's last chunk; -1 when it has none. */
const lastChunkNo = (entry: { sizes: Map<number, number> }) => Math.max(-1, ...entry.sizes.keys());

/** The stored lines of one wave, in no particular order. */
export async function readWaveLines(database: WmsDatabase, waveId: string): Promise<PickLine[]> {
  const chunks = await database.lineChunks.where('waveId').equals(waveId).toArray();
  return chunks.flatMap((chunk) => chunk.lines);
}

/** The lines of these chunks of a wave (by chunk number), in no particular order. */
export async function readWaveChunks(
  database: WmsDatabase,
  waveId: string,
  chunkNos: Iterable<number>,
): Promise<PickLine[]> {
  const ids = [...new Set(chunkNos)].map((no) => chunkId(waveId, no));
  const chunks = ids.length > 0 ? await database.lineChunks.bulkGet(ids) : [];
  return chunks.flatMap((chunk) => chunk?.lines ?? []);
}

/** Lines as chunks of their waves and the waves' directories (the database upgrade to v3). */
export function chunkWaveLines(lines: readonly PickLine[]): {
  chunks: LineChunk[];
  directories: WaveLineDirectory[];
} {
  const byWave = groupByWave(lines);
  const chunks: LineChunk[] = [];
  const directories: WaveLineDirectory[] = [];
  for (const [waveId, waveLines] of byWave) {
    const directory: WaveLineDirectory = { waveId, lineIds: [], chunkNos: [] };
    for (let start = 0; start < waveLines.length; start += CHUNK_LINES) {
      const no = start / CHUNK_LINES;
      const part = waveLines.slice(start, start + CHUNK_LINES);
      chunks.push({ id: chunkId(waveId, no), waveId, lines: part });
      for (const line of part) {
        directory.lineIds.push(line.id);
        directory.chunkNos.push(no);
      }
    }
    directories.push(directory);
  }
  return { chunks, directories };
}

function groupByWave(lines: readonly PickLine[]): Map<string, PickLine[]> {
  const byWave = new Map<string, PickLine[]>();
  for (const line of lines) {
    const waveLines = byWave.get(line.waveId);
    if (waveLines) waveLines.push(line);
    else byWave.set(line.waveId, [line]);
  }
  return byWave;
}

const keptLines = new WeakMap<WmsDatabase, { stampId: string; lines: StoredLines }>();

interface WaveEntry {
  /** line id → chunk number */
  lines: Map<string, number>;
  /** chunk number → how many lines it holds */
  sizes: Map<number, number>;
}

/**
 * The stored lines, changed inside the caller's transaction (over `lineChunks` and
 * `lineDirectory`) as if each line were a record of its own: `get`, `put` and `delete` by line
 * id, `deleteWaves`. Reads see the writes before them; nothing is stored until `flush`. A line
 * put under another wave than the one holding it leaves that wave's chunk (the record per line
 * used to be overwritten the same way).
 */
export class StoredLines {
  private readonly waves = new Map<string, WaveEntry>();
  /** line id → its wave */
  private readonly homes = new Map<string, string>();
  /** Chunks read or changed: chunk id → its lines by id. */
  private readonly chunks = new Map<string, Map<string, PickLine>>();
  private readonly changedChunks = new Set<string>();
  private readonly changedWaves = new Set<string>();

  private constructor(
    private readonly database: WmsDatabase,
    directories: readonly WaveLineDirectory[],
  ) {
    for (const { waveId, lineIds, chunkNos } of directories) {
      const entry = this.entryOf(waveId);
      lineIds.forEach((lineId, i) => {
        const no = chunkNos[i]!;
        entry.lines.set(lineId, no);
        entry.sizes.set(no, (entry.sizes.get(no) ?? 0) + 1);
        this.homes.set(lineId, waveId);
      });
    }
  }

  /**
   * Reads the directories: call it inside the transaction that will `flush`. `stampId` is the
   * stored lines stamp: when it is the one `keep` was given after this page's last write, nothing
   * was written since and the directories kept in memory are used instead of read again.
   */
  static async open(database: WmsDatabase, stampId?: string): Promise<StoredLines> {
    const kept = keptLines.get(database);
    // Taken out: a transaction that fails leaves it changed, and it must not be used again.
    keptLines.delete(database);
    if (kept && stampId !== undefined && kept.stampId === stampId) return kept.lines;
    return new StoredLines(database, await database.lineDirectory.toArray());
  }

  /**
   * Keeps the directories in memory for the next `open`. Call it once the transaction that
   * flushed them has committed, with the lines stamp it stored (the writer of lines stamps every
   * write, so a stamp that still matches means no other write, from any tab, came between).
   */
  keep(stampId: string): void {
    // The chunks read go, but for each wave's last chunk while it has room: the next page's
    // lines of that wave go into it, and it need not be read again.
    const open = new Set<string>();
    for (const [waveId, entry] of this.waves) {
      const last = lastChunkNo(entry);
      if (last >= 0 && entry.sizes.get(last)! < CHUNK_LINES) open.add(chunkId(waveId, last));
    }
    for (const id of this.chunks.keys()) if (!open.has(id)) this.chunks.delete(id);
    keptLines.set(this.database, { stampId, lines: this });
  }

  /** Drops every stored line (a reset pull). */
  static async clear(database: WmsDatabase): Promise<StoredLines> {
    await Promise.all([database.lineChunks.clear(), database.lineDirectory.clear()]);
    return new StoredLines(database, []);
  }

  async get(lineIds: readonly string[]): Promise<(PickLine | undefined)[]> {
    await this.load(lineIds.flatMap((id) => this.chunkIdOf(id) ?? []));
    return lineIds.map((id) => {
      const at = this.chunkIdOf(id);
      return at === undefined ? undefined : this.chunks.get(at)?.get(id);
    });
  }

  /** Every stored line of these waves. */
  async ofWaves(waveIds: readonly string[]): Promise<PickLine[]> {
    const ids = waveIds.flatMap((waveId) =>
      [...(this.waves.get(waveId)?.sizes.keys() ?? [])].map((no) => chunkId(waveId, no)),
    );
    await this.load(ids);
    return ids.flatMap((id) => [...(this.chunks.get(id)?.values() ?? [])]);
  }

  async put(lines: readonly PickLine[]): Promise<void> {
    await this.load(lines.flatMap((line) => this.chunkIdOf(line.id) ?? []));
    const arriving: PickLine[] = [];
    for (const line of lines) {
      const at = this.homes.get(line.id) === line.waveId ? this.chunkIdOf(line.id) : undefined;
      if (at === undefined) {
        this.remove(line.id);
        arriving.push(line);
      } else {
        this.chunks.get(at)!.set(line.id, line);
        this.changedChunks.add(at);
      }
    }
    for (const [waveId, waveLines] of groupByWave(arriving)) {
      await this.append(waveId, waveLines);
    }
  }

  async delete(lineIds: readonly string[]): Promise<void> {
    await this.load(lineIds.flatMap((id) => this.chunkIdOf(id) ?? []));
    for (const id of lineIds) this.remove(id);
  }

  async deleteWaves(waveIds: readonly string[]): Promise<void> {
    await this.delete(
      waveIds.flatMap((waveId) => [...(this.waves.get(waveId)?.lines.keys() ?? [])]),
    );
  }

  /** Stores what changed: the chunks in one bulk call, then the directories. */
  async flush(): Promise<void> {
    const { lineChunks, lineDirectory } = this.database;
    const changed = [...this.changedChunks];
    const emptied = changed.filter((id) => this.chunks.get(id)!.size === 0);
    const written: LineChunk[] = changed.flatMap((id) => {
      const lines = [...this.chunks.get(id)!.values()];
      return lines.length === 0 ? [] : [{ id, waveId: lines[0]!.waveId, lines }];
    });
    if (written.length > 0) await lineChunks.bulkPut(written);
    if (emptied.length > 0) await lineChunks.bulkDelete(emptied);
    const waveIds = [...this.changedWaves];
    const directories = waveIds.flatMap((waveId) => {
      const entry = this.waves.get(waveId);
      return entry && entry.lines.size > 0
        ? [{ waveId, lineIds: [...entry.lines.keys()], chunkNos: [...entry.lines.values()] }]
        : [];
    });
    if (directories.length > 0) await lineDirectory.bulkPut(directories);
    const gone = waveIds.filter((waveId) => !directories.some((d) => d.waveId === waveId));
    if (gone.length > 0) await lineDirectory.bulkDelete(gone);
    this.changedChunks.clear();
    this.changedWaves.clear();
  }

  private entryOf(waveId: string): WaveEntry {
    let entry = this.waves.get(waveId);
    if (!entry) {
      entry = { lines: new Map(), sizes: new Map() };
      this.waves.set(waveId, entry);
    }
    return entry;
  }

  private chunkIdOf(lineId: string): string | undefined {
    const waveId = this.homes.get(lineId);
    const no = waveId === undefined ? undefined : this.waves.get(waveId)?.lines.get(lineId);
    return waveId === undefined || no === undefined ? undefined : chunkId(waveId, no);
  }

  /** Reads the chunks not read yet. */
  private async load(ids: readonly string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.chunks.has(id));
    if (missing.length === 0) return;
    const read = await this.database.lineChunks.bulkGet(missing);
    missing.forEach((id, i) => {
      this.chunks.set(id, new Map((read[i]?.lines ?? []).map((line) => [line.id, line])));
    });
  }

  /** Takes a line out of its chunk (loaded by the caller). */
  private remove(lineId: string): void {
    const at = this.chunkIdOf(lineId);
    const waveId = this.homes.get(lineId);
    if (at === undefined || waveId === undefined) return;
    const entry = this.waves.get(waveId)!;
    const no = entry.lines.get(lineId)!;
    this.chunks.get(at)!.delete(lineId);
    this.changedChunks.add(at);
    entry.lines.delete(lineId);
    const size = entry.sizes.get(no)! - 1;
    if (size === 0) entry.sizes.delete(no);
    else entry.sizes.set(no, size);
    this.homes.delete(lineId);
    this.changedWaves.add(waveId);
  }

  /** Adds lines new to their wave: into the wave's last chunk while it has room, then new ones. */
  private async append(waveId: string, lines: readonly PickLine[]): Promise<void> {
    const entry = this.entryOf(waveId);
    const last = lastChunkNo(entry);
    let no = last >= 0 && entry.sizes.get(last)! < CHUNK_LINES ? last : last + 1;
    // A chunk past the last holds nothing yet (a put replaces a whole chunk): not read.
    if (no === last) await this.load([chunkId(waveId, no)]);
    else this.chunks.set(chunkId(waveId, no), new Map());
    for (const line of lines) {
      if ((entry.sizes.get(no) ?? 0) >= CHUNK_LINES) {
        no++;
        this.chunks.set(chunkId(waveId, no), new Map());
      }
      const at = chunkId(waveId, no);
      this.chunks.get(at)!.set(line.id, line);
      this.changedChunks.add(at);
      entry.lines.set(line.id, no);
      entry.sizes.set(no, (entry.sizes.get(no) ?? 0) + 1);
      this.homes.set(line.id, waveId);
    }
    this.changedWaves.add(waveId);
  }
}
