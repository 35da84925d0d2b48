import { pokeStreamUrl } from './api-client';

const RECONNECT_AFTER_CLOSE_MS = 30_000;

/**
 * Listens for live pokes ("your scope changed") and calls `onPoke` for each, including the
 * `hello` on every (re)connect, which covers what was missed while disconnected. EventSource
 * reconnects by itself after network errors; after a refusal it stays closed, so reopen later.
 */
export function listenForPokes(token: string, onPoke: () => void): () => void {
  let source: EventSource | undefined;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const open = async (): Promise<void> => {
    // Offline (a cold start in the aisle) the stream cannot connect: wait for the network before
    // loading the protocol's runtime, which would only hold up the first screen.
    if (!navigator.onLine) {
      await new Promise((resolve) => window.addEventListener('online', resolve, { once: true }));
    }
    if (stopped) return;
    const { POKE_EVENT } = await import('./protocol-runtime');
    if (stopped) return;
    source = new EventSource(pokeStreamUrl(token));
    source.addEventListener(POKE_EVENT, onPoke);
    source.addEventListener('error', () => {
      if (source?.readyState !== EventSource.CLOSED) return;
      reopenTimer = setTimeout(() => void open(), RECONNECT_AFTER_CLOSE_MS);
    });
  };
  void open();
  return () => {
    stopped = true;
    clearTimeout(reopenTimer);
    source?.close();
  };
}
