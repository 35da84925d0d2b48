import type { Session } from './session-token';
import { forbidden, notFound } from '../http/api-error';

/**
 * What a caller may see and change. People and warehouse keys (WMS, TMS, carrier integrations)
 * are kept to one warehouse; a channel key (a storefront) to its channel's orders, wherever
 * routing sent them. Every check of a caller against a resource goes through this file.
 */
export type CallerScope =
  { kind: 'warehouse'; warehouseId: string } | { kind: 'channel'; channel: string };

/** The scope a session carries (decided when the login or the key was issued). */
export function scopeOf(session: Session): CallerScope {
  return session.channel
    ? { kind: 'channel', channel: session.channel }
    : { kind: 'warehouse', warehouseId: session.warehouseId };
}

/** Words for "where the caller looks", for not-found messages. */
export function describeScope(session: Session): string {
  const scope = scopeOf(session);
  return scope.kind === 'channel'
    ? `the ${scope.channel} channel`
    : `warehouse ${scope.warehouseId}`;
}

/** Whether an order is the caller's: its warehouse's, or its channel's. */
export function isOrderInScope(
  session: Session,
  order: { warehouseId: string; channel: string },
): boolean {
  const scope = scopeOf(session);
  return scope.kind === 'channel'
    ? order.channel === scope.channel
    : order.warehouseId === scope.warehouseId;
}

/**
 * Refuses an order outside the caller's scope exactly as an unknown one (404): a caller learns
 * nothing about another warehouse's or channel's orders, not even that they exist.
 */
export function assertOrderInScope<T extends { warehouseId: string; channel: string }>(
  session: Session,
  order: T | undefined,
  orderId: string,
  advice = 'check the id (SO-…)',
): asserts order is T {
  if (!order || !isOrderInScope(session, order)) {
    throw notFound(`No order ${orderId} in ${describeScope(session)}: ${advice}`, {
      orderId,
    });
  }
}

/** Why a caller may not send an order of this channel (a channel key sends its own only), or null. */
export function channelRefusal(session: Session, channel: string): string | null {
  const scope = scopeOf(session);
  return scope.kind === 'channel' && scope.channel !== channel
    ? `This key sends ${scope.channel} orders only, not ${channel}`
    : null;
}

/** Refuses (403, naming the field) an order of another channel than the channel key's. */
export function assertChannelOfCaller(session: Session, channel: string) {
  const refusal = channelRefusal(session, channel);
  if (refusal) {
    throw forbidden(refusal, [{ path: 'channel', message: refusal }], {
      channel,
      keyChannel: session.channel ?? '',
    });
  }
}

/** Whether a warehouse-scoped resource (a wave, a bin, a hold) is the caller's. */
export function isWarehouseInScope(session: Session, warehouseId: string): boolean {
  const scope = scopeOf(session);
  return scope.kind === 'warehouse' && scope.warehouseId === warehouseId;
}

/**
 * An admin issues keys of their own scope only: a warehouse key for their warehouse; a channel
 * key (its orders go to any warehouse) needs an admin, whichever warehouse they belong to.
 */
export function assertMayIssueKey(
  session: Session,
  request: { warehouseId?: string | undefined; channel?: string | undefined },
) {
  if (session.role !== 'admin') throw forbidden('Only an admin issues integration keys');
  if (request.warehouseId !== undefined && !isWarehouseInScope(session, request.warehouseId)) {
    throw forbidden(
      `You are an admin of warehouse ${session.warehouseId}: a key for warehouse ${request.warehouseId} is issued by its own admin`,
      undefined,
      { warehouseId: request.warehouseId },
    );
  }
}
