import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { reportError } from '../shell/problems';
import { db } from '../storage/database';
import { readMeta, writeMeta } from '../storage/meta';
import { api, ApiError } from '../sync/api-client';
import { listenForPokes } from '../sync/pokes';

/** Refetch at least this often (device backlogs change without a poke). */
const POLL_MS = 10_000;
/** Pokes closer together than this share one fetch. */
const POKE_COALESCE_MS = 150;

/**
 * The live board: fetched on open, on every Server-Sent Events poke (within a second of a sync),
 * on `online` and every few seconds; each board is kept in Dexie so that, offline, the last one
 * stays readable with its age. `live` is false while the last fetch could not reach the server.
 */
export function useBoard(token: string) {
  const cached = useLiveQuery(() => readMeta(db, 'consoleBoard'));
  const [live, setLive] = useState(true);
  const [nowMs, setNowMs] = useState(() => Date.now());
  const inFlight = useRef<Promise<void> | null>(null);

  const refresh = useCallback((): Promise<void> => {
    if (inFlight.current) return inFlight.current;
    const run = api
      .board(token)
      .then(async (board) => {
        await writeMeta(db, 'consoleBoard', { board, fetchedAt: new Date().toISOString() });
        setLive(true);
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.kind === 'network') setLive(false);
        else reportError(error);
      })
      .finally(() => {
        inFlight.current = null;
      });
    inFlight.current = run;
    return run;
  }, [token]);

  useEffect(() => {
    let coalesce: ReturnType<typeof setTimeout> | undefined;
    const onPoke = () => {
      clearTimeout(coalesce);
      coalesce = setTimeout(() => void refresh(), POKE_COALESCE_MS);
    };
    const stopPokes = listenForPokes(token, onPoke);
    const poll = setInterval(() => void refresh(), POLL_MS);
    const tick = setInterval(() => setNowMs(Date.now()), 5_000);
    const onOnline = () => void refresh();
    const onOffline = () => setLive(false);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    void refresh();
    return () => {
      stopPokes();
      clearTimeout(coalesce);
      clearInterval(poll);
      clearInterval(tick);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }, [token, refresh]);

  return { cached, live, nowMs, refresh };
}
