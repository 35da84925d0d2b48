import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { badRequest } from '../http/api-error';

/**
 * The active person (picker, supervisor or admin) of the warehouse whom an exception or a task
 * (or a new wave) is given to; anyone else, another warehouse's people included, is a 400 naming
 * `field` (`userId` unless said).
 */
export async function requireWarehousePerson(
  tx: Tx,
  warehouseId: string,
  userId: string,
  field = 'userId',
): Promise<{ name: string }> {
  const [person] = await queryRows<{ name: string }>(
    tx,
    sql`select name from users where id = ${userId} and warehouse_id = ${warehouseId}
          and role in ('picker', 'supervisor', 'admin') and active`,
  );
  if (!person)
    throw badRequest(`${field}: ${userId} is not a person of this warehouse`, [
      { path: field, message: 'not a person of this warehouse' },
    ]);
  return person;
}
