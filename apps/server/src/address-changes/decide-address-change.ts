import type { OrderInput } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { verifyLink } from '../auth/signed-link';
import { type Db, type Tx, queryRows } from '../db/database';
import { recordOrderSteps } from '../orders/order-timeline';
import { emitWebhook } from '../webhooks/emit-webhook';
import { addressLine, applyAddress, lockOrderForChange, settleStatus } from './apply-address';

/** A pending request as its link opens it. */
export interface OpenRequest {
  id: string;
  orderId: string;
  newAddress: OrderInput['address'];
  expiresAt: string;
}

/** The pending request a link names, or null (forged, expired, replaced or already answered). */
export async function openRequest(
  db: Db | Tx,
  token: string,
  secret: string,
  now: Date,
  lock = false,
): Promise<OpenRequest | null> {
  const claims = verifyLink(token, 'address-confirmation', secret, now);
  if (!claims?.nonce) return null;
  const [row] = await queryRows<OpenRequest>(
    db,
    sql`select id, order_id as "orderId", new_address as "newAddress", expires_at as "expiresAt"
        from address_change_requests
        where id = ${claims.subject}::uuid and nonce = ${claims.nonce} and status = 'pending'
          and expires_at > ${now.toISOString()}::timestamptz
        ${lock ? sql`for update` : sql``}`,
  );
  return row ?? null;
}

/** Ends a request and closes the hold it raised (the order keeps any other hold). */
export async function closeChangeHold(
  tx: Tx,
  requestId: string,
  status: 'confirmed' | 'rejected' | 'replaced',
  by: string,
  now: Date,
) {
  const [request] = await queryRows<{ orderId: string }>(
    tx,
    sql`update address_change_requests set status = ${status}, decided_at = ${now.toISOString()}::timestamptz
        where id = ${requestId}::uuid returning order_id as "orderId"`,
  );
  if (!request) return;
  await tx.execute(sql`
    update order_holds set status = 'released', decided_at = ${now.toISOString()}::timestamptz,
      decided_by = ${by}, note = ${`address change ${status}`}
    where order_id = ${request.orderId} and kind = 'address-change' and status = 'open'`);
}

/**
 * The customer's answer on the page. Confirm: the address changes (cleaned, re-routed, re-checked)
 * unless the order left meanwhile (then an exception, as after dispatch). Reject: the change's
 * hold is released and the old address stays. Null when the link opens nothing.
 */
export async function decideAddressChange(
  db: Db,
  token: string,
  decision: 'confirm' | 'reject',
  secret: string,
  now: Date,
): Promise<{ outcome: 'confirmed' | 'rejected' | 'dispatched'; orderId: string } | null> {
  return db.transaction(async (tx) => {
    const request = await openRequest(tx, token, secret, now, true);
    if (!request) return null;
    const order = await lockOrderForChange(tx, request.orderId);
    if (!order) return null;
    const by = 'customer (confirmation link)';
    if (decision === 'reject' || order.status === 'shipped') {
      await closeChangeHold(tx, request.id, 'rejected', by, now);
      const status = await settleStatus(tx, order.id, order.routeRuleId !== null);
      await recordOrderSteps(
        tx,
        [
          {
            orderId: order.id,
            kind: 'address-change-rejected',
            detail: {
              requestId: request.id,
              kept: addressLine(order),
              by,
              reason: decision === 'reject' ? 'customer rejected' : 'already dispatched',
            },
          },
        ],
        now,
      );
      if (status !== 'held' && status !== order.status)
        await emitWebhook(tx, 'order.released', { orderId: order.id, status }, now);
      return {
        outcome: decision === 'reject' ? ('rejected' as const) : ('dispatched' as const),
        orderId: order.id,
      };
    }
    await closeChangeHold(tx, request.id, 'confirmed', by, now);
    await applyAddress(tx, order, request.newAddress, by, now);
    return { outcome: 'confirmed' as const, orderId: order.id };
  });
}
