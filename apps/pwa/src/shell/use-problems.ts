import { useSyncExternalStore } from 'react';
import { currentProblems, subscribeToProblems, type Problem } from './problems';

export function useProblems(): readonly Problem[] {
  return useSyncExternalStore(subscribeToProblems, currentProblems);
}
