import type { MetaKey, MetaRow, MetaValues, WmsDatabase } from './database';

/** Reads one `meta` value; undefined when it was never written. */
export async function readMeta<K extends MetaKey>(
  database: WmsDatabase,
  key: K,
): Promise<MetaValues[K] | undefined> {
  const row = await database.meta.get(key);
  // The table is keyed by `key`, so the row found for K holds a MetaValues[K].
  return row?.value as MetaValues[K] | undefined;
}

export async function writeMeta<K extends MetaKey>(
  database: WmsDatabase,
  key: K,
  value: MetaValues[K],
): Promise<void> {
  await database.meta.put({ key, value } as MetaRow);
}

/** Writes several `meta` values in one call. */
export async function writeMetaRows(
  database: WmsDatabase,
  rows: readonly MetaRow[],
): Promise<void> {
  await database.meta.bulkPut(rows);
}

export async function deleteMeta(database: WmsDatabase, key: MetaKey): Promise<void> {
  await database.meta.delete(key);
}

/** The seq bookkeeping of this incarnation, with the values of a fresh database as defaults. */
export interface SeqCounters {
  nextSeq: number;
  pushedThroughSeq: number;
  reflectedThroughSeq: number;
}

export async function readSeqCounters(database: WmsDatabase): Promise<SeqCounters> {
  const [nextSeq, pushedThroughSeq, reflectedThroughSeq] = await Promise.all([
    readMeta(database, 'nextSeq'),
    readMeta(database, 'pushedThroughSeq'),
    readMeta(database, 'reflectedThroughSeq'),
  ]);
  return {
    nextSeq: nextSeq ?? 1,
    pushedThroughSeq: pushedThroughSeq ?? 0,
    reflectedThroughSeq: reflectedThroughSeq ?? 0,
  };
}
