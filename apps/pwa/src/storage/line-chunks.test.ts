import type { PickLine } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import type { LineChunk, WaveLineDirectory, WmsDatabase } from './database';
import { CHUNK_LINES, StoredLines, chunkWaveLines, readWaveLines } from './line-chunks';
import { aPickLine } from '../testing/a-pick-line';

/** A table in memory, keyed by `key`: what StoredLines and readWaveLines call. */
function memoryTable<T extends object>(key: keyof T & string) {
  const rows = new Map<string, T>();
  const keyOf = (row: T) => String(row[key]);
  return {
    rows,
    toArray: () => Promise.resolve([...rows.values()]),
    bulkGet: (keys: readonly string[]) => Promise.resolve(keys.map((k) => rows.get(k))),
    bulkPut: (put: readonly T[]) =>
      Promise.resolve(void put.forEach((row) => rows.set(keyOf(row), structuredClone(row)))),
    bulkDelete: (keys: readonly string[]) =>
      Promise.resolve(void keys.forEach((k) => rows.delete(k))),
    clear: () => Promise.resolve(rows.clear()),
    where: (index: keyof T) => ({
      equals: (value: unknown) => ({
        toArray: () => Promise.resolve([...rows.values()].filter((row) => row[index] === value)),
      }),
    }),
  };
}

function linesDatabase() {
  const lineChunks = memoryTable<LineChunk>('id');
  const lineDirectory = memoryTable<WaveLineDirectory>('waveId');
  return { lineChunks, lineDirectory } as unknown as WmsDatabase & {
    lineChunks: typeof lineChunks;
    lineDirectory: typeof lineDirectory;
  };
}

const aLine = (waveId: string, n: number, over: Partial<PickLine> = {}): PickLine =>
  aPickLine({ id: `PL-${n}`, waveId, pathSeq: n, qty: 2, ...over });

const linesOfWave = (waveId: string, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => aLine(waveId, from + i));

async function store(database: WmsDatabase, change: (lines: StoredLines) => Promise<void>) {
  const lines = await StoredLines.open(database);
  await change(lines);
  await lines.flush();
}

const ids = (lines: readonly (PickLine | undefined)[]) => lines.map((line) => line?.id).sort();

describe('StoredLines', () => {
  it('stores a wave of 250 lines as 3 records and reads every line back', async () => {
    const database = linesDatabase();
    await store(database, (lines) => lines.put(linesOfWave('W1', 1, 250)));
    expect(database.lineChunks.rows.size).toBe(3);
    expect(ids(await readWaveLines(database, 'W1'))).toEqual(ids(linesOfWave('W1', 1, 250)));
  });

  it('fills the last chunk of a wave before starting another, across pages', async () => {
    const database = linesDatabase();
    await store(database, (lines) => lines.put(linesOfWave('W1', 1, 150)));
    await store(database, (lines) => lines.put(linesOfWave('W1', 151, 50)));
    expect([...database.lineChunks.rows.values()].map((c) => c.lines.length)).toEqual([
      CHUNK_LINES,
      100,
    ]);
  });

  it('replaces a line pulled again in place: one copy, the new one', async () => {
    const database = linesDatabase();
    await store(database, (lines) => lines.put(linesOfWave('W1', 1, 120)));
    await store(database, (lines) =>
      lines.put([aLine('W1', 7, { pickedQty: 2, status: 'picked' })]),
    );
    const stored = await readWaveLines(database, 'W1');
    expect(stored).toHaveLength(120);
    expect(stored.filter((line) => line.id === 'PL-7')).toEqual([
      aLine('W1', 7, { pickedQty: 2, status: 'picked' }),
    ]);
    expect(database.lineChunks.rows.size).toBe(2);
  });

  it('a line put under another wave leaves the wave that held it (a split wave)', async () => {
    const database = linesDatabase();
    await store(database, (lines) => lines.put(linesOfWave('W1', 1, 3)));
    await store(database, (lines) => lines.put([aLine('W1-S1', 2)]));
    expect(ids(await readWaveLines(database, 'W1'))).toEqual(['PL-1', 'PL-3']);
    expect(ids(await readWaveLines(database, 'W1-S1'))).toEqual(['PL-2']);
    const reopened = await StoredLines.open(database);
    expect((await reopened.get(['PL-2']))[0]?.waveId).toBe('W1-S1');
  });

  it('gets lines by id across waves, undefined for lines not held', async () => {
    const database = linesDatabase();
    await store(database, async (lines) => {
      await lines.put(linesOfWave('W1', 1, 2));
      await lines.put(linesOfWave('W2', 3, 2));
    });
    const reopened = await StoredLines.open(database);
    expect((await reopened.get(['PL-4', 'PL-9', 'PL-1'])).map((l) => l?.waveId)).toEqual([
      'W2',
      undefined,
      'W1',
    ]);
  });

  it('deletes lines and whole waves, dropping emptied chunks and directories', async () => {
    const database = linesDatabase();
    await store(database, async (lines) => {
      await lines.put(linesOfWave('W1', 1, 101));
      await lines.put(linesOfWave('W2', 200, 5));
    });
    await store(database, async (lines) => {
      await lines.delete(['PL-101', 'PL-1']);
      await lines.deleteWaves(['W2']);
    });
    expect(await readWaveLines(database, 'W2')).toEqual([]);
    expect(await readWaveLines(database, 'W1')).toHaveLength(99);
    expect([...database.lineChunks.rows.keys()]).toEqual(['W1#0']);
    expect([...database.lineDirectory.rows.keys()]).toEqual(['W1']);
  });

  it('reads the writes before them, before anything is stored', async () => {
    const database = linesDatabase();
    const lines = await StoredLines.open(database);
    await lines.put(linesOfWave('W1', 1, 3));
    await lines.delete(['PL-2']);
    expect(ids(await lines.ofWaves(['W1']))).toEqual(['PL-1', 'PL-3']);
    expect(database.lineChunks.rows.size).toBe(0);
  });

  it('reuses the directories it kept only while the lines stamp is the one it kept them at', async () => {
    const database = linesDatabase();
    const lines = await StoredLines.open(database, 's1');
    await lines.put(linesOfWave('W1', 1, 3));
    await lines.flush();
    lines.keep('s2');
    // Another writer stored a line meanwhile (its own stamp): the kept directories are stale.
    database.lineDirectory.rows.set('W1', { waveId: 'W1', lineIds: ['PL-1'], chunkNos: [0] });
    expect(await StoredLines.open(database, 's2')).toBe(lines);
    lines.keep('s2');
    const reread = await StoredLines.open(database, 's3');
    expect(reread).not.toBe(lines);
    expect((await reread.get(['PL-2', 'PL-1'])).map((l) => l?.id)).toEqual([undefined, 'PL-1']);
    // Taken out by open: a failed transaction may have changed it.
    expect(await StoredLines.open(database, 's2')).not.toBe(lines);
  });

  it('clear drops every stored line', async () => {
    const database = linesDatabase();
    await store(database, (lines) => lines.put(linesOfWave('W1', 1, 3)));
    const cleared = await StoredLines.clear(database);
    expect(await cleared.get(['PL-1'])).toEqual([undefined]);
    expect(database.lineChunks.rows.size + database.lineDirectory.rows.size).toBe(0);
  });
});

describe('chunkWaveLines (upgrade of lines stored one per record)', () => {
  it('groups lines by wave into chunks, with a directory that finds each line', async () => {
    const database = linesDatabase();
    const { chunks, directories } = chunkWaveLines([
      ...linesOfWave('W1', 1, 150),
      ...linesOfWave('W2', 151, 1),
    ]);
    expect(chunks.map((c) => [c.id, c.lines.length])).toEqual([
      ['W1#0', 100],
      ['W1#1', 50],
      ['W2#0', 1],
    ]);
    await database.lineChunks.bulkPut(chunks);
    await database.lineDirectory.bulkPut(directories);
    const lines = await StoredLines.open(database);
    expect((await lines.get(['PL-120', 'PL-151'])).map((l) => l?.waveId)).toEqual(['W1', 'W2']);
  });
});
