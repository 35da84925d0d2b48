import { sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import { badRequest } from '../http/api-error';

/**
 * The active person (picker, supervisor or admin) of the warehouse whom an exception or a task
 * is given to; anyone else, another warehouse's people included, is a 400 naming `userId`.
 */
export async function requireWarehousePerson(
  tx: Tx,
  warehouseId: string,
  userId: string,
): Promise<{ name: string }> {
  const [person] = await queryRows<{ name: string }>(
    tx,
    sql`select name from users where id = ${userId} and warehouse_id = ${warehouseId}
          and role in ('picker', 'supervisor', 'admin') and active`,
  );
  if (!person)
    throw badRequest(`userId: ${userId} is not a person of this warehouse`, [
      { path: 'userId', message: 'not a person of this warehouse' },
    ]);
  return person;
}
