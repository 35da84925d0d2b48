import type { OrderInput } from '@wms/protocol';
import { createApiKey } from '../auth/api-keys';
import type { Db } from '../db/database';

let serial = 0;

/** A valid channel order, as a marketplace sends it; override what the test is about. */
export function anOrder(overrides: Partial<OrderInput> & Record<string, unknown> = {}): OrderInput {
  serial += 1;
  return {
    channel: 'taobao',
    channelOrderId: `TB${Date.now()}${serial}`,
    orderType: 'sale',
    placedAt: new Date().toISOString(),
    customerId: `cust-${serial}`,
    vip: false,
    consignee: { name: '王芳', phone: `139${String(10_000_000 + serial).slice(-8)}` },
    address: {
      province: '广东省',
      city: '深圳市',
      district: '南山区',
      detail: `科技园 ${serial} 号`,
    },
    paidCents: 9_900,
    couponCents: 0,
    freightCents: 0,
    lines: [{ skuId: 'SKU-00121', qty: 1, unitPriceCents: 9_900 }],
    ...overrides,
  };
}

/** A warehouse integration key (GZ's WMS/ERP), as an admin would issue it. */
export async function anIntegrationKey(db: Db): Promise<string> {
  return (await createApiKey(db, 'test channel', 'GZ')).key;
}

/** A storefront's key: its channel's orders, wherever routing sends them. */
export async function aChannelKey(db: Db, channel: OrderInput['channel']): Promise<string> {
  return (await createApiKey(db, `${channel} shop`, { channel })).key;
}
