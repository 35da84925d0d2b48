import { toneLog, type ToneName } from '../device/feedback/sounds';
import type { SyncLoop } from '../sync/sync-loop';

declare global {
  interface Window {
    /**
     * Runs one full sync (push, pull, clean-up) and resolves when it is done; rejects with the
     * sync's error. Meant for browser tests, which cannot wait for the 15 s timer and get no
     * `online` event from a service-worker-less network switch. Harmless in production: it does
     * what the "Sync now" button does.
     */
    __wmsSync?: () => Promise<void>;
    /** The tones played so far, newest last: which answer a scan got, by ear. */
    __wmsTones?: ToneName[];
  }
}

export function exposeTestHooks(sync: SyncLoop): void {
  window.__wmsSync = () => sync.syncNow().then(() => undefined);
  window.__wmsTones = toneLog;
}
