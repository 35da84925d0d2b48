import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database';

const HOUR = 3_600_000;

/** Yesterday's shipments of the Guangzhou demo, as the carrier reported them. */
const SHIPMENTS = [
  ['王芳', '18620010001', '广东省', '广州市', '天河区', '车陂路 101 号', 'SF'],
  ['李娜', '18620010002', '广东省', '佛山市', '南海区', '桂城街道南海大道 102 号', 'SF'],
  ['张伟', '18620010003', '湖南省', '长沙市', '岳麓区', '麓谷大道 103 号', 'YTO'],
  ['刘洋', '18620010004', '福建省', '厦门市', '思明区', '湖滨南路 104 号', 'ZTO'],
  ['陈静', '18620010005', '广西壮族自治区', '南宁市', '青秀区', '民族大道 105 号', 'SF'],
  ['杨磊', '18620010006', '江西省', '南昌市', '东湖区', '八一大道 106 号', 'YTO'],
  ['赵敏', '18620010007', '广东省', '深圳市', '福田区', '深南大道 107 号', 'SF'],
  ['黄强', '18620010008', '海南省', '海口市', '龙华区', '滨海大道 108 号', 'ZTO'],
  ['周婷', '18620010009', '贵州省', '贵阳市', '南明区', '中华南路 109 号', 'YD'],
  ['吴昊', '18620010010', '云南省', '昆明市', '五华区', '东风西路 110 号', 'SF'],
] as const;

/**
 * The M2.4 health index's inputs on the demo (issue 22): yesterday's Guangzhou orders shipped
 * in parcels the carrier then reported signed for (two of them shipped late, one parcel still
 * on its way), a picker's exceptions answered (one late), and customers opening the status
 * page, each at its time before `now`. With them the console's index has all three parts
 * (timeliness, data, experience) from the first start; the demo's open waves are untouched.
 */
export async function seedDeliveryDemo(tx: Tx, now: Date): Promise<void> {
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR).toISOString();
  for (const [i, [name, phone, province, city, district, detail, carrier]] of SHIPMENTS.entries()) {
    const orderId = `SO-DLV-${String(i + 1).padStart(3, '0')}`;
    // Placed 30 h ago and shipped 10 h later (on time), or placed 47 h ago (shipped late).
    const late = i < 2;
    const placed = ago(late ? 47 : 30);
    const shipped = ago(20);
    await tx.execute(sql`
      insert into orders (id, warehouse_id, channel, channel_order_id, status, consignee_name,
                          phone, province, city, district, address_detail, carrier,
                          paid_cents, placed_at, created_at)
      values (${orderId}, 'GZ', 'taobao', ${`DLV${String(i + 1).padStart(5, '0')}`}, 'shipped',
              ${name}, ${phone}, ${province}, ${city}, ${district}, ${detail}, ${carrier},
              ${12_900 + i * 1_000}, ${placed}::timestamptz, ${placed}::timestamptz)`);
    await tx.execute(sql`
      insert into order_lines (id, order_id, sku_id, qty)
      select ${`${orderId}-1`}, ${orderId}, id, 1 from skus order by id offset ${i} limit 1`);
    await tx.execute(sql`
      insert into order_events (order_id, at, kind, detail)
      values (${orderId}, ${placed}::timestamptz, 'received', '{}'::jsonb),
             (${orderId}, ${shipped}::timestamptz, 'shipped',
              ${JSON.stringify({ carrier, parcels: 1 })}::jsonb)`);
    const delivered = i === SHIPMENTS.length - 1 ? null : ago(6 - (i % 4));
    await tx.execute(sql`
      insert into parcels (id, warehouse_id, order_id, parcel_no, items, carrier, tracking_number,
                           packed_at, delivery_status, delivered_at)
      select ${randomUUID()}::uuid, 'GZ', ${orderId}, 1,
             jsonb_build_array(jsonb_build_object('skuId', l.sku_id, 'qty', 1)),
             ${carrier}, ${`${carrier}77${String(1_000_000 + i)}`}, ${ago(21)}::timestamptz,
             ${delivered ? 'delivered' : 'in-transit'}, ${delivered}::timestamptz
      from order_lines l where l.order_id = ${orderId}`);
    // Four customers looked their parcel up on the status page.
    if (i % 3 === 0)
      await tx.execute(sql`
        insert into order_status_queries (warehouse_id, order_id, at)
        values ('GZ', ${orderId}, ${ago(8)}::timestamptz)`);
  }
  // Two over-picks a supervisor answered, one within the quarter of an hour and one after it.
  for (const [opened, answered] of [
    [9, 8.9],
    [5, 4.5],
  ] as const) {
    await tx.execute(sql`
      insert into exceptions (id, warehouse_id, kind, status, message, opened_at, answered_at,
                              resolved_at, resolved_by, note)
      values (${randomUUID()}::uuid, 'GZ', 'over-pick', 'resolved',
              'Return 1 × SKU-00001 to its bin: the line was already complete',
              ${ago(opened)}::timestamptz, ${ago(answered)}::timestamptz, ${ago(answered)}::timestamptz, 'u-gz-s1',
              '已放回库位')`);
  }
}
