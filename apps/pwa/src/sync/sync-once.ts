import type { WmsDatabase } from '../storage/database';
import { deleteMeta, readMeta, readSeqCounters, writeMeta } from '../storage/meta';
import { dropSettledEvents } from '../storage/outbox';
import { ApiError, type Api } from './api-client';
import { pullChanges } from './apply-pull';
import { pushOutbox } from './push-outbox';
import { storeInboundWork } from './store-inbound-work';
import { toSyncFailure } from './sync-failure';
import { announceUpdateRequired, isUpdateRequired } from './update-required';

/** `held-back`: synced, but the server holds committed changes behind an older transaction. */
export type SyncOutcome = 'synced' | 'held-back' | 'signed-out' | 'skipped';

/**
 * One sync: push the outbox, pull every page of changes (even while the outbox is not empty,
 * and even when the server refused the push: a supervisor's changes must still reach a picker
 * whose outbox is stuck), then drop the events that are both stored and reflected. A 401 ends
 * the session but keeps the outbox: its events carry their own user and go out after the next
 * login. Any failure is recorded in `lastSyncError` and rethrown.
 */
export async function syncOnce(database: WmsDatabase, api: Api): Promise<SyncOutcome> {
  const [session, identity] = await Promise.all([
    readMeta(database, 'session'),
    readMeta(database, 'deviceIdentity'),
  ]);
  if (!session || !identity) return 'signed-out';
  try {
    const refusedPush = await pushOutbox(database, api, session.token, identity).then(
      () => null,
      (error: unknown) => {
        if (!isRefusal(error)) throw error;
        return error;
      },
    );
    const { nextSeq } = await readSeqCounters(database);
    const { heldBack } = await pullChanges(
      database,
      (cursor) => api.pull(session.token, cursor, nextSeq - 1),
      undefined,
      () => storeInboundWork(database, () => api.inboundWork(session.token)),
    );
    await dropSettledEvents(database);
    if (refusedPush) throw refusedPush;
    await writeMeta(database, 'lastSyncAt', new Date().toISOString());
    await writeMeta(database, 'lastSyncError', null);
    return heldBack ? 'held-back' : 'synced';
  } catch (error) {
    await writeMeta(database, 'lastSyncError', toSyncFailure(error));
    // The outbox is untouched (nothing was acknowledged): it drains after the update.
    if (error instanceof ApiError && isUpdateRequired(error)) announceUpdateRequired();
    if (error instanceof ApiError && error.isUnauthenticated) {
      await deleteMeta(database, 'session');
      return 'signed-out';
    }
    throw error;
  }
}

/** The server answered and said no (not 401, which ends the session): pulling still works. */
function isRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && error.kind === 'http' && !error.isUnauthenticated;
}
