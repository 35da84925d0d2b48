import { inboundView } from '@wms/domain';
import type { InboundWork } from '@wms/protocol';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { reportError } from '../shell/problems';
import { useSyncStatus } from '../shell/use-sync-status';
import { db, type Session, type WmsDatabase } from '../storage/database';
import { readMeta, readSeqCounters, writeMeta } from '../storage/meta';
import { api, ApiError } from '../sync/api-client';

const INBOUND_TYPES = new Set([
  'inbound-received@1',
  'qc-decided@1',
  'put-away@1',
  'inbound-closed@1',
  'return-graded@1',
]);

/**
 * Downloads the inbound work and keeps it for offline use. The events pushed before the request
 * are reflected in the reply (a push's reply comes after its commit), so the work is stored with
 * the push counter read first: the view replays only the outbox events above it.
 */
export async function refreshInboundWork(database: WmsDatabase, session: Session): Promise<void> {
  const { pushedThroughSeq } = await readSeqCounters(database);
  const work = await api.inboundWork(session.token);
  await writeMeta(database, 'inboundWork', {
    work,
    reflectsThroughSeq: pushedThroughSeq,
    fetchedAt: new Date().toISOString(),
  });
}

/**
 * The inbound view: the work last downloaded with this device's newer inbound events replayed
 * (`inboundView`), live from Dexie. Refreshed from the server when the screen opens and after
 * every sync; offline, the stored work serves.
 */
export function useInboundWork(session: Session): InboundWork | undefined {
  const lastSyncAt = useSyncStatus()?.lastSyncAt ?? null;
  useEffect(() => {
    refreshInboundWork(db, session).catch((error: unknown) => {
      if (error instanceof ApiError && error.kind === 'network') return;
      reportError(error);
    });
  }, [session, lastSyncAt]);
  return useLiveQuery(async () => {
    const cached = await readMeta(db, 'inboundWork');
    const empty: InboundWork = { notices: [], tasks: [], suppliers: [], skus: [] };
    const pending = await db.outbox
      .where('seq')
      .above(cached?.reflectsThroughSeq ?? 0)
      .filter((event) => INBOUND_TYPES.has(event.type))
      .toArray();
    // Work stored by a v5 app has no catalogue yet (the next download brings it).
    const work = cached ? { ...cached.work, skus: cached.work.skus ?? [] } : empty;
    return inboundView(work, pending);
  }, []);
}
