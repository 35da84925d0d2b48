import type { PickLine, ScanEvent } from '@wms/protocol';
import type { WmsDatabase } from './database';
import { rememberLastSeq } from './device-identity';
import { randomEventId } from './event-id';
import { readMeta, readSeqCounters, writeMeta } from './meta';

export interface PickToRecord {
  line: Pick<PickLine, 'id' | 'waveId' | 'binCode' | 'skuId'>;
  qty: number;
  userId: string;
  /** The wave's assignment version as this device sees it (the server's fencing token). */
  assignmentVersion: number;
  lot?: { lot: string; expiry: string } | undefined;
  /** Cluster picking: the tote of the line's order. */
  toteCode?: string | undefined;
}

/** An event before the outbox gives it an id, a seq and the device time. */
export type EventDraft = ScanEvent extends infer E
  ? E extends ScanEvent
    ? Omit<E, 'id' | 'seq' | 'deviceTime'>
    : never
  : never;

/**
 * Records a fact in the outbox: seq allocation, the event and the next seq are one transaction,
 * so seqs have no gaps and nothing is "OK" before it is durable. Resolves with the stored event
 * once the transaction has committed.
 */
export async function recordEvent(database: WmsDatabase, draft: EventDraft): Promise<ScanEvent> {
  const event = await database.transaction('rw', [database.meta, database.outbox], async () => {
    const seq = (await readMeta(database, 'nextSeq')) ?? 1;
    const stored = { ...draft, id: randomEventId(), seq, deviceTime: new Date().toISOString() };
    await database.outbox.add(stored);
    await writeMeta(database, 'nextSeq', seq + 1);
    return stored;
  });
  rememberLastSeq(event.seq);
  return event;
}

/** Records a pick (with the lot read from the label, for a lot-tracked SKU). */
export function recordPick(database: WmsDatabase, pick: PickToRecord): Promise<ScanEvent> {
  return recordEvent(database, {
    type: 'pick@1',
    userId: pick.userId,
    assignmentVersion: pick.assignmentVersion,
    payload: {
      pickLineId: pick.line.id,
      waveId: pick.line.waveId,
      binCode: pick.line.binCode,
      skuId: pick.line.skuId,
      qty: pick.qty,
      ...(pick.lot ? { lot: pick.lot.lot, expiry: pick.lot.expiry } : {}),
      ...(pick.toteCode ? { toteCode: pick.toteCode } : {}),
    },
  });
}

/** Outbox events with seq above `seq`, in seq order, at most `limit` of them. */
export function outboxEventsAbove(
  database: WmsDatabase,
  seq: number,
  limit = Infinity,
): Promise<ScanEvent[]> {
  const query = database.outbox.where('seq').above(seq);
  return (Number.isFinite(limit) ? query.limit(limit) : query).toArray();
}

/** Events the server has not acknowledged yet: the picker's unsynced backlog. */
export async function countUnsyncedEvents(database: WmsDatabase): Promise<number> {
  const { pushedThroughSeq } = await readSeqCounters(database);
  return database.outbox.where('seq').above(pushedThroughSeq).count();
}

/**
 * Drops the events that are both stored by the server (push) and reflected in the server state
 * this device holds (pull). Before both, the device view still needs them.
 */
export async function dropSettledEvents(database: WmsDatabase): Promise<number> {
  return database.transaction('rw', [database.meta, database.outbox], async () => {
    const { pushedThroughSeq, reflectedThroughSeq } = await readSeqCounters(database);
    const settledThrough = Math.min(pushedThroughSeq, reflectedThroughSeq);
    return database.outbox.where('seq').belowOrEqual(settledThrough).delete();
  });
}
