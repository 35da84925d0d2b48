import { db } from '../storage/database';
import { api } from './api-client';
import { createSyncLoop } from './sync-loop';

/** The one sync loop of this page, over the device database and the real API. */
export const deviceSync = createSyncLoop(db, api);
