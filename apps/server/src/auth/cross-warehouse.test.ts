import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { anIntegrationKey } from '../testing/hub-fixtures';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

/** A CD order in the CD picker's wave (seeded). */
const CD_ORDER = 'SO-B26-09-001';

/**
 * The three probes of issue 15: callers of GZ reached CD orders and issued CD keys. Each is
 * answered 404 (or 403) now, as every other cross-warehouse call, and nothing is changed.
 */
describe.each(testDatabases())('GZ callers are kept out of CD on $name', (target) => {
  const fx = aSeededAppPerFile(target);

  const cdOrder = async () =>
    (
      await queryRows<{ status: string; holds: number }>(
        fx.database.db,
        sql`select o.status, (select count(*)::int from order_holds h where h.order_id = o.id) as holds
            from orders o where o.id = ${CD_ORDER}`,
      )
    )[0];

  it('a GZ integration key can neither hold nor cancel a CD order', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const before = await cdOrder();
    expect(before).toEqual({ status: 'waved', holds: 0 });
    const hold = await postJson(fx.app, `/api/holds/orders/${CD_ORDER}`, { reason: 'x' }, key);
    expect(hold.status).toBe(404);
    expect((await bodyOf(hold)).error.code).toBe('not_found');
    const cancel = await postJson(fx.app, `/api/orders/${CD_ORDER}/cancel`, { reason: 'x' }, key);
    expect(cancel.status).toBe(404);
    expect((await bodyOf(cancel)).error.code).toBe('not_found');
    const change = await postJson(
      fx.app,
      `/api/holds/orders/${CD_ORDER}/address-change`,
      { newAddress: '成都市 武侯区 1 号' },
      key,
    );
    expect(change.status).toBe(404);
    expect(await cdOrder()).toEqual(before);
  });

  it('a GZ admin cannot issue an integration key for CD', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          fx.database.db,
          sql`select count(*)::int as n from api_keys where warehouse_id = 'CD'`,
        )
      )[0]?.n;
    const res = await postJson(
      fx.app,
      '/api/integration-keys',
      { name: 'CD ERP', warehouseId: 'CD' },
      admin,
    );
    expect(res.status).toBe(403);
    expect((await bodyOf(res)).error.code).toBe('forbidden');
    expect(await count()).toBe(0);
  });

  it("a CD order's trace answers neither a GZ supervisor nor a GZ key", async () => {
    const supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    const key = await anIntegrationKey(fx.database.db);
    for (const token of [supervisor, key]) {
      const res = await fx.app.request(`/api/orders/${CD_ORDER}/trace`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(404);
      const body = await bodyOf(res);
      expect(body.error.code).toBe('not_found');
      expect(JSON.stringify(body)).not.toContain('paidCents');
    }
    const cdSupervisor = (await aLoggedInDevice(fx.app, 'S-0002')).token;
    const own = await fx.app.request(`/api/orders/${CD_ORDER}/trace`, {
      headers: { authorization: `Bearer ${cdSupervisor}` },
    });
    expect(own.status).toBe(200);
  });
});
