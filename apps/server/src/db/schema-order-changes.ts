import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { at, now } from './columns';

/**
 * A customer's address change before dispatch (M4.7, issue 21): the order is held until the
 * customer confirms it on the signed page; a newer request replaces the pending one (its link
 * stops working, its hold is the same hold). One pending request per order at most.
 */
export const addressChangeRequests = pgTable(
  'address_change_requests',
  {
    id: uuid('id').primaryKey(),
    orderId: text('order_id').notNull(),
    warehouseId: text('warehouse_id').notNull(),
    status: text('status', { enum: ['pending', 'confirmed', 'rejected', 'replaced'] })
      .notNull()
      .default('pending'),
    /** The address as the caller sent it (`addressInputSchema`). */
    newAddress: jsonb('new_address').$type<Record<string, string>>().notNull(),
    /** The signed link's nonce: a replaced request's link opens nothing. */
    nonce: text('nonce').notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: now('requested_at'),
    expiresAt: at('expires_at').notNull(),
    decidedAt: at('decided_at'),
  },
  (t) => [
    index('address_change_requests_order').on(t.orderId),
    uniqueIndex('address_change_requests_one_pending')
      .on(t.orderId)
      .where(sql`status = 'pending'`),
  ],
);
