import type { UnlockVerifiers } from '@wms/protocol';
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/database';
import { users } from '../db/schema';

/**
 * The unlock verifiers of a warehouse's active supervisors and admins: what its handhelds check a
 * lead's PIN against with no network (docs/decisions/017). Only the caller's own warehouse.
 */
export async function unlockVerifiersOf(db: Db, warehouseId: string): Promise<UnlockVerifiers> {
  const rows = await db
    .select({ userId: users.id, badge: users.badge, verifier: users.unlockVerifier })
    .from(users)
    .where(
      and(
        eq(users.warehouseId, warehouseId),
        eq(users.active, true),
        inArray(users.role, ['supervisor', 'admin']),
        isNotNull(users.unlockVerifier),
      ),
    )
    .orderBy(asc(users.badge));
  return {
    verifiers: rows.map(({ userId, badge, verifier }) => ({ userId, badge, verifier: verifier! })),
  };
}
