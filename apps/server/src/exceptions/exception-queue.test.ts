import type { ExceptionQueue, PickLine } from '@wms/protocol';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import {
  aLoggedInDevice,
  aPick,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  pull,
  push,
  type TestDevice,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('the exceptions queue on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  let supervisor: TestDevice;
  let line: PickLine;
  let exceptionId: string;

  const queue = async () => {
    const res = await fx.app.request('/api/exceptions/queue', {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    expect(res.status).toBe(200);
    return (await bodyOf<ExceptionQueue>(res)).items;
  };

  it('shows an over-pick with its evidence, opened and not yet answered', async () => {
    supervisor = await aLoggedInDevice(fx.app, 'S-0001');
    const picker = await aLoggedInDevice(fx.app, 'P-0001');
    line = (await pull(fx.app, picker)).lines.find((l) => l.status === 'open')!;
    await push(fx.app, picker, [aPick(picker, line), aPick(picker, line, 2)]);
    const items = (await queue()).filter((i) => i.source === 'exception');
    expect(items).toHaveLength(1);
    const [item] = items;
    exceptionId = item!.id;
    expect(item).toMatchObject({
      kind: 'over-pick',
      answeredAt: null,
      assignedTo: null,
      actions: ['resolve', 'assign', 'count-task'],
      evidence: {
        wave: 'B26-07',
        bin: line.binCode,
        sku: line.skuName,
        qty: 2,
        line: `${line.qty}/${line.qty}`,
        pickedBy: 'Li Wei',
        device: `${picker.deviceId.slice(0, 8)} #2`,
      },
    });
    expect(item?.message).toBe(
      `Return 2 × ${line.skuId} to bin ${line.binCode}: line ${line.id} was already complete`,
    );
  });

  it('assigning answers it; a count task opens once for its bin', async () => {
    const assigned = await postJson(
      fx.app,
      `/api/exceptions/${exceptionId}/assign`,
      { userId: 'u-gz-p2' },
      supervisor.token,
    );
    expect(assigned.status).toBe(200);
    const [afterAssign] = (await queue()).filter((i) => i.id === exceptionId);
    expect(afterAssign?.assignedTo).toBe('Zhang Min');
    const answeredAt = afterAssign?.answeredAt;
    expect(answeredAt).not.toBeNull();
    for (let i = 0; i < 2; i++) {
      const res = await postJson(
        fx.app,
        `/api/exceptions/${exceptionId}/count-task`,
        {},
        supervisor.token,
      );
      expect(res.status).toBe(201);
    }
    const tasks = await queryRows<{ kind: string; detail: string }>(
      fx.database.db,
      sql`select t.kind, t.detail from tasks t join bins b on b.id = t.bin_id
          where b.code = ${line.binCode} and b.warehouse_id = 'GZ' and t.status = 'open'`,
    );
    expect(tasks).toEqual([{ kind: 'cycle-count', detail: 'over-pick' }]);
    const [still] = (await queue()).filter((i) => i.id === exceptionId);
    expect(still?.answeredAt).toBe(answeredAt);
    expect(
      (await queue()).some((i) => i.source === 'task' && i.evidence.bin === line.binCode),
    ).toBe(true);
  });

  it('refuses bad input, naming the field, and changes nothing', async () => {
    const cases: [string, unknown, number, string][] = [
      ['/api/exceptions/not-a-uuid/resolve', {}, 400, 'exceptionId'],
      [`/api/exceptions/${exceptionId}/resolve`, { note: 'x'.repeat(501) }, 400, 'note'],
      [`/api/exceptions/${exceptionId}/resolve`, { fixed: true }, 400, ''],
      [`/api/exceptions/${exceptionId}/assign`, { userId: 'u-cd-p1' }, 400, 'userId'],
      [`/api/exceptions/${exceptionId}/assign`, {}, 400, 'userId'],
    ];
    for (const [path, body, status, field] of cases) {
      const res = await postJson(fx.app, path, body, supervisor.token);
      expect(res.status, path).toBe(status);
      const { error } = await bodyOf(res);
      if (field) expect(error.fields?.map((f) => f.path)).toContain(field);
    }
    const unknown = await postJson(
      fx.app,
      `/api/exceptions/${randomUUID()}/resolve`,
      {},
      supervisor.token,
    );
    expect(unknown.status).toBe(404);
    const [row] = await queryRows<{ status: string; assignee: string }>(
      fx.database.db,
      sql`select status, assigned_user_id as assignee from exceptions where id = ${exceptionId}::uuid`,
    );
    expect(row).toEqual({ status: 'open', assignee: 'u-gz-p2' });
  });

  it('resolving closes it with its times, once; another warehouse cannot touch it', async () => {
    const cd = await aLoggedInDevice(fx.app, 'S-0002');
    const foreign = await postJson(fx.app, `/api/exceptions/${exceptionId}/resolve`, {}, cd.token);
    expect(foreign.status).toBe(404);
    const res = await postJson(
      fx.app,
      `/api/exceptions/${exceptionId}/resolve`,
      { note: 'returned to bin' },
      supervisor.token,
    );
    expect(res.status).toBe(200);
    expect((await queue()).some((i) => i.id === exceptionId)).toBe(false);
    const [row] = await queryRows<{ status: string; note: string; by: string; ordered: boolean }>(
      fx.database.db,
      sql`select status, note, resolved_by as by, answered_at <= resolved_at and opened_at <= answered_at as ordered
          from exceptions where id = ${exceptionId}::uuid`,
    );
    expect(row).toEqual({
      status: 'resolved',
      note: 'returned to bin',
      by: 'u-gz-s1',
      ordered: true,
    });
    const again = await postJson(
      fx.app,
      `/api/exceptions/${exceptionId}/resolve`,
      {},
      supervisor.token,
    );
    expect(again.status).toBe(404);
  });

  it("shows its warehouse's failed webhook deliveries, never another warehouse's", async () => {
    supervisor = await aLoggedInDevice(fx.app, 'S-0001');
    const dead = async (warehouseId: string, error: string) => {
      const subscription = randomUUID();
      const message = `msg_${randomUUID().replaceAll('-', '')}`;
      await fx.database.db.execute(sql`
        insert into webhook_subscriptions (id, url, secret, event_types, warehouse_id)
        values (${subscription}::uuid, ${`https://erp.example.com/${warehouseId}`}, 'whsec_test',
                '["order.shipped"]'::jsonb, ${warehouseId})`);
      await fx.database.db.execute(sql`
        insert into webhook_messages (id, type, payload, warehouse_id)
        values (${message}, 'order.shipped', '{}'::jsonb, ${warehouseId})`);
      await fx.database.db.execute(sql`
        insert into webhook_deliveries (id, message_id, subscription_id, status, attempts, last_error)
        values (gen_random_uuid(), ${message}, ${subscription}::uuid, 'dead', 12, ${error})`);
    };
    await dead('GZ', 'HTTP 502 from erp.example.com/GZ');
    await dead('CD', 'HTTP 500 from erp.example.com/CD');
    const failed = (await queue()).filter((i) => i.source === 'webhook');
    expect(failed.map((i) => [i.message, i.actions])).toEqual([
      ['order.shipped: HTTP 502 from erp.example.com/GZ', ['replay']],
    ]);

    // The ERP is back: the supervisor sends it again from the queue; it leaves the queue.
    const replay = (id: string) =>
      postJson(fx.app, `/api/exceptions/webhook-deliveries/${id}/replay`, {}, supervisor.token);
    const res = await replay(failed[0]!.id);
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toEqual({ replayed: 1 });
    expect((await queue()).filter((i) => i.source === 'webhook')).toEqual([]);
    const [delivery] = await queryRows<{ status: string; attempts: number }>(
      fx.database.db,
      sql`select status, attempts from webhook_deliveries where id = ${failed[0]!.id}::uuid`,
    );
    expect(delivery).toEqual({ status: 'pending', attempts: 0 });
    // CD's failed delivery is not GZ's to send: 404, and it stays dead.
    const [cd] = await queryRows<{ id: string }>(
      fx.database.db,
      sql`select d.id::text from webhook_deliveries d join webhook_subscriptions s on s.id = d.subscription_id
          where s.warehouse_id = 'CD'`,
    );
    expect((await replay(cd!.id)).status).toBe(404);
    const [still] = await queryRows<{ status: string }>(
      fx.database.db,
      sql`select status from webhook_deliveries where id = ${cd!.id}::uuid`,
    );
    expect(still).toEqual({ status: 'dead' });
  });
});
