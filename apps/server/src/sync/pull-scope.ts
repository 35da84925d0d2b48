import { type SQL, sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';

/**
 * What a caller may see, decided from the server's own assignments and never from request
 * parameters: a picker sees the waves assigned to them, a supervisor or admin their warehouse.
 */
export type PullScope =
  | { kind: 'picker'; userId: string; warehouseId: string }
  | { kind: 'warehouse'; warehouseId: string };

export function scopeOf(session: Session): PullScope {
  return session.role === 'picker'
    ? { kind: 'picker', userId: session.userId, warehouseId: session.warehouseId }
    : { kind: 'warehouse', warehouseId: session.warehouseId };
}

/** A key that changes whenever the scope does: a cursor minted for another scope is not reused. */
export function scopeKey(scope: PullScope): string {
  return scope.kind === 'picker' ? `u.${scope.userId}` : `w.${scope.warehouseId}`;
}

/** The change-feed rows addressed to this scope. */
export function changesInScope(scope: PullScope): SQL {
  return scope.kind === 'picker'
    ? sql`c.audience_user_id = ${scope.userId}`
    : sql`c.warehouse_id = ${scope.warehouseId}`;
}

/**
 * The waves this scope holds now: today's work. A wave leaves every scope when it is cancelled,
 * or a shift after it was done (`left_scope_at`, set with a change-feed row by
 * `retireDoneWaves`), so a device never holds a year of done waves. Both conditions match the
 * partial indexes `waves_in_scope_*`.
 */
export function wavesInScope(scope: PullScope): SQL {
  const live = sql`w.left_scope_at is null and w.status <> 'cancelled'`;
  return scope.kind === 'picker'
    ? sql`w.assigned_user_id = ${scope.userId} and w.warehouse_id = ${scope.warehouseId} and ${live}`
    : sql`w.warehouse_id = ${scope.warehouseId} and ${live}`;
}
