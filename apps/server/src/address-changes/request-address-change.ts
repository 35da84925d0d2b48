import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressChange, AddressChangeAnswer, OrderInput } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { assertOrderInScope } from '../auth/caller-scope';
import type { Session } from '../auth/session-token';
import { signLink } from '../auth/signed-link';
import { type Db, type Tx, queryRows } from '../db/database';
import { raiseHolds } from '../holds/raise-holds';
import { badRequest } from '../http/api-error';
import { recordOrderSteps } from '../orders/order-timeline';
import { emitWebhook } from '../webhooks/emit-webhook';
import {
  addressLine,
  applyAddress,
  lockOrderForChange,
  type OrderForChange,
} from './apply-address';
import { closeChangeHold } from './decide-address-change';

/** How long the customer's link works. */
export const CONFIRMATION_TTL_MS = 72 * 3_600_000;

/** Dispatched or finished: the address can no longer change in the warehouse. */
const DISPATCHED = new Set(['shipped']);
const FINAL = new Set(['cancelled', 'awaiting-return', 'returned']);

/**
 * M4.7 (issue 21): an address change before dispatch. From the customer (via the storefront or
 * CRM) it holds the order and creates a signed, expiring link to the confirmation page; a new
 * request replaces the pending one (the same hold, a new link; the old link opens nothing). From
 * the marketplace itself (`source: 'platform'`, a channel key) the platform has confirmed it: it
 * applies at once. After dispatch it is an exception for a person, as before.
 */
export async function requestAddressChange(
  db: Db,
  session: Session,
  orderId: string,
  change: AddressChange,
  options: { secret: string; origin: string; now: Date },
): Promise<AddressChangeAnswer> {
  const { now } = options;
  if (change.source === 'platform' && !session.channel) {
    throw badRequest(
      'source: only a marketplace (a channel key) can send a change its platform has confirmed; send source "customer" to ask the customer',
      [{ path: 'source', message: 'platform changes come from a channel key' }],
    );
  }
  const address = toAddressInput(change.newAddress);
  return db.transaction(async (tx) => {
    const order = await lockOrderForChange(tx, orderId);
    assertOrderInScope(session, order, orderId);
    const answer = { orderId, confirmationUrl: null, expiresAt: null };
    if (DISPATCHED.has(order.status)) {
      await afterDispatch(tx, order, address, now);
      return { ...answer, status: order.status, outcome: 'exception' as const };
    }
    if (FINAL.has(order.status)) {
      throw badRequest(`Order ${orderId} is ${order.status}: its address cannot change`, [
        { path: 'orderId', message: `order is ${order.status}` },
      ]);
    }
    const pending = await pendingRequest(tx, orderId);
    if (change.source === 'platform') {
      if (pending) await closeChangeHold(tx, pending.id, 'replaced', session.userId, now);
      const { status } = await applyAddress(
        tx,
        order,
        address,
        `platform (${session.userId})`,
        now,
      );
      return { ...answer, status, outcome: 'applied' as const };
    }
    const request = await newRequest(tx, order, address, session, pending?.id ?? null, now);
    const token = signLink(
      'address-confirmation',
      { subject: request.id, expiresAt: request.expiresAt, nonce: request.nonce },
      options.secret,
    );
    const link = `${options.origin}/api/address-confirmations/${token}`;
    const to = addressLine({ ...emptyAddress, ...address, detail: address.text ?? address.detail });
    await recordOrderSteps(
      tx,
      [
        {
          orderId,
          kind: 'address-confirmation-requested',
          detail: { requestId: request.id, to, replaces: pending?.id ?? null, by: session.userId },
        },
      ],
      now,
    );
    await emitWebhook(
      tx,
      'order.address-confirmation-requested',
      {
        orderId,
        requestId: request.id,
        link,
        expiresAt: request.expiresAt.toISOString(),
        newAddress: to,
      },
      now,
    );
    return {
      ...answer,
      status: 'held',
      outcome: 'hold' as const,
      confirmationUrl: link,
      expiresAt: request.expiresAt.toISOString(),
    };
  });
}

const emptyAddress = { province: '', city: '', district: '', detail: '' };

function toAddressInput(sent: AddressChange['newAddress']): OrderInput['address'] {
  return typeof sent === 'string' ? { ...emptyAddress, text: sent } : sent;
}

async function pendingRequest(tx: Tx, orderId: string) {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`select id from address_change_requests where order_id = ${orderId} and status = 'pending'
        for update`,
  );
  return row ?? null;
}

/**
 * Stores the request; the first one holds the order, a replacement keeps that hold (one hold per
 * pending change, never two) and retires the old request and its link.
 */
async function newRequest(
  tx: Tx,
  order: OrderForChange,
  address: OrderInput['address'],
  session: Session,
  replaces: string | null,
  now: Date,
) {
  const evidence = `address change to "${address.text ?? addressLine({ ...address })}" requested: waiting for the customer to confirm it`;
  if (replaces) {
    await tx.execute(sql`
      update address_change_requests set status = 'replaced', decided_at = ${now.toISOString()}::timestamptz
      where id = ${replaces}`);
    await tx.execute(sql`
      update order_holds set evidence = ${evidence}
      where order_id = ${order.id} and kind = 'address-change' and status = 'open'`);
  } else {
    await raiseHolds(tx, order, [{ kind: 'address-change', evidence }], [], now);
  }
  const request = {
    id: randomUUID(),
    nonce: randomBytes(9).toString('base64url'),
    expiresAt: new Date(now.getTime() + CONFIRMATION_TTL_MS),
  };
  await tx.execute(sql`
    insert into address_change_requests (id, order_id, warehouse_id, status, new_address, nonce,
      requested_by, requested_at, expires_at)
    values (${request.id}, ${order.id}, ${order.warehouseId}, 'pending', ${JSON.stringify(address)}::jsonb,
      ${request.nonce}, ${session.userId}, ${now.toISOString()}::timestamptz,
      ${request.expiresAt.toISOString()}::timestamptz)`);
  return request;
}

/** After dispatch: an exception for a person (contact the carrier), as before issue 21. */
async function afterDispatch(
  tx: Tx,
  order: OrderForChange,
  address: OrderInput['address'],
  now: Date,
) {
  const newAddress = address.text ?? addressLine({ ...address });
  await tx.execute(sql`
    insert into exceptions (id, warehouse_id, kind, message, opened_at)
    values (gen_random_uuid(), ${order.warehouseId}, 'address-change',
            ${`Order ${order.id} was dispatched before its address change to "${newAddress}": contact the carrier`},
            ${now.toISOString()}::timestamptz)`);
  await recordOrderSteps(
    tx,
    [
      {
        orderId: order.id,
        kind: 'address-change',
        detail: { newAddress, after: 'dispatch', outcome: 'exception' },
      },
    ],
    now,
  );
}
