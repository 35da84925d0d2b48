import { randomUUID } from 'node:crypto';
import type { InboundReceivedPayload, ReturnGradedPayload, ScanEvent } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';
import type { TestDevice } from './test-app';

const base = (device: TestDevice) => ({
  id: randomUUID(),
  seq: device.nextSeq++,
  deviceTime: new Date().toISOString(),
  userId: device.userId,
  assignmentVersion: 0,
});

/** A SKU of our own for a test: lot-tracked and QC-flagged as asked, with a Chinese name. */
export async function anInboundSku(
  db: Db,
  id: string,
  flags: { lotTracked?: boolean; qcRequired?: boolean; nameZh?: string } = {},
) {
  await db.execute(sql`
    insert into skus (id, name, name_zh, category, lot_tracked, qc_required, shelf_life_days)
    values (${id}, ${`Test item ${id}`}, ${flags.nameZh ?? '测试配件'}, 'parts',
            ${flags.lotTracked ?? false}, ${flags.qcRequired ?? false}, 365)`);
  return id;
}

/** The next inbound-received@1 event of a device. */
export function aReceipt(
  device: TestDevice,
  payload: Omit<InboundReceivedPayload, 'damaged'> & { damaged?: boolean },
): ScanEvent {
  return {
    ...base(device),
    type: 'inbound-received@1',
    payload: { damaged: false, ...payload },
  };
}

export function aQcDecision(
  device: TestDevice,
  taskId: string,
  passedQty: number,
  failedQty: number,
  reason?: string,
): ScanEvent {
  return {
    ...base(device),
    type: 'qc-decided@1',
    payload: { taskId, passedQty, failedQty, ...(reason ? { reason } : {}) },
  };
}

export function aPutAway(
  device: TestDevice,
  taskId: string,
  binCode: string,
  qty: number,
  otherBinReason?: 'bin-full' | 'bin-blocked',
): ScanEvent {
  return {
    ...base(device),
    type: 'put-away@1',
    payload: { taskId, binCode, qty, ...(otherBinReason ? { otherBinReason } : {}) },
  };
}

/** The pool row of a SKU in a warehouse: physical, reserved, inbound. */
export async function poolOf(db: Db, warehouseId: string, skuId: string) {
  const [row] = await queryRows<{ physical: number; reserved: number; inbound: number }>(
    db,
    sql`select physical, reserved, inbound from inventory_pool
        where warehouse_id = ${warehouseId} and sku_id = ${skuId}`,
  );
  return row ?? { physical: 0, reserved: 0, inbound: 0 };
}

/** Every non-empty stock slot of a SKU: bin code, lot, status, quantity. */
export async function slotsOf(db: Db, warehouseId: string, skuId: string) {
  return queryRows<{ binCode: string; lot: string | null; status: string; qty: number }>(
    db,
    sql`select b.code as "binCode", s.lot, s.status, s.qty from stock s join bins b on b.id = s.bin_id
        where s.warehouse_id = ${warehouseId} and s.sku_id = ${skuId} and s.qty <> 0
        order by b.code, s.lot nulls first, s.status`,
  );
}

/** The next return-graded@1 event of a device. */
export function aReturnGrade(device: TestDevice, payload: ReturnGradedPayload): ScanEvent {
  return { ...base(device), type: 'return-graded@1', payload };
}
