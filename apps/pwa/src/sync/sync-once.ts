import type { WmsDatabase } from '../storage/database';
import { deleteMeta, readMeta, writeMeta } from '../storage/meta';
import { dropSettledEvents } from '../storage/outbox';
import { ApiError, type Api } from './api-client';
import { pullChanges } from './apply-pull';
import { pushOutbox } from './push-outbox';
import { toSyncFailure } from './sync-failure';

export type SyncOutcome = 'synced' | 'signed-out' | 'skipped';

/**
 * One sync: push the outbox, pull every page of changes (even while the outbox is not empty),
 * then drop the events that are both stored and reflected. A 401 ends the session but keeps the
 * outbox: its events carry their own user and go out after the next login. Any failure is
 * recorded in `lastSyncError` and rethrown.
 */
export async function syncOnce(database: WmsDatabase, api: Api): Promise<SyncOutcome> {
  const [session, identity] = await Promise.all([
    readMeta(database, 'session'),
    readMeta(database, 'deviceIdentity'),
  ]);
  if (!session || !identity) return 'signed-out';
  try {
    await pushOutbox(database, api, session.token, identity);
    await pullChanges(database, (cursor) => api.pull(session.token, cursor));
    await dropSettledEvents(database);
    await writeMeta(database, 'lastSyncAt', new Date().toISOString());
    await writeMeta(database, 'lastSyncError', null);
    return 'synced';
  } catch (error) {
    await writeMeta(database, 'lastSyncError', toSyncFailure(error));
    if (error instanceof ApiError && error.isUnauthenticated) {
      await deleteMeta(database, 'session');
      return 'signed-out';
    }
    throw error;
  }
}
