import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import { putChannelSkuCode } from '../../channel-codes/channel-sku-codes';
import { insertConnector } from '../connector-store';
import type { PlatformAdapter, PlatformCredentials } from '../platform';
import type { ConnectorRuntime } from '../pull-connector';
import { ScriptedPlatform } from './scripted-platform';

/** A test's clock: the scripted platform, the pull and a rate limit's wait all read it. */
export class TestClock {
  constructor(private ms = Date.now()) {}
  readonly now = () => new Date(this.ms);
  advance(ms: number) {
    this.ms += ms;
  }
  /** Waiting out a rate limit only moves the clock; the waits are kept for the test. */
  readonly waits: number[] = [];
  readonly sleep = (ms: number) => {
    this.waits.push(ms);
    this.advance(ms);
    return Promise.resolve();
  };
}

export const TEST_CONNECTOR_KEY = randomBytes(32);

/**
 * A GZ connector on any platform's adapter (a platform's end-to-end test passes its own adapter,
 * pointed at its fake with `credentials.baseUrl`), and the runtime `pullConnector` needs.
 */
export async function aConnector(
  db: Db,
  clock: TestClock,
  options: {
    adapter: PlatformAdapter;
    credentials: PlatformCredentials;
    shopId: string;
    name?: string;
    since?: Date;
  },
) {
  const { adapter, shopId } = options;
  const connector = await insertConnector(db, TEST_CONNECTOR_KEY, {
    warehouseId: 'GZ',
    platform: adapter.platform,
    shopId,
    channel: adapter.channelOf(shopId),
    name: options.name ?? `${adapter.platform} ${shopId}`,
    credentials: options.credentials,
    intervalSeconds: 10,
    stockBuffer: 0,
    pullSince: options.since ?? clock.now(),
  });
  if (!connector) throw new Error(`shop ${shopId} has a connector already`);
  const runtime: ConnectorRuntime = {
    db,
    key: TEST_CONNECTOR_KEY,
    registry: { [adapter.platform]: () => adapter },
    now: clock.now,
    sleep: clock.sleep,
  };
  return { connector, runtime };
}

/**
 * A GZ connector on a scripted taobao shop whose cursor starts `since`, the shop's code
 * TB-CUP-RED mapped to SKU-00121, and the runtime a pull needs.
 */
export async function aScriptedConnector(
  db: Db,
  clock: TestClock,
  options: { shopId?: string; since?: Date; platform?: ScriptedPlatform } = {},
) {
  const platform = options.platform ?? new ScriptedPlatform(clock.now);
  const shopId = options.shopId ?? `shop-${randomBytes(4).toString('hex')}`;
  await putChannelSkuCode(db, 'GZ', {
    channel: 'taobao',
    shopId: '',
    code: 'TB-CUP-RED',
    skuId: 'SKU-00121',
  });
  const { connector, runtime } = await aConnector(db, clock, {
    adapter: platform,
    credentials: platform.credentials(),
    shopId,
    name: `淘宝 ${shopId}`,
    ...(options.since && { since: options.since }),
  });
  return { platform, connector, runtime, shopId };
}
