import type { TaskListResponse, WarehouseTask } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import type { Session } from '../auth/session-token';
import { type Db, queryRows } from '../db/database';
import { binLabelPath } from '../labels/routes';

/** The open tasks of the session's warehouse, newest first. */
export async function listOpenTasks(db: Db, session: Session): Promise<TaskListResponse> {
  const rows = await queryRows<
    Omit<WarehouseTask, 'openedAt' | 'labelUrl'> & { openedAt: string | Date }
  >(
    db,
    sql`
    select t.id, t.kind, t.status, t.warehouse_id as "warehouseId", b.code as "binCode",
           t.sku_id as "skuId", t.detail, t.message, t.opened_at as "openedAt"
    from tasks t join bins b on b.id = t.bin_id
    where t.warehouse_id = ${session.warehouseId} and t.status = 'open'
    order by t.opened_at desc, t.id`,
  );
  return {
    tasks: rows.map((t) => ({
      ...t,
      openedAt: new Date(t.openedAt).toISOString(),
      labelUrl: t.kind === 'reprint-label' ? binLabelPath(t.binCode) : null,
    })),
  };
}
