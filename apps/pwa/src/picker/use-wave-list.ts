import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { takeFirstWaveList } from '../shell/first-screen';
import type { Session } from '../storage/database';
import { db } from '../storage/database';
import { readWaveList, type WaveListEntry } from './wave-list-entries';

export type { WaveListEntry } from './wave-list-entries';

/**
 * The waves the signed-in user works on, with progress including picks not yet synced, live. At
 * the app's start it shows the list read before the first render until its own first read.
 */
export function useWaveList(session: Session): WaveListEntry[] | undefined {
  const { id: userId, role } = session.user;
  const [first] = useState(() => takeFirstWaveList(session));
  return useLiveQuery(() => readWaveList(db, session), [userId, role], first);
}
