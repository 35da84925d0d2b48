import { and, eq, ne, sql } from 'drizzle-orm';
import { orderByPickPath } from '@wms/domain';
import type { PickLine, TaskListResponse } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { bins, exceptions, stock, tasks } from '../db/schema';
import { aShort } from '../testing/handheld-events';
import { aLoggedInDevice, aPick, aSeededAppPerFile, pull, push } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('short pick on $name', (target) => {
  const fixture = aSeededAppPerFile(target);

  /** Puts `qty` of the line's SKU into the first bin after the line's on the walk. */
  async function stockAheadOf(line: PickLine, qty: number) {
    const db = fixture.database.db;
    const [ahead] = await db
      .select()
      .from(bins)
      .where(and(eq(bins.warehouseId, 'GZ'), sql`${bins.pathSeq} > ${line.pathSeq}`))
      .orderBy(bins.pathSeq)
      .limit(1);
    if (!ahead) throw new Error('the demo walk goes on past the line');
    await db
      .insert(stock)
      .values({ warehouseId: 'GZ', binId: ahead.id, skuId: line.skuId, qty })
      .onConflictDoUpdate({
        target: [stock.binId, stock.skuId, stock.lot, stock.expiry, stock.status],
        set: { qty },
      });
    return ahead;
  }

  async function openTasks() {
    const supervisor = await aLoggedInDevice(fixture.app, 'S-0001');
    const res = await fixture.app.request('/api/tasks', {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as TaskListResponse).tasks;
  }

  it('reallocates the remainder to a bin ahead on the walk and opens a cycle count', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const first = await pull(fixture.app, picker);
    const line = first.lines.find((l) => l.status === 'open' && l.qty >= 2);
    if (!line) throw new Error('the demo wave has a line of 2 or more');
    const ahead = await stockAheadOf(line, 50);

    const picked = await push(fixture.app, picker, [
      aPick(picker, line, 1),
      aShort(picker, line, 'damaged'),
    ]);
    expect(picked.body.results.map((r) => r.outcome)).toEqual(['applied', 'applied']);

    const next = await pull(fixture.app, picker, first.cursor);
    const shorted = next.lines.find((l) => l.id === line.id);
    const moved = next.lines.find((l) => l.id === `${line.id}-R1`);
    expect(shorted).toMatchObject({ status: 'short', pickedQty: 1 });
    expect(moved).toMatchObject({
      status: 'open',
      qty: line.qty - 1,
      pickedQty: 0,
      binCode: ahead.code,
      pathSeq: ahead.pathSeq,
      orderId: line.orderId,
      skuId: line.skuId,
      checkDigits: ahead.checkDigits,
    });
    // On the device, the new line sits in the walk by its bin, not at the end.
    const walk = orderByPickPath(
      first.lines.map((l) => next.lines.find((n) => n.id === l.id) ?? l).concat(moved ?? []),
    );
    const at = walk.findIndex((l) => l.id === moved?.id);
    expect(walk.slice(0, at).every((l) => l.pathSeq <= ahead.pathSeq)).toBe(true);
    expect(walk.slice(at + 1).every((l) => l.pathSeq >= ahead.pathSeq)).toBe(true);

    expect(await openTasks()).toContainEqual(
      expect.objectContaining({
        kind: 'cycle-count',
        binCode: line.binCode,
        skuId: line.skuId,
        detail: 'damaged',
      }),
    );
  });

  it('opens a short-unfilled exception when no other bin has the SKU', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const { lines } = await pull(fixture.app, picker);
    const line = lines.find(
      (l) => l.status === 'open' && !lines.some((o) => o.id.startsWith(`${l.id}-R`)),
    );
    if (!line) throw new Error('the demo wave has another open line');
    const others = await fixture.database.db
      .select()
      .from(stock)
      .where(and(eq(stock.skuId, line.skuId), ne(stock.binId, `${line.binCode}`)));
    expect(others.length).toBeGreaterThan(0);
    await fixture.database.db.update(stock).set({ qty: 0 }).where(eq(stock.skuId, line.skuId));

    const { body } = await push(fixture.app, picker, [aShort(picker, line, 'not-found')]);
    expect(body.results).toEqual([{ seq: picker.nextSeq - 1, outcome: 'applied' }]);
    const [unfilled] = await fixture.database.db
      .select()
      .from(exceptions)
      .where(and(eq(exceptions.pickLineId, line.id), eq(exceptions.kind, 'short-unfilled')));
    expect(unfilled).toMatchObject({ qty: line.qty - line.pickedQty, skuId: line.skuId });
  });

  it('a replayed short reallocates once', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0002');
    const { lines } = await pull(fixture.app, picker);
    const line = lines.find((l) => l.status === 'open');
    if (!line) throw new Error('the second demo wave has an open line');
    await stockAheadOf(line, 10);
    const batch = [aShort(picker, line, 'empty')];
    const first = await push(fixture.app, picker, batch);
    const again = await push(fixture.app, picker, batch);
    expect(again.body).toEqual(first.body);
    const reallocated = await queryRows<{ id: string }>(
      fixture.database.db,
      sql`select id from pick_lines where id like ${`${line.id}-R%`}`,
    );
    expect(reallocated).toEqual([{ id: `${line.id}-R1` }]);
    const cycleCounts = await fixture.database.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.kind, 'cycle-count'), eq(tasks.pickLineId, line.id)));
    expect(cycleCounts).toHaveLength(1);
  });
});
