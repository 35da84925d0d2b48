import type { Db } from '../db/database';
import { type ConnectorRow, loadConnector } from './connector-store';
import { type PlatformOrder, PlatformError, type PushNotice } from './platform';
import { type ConnectorRuntime, platformCalls } from './pull-connector';
import { type TakeInResult, takeInOrders } from './take-in-orders';
import { openCredentials } from './vault';
import { adapterFor } from './registry';

/** Why a push was not taken: no such connector (404) or a signature that does not verify (401). */
export type PushRefusal =
  { kind: 'unknown-connector' } | { kind: 'bad-signature'; message: string };

/**
 * A platform's push (issue 27): its signature checked by the adapter, then each order it names
 * read in full and stored through the same intake as a pull. Reading them may fail (the platform
 * is busy): the push is answered as taken all the same, since the next scheduled pull covers
 * those orders; a platform resending would not help.
 */
export async function takePush(
  rt: ConnectorRuntime,
  connectorId: string,
  push: { url: URL; headers: Headers; body: string },
): Promise<{ notice: PushNotice; taken: TakeInResult | null } | PushRefusal> {
  const connector = await loadConnector(rt.db, connectorId);
  const adapter = connector && adapterFor(rt.registry, connector.platform);
  if (!connector || !adapter) return { kind: 'unknown-connector' };
  let notice: PushNotice;
  try {
    notice = adapter.verifyPush(openCredentials(rt.key, connector.credentials), push);
  } catch (err) {
    if (err instanceof PlatformError && err.kind === 'bad-signature')
      return { kind: 'bad-signature', message: err.message };
    throw err;
  }
  if (connector.status === 'paused' || connector.status === 'revoked')
    return { notice, taken: null };
  try {
    return { notice, taken: await pullNamedOrders(rt, connector, notice.platformOrderIds) };
  } catch (err) {
    if (!(err instanceof PlatformError)) throw err;
    return { notice, taken: null };
  }
}

/** Reads the named orders in full and stores them (a push, or a person re-reading one). */
export async function pullNamedOrders(
  rt: ConnectorRuntime & { db: Db },
  connector: ConnectorRow,
  platformOrderIds: readonly string[],
): Promise<TakeInResult> {
  const calls = platformCalls(rt, connector);
  const orders: PlatformOrder[] = [];
  for (const id of new Set(platformOrderIds)) {
    orders.push(await calls.call((creds) => calls.adapter.getOrder(creds, id)));
  }
  return takeInOrders(rt.db, connector, calls.adapter, orders, rt.now());
}
