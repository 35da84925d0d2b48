import { moveView } from '@wms/domain';
import type { MoveWork, StockMovedPayload } from '@wms/protocol';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { reportError } from '../shell/problems';
import { useSyncStatus } from '../shell/use-sync-status';
import { db, type Session, type WmsDatabase } from '../storage/database';
import { readMeta, readSeqCounters, writeMeta } from '../storage/meta';
import { api, ApiError } from '../sync/api-client';

/**
 * Downloads the stock to move and keeps it for offline use. The events pushed before the request
 * are reflected in the reply (a push's reply comes after its commit), so the work is stored with
 * the push counter read first: the view replays only the outbox moves above it.
 */
export async function refreshMoveWork(database: WmsDatabase, session: Session): Promise<void> {
  const { pushedThroughSeq } = await readSeqCounters(database);
  const work = await api.moveWork(session.token);
  await writeMeta(database, 'moveWork', {
    work,
    reflectsThroughSeq: pushedThroughSeq,
    fetchedAt: new Date().toISOString(),
  });
}

/**
 * The stock this device may move: the work last downloaded with its own newer moves replayed
 * (`moveView`; a move the server refused moves nothing), live from Dexie. Refreshed when the
 * screen opens and after every sync; offline, the stored work serves. Undefined while loading;
 * null when nothing was ever downloaded (the first use needs the network).
 */
export function useMoveWork(session: Session): MoveWork | null | undefined {
  const lastSyncAt = useSyncStatus()?.lastSyncAt ?? null;
  useEffect(() => {
    refreshMoveWork(db, session).catch((error: unknown) => {
      if (error instanceof ApiError && error.kind === 'network') return;
      reportError(error);
    });
  }, [session, lastSyncAt]);
  return useLiveQuery(async () => {
    const cached = await readMeta(db, 'moveWork');
    if (!cached) return null;
    const refused = new Set(((await readMeta(db, 'moveRefusals')) ?? []).map((r) => r.eventId));
    const pending: StockMovedPayload[] = [];
    await db.outbox
      .where('seq')
      .above(cached.reflectsThroughSeq)
      .each((event) => {
        if (event.type === 'stock-moved@1' && !refused.has(event.id)) pending.push(event.payload);
      });
    return moveView(cached.work, pending);
  }, []);
}
