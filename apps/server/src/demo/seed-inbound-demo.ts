import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { expectReturnInbound } from '../inbound/expect-return';
import { insertNotice } from '../inbound/insert-notice';

/**
 * Issue 23's demo: two suppliers (a lighting maker whose deliveries all go to QC, and a parts
 * maker), ASNs expected in two and five days in each warehouse (with a lot-tracked SKU, a
 * QC-flagged one and plain ones; SKUs no test counts on), and a return to receive in GZ.
 */
export async function seedInboundDemo(tx: Tx, now: Date): Promise<void> {
  await tx.execute(sql`
    insert into suppliers (id, name, name_zh, qc_required) values
      ('SUP-FS-LIGHT', 'Foshan Lighting Co.', '佛山照明配件有限公司', true),
      ('SUP-NB-PARTS', 'Ningbo Auto Parts', '宁波汽配制造厂', false)
    on conflict do nothing`);
  const [picked] = await queryRows<{ lot: string | null; qc: string | null; plain: string[] }>(
    tx,
    sql`select
      (select id from skus where lot_tracked order by id desc limit 1) as lot,
      (select id from skus where qc_required and not lot_tracked and id > 'SKU-00282' order by id limit 1) as qc,
      (select json_agg(id order by id) from (select id from skus
         where not qc_required and not lot_tracked and id > 'SKU-00282' order by id limit 2) p) as plain`,
  );
  if (!picked?.lot || !picked.qc || (picked.plain ?? []).length < 2) return;
  const [plainA, plainB] = picked.plain as [string, string];
  const day = (offset: number) =>
    new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const stamp = now.toISOString().slice(2, 10).replaceAll('-', '');
  for (const warehouseId of ['GZ', 'CD']) {
    await insertNotice(tx, {
      warehouseId,
      code: `ASN-${warehouseId}-${stamp}-01`,
      kind: 'purchase',
      supplierId: 'SUP-FS-LIGHT',
      expectedDate: day(2),
      createdBy: null,
      lines: [
        { skuId: picked.lot, expectedQty: 24 },
        { skuId: plainA, expectedQty: 12 },
      ],
    });
    await insertNotice(tx, {
      warehouseId,
      code: `ASN-${warehouseId}-${stamp}-02`,
      kind: 'purchase',
      supplierId: 'SUP-NB-PARTS',
      expectedDate: day(5),
      createdBy: null,
      lines: [
        { skuId: picked.qc, expectedQty: 6 },
        { skuId: plainB, expectedQty: 20 },
      ],
    });
  }
  await expectReturnInbound(
    tx,
    { id: `SO-RT-${stamp}-01`, warehouseId: 'GZ', lines: [{ skuId: plainA, qty: 1 }] },
    now,
  );
}
