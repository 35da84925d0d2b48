import type { InboundWork } from '@wms/protocol';
import type { WmsDatabase } from '../storage/database';
import { readSeqCounters, writeMeta } from '../storage/meta';

/**
 * Downloads the inbound work and keeps it for offline use (what the inbound screens show, with
 * the outbox's newer inbound events replayed on top). The push counter is read before the
 * request: the events pushed before it are reflected in the reply (a push's reply comes after
 * its commit), so only the outbox events above it are replayed.
 */
export async function storeInboundWork(
  database: WmsDatabase,
  download: () => Promise<InboundWork>,
): Promise<void> {
  const { pushedThroughSeq } = await readSeqCounters(database);
  const work = await download();
  await writeMeta(database, 'inboundWork', {
    work,
    reflectsThroughSeq: pushedThroughSeq,
    fetchedAt: new Date().toISOString(),
  });
}
