import type { ErrorParams } from '@wms/protocol';
import { errorMessage, isStorageFullError } from '../storage/storage-errors';
import { ApiError } from './api-client';

/**
 * Why the last sync failed, as the status bar explains it: not connected (the picks wait on the
 * device), refused by the server (its message), the device storage, or anything else.
 */
export interface SyncFailure {
  kind: 'network' | 'refused' | 'storage-full' | 'other';
  message: string;
  /** A server refusal's code and params, to word it in the user's language. */
  code?: string;
  params?: ErrorParams;
}

export function toSyncFailure(error: unknown): SyncFailure {
  if (error instanceof ApiError) {
    if (error.kind === 'network') return { kind: 'network', message: error.message };
    return { kind: 'refused', message: error.message, code: error.code, params: error.params };
  }
  if (isStorageFullError(error)) return { kind: 'storage-full', message: errorMessage(error) };
  return { kind: 'other', message: errorMessage(error) };
}
