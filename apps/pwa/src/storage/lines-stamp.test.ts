import { describe, expect, it } from 'vitest';
import type { MetaRow, WmsDatabase } from './database';
import { newLinesStamp, stampsSince } from './lines-stamp';
import { readMeta, writeMeta } from './meta';

/** Just the `meta` table, in memory: all the stamp needs. */
function metaOnlyDatabase(): WmsDatabase {
  const rows = new Map<string, MetaRow>();
  const meta = {
    get: (key: string) => Promise.resolve(rows.get(key)),
    put: (row: MetaRow) => Promise.resolve(void rows.set(row.key, row)),
  };
  return { meta } as unknown as WmsDatabase;
}

async function stamp(database: WmsDatabase, waveId: string, all = false) {
  const touched = { all, waveIds: [waveId], lineIds: [`${waveId}-L1`] };
  await writeMeta(
    database,
    'linesStamp',
    newLinesStamp(database, touched, await readMeta(database, 'linesStamp')),
  );
  return (await readMeta(database, 'linesStamp'))!;
}

describe('stampsSince', () => {
  it('gives the writes a reader missed, oldest first, when this page made them', async () => {
    const database = metaOnlyDatabase();
    const first = await stamp(database, 'W1');
    const second = await stamp(database, 'W2');
    const third = await stamp(database, 'W3');
    expect(stampsSince(database, first.id, third)?.map((s) => s.waveIds)).toEqual([['W2'], ['W3']]);
    expect(stampsSince(database, second.id, third)).toEqual([third]);
  });

  it('gives nothing to follow past a clear, from a stamp it never saw, or in another database', async () => {
    const database = metaOnlyDatabase();
    const first = await stamp(database, 'W1');
    await stamp(database, 'W2', true);
    const afterClear = await stamp(database, 'W3');
    expect(stampsSince(database, first.id, afterClear)).toBeUndefined();
    expect(stampsSince(database, 'not-a-stamp', afterClear)).toBeUndefined();
    expect(stampsSince(metaOnlyDatabase(), first.id, afterClear)).toBeUndefined();
  });

  it('forgets old writes: a reader far behind reads again', async () => {
    const database = metaOnlyDatabase();
    const first = await stamp(database, 'W0');
    let last = first;
    for (let i = 1; i <= 80; i++) last = await stamp(database, `W${i}`);
    expect(stampsSince(database, first.id, last)).toBeUndefined();
  });
});
