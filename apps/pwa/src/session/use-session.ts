import { useLiveQuery } from 'dexie-react-hooks';
import { db, type Session } from '../storage/database';
import { readMeta } from '../storage/meta';

export type SessionState =
  { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; session: Session };

/** The signed-in session as stored in Dexie, live. */
export function useSession(): SessionState {
  const session = useLiveQuery(async () => (await readMeta(db, 'session')) ?? null);
  if (session === undefined) return { status: 'loading' };
  return session === null ? { status: 'signed-out' } : { status: 'signed-in', session };
}
