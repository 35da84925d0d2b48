import type { SupplierInput } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';
import { conflict } from '../http/api-error';

/** Every supplier (company-wide, like SKUs). */
export async function listSuppliers(db: Db) {
  return queryRows<SupplierInput & { active: boolean }>(
    db,
    sql`select id, name, name_zh as "nameZh", qc_required as "qcRequired", active
        from suppliers order by id`,
  );
}

/** A new supplier; an id in use is 409 naming `id`. */
export async function createSupplier(db: Db, input: SupplierInput) {
  const [created] = await queryRows<{ id: string }>(
    db,
    sql`insert into suppliers (id, name, name_zh, qc_required)
        values (${input.id}, ${input.name}, ${input.nameZh}, ${input.qcRequired})
        on conflict (id) do nothing returning id`,
  );
  if (!created)
    throw conflict(`A supplier ${input.id} exists already`, [{ path: 'id', message: 'in use' }]);
  return { ...input, active: true };
}
