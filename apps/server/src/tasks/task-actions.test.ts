import type { ExceptionQueue, QueueItem } from '@wms/protocol';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import {
  aLoggedInDevice,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  type TestDevice,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

/** The two tasks handhelds open, as they open them (see apply-short, apply-bin-label-failed). */
async function openTasks(db: Parameters<typeof queryRows>[0]) {
  const [slot] = await queryRows<{ binId: string; binCode: string; skuId: string; qty: number }>(
    db,
    sql`select s.bin_id as "binId", b.code as "binCode", s.sku_id as "skuId", sum(s.qty)::int as qty
        from stock s join bins b on b.id = s.bin_id
        where s.warehouse_id = 'GZ' and s.status = 'available'
        group by s.bin_id, b.code, s.sku_id having sum(s.qty) > 3
        order by b.code, s.sku_id limit 1`,
  );
  const [other] = await queryRows<{ binId: string; binCode: string }>(
    db,
    sql`select id as "binId", code as "binCode" from bins
        where warehouse_id = 'GZ' and code <> ${slot!.binCode} order by code limit 1`,
  );
  const count = randomUUID();
  const reprint = randomUUID();
  await db.execute(sql`
    insert into tasks (id, warehouse_id, kind, bin_id, sku_id, detail, message) values
    (${count}::uuid, 'GZ', 'cycle-count', ${slot!.binId}, ${slot!.skuId}, 'empty',
     ${`Count bin ${slot!.binCode} (${slot!.skuId}): a picker found 2 missing (empty)`}),
    (${reprint}::uuid, 'GZ', 'reprint-label', ${other!.binId}, null, '3',
     ${`Reprint the label of bin ${other!.binCode}: it failed 3 times in a row`})`);
  return { count, reprint, slot: slot!, other: other! };
}

describe.each(testDatabases())('acting on tasks from the console on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let supervisor: TestDevice;
  let tasks: Awaited<ReturnType<typeof openTasks>>;

  const queue = async (): Promise<QueueItem[]> => {
    const res = await fx.app.request('/api/exceptions/queue', {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    expect(res.status).toBe(200);
    return (await bodyOf<ExceptionQueue>(res)).items.filter((i) => i.source === 'task');
  };

  beforeAll(async () => {
    supervisor = await aLoggedInDevice(fx.app, 'S-0001');
    tasks = await openTasks(fx.database.db);
  });

  it('offers every task an action: count or reprint, resolve, assign', async () => {
    const items = await queue();
    expect(items.find((i) => i.id === tasks.count)).toMatchObject({
      kind: 'cycle-count',
      actions: ['count', 'resolve', 'assign'],
      evidence: { bin: tasks.slot.binCode, sku: tasks.slot.skuId, detail: 'empty' },
      answeredAt: null,
      assignedTo: null,
    });
    expect(items.find((i) => i.id === tasks.reprint)).toMatchObject({
      kind: 'reprint-label',
      actions: ['reprint', 'resolve', 'assign'],
      evidence: { bin: tasks.other.binCode, sku: null, detail: '3' },
    });
  });

  it('assigning a task answers it and names the person', async () => {
    const res = await postJson(
      fx.app,
      `/api/tasks/${tasks.count}/assign`,
      { userId: 'u-gz-p2' },
      supervisor.token,
    );
    expect(res.status).toBe(200);
    const item = (await queue()).find((i) => i.id === tasks.count);
    expect(item?.assignedTo).toBe('Zhang Min');
    expect(item?.answeredAt).not.toBeNull();
    const refused = await postJson(
      fx.app,
      `/api/tasks/${tasks.count}/assign`,
      { userId: 'u-cd-p1' },
      supervisor.token,
    );
    expect(refused.status).toBe(400);
    expect((await bodyOf(refused)).error.fields?.map((f) => f.path)).toEqual(['userId']);
  });

  it('a count that differs from stock becomes a count movement on the ledger', async () => {
    const counted = tasks.slot.qty - 2;
    const res = await postJson(
      fx.app,
      `/api/tasks/${tasks.count}/count`,
      { countedQty: counted },
      supervisor.token,
    );
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toEqual({
      taskId: tasks.count,
      binCode: tasks.slot.binCode,
      skuId: tasks.slot.skuId,
      before: tasks.slot.qty,
      counted,
      delta: -2,
    });
    const moves = await queryRows<{ delta: number; reason: string; userId: string }>(
      fx.database.db,
      sql`select sum(delta)::int as delta, reason, user_id as "userId" from stock_movements
          where bin_id = ${tasks.slot.binId} and sku_id = ${tasks.slot.skuId} and reason = 'count'
          group by reason, user_id`,
    );
    expect(moves).toEqual([{ delta: -2, reason: 'count', userId: 'u-gz-s1' }]);
    expect((await queue()).some((i) => i.id === tasks.count)).toBe(false);
  });

  it('resolving a reprint closes it once; another warehouse gets 404 and changes nothing', async () => {
    const cd = await aLoggedInDevice(fx.app, 'S-0002');
    const foreign = await postJson(fx.app, `/api/tasks/${tasks.reprint}/resolve`, {}, cd.token);
    expect(foreign.status).toBe(404);
    const res = await postJson(fx.app, `/api/tasks/${tasks.reprint}/resolve`, {}, supervisor.token);
    expect(res.status).toBe(200);
    const [row] = await queryRows<{ status: string; by: string; ordered: boolean }>(
      fx.database.db,
      sql`select status, done_by as by, answered_at <= done_at as ordered
          from tasks where id = ${tasks.reprint}::uuid`,
    );
    expect(row).toEqual({ status: 'done', by: 'u-gz-s1', ordered: true });
    const again = await postJson(
      fx.app,
      `/api/tasks/${tasks.reprint}/resolve`,
      {},
      supervisor.token,
    );
    expect(again.status).toBe(404);
    expect(await queue()).toEqual([]);
  });
});
