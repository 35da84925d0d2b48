import { errorMessage, isStorageFullError } from '../storage/storage-errors';
import { ApiError } from './api-client';

/**
 * Why the last sync failed, as the status bar explains it: not connected (the picks wait on the
 * device), refused by the server (its message), the device storage, or anything else.
 */
export interface SyncFailure {
  kind: 'network' | 'refused' | 'storage-full' | 'other';
  message: string;
}

export function toSyncFailure(error: unknown): SyncFailure {
  if (error instanceof ApiError) {
    return { kind: error.kind === 'network' ? 'network' : 'refused', message: error.message };
  }
  if (isStorageFullError(error)) return { kind: 'storage-full', message: errorMessage(error) };
  return { kind: 'other', message: errorMessage(error) };
}
