import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import { db } from '../storage/database';
import { readMeta } from '../storage/meta';
import { countUnsyncedEvents } from '../storage/outbox';
import { lastRequestResult, subscribeToReachability } from '../sync/reachability';
import type { SyncFailure } from '../sync/sync-failure';

export interface SyncStatus {
  unsynced: number;
  lastSyncAt: string | null;
  lastSyncError: SyncFailure | null;
}

/** Unsynced events, the last successful sync and the last sync error, live from Dexie. */
export function useSyncStatus(): SyncStatus | undefined {
  return useLiveQuery(() =>
    db.transaction('r', [db.meta, db.outbox], async () => ({
      unsynced: await countUnsyncedEvents(db),
      lastSyncAt: (await readMeta(db, 'lastSyncAt')) ?? null,
      lastSyncError: (await readMeta(db, 'lastSyncError')) ?? null,
    })),
  );
}

function subscribeToNetwork(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  const stop = subscribeToReachability(listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
    stop();
  };
}

/** Online when the browser has a link and the last API request (if any) reached the server. */
export function isOnlineNow(): boolean {
  return navigator.onLine && lastRequestResult() !== false;
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribeToNetwork, isOnlineNow);
}
