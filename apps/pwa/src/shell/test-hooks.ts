import type { Prompt } from '@wms/domain';
import type { Language } from '@wms/protocol';
import { toneLog, type ToneName } from '../device/feedback/sounds';
import { announce, speech } from '../device/speech/speech';
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
    /**
     * Shows and says a prompt, as Settings' "Test voice" does: a browser test hears the long
     * prompts through a real speech engine without walking to each exception.
     */
    __wmsSay?: (prompt: Prompt, language: Language) => void;
    /** Prompts the watchdog gave up on (Diagnostics shows the same count). */
    __wmsSpeechStalls?: () => number;
  }
}

export function exposeTestHooks(sync: SyncLoop): void {
  window.__wmsSync = () => sync.syncNow().then(() => undefined);
  window.__wmsTones = toneLog;
  window.__wmsSay = announce;
  window.__wmsSpeechStalls = () => speech?.stalls ?? 0;
}
