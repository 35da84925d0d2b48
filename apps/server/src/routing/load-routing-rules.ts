import type { RoutingRule } from '@wms/protocol';
import { asc, desc } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { routingRules, warehouses } from '../db/schema';

export async function loadRoutingRules(tx: Tx): Promise<RoutingRule[]> {
  return tx.select().from(routingRules).orderBy(asc(routingRules.priority), asc(routingRules.id));
}

/**
 * Where an order waiting for manual routing is filed meanwhile (the `orders` row needs a
 * warehouse): the catch-all rule's warehouse, else the first warehouse. Its status `unrouted`
 * keeps it out of waves and reservations until a supervisor routes it.
 */
export async function manualQueueWarehouse(tx: Tx): Promise<string> {
  const [last] = await tx
    .select({ warehouseId: routingRules.warehouseId })
    .from(routingRules)
    .orderBy(desc(routingRules.priority))
    .limit(1);
  if (last) return last.warehouseId;
  const [first] = await tx
    .select({ id: warehouses.id })
    .from(warehouses)
    .orderBy(asc(warehouses.id))
    .limit(1);
  return first?.id ?? 'GZ';
}
