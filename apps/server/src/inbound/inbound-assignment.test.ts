import type { InboundAssigned, InboundNotice, InboundWork, Reconciliation } from '@wms/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { aPutAway, aReceipt, anInboundSku, poolOf, slotsOf } from '../testing/inbound-fixtures';
import {
  type TestDevice,
  aLoggedInDevice,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  pull,
  push,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

/**
 * Issue 23: a supervisor gives inbound work (a notice's receiving, a QC or put-away task) to a
 * picker as waves are given; the pickers' handhelds hear of it through the change feed, and a
 * worker who recorded some of it offline before it moved keeps every unit counted, once.
 */
describe.each(testDatabases())('giving inbound work to a picker on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const BULB = 'SKU-AS-BULB';
  const MIRROR = 'SKU-AS-MIRROR';
  let supervisor = '';
  let liWei: TestDevice;
  let zhangMin: TestDevice;
  let notice: InboundNotice;
  let taskId = '';
  const cursors = new Map<TestDevice, string>();

  const work = async (token: string) =>
    bodyOf<InboundWork>(
      await fx.app.request('/api/inbound/work', { headers: { authorization: `Bearer ${token}` } }),
    );
  const assign = (
    what: 'tasks' | 'notices',
    id: string,
    userId: string | null,
    token = supervisor,
  ) => postJson(fx.app, `/api/inbound/${what}/${id}/assign`, { userId }, token);
  /** The device's next pull from where it left off: did its inbound work change hands? */
  const heardOf = async (device: TestDevice) => {
    const page = await pull(fx.app, device, cursors.get(device));
    cursors.set(device, page.cursor);
    return page.inboundChanged === true;
  };

  beforeAll(async () => {
    supervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    liWei = await aLoggedInDevice(fx.app, 'P-0001');
    zhangMin = await aLoggedInDevice(fx.app, 'P-0002');
    await anInboundSku(fx.database.db, BULB, { nameZh: 'H7 卤素灯泡' });
    await anInboundSku(fx.database.db, MIRROR, { nameZh: '左后视镜总成' });
    notice = await bodyOf<InboundNotice>(
      await postJson(
        fx.app,
        '/api/inbound/notices',
        {
          code: 'ASN-2612-0311',
          expectedDate: '2026-12-09',
          lines: [
            { skuId: BULB, expectedQty: 10 },
            { skuId: MIRROR, expectedQty: 4 },
          ],
        },
        supervisor,
      ),
    );
    const receipt = aReceipt(liWei, {
      noticeId: notice.id,
      lineId: notice.lines[0]!.id,
      skuId: BULB,
      qty: 10,
    });
    expect((await push(fx.app, liWei, [receipt])).body.results).toEqual([
      { seq: receipt.seq, outcome: 'applied' },
    ]);
    taskId = receipt.id;
    for (const device of [liWei, zhangMin])
      cursors.set(device, (await pull(fx.app, device)).cursor);
  });

  it('an unassigned task is open to every picker; given to Li Wei, only his handheld lists it and hears of it', async () => {
    for (const device of [liWei, zhangMin])
      expect((await work(device.token)).tasks.map((t) => t.id)).toContain(taskId);
    const res = await assign('tasks', taskId, 'u-gz-p1');
    expect(res.status).toBe(200);
    expect(await bodyOf<InboundAssigned>(res)).toEqual({
      id: taskId,
      kind: 'put-away',
      assignedUserId: 'u-gz-p1',
      assignmentVersion: 1,
    });
    expect(await heardOf(liWei)).toBe(true);
    expect(await heardOf(zhangMin)).toBe(false);
    // A second pull has nothing more to say.
    expect(await heardOf(liWei)).toBe(false);
    const his = (await work(liWei.token)).tasks.find((t) => t.id === taskId);
    expect(his).toMatchObject({ assignedUserId: 'u-gz-p1', assigneeName: 'Li Wei', qty: 10 });
    expect((await work(zhangMin.token)).tasks.map((t) => t.id)).not.toContain(taskId);
    const all = await work(supervisor);
    expect(all.tasks.find((t) => t.id === taskId)?.assigneeName).toBe('Li Wei');
  });

  it('reassigned while Li Wei is offline with 4 placed: his 4 count once, Zhang Min places the 6 left, nothing doubles', async () => {
    const offline = aPutAway(liWei, taskId, 'C-06-12', 4);
    const moved = await assign('tasks', taskId, 'u-gz-p2');
    expect((await bodyOf<InboundAssigned>(moved)).assignmentVersion).toBe(2);
    expect(await heardOf(liWei)).toBe(true);
    expect(await heardOf(zhangMin)).toBe(true);
    expect((await work(liWei.token)).tasks.map((t) => t.id)).not.toContain(taskId);
    const hers = (await work(zhangMin.token)).tasks.find((t) => t.id === taskId);
    expect(hers).toMatchObject({ assigneeName: 'Zhang Min', qty: 10, doneQty: 0 });
    // She places what is physically left at the dock: 6.
    const placed = aPutAway(zhangMin, taskId, 'C-06-12', 6);
    expect((await push(fx.app, zhangMin, [placed])).body.results).toEqual([
      { seq: placed.seq, outcome: 'applied' },
    ]);
    // Li Wei's handheld comes back: his fact is stored and applied, credited as stale.
    const late = await push(fx.app, liWei, [offline]);
    expect(late.body.results).toEqual([{ seq: offline.seq, outcome: 'stale-assignment' }]);
    // The reply was lost: the same batch again changes nothing.
    expect((await push(fx.app, liWei, [offline])).body).toEqual(late.body);
    // She scans the task once more by mistake: nothing is left, nothing moves.
    const again = aPutAway(zhangMin, taskId, 'C-06-12', 6);
    expect((await push(fx.app, zhangMin, [again])).body.results).toEqual([
      { seq: again.seq, outcome: 'applied' },
    ]);
    expect(await slotsOf(fx.database.db, 'GZ', BULB)).toEqual([
      { binCode: 'C-06-12', lot: null, status: 'available', qty: 10 },
    ]);
    expect(await poolOf(fx.database.db, 'GZ', BULB)).toEqual({
      physical: 10,
      reserved: 0,
      inbound: 0,
    });
    expect((await work(supervisor)).tasks.map((t) => t.id)).not.toContain(taskId);
    const check = await bodyOf<Reconciliation>(
      await fx.app.request('/api/inventory/reconciliation', {
        headers: { authorization: `Bearer ${supervisor}` },
      }),
    );
    expect(check.drifts.filter((d) => d.skuId === BULB)).toEqual([]);
    expect(check.ledgerDrifts).toEqual([]);
  });

  it('a notice’s receiving given to Zhang Min leaves Li Wei’s list; what he still receives counts', async () => {
    const res = await assign('notices', notice.id, 'u-gz-p2');
    expect(await bodyOf<InboundAssigned>(res)).toEqual({
      id: notice.id,
      kind: 'receiving',
      assignedUserId: 'u-gz-p2',
      assignmentVersion: 1,
    });
    expect(await heardOf(zhangMin)).toBe(true);
    expect(await heardOf(liWei)).toBe(false);
    expect((await work(liWei.token)).notices.map((n) => n.id)).not.toContain(notice.id);
    expect((await work(zhangMin.token)).notices.find((n) => n.id === notice.id)).toMatchObject({
      assigneeName: 'Zhang Min',
    });
    const his = aReceipt(liWei, {
      noticeId: notice.id,
      lineId: notice.lines[1]!.id,
      skuId: MIRROR,
      qty: 1,
    });
    const hers = aReceipt(zhangMin, {
      noticeId: notice.id,
      lineId: notice.lines[1]!.id,
      skuId: MIRROR,
      qty: 3,
    });
    expect((await push(fx.app, liWei, [his])).body.results).toEqual([
      { seq: his.seq, outcome: 'stale-assignment' },
    ]);
    expect((await push(fx.app, zhangMin, [hers])).body.results).toEqual([
      { seq: hers.seq, outcome: 'applied' },
    ]);
    const stored = (await work(supervisor)).notices.find((n) => n.id === notice.id)!;
    expect(stored.lines.map((l) => [l.skuId, l.receivedQty])).toEqual([
      [BULB, 10],
      [MIRROR, 4],
    ]);
    expect(await poolOf(fx.database.db, 'GZ', MIRROR)).toEqual({
      physical: 4,
      reserved: 0,
      inbound: 0,
    });
    // Back to any worker: both lists show it again, and its worker of a moment ago hears of it.
    await assign('notices', notice.id, null);
    expect(await heardOf(zhangMin)).toBe(true);
    expect((await work(liWei.token)).notices.map((n) => n.id)).toContain(notice.id);
  });

  it('is refused for work that is done, a picker of another warehouse, a picker, and another warehouse’s task', async () => {
    const done = await assign('tasks', taskId, 'u-gz-p1');
    expect(done.status).toBe(409);
    expect(await bodyOf(done)).toMatchObject({
      error: { code: 'already_done', params: { field: 'taskId' } },
    });
    const open = (await work(supervisor)).tasks.find((t) => t.skuId === MIRROR)!;
    const chengdu = await assign('tasks', open.id, 'u-cd-p1');
    expect(chengdu.status).toBe(400);
    expect(await bodyOf(chengdu)).toMatchObject({
      error: { code: 'invalid_request', params: { field: 'userId' } },
    });
    expect((await assign('tasks', open.id, 'u-gz-p1', liWei.token)).status).toBe(403);
    const cdSupervisor = (await aLoggedInDevice(fx.app, 'S-0002')).token;
    expect((await assign('tasks', open.id, null, cdSupervisor)).status).toBe(404);
    expect((await work(supervisor)).tasks.find((t) => t.id === open.id)?.assignedUserId).toBe(null);
  });
});
