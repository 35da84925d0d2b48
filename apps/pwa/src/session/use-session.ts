import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { takeFirstSession } from '../shell/first-screen';
import { db, type Session } from '../storage/database';
import { readMeta } from '../storage/meta';

export type SessionState =
  { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; session: Session };

/**
 * The signed-in session as stored in Dexie, live. At the app's start it shows the session read
 * before the first render until its own first read.
 */
export function useSession(): SessionState {
  const [first] = useState(takeFirstSession);
  const session = useLiveQuery(async () => (await readMeta(db, 'session')) ?? null, [], first);
  if (session === undefined) return { status: 'loading' };
  return session === null ? { status: 'signed-out' } : { status: 'signed-in', session };
}
