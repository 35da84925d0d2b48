import { useSyncExternalStore } from 'react';
import { currentAppUpdate, subscribeToAppUpdate, type AppUpdateState } from './app-update';

export function useAppUpdate(): AppUpdateState {
  return useSyncExternalStore(subscribeToAppUpdate, currentAppUpdate);
}
