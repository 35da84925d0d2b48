import { randomUUID } from 'node:crypto';
import type { Channel } from '@wms/protocol';
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/database';
import { connectors } from '../db/schema';
import type { Session } from '../auth/session-token';
import type { PlatformCredentials } from './platform';
import { openCredentials, sealCredentials } from './vault';

export type ConnectorRow = typeof connectors.$inferSelect;

/** What a connector is, for admins: everything but its credentials. */
export type ConnectorView = Omit<ConnectorRow, 'credentials'> & {
  /** Seconds behind: now minus the cursor (every order modified before it is stored). */
  lagSeconds: number;
  /** Which credentials are set (never their values). */
  authorised: { accessToken: boolean; accessTokenExpiresAt: string | null };
};

export async function loadConnector(db: Tx, id: string): Promise<ConnectorRow | undefined> {
  const [row] = await db.select().from(connectors).where(eq(connectors.id, id));
  return row;
}

export function viewOf(key: Buffer | null, row: ConnectorRow, now: Date): ConnectorView {
  const { credentials, ...rest } = row;
  const creds = key ? openedOrNull(key, credentials) : null;
  return {
    ...rest,
    lagSeconds: Math.max(0, Math.round((now.getTime() - row.cursor.getTime()) / 1000)),
    authorised: {
      accessToken: Boolean(creds?.accessToken),
      accessTokenExpiresAt: creds?.accessTokenExpiresAt
        ? new Date(creds.accessTokenExpiresAt).toISOString()
        : null,
    },
  };
}

/** Credentials sealed under another key (CONNECTOR_KEY changed) show as not authorised. */
function openedOrNull(key: Buffer, sealed: string): PlatformCredentials | null {
  try {
    return openCredentials(key, sealed);
  } catch {
    return null;
  }
}

export interface NewConnector {
  warehouseId: string;
  platform: string;
  shopId: string;
  channel: Channel;
  name: string;
  credentials: PlatformCredentials;
  intervalSeconds: number;
  stockBuffer: number;
  /** Orders modified from here on are pulled (the first pull's cursor). */
  pullSince: Date;
}

export async function insertConnector(db: Db, key: Buffer, c: NewConnector) {
  const [row] = await db
    .insert(connectors)
    .values({
      id: randomUUID(),
      warehouseId: c.warehouseId,
      platform: c.platform,
      shopId: c.shopId,
      channel: c.channel,
      name: c.name,
      credentials: sealCredentials(key, c.credentials),
      intervalSeconds: c.intervalSeconds,
      stockBuffer: c.stockBuffer,
      cursor: c.pullSince,
      nextPullAt: c.pullSince,
    })
    .onConflictDoNothing({ target: [connectors.platform, connectors.shopId] })
    .returning();
  return row ?? null;
}

export async function saveCredentials(db: Tx, key: Buffer, id: string, creds: PlatformCredentials) {
  await db
    .update(connectors)
    .set({ credentials: sealCredentials(key, creds) })
    .where(eq(connectors.id, id));
}

/** Moves the watermark forward only: a replayed or overlapping window never moves it back. */
export async function advanceCursor(db: Tx, id: string, to: Date) {
  await db.execute(sql`
    update connectors set cursor = greatest(cursor, ${to.toISOString()}::timestamptz)
    where id = ${id}`);
}

/**
 * Who a connector acts as when it cancels or re-addresses an order: its channel's key (kept to
 * that channel's orders by `caller-scope.ts`), named after the connector in every trace.
 */
export function connectorSession(c: ConnectorRow): Session {
  return {
    userId: `connector:${c.name}`,
    role: 'integration',
    warehouseId: c.warehouseId,
    deviceId: `connector-${c.id}`,
    epoch: 0,
    channel: c.channel,
  };
}
