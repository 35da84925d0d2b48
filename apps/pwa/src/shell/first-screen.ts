import { readWaveList, type WaveListEntry } from '../picker/wave-list-entries';
import type { Session, WmsDatabase } from '../storage/database';
import { readMeta } from '../storage/meta';
import { settlesWithin } from './settles-within';

/**
 * How long the first render waits for the first screen's data. Past it (a database upgrade on the
 * first start after an update, a blocked open) the app draws its loading screen as before.
 */
const FIRST_READ_WAIT_MS = 1_500;

interface FirstScreen {
  session?: Session | null;
  waveList?: { userId: string; role: string; entries: WaveListEntry[] };
}

let firstScreen: FirstScreen = {};

/**
 * Reads what the first screen shows (the session and, when signed in, the wave list) before
 * React's first render, so that render draws the wave list at once instead of a loading screen,
 * then the list, each a render, a commit and a layout later (a cold start on a slow handheld).
 * Resolves once read, or after FIRST_READ_WAIT_MS, whichever comes first; never rejects: a
 * failed read is met again, and reported, by the screens' own live queries.
 *
 * @example
 * void readFirstScreen(db).then(() => root.render(<App />));
 */
export async function readFirstScreen(database: WmsDatabase): Promise<void> {
  let read: FirstScreen | undefined;
  const reading = (async () => {
    const session = (await readMeta(database, 'session')) ?? null;
    const entries = session && (await readWaveList(database, session, true));
    read = { session };
    if (session && entries)
      read.waveList = { userId: session.user.id, role: session.user.role, entries };
  })();
  // Data that comes late is dropped: the screens are already reading their own.
  if ((await settlesWithin(reading, FIRST_READ_WAIT_MS)) && read) firstScreen = read;
}

/** The session read before the first render (null: signed out), once; undefined when not read. */
export function takeFirstSession(): Session | null | undefined {
  const { session } = firstScreen;
  delete firstScreen.session;
  return session;
}

/** The wave list read before the first render for this user, once; undefined when not read. */
export function takeFirstWaveList(session: Session): WaveListEntry[] | undefined {
  const { waveList } = firstScreen;
  delete firstScreen.waveList;
  const isTheirs = waveList?.userId === session.user.id && waveList.role === session.user.role;
  return isTheirs ? waveList.entries : undefined;
}

/**
 * Forgets what was read and not taken: call it once the first render is committed. A screen
 * mounted later (the wave list after leaving the wave that was open) reads its own.
 */
export function forgetFirstScreen(): void {
  firstScreen = {};
}
