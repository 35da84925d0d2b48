import type { DeviceIdentity, WmsDatabase } from '../storage/database';
import { readSeqCounters, writeMeta } from '../storage/meta';
import { outboxEventsAbove } from '../storage/outbox';
import { keepMoveRefusals } from '../moves/move-refusals';
import { ApiError, type Api } from './api-client';

/** How often one push may move back or forward to the seq the server expects before giving up. */
const MAX_SEQ_GAP_RETRIES = 3;

/**
 * Pushes every outbox event above `pushedThroughSeq`, in batches, until the server holds them
 * all. A `seq_gap` reply moves `pushedThroughSeq` to what the server expects and resends from
 * there (a lost reply, or a server that is behind). Never deletes anything: see dropSettledEvents.
 */
export async function pushOutbox(
  database: WmsDatabase,
  api: Api,
  token: string,
  identity: DeviceIdentity,
): Promise<void> {
  const { MAX_PUSH_EVENTS } = await import('./protocol-runtime');
  let gapRetries = 0;
  for (;;) {
    const { nextSeq, pushedThroughSeq } = await readSeqCounters(database);
    const events = await outboxEventsAbove(database, pushedThroughSeq, MAX_PUSH_EVENTS);
    const lastSeq = events.at(-1)?.seq;
    if (lastSeq === undefined) return;
    try {
      const { deviceId, epoch } = identity;
      const reply = await api.push(token, {
        deviceId,
        epoch,
        highestLocalSeq: nextSeq - 1,
        events,
      });
      if (reply.ackedThroughSeq < lastSeq) {
        throw new ApiError(
          'bad-response',
          `push of seq ≤ ${lastSeq} acknowledged only ${reply.ackedThroughSeq}`,
        );
      }
      await keepMoveRefusals(database, events, reply.results);
      await writeMeta(database, 'pushedThroughSeq', reply.ackedThroughSeq);
    } catch (error) {
      const expectedSeq = seqGapExpected(error);
      if (expectedSeq === undefined || ++gapRetries > MAX_SEQ_GAP_RETRIES) throw error;
      await writeMeta(database, 'pushedThroughSeq', expectedSeq - 1);
    }
  }
}

function seqGapExpected(error: unknown): number | undefined {
  if (!(error instanceof ApiError) || error.code !== 'seq_gap') return undefined;
  return error.expectedSeq;
}
