import type { NewWarehouse, Warehouse, WarehouseInput } from '@wms/protocol';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { warehouses } from '../db/schema';
import { conflict, notFound } from '../http/api-error';

export async function listWarehouses(db: Db): Promise<Warehouse[]> {
  return db.select().from(warehouses).orderBy(asc(warehouses.id));
}

export async function createWarehouse(db: Db, input: NewWarehouse): Promise<Warehouse> {
  const [created] = await db.insert(warehouses).values(input).onConflictDoNothing().returning();
  if (!created)
    throw conflict(`Warehouse ${input.id} exists already`, [
      { path: 'id', message: 'exists already' },
    ]);
  return created;
}

export async function updateWarehouse(
  db: Db,
  warehouseId: string,
  patch: WarehouseInput | { active: boolean },
): Promise<Warehouse> {
  const [updated] = await db
    .update(warehouses)
    .set(patch)
    .where(eq(warehouses.id, warehouseId))
    .returning();
  if (!updated) throw notFound(`No warehouse ${warehouseId}`);
  return updated;
}
