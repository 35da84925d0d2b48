import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/database';
import { apiKeys } from '../db/schema';
import type { Session } from './session-token';

export const API_KEY_PREFIX = 'wk_';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** A key's scope: one warehouse, or one channel's orders wherever they were routed. */
export type ApiKeyScope = { warehouseId: string } | { channel: string };

/**
 * Creates an integration key for a warehouse (its id, or `{ warehouseId }`) or a channel
 * (`{ channel }`); the key itself is shown once, only its hash kept.
 */
export async function createApiKey(db: Db, name: string, scope: string | ApiKeyScope) {
  const given = typeof scope === 'string' ? { warehouseId: scope } : scope;
  const warehouseId = 'warehouseId' in given ? given.warehouseId : null;
  const channel = 'channel' in given ? given.channel : null;
  const id = randomUUID();
  const key = `${API_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  await db.insert(apiKeys).values({ id, name, warehouseId, channel, keyHash: hashKey(key) });
  return { id, name, warehouseId, channel, key };
}

/** The session of an integration key, or null when it is unknown or revoked. */
export async function sessionOfApiKey(db: Db, key: string): Promise<Session | null> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  // A channel key has no warehouse: an empty one matches no row of any warehouse-kept query.
  return {
    userId: `key:${row.id}`,
    role: 'integration',
    warehouseId: row.warehouseId ?? '',
    deviceId: '',
    epoch: 0,
    ...(row.channel !== null && { channel: row.channel }),
  };
}
