import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/database';
import { apiKeys } from '../db/schema';
import type { Session } from './session-token';

export const API_KEY_PREFIX = 'wk_';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Creates an integration key for a warehouse; the key itself is shown once, only its hash kept. */
export async function createApiKey(db: Db, name: string, warehouseId: string) {
  const id = randomUUID();
  const key = `${API_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  await db.insert(apiKeys).values({ id, name, warehouseId, keyHash: hashKey(key) });
  return { id, name, warehouseId, key };
}

/** The session of an integration key, or null when it is unknown or revoked. */
export async function sessionOfApiKey(db: Db, key: string): Promise<Session | null> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  return {
    userId: `key:${row.id}`,
    role: 'integration',
    warehouseId: row.warehouseId,
    deviceId: '',
    epoch: 0,
  };
}
