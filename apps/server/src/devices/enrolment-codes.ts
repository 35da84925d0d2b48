import { randomInt } from 'node:crypto';
import type { EnrolmentCodeResponse } from '@wms/protocol';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import type { Db, Tx } from '../db/database';
import { enrolmentCodes } from '../db/schema';
import { unauthenticated } from '../http/api-error';

/** How long an enrolment code shown on the admin screen stays good. */
export const ENROLMENT_CODE_TTL_MS = 10 * 60_000;
/** Letters and digits that cannot be misread for one another (no 0/O, 1/I). */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A fresh code for the admin's warehouse: 8 characters (~40 bits), single use, 10 minutes. */
export async function createEnrolmentCode(
  db: Db,
  session: Session,
  now: Date,
): Promise<EnrolmentCodeResponse> {
  const code = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const expiresAt = new Date(now.getTime() + ENROLMENT_CODE_TTL_MS);
  await db.insert(enrolmentCodes).values({
    code,
    warehouseId: session.warehouseId,
    createdByUserId: session.userId,
    expiresAt,
  });
  return { code, warehouseId: session.warehouseId, expiresAt: expiresAt.toISOString() };
}

/**
 * Uses up a code inside the registering transaction and returns its warehouse. A code that is
 * unknown, expired or already used is refused the same way (nothing to learn by guessing).
 */
export async function redeemEnrolmentCode(
  tx: Tx,
  code: string,
  deviceId: string,
  now: Date,
): Promise<string> {
  const [used] = await tx
    .update(enrolmentCodes)
    .set({ usedAt: now, usedByDeviceId: deviceId })
    .where(
      and(
        eq(enrolmentCodes.code, code),
        isNull(enrolmentCodes.usedAt),
        gt(enrolmentCodes.expiresAt, now),
      ),
    )
    .returning({ warehouseId: enrolmentCodes.warehouseId });
  if (!used)
    throw unauthenticated(
      'This enrolment code is not valid, expired or was used already: ask your admin for a new QR',
      'enrolment_code_invalid',
    );
  return used.warehouseId;
}
