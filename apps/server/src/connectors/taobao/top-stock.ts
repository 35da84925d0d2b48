import { PlatformError, type PlatformCredentials } from '../platform';
import { callTop, type TopClientOptions } from './top-client';

/**
 * Stock out to 淘宝/天猫: the seller's SKU codes (outer ids) are found with taobao.skus.custom.get
 * (outer_id → num_iid, sku_id), then set per item with taobao.skus.quantity.update
 * (num_iid, outerid_quantities "code:qty;code:qty", at most 20 SKUs a call, type=1 full quantity;
 * the parameters as documented for its Tmall twin, https://open.alitrip.com/docs/api.htm?apiId=38499).
 */
const MAX_SKUS_PER_CALL = 20;

async function numIidOf(
  client: TopClientOptions,
  creds: PlatformCredentials,
  code: string,
): Promise<string | null> {
  const answer = await callTop(client, creds, 'taobao.skus.custom.get', {
    outer_id: code,
    fields: 'sku_id,num_iid,outer_id',
  });
  const skus = (answer.skus as { sku?: { num_iid?: string | number }[] } | undefined)?.sku ?? [];
  const numIid = skus[0]?.num_iid;
  return numIid === undefined ? null : String(numIid);
}

export async function pushTopStock(
  client: TopClientOptions,
  creds: PlatformCredentials,
  items: { code: string; qty: number }[],
): Promise<void> {
  const byItem = new Map<string, { code: string; qty: number }[]>();
  const unknown: string[] = [];
  for (const item of items) {
    const numIid = await numIidOf(client, creds, item.code);
    if (numIid === null) unknown.push(item.code);
    else byItem.set(numIid, [...(byItem.get(numIid) ?? []), item]);
  }
  for (const [numIid, skus] of byItem) {
    for (let start = 0; start < skus.length; start += MAX_SKUS_PER_CALL) {
      const batch = skus.slice(start, start + MAX_SKUS_PER_CALL);
      await callTop(client, creds, 'taobao.skus.quantity.update', {
        num_iid: numIid,
        outerid_quantities: batch.map((sku) => `${sku.code}:${Math.max(0, sku.qty)}`).join(';'),
        type: '1',
      });
    }
  }
  if (unknown.length > 0)
    throw new PlatformError('refused', `No SKU on the shop with code ${unknown.join(', ')}`);
}
