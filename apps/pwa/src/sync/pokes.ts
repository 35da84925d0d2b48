import { api, pokeStreamUrl } from './api-client';

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 30_000;

/**
 * Listens for live pokes ("your scope changed") and calls `onPoke` for each, including the
 * `hello` on every (re)connect, which covers what was missed while disconnected. The stream opens
 * with a short-lived ticket (a URL's credential lands in proxies' logs); EventSource reconnects
 * by itself after a blip while its ticket is valid. Once it gives up (a refusal: the ticket
 * expired), or the ticket could not be fetched, it opens again with a new ticket, backing off.
 */
export function listenForPokes(token: string, onPoke: () => void): () => void {
  let source: EventSource | undefined;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let retryMs = FIRST_RETRY_MS;
  const reopenLater = () => {
    if (stopped) return;
    reopenTimer = setTimeout(() => void open(), retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };
  const open = async (): Promise<void> => {
    // Offline (a cold start in the aisle) the stream cannot connect: wait for the network before
    // loading the protocol's runtime, which would only hold up the first screen.
    if (!navigator.onLine) {
      await new Promise((resolve) => window.addEventListener('online', resolve, { once: true }));
    }
    if (stopped) return;
    const [{ POKE_EVENT }, ticket] = await Promise.all([
      import('./protocol-runtime'),
      api.streamTicket(token).catch(() => null),
    ]);
    if (stopped) return;
    if (!ticket) return reopenLater();
    source = new EventSource(pokeStreamUrl(ticket.ticket));
    source.addEventListener('open', () => (retryMs = FIRST_RETRY_MS));
    source.addEventListener(POKE_EVENT, onPoke);
    source.addEventListener('error', () => {
      if (source?.readyState !== EventSource.CLOSED) return;
      reopenLater();
    });
  };
  void open();
  return () => {
    stopped = true;
    clearTimeout(reopenTimer);
    source?.close();
  };
}
