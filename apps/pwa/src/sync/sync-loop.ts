import { liveQuery } from 'dexie';
import { reportError } from '../shell/problems';
import type { WmsDatabase } from '../storage/database';
import { readMeta } from '../storage/meta';
import type { Api } from './api-client';
import { nextSyncDelay } from './backoff';
import { listenForPokes } from './pokes';
import { syncOnce, type SyncOutcome } from './sync-once';

const LOCK_NAME = 'wms-sync';
/** After a pick, wait this long for more picks so that a quick series goes out in one push. */
export const PICK_DEBOUNCE_MS = 300;

export interface SyncLoop {
  /** Runs a sync now (or right after the running one) and resolves when it is done. */
  syncNow(): Promise<SyncOutcome>;
  /** Asks for a sync soon; failures are recorded in meta, never thrown. */
  requestSync(delayMs?: number): void;
  /** Starts the triggers: online, visible, timer, pokes. Returns the function that stops them. */
  start(): () => void;
}

/**
 * The device's sync loop. Only one tab of the origin syncs at a time (Web Locks,
 * `ifAvailable`: a tab that finds the lock taken skips), and syncs never overlap within a tab.
 */
export function createSyncLoop(database: WmsDatabase, api: Api): SyncLoop {
  let running: Promise<SyncOutcome> | null = null;
  let queued: Promise<SyncOutcome> | null = null;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let heldBackStreak = 0;

  const schedule = (delayMs: number): void => {
    clearTimeout(timer);
    timer = setTimeout(() => requestSync(), delayMs);
  };

  const run = (): Promise<SyncOutcome> => {
    const current = withSyncLock(() => syncOnce(database, api)).then(
      (outcome) => {
        failures = 0;
        heldBackStreak = outcome === 'held-back' ? heldBackStreak + 1 : 0;
        return outcome;
      },
      (error: unknown) => {
        failures++;
        throw error;
      },
    );
    running = current.finally(() => {
      running = null;
      schedule(nextSyncDelay(failures, heldBackStreak));
    });
    return running;
  };

  const syncNow = (): Promise<SyncOutcome> => {
    if (queued) return queued;
    if (!running) return run();
    queued = running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return run();
      });
    return queued;
  };

  const requestSync = (delayMs = 0): void => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      // The browser knows it has no network: no request can go out, and trying would load and
      // run the protocol's schemas (a cold start in the aisle) and redraw the status for nothing.
      // The `online` event asks again; the timer keeps checking in case it never comes.
      if (!navigator.onLine) return schedule(nextSyncDelay(failures, heldBackStreak));
      void syncNow().catch(() => undefined);
    }, delayMs);
  };

  const start = (): (() => void) => {
    const onOnline = (): void => requestSync();
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') requestSync();
    };
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    const stopPokes = listenWhileSignedIn(database, () => requestSync());
    requestSync();
    return () => {
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      stopPokes();
      clearTimeout(timer);
      clearTimeout(debounce);
    };
  };

  return { syncNow, requestSync, start };
}

async function withSyncLock(sync: () => Promise<SyncOutcome>): Promise<SyncOutcome> {
  if (!('locks' in navigator)) return sync();
  return navigator.locks.request(LOCK_NAME, { ifAvailable: true }, (lock) =>
    lock ? sync() : Promise.resolve<SyncOutcome>('skipped'),
  );
}

/** Holds a poke stream open for the signed-in session's token, reopening when it changes. */
function listenWhileSignedIn(database: WmsDatabase, onPoke: () => void): () => void {
  let token: string | undefined;
  let stopListening = (): void => undefined;
  const subscription = liveQuery(() => readMeta(database, 'session')).subscribe({
    next: (session) => {
      if (session?.token === token) return;
      stopListening();
      token = session?.token;
      stopListening = token === undefined ? () => undefined : listenForPokes(token, onPoke);
      if (token !== undefined) onPoke();
    },
    error: reportError,
  });
  return () => {
    subscription.unsubscribe();
    stopListening();
  };
}
