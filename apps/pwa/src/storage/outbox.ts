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
}

/**
 * Records a pick as a fact in the outbox: seq allocation, the event and the next seq are one
 * transaction, so seqs have no gaps and nothing is "OK" before it is durable. Resolves with the
 * stored event once the transaction has committed.
 */
export async function recordPick(database: WmsDatabase, pick: PickToRecord): Promise<ScanEvent> {
  const event = await database.transaction('rw', [database.meta, database.outbox], async () => {
    const seq = (await readMeta(database, 'nextSeq')) ?? 1;
    const stored: ScanEvent = {
      id: randomEventId(),
      seq,
      type: 'pick@1',
      deviceTime: new Date().toISOString(),
      userId: pick.userId,
      assignmentVersion: pick.assignmentVersion,
      payload: {
        pickLineId: pick.line.id,
        waveId: pick.line.waveId,
        binCode: pick.line.binCode,
        skuId: pick.line.skuId,
        qty: pick.qty,
      },
    };
    await database.outbox.add(stored);
    await writeMeta(database, 'nextSeq', seq + 1);
    return stored;
  });
  rememberLastSeq(event.seq);
  return event;
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
