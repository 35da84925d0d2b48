import type { Bin, InboundNotice, InboundWork } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aPutAway, aReceipt, anInboundSku } from '../testing/inbound-fixtures';
import {
  type TestDevice,
  aLoggedInDevice,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  push,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

/**
 * Bin capacity for the put-away suggestion (issue 23): capacities per SKU and bin volumes kept
 * through the bin master data (API and import), and the suggestion that follows them: the SKU's
 * pick face while it has room, then a reserve bin of its zone in path order.
 */
describe.each(testDatabases())('put-away by bin capacity on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const SKU = 'SKU-CAP-WIPER';
  let admin = '';
  let supervisor = '';
  let picker: TestDevice;
  let notice: InboundNotice;
  const call = (
    token: string,
    method: string,
    path: string,
    body?: unknown,
    type = 'application/json',
  ) =>
    fx.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const putAwayTasks = async () =>
    (
      await bodyOf<InboundWork>(
        await fx.app.request('/api/inbound/work', {
          headers: { authorization: `Bearer ${picker.token}` },
        }),
      )
    ).tasks.filter((t) => t.skuId === SKU && t.kind === 'put-away');

  beforeAll(async () => {
    admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    picker = await aLoggedInDevice(fx.app, 'P-0001');
    await anInboundSku(fx.database.db, SKU, { nameZh: '无骨雨刮片 24寸' });
    // 10 × 10 × 5 cm: 500 cm³ a unit.
    await fx.database.db.execute(
      sql`update skus set length_mm = 100, width_mm = 100, height_mm = 50 where id = ${SKU}`,
    );
    expect(
      (await call(admin, 'POST', '/api/admin/zones', { code: 'Q', name: '退货区' })).status,
    ).toBe(201);
    notice = await bodyOf<InboundNotice>(
      await postJson(
        fx.app,
        '/api/inbound/notices',
        {
          code: 'ASN-CAP-0001',
          expectedDate: '2026-12-09',
          lines: [{ skuId: SKU, expectedQty: 30 }],
        },
        supervisor,
      ),
    );
  });

  it('capacities and volumes come in through the bin import and the bin API, and go out again', async () => {
    const bad = await call(
      admin,
      'POST',
      '/api/admin/bins.csv',
      [
        'code,zone,check_digits,path_seq,volume_cm3,capacities',
        'Q-01-02,Q,21,90002,1000,SKU-NOPE:4',
        'Q-01-03,Q,31,90003,big,',
      ].join('\r\n'),
      'text/csv',
    );
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).error.fields).toEqual([
      { path: 'rows.2.volume_cm3', message: 'Invalid input: expected number, received string' },
    ]);
    const unknownSku = await call(
      admin,
      'POST',
      '/api/admin/bins.csv',
      [
        'code,zone,check_digits,path_seq,volume_cm3,capacities',
        'Q-01-02,Q,21,90002,1000,SKU-NOPE:4',
      ].join('\r\n'),
      'text/csv',
    );
    expect((await bodyOf(unknownSku)).error.fields).toEqual([
      { path: 'rows.1.capacities', message: 'no SKU SKU-NOPE' },
    ]);
    const good = await call(
      admin,
      'POST',
      '/api/admin/bins.csv',
      [
        'code,zone,check_digits,path_seq,volume_cm3,capacities',
        'Q-01-02,Q,21,90002,1000,',
        'Q-01-03,Q,31,90003,24000,',
      ].join('\r\n'),
      'text/csv',
    );
    expect(await bodyOf(good)).toEqual({ created: 2, updated: 0 });
    const face = await call(admin, 'POST', '/api/admin/bins', {
      code: 'Q-01-01',
      zone: 'Q',
      checkDigits: '11',
      pathSeq: 90_001,
      capacities: [{ skuId: SKU, maxQty: 10 }],
    });
    expect(await bodyOf<Bin>(face)).toMatchObject({
      code: 'Q-01-01',
      volumeCm3: null,
      capacities: [{ skuId: SKU, maxQty: 10 }],
    });
    // An edit that leaves the room out keeps it.
    const edited = await call(admin, 'PUT', '/api/admin/bins/GZ:Q-01-01', {
      code: 'Q-01-01',
      zone: 'Q',
      checkDigits: '12',
      pathSeq: 90_001,
    });
    expect(await bodyOf<Bin>(edited)).toMatchObject({
      checkDigits: '12',
      capacities: [{ skuId: SKU, maxQty: 10 }],
    });
    const exported = await (await call(admin, 'GET', '/api/admin/bins.csv')).text();
    expect(exported.split('\n')[0]).toBe('code,zone,check_digits,path_seq,volume_cm3,capacities');
    expect(exported).toContain(`\nQ-01-01,Q,12,90001,,${SKU}:10\n`);
    expect(exported).toContain('\nQ-01-03,Q,31,90003,24000,\n');
  });

  it("put-away goes to the SKU's pick face while it has room, then to the first reserve of its zone with room", async () => {
    const line = notice.lines[0]!;
    const first = aReceipt(picker, { noticeId: notice.id, lineId: line.id, skuId: SKU, qty: 8 });
    await push(fx.app, picker, [first]);
    expect((await putAwayTasks()).map((t) => [t.id, t.suggestedBinCode])).toEqual([
      [first.id, 'Q-01-01'],
    ]);
    await push(fx.app, picker, [aPutAway(picker, first.id, 'Q-01-01', 8)]);
    // The face holds 8 of 10: 5 more do not fit; Q-01-02 has room for 2 (1,000 cm³), Q-01-03 for 48.
    const second = aReceipt(picker, { noticeId: notice.id, lineId: line.id, skuId: SKU, qty: 5 });
    await push(fx.app, picker, [second]);
    expect((await putAwayTasks()).map((t) => [t.id, t.suggestedBinCode])).toEqual([
      [second.id, 'Q-01-03'],
    ]);
    // Two fit the face again.
    const third = aReceipt(picker, { noticeId: notice.id, lineId: line.id, skuId: SKU, qty: 2 });
    await push(fx.app, picker, [third]);
    expect((await putAwayTasks()).find((t) => t.id === third.id)?.suggestedBinCode).toBe('Q-01-01');
  });

  it('a put-away over the bin’s capacity stands (the units are on the shelf) and a supervisor is told what to move', async () => {
    const [second] = (await putAwayTasks()).filter((t) => t.qty === 5);
    // The worker put the 5 on the face anyway (offline, "bin-full" elsewhere): 8 + 5 of 10.
    const placed = await push(fx.app, picker, [
      aPutAway(picker, second!.id, 'Q-01-01', 5, 'bin-blocked'),
    ]);
    expect(placed.body.results.map((r) => r.outcome)).toEqual(['applied']);
    const [slot] = await queryRows<{ qty: number }>(
      fx.database.db,
      sql`select qty from stock where bin_id = 'GZ:Q-01-01' and sku_id = ${SKU} and status = 'available'`,
    );
    expect(slot!.qty).toBe(13);
    const queue = await bodyOf<{
      items: {
        kind: string;
        message: string;
        evidence: { bin: string; qty: number };
        actions: string[];
      }[];
    }>(await call(supervisor, 'GET', '/api/exceptions/queue'));
    const over = queue.items.filter((i) => i.kind === 'bin-over-capacity');
    expect(over.map((i) => [i.message, i.evidence.bin, i.evidence.qty, i.actions])).toEqual([
      [
        `Bin Q-01-01 holds 13 × ${SKU}, its capacity is 10: move 3 to another bin (库位超容)`,
        'Q-01-01',
        3,
        ['resolve', 'assign', 'count-task'],
      ],
    ]);
  });
});
