import type { PickLine, PullResponse, Wave } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import type { WmsDatabase } from '../storage/database';
import { readWaveLines } from '../storage/line-chunks';
import { readMeta } from '../storage/meta';
import { serverLineCountsOf } from '../picker/wave-lines';
import { applyPullPage, pullChanges } from './apply-pull';
import { aPickLine } from '../testing/a-pick-line';

/**
 * The tables `applyPullPage` uses, in memory, counting what it asks of them: `calls` are Dexie
 * calls (one promise each), `requests` the IndexedDB requests Dexie makes for them (a bulk call
 * makes one request per key or row).
 */
function countingDatabase() {
  const counts = { calls: 0, requests: 0 };
  const count = (requests: number) => {
    counts.calls++;
    counts.requests += requests;
  };
  function table<T extends object>(key: keyof T & string) {
    const rows = new Map<unknown, T>();
    const keyOf = (row: T) => row[key];
    const put = (row: T) => rows.set(keyOf(row), structuredClone(row));
    const matching = (keep: (row: T) => boolean) => ({
      toArray: () => (count(1), Promise.resolve([...rows.values()].filter(keep))),
    });
    return {
      rows,
      get: (k: unknown) => (count(1), Promise.resolve(rows.get(k))),
      put: (row: T) => (count(1), Promise.resolve(void put(row))),
      bulkGet: (keys: readonly unknown[]) => (
        count(keys.length),
        Promise.resolve(keys.map((k) => rows.get(k)))
      ),
      bulkPut: (put_: readonly T[]) => (
        count(put_.length),
        Promise.resolve(void put_.forEach(put))
      ),
      bulkDelete: (keys: readonly unknown[]) => (
        count(keys.length),
        Promise.resolve(void keys.forEach((k) => rows.delete(k)))
      ),
      clear: () => (count(1), Promise.resolve(rows.clear())),
      toArray: () => (count(1), Promise.resolve([...rows.values()])),
      where: (index: keyof T) => ({
        equals: (value: unknown) => matching((row) => row[index] === value),
        above: (value: number) => matching((row) => (row[index] as number) > value),
      }),
    };
  }
  const database = {
    meta: table<{ key: string; value: unknown }>('key'),
    waves: table<Wave>('id'),
    lineChunks: table<{ id: string; waveId: string; lines: PickLine[] }>('id'),
    lineDirectory: table<{ waveId: string }>('waveId'),
    outbox: table<{ seq: number }>('seq'),
    transaction: (_mode: string, _tables: unknown, body: () => Promise<unknown>) => body(),
  };
  return { database: database as unknown as WmsDatabase, counts };
}

const aWave = (id: string): Wave => ({
  id,
  code: 'B26-07',
  warehouseId: 'WH-1',
  status: 'open',
  assignedUserId: 'U-1',
  assignmentVersion: 1,
  createdAt: '2026-11-22T08:00:00.000Z',
});

const aLine = (waveId: string, n: number, over: Partial<PickLine> = {}): PickLine =>
  aPickLine({ id: `PL-${n}`, waveId, pathSeq: n, qty: 2, ...over });

const aPage = (over: Partial<PullResponse>): PullResponse => ({
  cursor: 'c',
  hasMore: false,
  reset: false,
  ackedThroughSeq: 0,
  waves: [],
  lines: [],
  removedWaves: [],
  ...over,
});

describe('applyPullPage', () => {
  it('stores a 10,000-line wave arriving in 1,000-line pages with few requests a page', async () => {
    const { database, counts } = countingDatabase();
    const perPage: { calls: number; requests: number }[] = [];
    for (let page = 0; page < 10; page++) {
      const before = { ...counts };
      await applyPullPage(
        database,
        aPage({
          cursor: `c${page}`,
          hasMore: page < 9,
          ackedThroughSeq: page,
          waves: page === 0 ? [aWave('W1')] : [],
          // 1,000 lines a page, the first page 50 short: the pages do not end on a chunk.
          lines: Array.from({ length: page === 0 ? 950 : 1_000 }, (_, i) =>
            aLine('W1', (page === 0 ? 0 : page * 1_000 - 50) + i),
          ),
        }),
      );
      perPage.push({
        calls: counts.calls - before.calls,
        requests: counts.requests - before.requests,
      });
    }
    const lines = await readWaveLines(database, 'W1');
    expect(lines.length).toBe(9_950);
    expect(new Set(lines.map((line) => line.id)).size).toBe(9_950);
    expect(await readMeta(database, 'cursor')).toBe('c9');
    expect(await readMeta(database, 'reflectedThroughSeq')).toBe(9);
    // Per page: the lines stamp read, the wave read (not on the page that brings it; the first
    // page reads the directories instead), 11 chunks written (10 on the first page) in one bulk
    // call, the directory, then the lines stamp, the cursor and the reflected seq in one call.
    // Before session 5: 13 calls and 19 requests a page (the stamp read twice, the wave's last
    // chunk read again every page, empty bulk calls, chunks in calls of 4, meta one by one).
    expect(perPage).toEqual([
      { calls: 6, requests: 17 },
      ...Array.from({ length: 9 }, () => ({ calls: 5, requests: 17 })),
    ]);
  });
});

describe('serverLineCountsOf (the wave list) across pull pages', () => {
  it('follows the pages without reading a growing wave whole each time, counting as a full read', async () => {
    const { database, counts } = countingDatabase();
    const page = (n: number, over: Partial<PullResponse>) =>
      applyPullPage(database, aPage({ cursor: `c${n}`, ackedThroughSeq: 0, ...over }));
    const check = async (waveIds: string[]) => {
      const before = counts.requests;
      const followed = await serverLineCountsOf(database, waveIds);
      const requests = counts.requests - before;
      for (const waveId of waveIds) {
        const full = await readWaveLines(database, waveId);
        const got = followed.get(waveId)!;
        expect([...got.byId.values()].sort((a, b) => a.pathSeq - b.pathSeq)).toEqual(
          full.sort((a, b) => a.pathSeq - b.pathSeq),
        );
        expect(got.doneLines).toBe(full.filter((line) => line.status !== 'open').length);
      }
      return requests;
    };
    await page(0, { waves: [aWave('W1'), aWave('W2')], lines: [aLine('W2', 90_000)] });
    expect(await check(['W1', 'W2'])).toBe(3);
    for (let n = 1; n <= 5; n++) {
      await page(n, {
        lines: Array.from({ length: 1_000 }, (_, i) => aLine('W1', (n - 1) * 1_000 + i)),
      });
      // The stamp, the directory of W1 and the 10 chunks holding the page's lines, never the
      // 10 to 50 chunks of the whole wave (one getAll, but a copy of every line); W2 untouched.
      expect(await check(['W1', 'W2'])).toBe(12);
    }
    // Lines picked on the server (in place), one moved to W2, then a wave removed.
    await page(6, {
      lines: [
        { ...aLine('W1', 10), pickedQty: 2, status: 'picked' },
        { ...aLine('W1', 4_999), pickedQty: 2, status: 'picked' },
        { ...aLine('W1', 20), waveId: 'W2' },
      ],
    });
    // The stamp; W1's directory and its 2 chunks written; W2's directory and 1 chunk.
    expect(await check(['W1', 'W2'])).toBe(6);
    const afterMove = await serverLineCountsOf(database, ['W1', 'W2']);
    expect([afterMove.get('W1')!.byId.size, afterMove.get('W1')!.doneLines]).toEqual([4_999, 2]);
    expect(afterMove.get('W2')!.byId.size).toBe(2);
    await page(7, { removedWaves: [{ waveId: 'W2', reason: 'unassigned', assignedTo: null }] });
    expect(await check(['W1', 'W2'])).toBe(2);
    expect((await serverLineCountsOf(database, ['W2'])).get('W2')!.byId.size).toBe(0);
    // A reset pull: read again whole.
    await page(8, { reset: true, waves: [aWave('W1')], lines: [aLine('W1', 1)] });
    expect(await check(['W1'])).toBe(2);
  });

  it('a wave done a shift ago leaves the device with its lines, and the picker is told nothing', async () => {
    const { database } = countingDatabase();
    await applyPullPage(
      database,
      aPage({
        reset: true,
        waves: [{ ...aWave('W1'), status: 'done' }, aWave('W2')],
        lines: [aLine('W1', 1, { status: 'picked' }), aLine('W2', 2)],
      }),
    );
    await applyPullPage(
      database,
      aPage({
        cursor: 'c2',
        removedWaves: [{ waveId: 'W1', reason: 'finished', assignedTo: null, keptPicks: 1 }],
      }),
    );
    expect(await database.waves.toArray()).toEqual([aWave('W2')]);
    expect(await readWaveLines(database, 'W1')).toEqual([]);
    expect((await readWaveLines(database, 'W2')).map((line) => line.id)).toEqual(['PL-2']);
    expect((await readMeta(database, 'notices')) ?? []).toEqual([]);
  });
});

describe('pullChanges when inbound work changed hands (issue 23)', () => {
  it('downloads the inbound work before storing the cursor: a failed download is asked for again', async () => {
    const { database } = countingDatabase();
    const asked: (string | undefined)[] = [];
    const pages: Record<string, PullResponse> = {
      start: aPage({ cursor: 'c1', hasMore: true }),
      c1: aPage({ cursor: 'c2', inboundChanged: true }),
    };
    const pull = (cursor: string | undefined) => {
      asked.push(cursor);
      return Promise.resolve(pages[cursor ?? 'start']!);
    };
    let downloads = 0;
    const failing = () => {
      downloads++;
      return Promise.reject(new Error('network'));
    };
    await expect(pullChanges(database, pull, 1_000, failing)).rejects.toThrow('network');
    // The page before is stored; the one that said "inbound changed" is not.
    expect(await readMeta(database, 'cursor')).toBe('c1');
    await pullChanges(database, pull, 1_000, () => {
      downloads++;
      return Promise.resolve();
    });
    expect(await readMeta(database, 'cursor')).toBe('c2');
    expect(asked).toEqual([undefined, 'c1', 'c1']);
    expect(downloads).toBe(2);
    // Nothing changed hands since: no download.
    pages.c2 = aPage({ cursor: 'c3' });
    await pullChanges(database, pull, 1_000, () => Promise.reject(new Error('not asked')));
    expect(await readMeta(database, 'cursor')).toBe('c3');
  });
});
