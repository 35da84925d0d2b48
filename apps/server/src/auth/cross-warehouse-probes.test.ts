import { randomUUID } from 'node:crypto';
import type { PickLine, ScanEvent } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CONNECTOR_KEY } from '../connectors/testing/connector-fixtures';
import { ScriptedPlatform } from '../connectors/testing/scripted-platform';
import { queryRows } from '../db/database';
import { createUser } from '../master-data/users';
import {
  aBinLabelFailure,
  aParcelPacked,
  aPutBack,
  aShort,
  aStockMove,
  aWeightMismatch,
} from '../testing/handheld-events';
import { anOrder } from '../testing/hub-fixtures';
import { aPutAway, aQcDecision, aReceipt, aReturnGrade } from '../testing/inbound-fixtures';
import {
  aLoggedInDevice,
  aPick,
  aSeededApp,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  pull,
  push,
  type TestDevice,
} from '../testing/test-app';
import { type OwnedDatabase, testDatabases } from '../testing/test-databases';
import { KdniaoProvider } from '../waybills/kdniao';
import { KdniaoFake } from '../waybills/kdniao-fake';
import { type CallerKind, ROUTE_ACCESS } from './route-access';

/**
 * Issue 15's probe, widened to every route that names a thing by id: a GZ supervisor and a GZ
 * admin try each CD exception, task, device, wave, bin, zone, user and label, by the ids a
 * caller could read off a screen or guess. Every call is answered 404 (or 403 for the
 * warehouse itself) and nothing of CD changes; lists never show CD's rows.
 */
describe.each(testDatabases())('GZ leads probing CD by id on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const cd = {
    exceptionId: '',
    taskId: '',
    deviceId: '',
    binId: '',
    binCode: '',
    zoneId: '',
    waveId: '',
  };
  let gzSupervisor = '';
  let gzAdmin = '';

  const one = async <T>(query: ReturnType<typeof sql>) =>
    (await queryRows<T>(fx.database.db, query))[0]!;
  /** Everything of CD a probe could change, as one comparable snapshot. */
  const cdState = async () =>
    queryRows(
      fx.database.db,
      sql`select 'exception' as kind, id::text, status || coalesce(assigned_user_id, '') as state from exceptions where warehouse_id = 'CD'
          union all select 'task', id::text, status from tasks where warehouse_id = 'CD'
          union all select 'device', id::text, label || coalesce(revoked_at::text, '') from devices where warehouse_id = 'CD'
          union all select 'wave', id, status || coalesce(assigned_user_id, '') || assignment_version from waves where warehouse_id = 'CD'
          union all select 'bin', id, code || active || check_digits || path_seq from bins where warehouse_id = 'CD'
          union all select 'zone', id, code || name || active from zones where warehouse_id = 'CD'
          union all select 'user', id, name || badge || active || pin_hash from users where warehouse_id = 'CD'
          union all select 'warehouse', id, name || active from warehouses where id = 'CD'
          order by 1, 2`,
    );

  beforeAll(async () => {
    const db = fx.database.db;
    // A CD handheld signed in (so the device belongs to CD), and CD's open exception and task.
    const cdPicker = await aLoggedInDevice(fx.app, 'P-0003');
    cd.deviceId = cdPicker.deviceId;
    const bin = await one<{ id: string; code: string; zone: string }>(
      sql`select id, code, zone from bins where warehouse_id = 'CD' order by path_seq limit 1`,
    );
    cd.binId = bin.id;
    cd.binCode = bin.code;
    cd.zoneId = (
      await one<{ id: string }>(sql`select id from zones where warehouse_id = 'CD' limit 1`)
    ).id;
    cd.waveId = (
      await one<{ id: string }>(sql`select id from waves where warehouse_id = 'CD' limit 1`)
    ).id;
    cd.exceptionId = randomUUID();
    cd.taskId = randomUUID();
    await db.execute(sql`insert into exceptions (id, warehouse_id, kind, bin_id, message)
      values (${cd.exceptionId}, 'CD', 'bin-negative', ${cd.binId}, '库位 ${sql.raw(bin.code)} 库存为负')`);
    await db.execute(sql`insert into tasks (id, warehouse_id, kind, bin_id, detail, message)
      values (${cd.taskId}, 'CD', 'reprint-label', ${cd.binId}, '3', '请补打库位标签')`);
    gzSupervisor = (await aLoggedInDevice(fx.app, 'S-0001')).token;
    gzAdmin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
  });

  const call = (token: string, method: string, path: string, body?: unknown) =>
    fx.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  it('every by-id call on a CD thing answers 404 and changes nothing', async () => {
    const before = await cdState();
    const probes: [string, string, string, unknown?][] = [
      ['supervisor', 'POST', `/api/exceptions/${cd.exceptionId}/resolve`, { note: '已处理' }],
      ['supervisor', 'POST', `/api/exceptions/${cd.exceptionId}/assign`, { userId: 'u-gz-s1' }],
      ['supervisor', 'POST', `/api/exceptions/${cd.exceptionId}/count-task`, {}],
      ['supervisor', 'POST', `/api/tasks/${cd.taskId}/count`, { countedQty: 0 }],
      ['supervisor', 'POST', `/api/devices/${cd.deviceId}/revoke`, {}],
      ['admin', 'PUT', `/api/devices/${cd.deviceId}`, { label: 'GZ 的 PDA' }],
      ['supervisor', 'GET', `/api/waves/${cd.waveId}`],
      ['supervisor', 'GET', `/api/waves/${cd.waveId}/move-preview?mode=remaining`],
      ['supervisor', 'POST', `/api/waves/${cd.waveId}/assign`, { userId: 'u-gz-p1' }],
      ['supervisor', 'POST', `/api/waves/${cd.waveId}/cancel`, {}],
      [
        'admin',
        'PUT',
        `/api/admin/bins/${cd.binId}`,
        { code: cd.binCode, zone: 'A', checkDigits: '42', pathSeq: 1 },
      ],
      ['admin', 'POST', `/api/admin/bins/${cd.binId}/active`, { active: false }],
      ['admin', 'PUT', `/api/admin/zones/${cd.zoneId}`, { code: 'Z', name: '改名' }],
      ['admin', 'POST', `/api/admin/zones/${cd.zoneId}/active`, { active: false }],
      [
        'admin',
        'PUT',
        '/api/admin/users/u-cd-p1',
        { name: '张伟', role: 'admin', badge: 'P-0003', language: 'zh-CN' },
      ],
      ['admin', 'POST', '/api/admin/users/u-cd-p1/active', { active: false }],
      ['admin', 'POST', '/api/admin/users/u-cd-p1/reset-pin', { pin: '9999' }],
    ];
    const answers: string[] = [];
    for (const [who, method, path, body] of probes) {
      const res = await call(who === 'admin' ? gzAdmin : gzSupervisor, method, path, body);
      answers.push(`${method} ${path} → ${res.status} ${(await bodyOf(res)).error?.code}`);
    }
    expect(answers).toEqual(probes.map(([, method, path]) => `${method} ${path} → 404 not_found`));
    expect(await cdState()).toEqual(before);
  });

  it('a GZ admin can neither rename nor close the CD warehouse', async () => {
    const before = await cdState();
    const rename = await call(gzAdmin, 'PUT', '/api/admin/warehouses/CD', {
      name: 'Chengdu',
      nameZh: '广州仓',
      city: '广州',
    });
    const close = await call(gzAdmin, 'POST', '/api/admin/warehouses/CD/active', { active: false });
    expect([rename.status, close.status]).toEqual([404, 404]);
    expect(await cdState()).toEqual(before);
  });

  it('lists and labels show GZ rows only, whatever the query asks for', async () => {
    const lists: [string, string, (body: never) => { warehouseId?: string; id?: string }[]][] = [
      [gzSupervisor, '/api/exceptions', (b: { exceptions: never[] }) => b.exceptions],
      [gzSupervisor, '/api/tasks', (b: { tasks: never[] }) => b.tasks],
      [gzSupervisor, '/api/devices', (b: { devices: never[] }) => b.devices],
      [gzAdmin, '/api/admin/bins?warehouseId=CD', (b: { bins: never[] }) => b.bins],
      [gzAdmin, '/api/admin/zones?warehouseId=CD', (b: { zones: never[] }) => b.zones],
      [gzAdmin, '/api/admin/users?warehouseId=CD', (b: { users: never[] }) => b.users],
    ];
    for (const [token, path, rowsOf] of lists) {
      const res = await call(token, 'GET', path);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      expect(text, path).not.toContain(cd.exceptionId);
      expect(text, path).not.toContain(cd.taskId);
      expect(text, path).not.toContain(cd.deviceId);
      expect(text, path).not.toContain(cd.binId);
      const rows = rowsOf(JSON.parse(text) as never);
      expect(
        rows.filter((r) => r.warehouseId === 'CD'),
        path,
      ).toEqual([]);
    }
    const label = await call(
      gzSupervisor,
      'GET',
      `/api/labels/bins.zpl?binIds=${cd.binId}&codes=${encodeURIComponent(cd.binCode)}&warehouseId=CD`,
    );
    const zpl = label.status === 200 ? await label.text() : '';
    expect(zpl).not.toContain(cd.binId);
  });
});

/** A caller of GZ, by the kinds `ROUTE_ACCESS` names. */
const GZ_CALLERS: CallerKind[] = ['picker', 'supervisor', 'admin', 'warehouse-key', 'channel-key'];

/** What CD has that a GZ caller could name: each built the way CD's own people and systems do. */
interface CdThings {
  deviceId: string;
  /** A line of `plainOrder`, as the CD picker's handheld holds it. */
  line: PickLine;
  waveId: string;
  binId: string;
  binCode: string;
  zoneId: string;
  userId: string;
  keyId: string;
  noticeId: string;
  noticeCode: string;
  noticeLineId: string;
  receiptId: string;
  inboundTaskId: string;
  pickLineId: string;
  exceptionId: string;
  taskId: string;
  /** Picked, packed into parcel 1, waybilled by CD's key and shipped. */
  shippedOrder: string;
  waybillNo: string;
  /** Waved, with an open manual hold. */
  heldOrder: string;
  /** Waved, with an address change waiting for the customer. */
  changedOrder: string;
  /** Waved, untouched. */
  plainOrder: string;
  orderChannel: string;
  subscriptionId: string;
  deliveryId: string;
  /** The customer's link for `changedOrder`'s new address. */
  confirmationUrl: string;
  /** A marketplace shop CD's admin connected (issue 27). */
  connectorId: string;
}

/** One call of a probe. `expect`: the status (404 unless said), or `listing`: no CD thing in it. */
interface Probe {
  path: string;
  body?: unknown;
  raw?: { type: string; text: string };
  expect?: number | 'listing';
  /** Only these callers (of those the route lets in). */
  as?: CallerKind[];
  /** Tables a refused call may still write to (the caller's own records, never CD's). */
  mayChange?: string[];
}

/**
 * Every route with a scope, and how a GZ caller tries CD's things through it. A string instead
 * of probes says why the route names nothing of a warehouse (it is then still checked that it
 * exists in `ROUTE_ACCESS`, and a new route without an entry here fails the file).
 */
const PROBES: Record<string, ((cd: CdThings) => Probe[]) | string> = {
  'POST /api/devices/:deviceId/revoke': (cd) => [{ path: `/api/devices/${cd.deviceId}/revoke` }],
  'GET /api/devices': () => [{ path: '/api/devices?warehouseId=CD', expect: 'listing' }],
  'POST /api/devices/enrolment-codes': () => [
    {
      path: '/api/devices/enrolment-codes',
      body: { warehouseId: 'CD' },
      expect: 'listing',
      mayChange: ['enrolment_codes'],
    },
  ],
  'PUT /api/devices/:deviceId': (cd) => [
    { path: `/api/devices/${cd.deviceId}`, body: { label: 'GZ 的 PDA' } },
  ],
  'POST /api/sync/push': 'probed by events in its own test below',
  'GET /api/sync/pull': () => [{ path: '/api/sync/pull?warehouseId=CD', expect: 'listing' }],
  'GET /api/sync/unlock-verifiers': () => [
    { path: '/api/sync/unlock-verifiers?warehouseId=CD', expect: 'listing' },
  ],
  'POST /api/sync/stream-ticket': () => [
    { path: '/api/sync/stream-ticket', body: { warehouseId: 'CD' }, expect: 'listing' },
  ],
  'GET /api/sync/events':
    "a stream of the caller's own warehouse's pokes (no id, no body); pokes carry no data",
  'GET /api/waves/:waveId': (cd) => [{ path: `/api/waves/${cd.waveId}` }],
  'POST /api/waves/:waveId/assign': (cd) => [
    { path: `/api/waves/${cd.waveId}/assign`, body: { userId: 'u-gz-p1' } },
    // GZ's own wave, given to CD's picker.
    { path: '/api/waves/W-GZ-B26-08/assign', body: { userId: cd.userId }, expect: 400 },
  ],
  'POST /api/waves/:waveId/cancel': (cd) => [{ path: `/api/waves/${cd.waveId}/cancel`, body: {} }],
  'GET /api/waves/:waveId/move-preview': (cd) => [
    { path: `/api/waves/${cd.waveId}/move-preview?mode=remaining` },
  ],
  'GET /api/console/board': () => [
    { path: '/api/console/board?warehouseId=CD', expect: 'listing' },
  ],
  'GET /api/console/kpis': () => [{ path: '/api/console/kpis?warehouseId=CD', expect: 'listing' }],
  'POST /api/waves/build': (cd) => [
    { path: '/api/waves/build', body: { maxOrders: 50, assignTo: cd.userId }, expect: 400 },
  ],
  'GET /api/exceptions': () => [{ path: '/api/exceptions?warehouseId=CD', expect: 'listing' }],
  'GET /api/exceptions/queue': () => [
    { path: '/api/exceptions/queue?warehouseId=CD', expect: 'listing' },
  ],
  'POST /api/exceptions/:exceptionId/resolve': (cd) => [
    { path: `/api/exceptions/${cd.exceptionId}/resolve`, body: { note: '已处理' } },
  ],
  'POST /api/exceptions/:exceptionId/assign': (cd) => [
    { path: `/api/exceptions/${cd.exceptionId}/assign`, body: { userId: 'u-gz-s1' } },
  ],
  'POST /api/exceptions/webhook-deliveries/:deliveryId/replay': (cd) => [
    { path: `/api/exceptions/webhook-deliveries/${cd.deliveryId}/replay`, body: {} },
  ],
  'POST /api/exceptions/:exceptionId/count-task': (cd) => [
    { path: `/api/exceptions/${cd.exceptionId}/count-task`, body: {} },
  ],
  'GET /api/tasks': () => [{ path: '/api/tasks?warehouseId=CD', expect: 'listing' }],
  'POST /api/tasks/:taskId/count': (cd) => [
    { path: `/api/tasks/${cd.taskId}/count`, body: { countedQty: 0 } },
  ],
  'POST /api/tasks/:taskId/resolve': (cd) => [
    { path: `/api/tasks/${cd.taskId}/resolve`, body: { note: '已补打' } },
  ],
  'POST /api/tasks/:taskId/assign': (cd) => [
    { path: `/api/tasks/${cd.taskId}/assign`, body: { userId: 'u-gz-p1' } },
  ],
  'POST /api/orders':
    'creates an order that routing places; its channel is checked (authorization matrix)',
  'POST /api/orders/batch':
    'creates orders that routing places; their channel is checked (authorization matrix)',
  'POST /api/orders/import.csv': 'creates orders that routing places (authorization matrix)',
  'POST /api/orders/:orderId/ship': (cd) => [
    {
      path: `/api/orders/${cd.plainOrder}/ship`,
      body: { carrier: 'SF', trackingNumber: 'SF1234567890' },
    },
  ],
  'POST /api/orders/:orderId/cancel': (cd) => [
    { path: `/api/orders/${cd.plainOrder}/cancel`, body: { reason: '客户取消' } },
  ],
  'GET /api/orders/by-channel/:channel/:channelOrderId': (cd) => [
    { path: `/api/orders/by-channel/${cd.orderChannel}/${cd.plainOrder}` },
  ],
  'GET /api/orders/:orderId/trace': (cd) => [
    { path: `/api/orders/${cd.shippedOrder}/trace` },
    { path: `/api/orders/${cd.changedOrder}/trace` },
  ],
  'GET /api/holds': () => [{ path: '/api/holds?warehouseId=CD', expect: 'listing' }],
  'POST /api/holds/orders/:orderId': (cd) => [
    { path: `/api/holds/orders/${cd.plainOrder}`, body: { reason: '风控' } },
  ],
  'POST /api/holds/orders/:orderId/address-change': (cd) => [
    {
      path: `/api/holds/orders/${cd.plainOrder}/address-change`,
      body: { newAddress: '广州市 天河区 体育西路 2 号' },
    },
    {
      path: `/api/holds/orders/${cd.changedOrder}/address-change`,
      body: { newAddress: '广州市 天河区 体育西路 2 号' },
    },
  ],
  'POST /api/holds/orders/:orderId/decision': (cd) => [
    { path: `/api/holds/orders/${cd.heldOrder}/decision`, body: { decision: 'cancel' } },
  ],
  'GET /api/holds/rules': 'hub-wide rules (no warehouse)',
  'PUT /api/holds/rules/:ruleId': 'hub-wide rules: a hub admin’s (probed below)',
  'GET /api/routing/rules': 'hub-wide rules (no warehouse)',
  'PUT /api/routing/rules': 'hub-wide rules: a hub admin’s (probed below)',
  'GET /api/routing/rules.csv': 'hub-wide rules (no warehouse)',
  'GET /api/routing/rules.xlsx': 'hub-wide rules (no warehouse)',
  'POST /api/routing/rules.csv': 'hub-wide rules: a hub admin’s (probed below)',
  'GET /api/routing/queue': () => [
    { path: '/api/routing/queue?warehouseId=CD', expect: 'listing' },
  ],
  'POST /api/routing/orders/:orderId': (cd) => [
    { path: `/api/routing/orders/${cd.plainOrder}`, body: { warehouseId: 'GZ', carrier: 'SF' } },
  ],
  'GET /api/inventory/stock/:skuId': () => [
    { path: '/api/inventory/stock/SKU-00121', expect: 'listing' },
  ],
  'GET /api/inventory/alerts': () => [
    { path: '/api/inventory/alerts?warehouseId=CD', expect: 'listing' },
  ],
  'GET /api/inventory/bins/:binCode': () => [{ path: '/api/inventory/bins/CX-99-01' }],
  'GET /api/inventory/reconciliation': () => [
    { path: '/api/inventory/reconciliation?warehouseId=CD', expect: 'listing' },
  ],
  'POST /api/inventory/opening-balances.csv': () => [
    {
      path: '/api/inventory/opening-balances.csv',
      raw: { type: 'text/csv', text: 'binCode,skuId,qty\nCX-99-01,SKU-00121,5\n' },
      expect: 400,
    },
  ],
  'POST /api/inventory/moves': () => [
    {
      path: '/api/inventory/moves',
      body: { fromBinCode: 'CX-99-01', toBinCode: 'CX-99-02', skuId: 'SKU-00121', qty: 1 },
      expect: 400,
    },
  ],
  'POST /api/inventory/adjustments': () => [
    {
      path: '/api/inventory/adjustments',
      body: { binCode: 'CX-99-01', skuId: 'SKU-00121', delta: 5, reason: 'found' },
      expect: 400,
    },
  ],
  'GET /api/inventory/history/:skuId': () => [
    { path: '/api/inventory/history/SKU-00121?warehouseId=CD', expect: 'listing' },
  ],
  'POST /api/inventory/receipts': () => [
    {
      path: '/api/inventory/receipts',
      body: {
        warehouseId: 'CD',
        skuId: 'SKU-00121',
        qty: 7,
        expectedAt: '2026-12-09T08:00:00+08:00',
      },
      expect: 403,
    },
  ],
  'POST /api/inventory/receipts/:receiptId/receive': (cd) => [
    { path: `/api/inventory/receipts/${cd.receiptId}/receive`, body: {} },
    { path: `/api/inventory/receipts/${cd.noticeId}/receive`, body: { binCode: 'A-01-01' } },
  ],
  'GET /api/hub-settings': 'hub-wide settings (no warehouse)',
  'PUT /api/hub-settings': 'hub-wide settings: a hub admin’s (probed below)',
  'GET /api/integration-keys': () => [
    { path: '/api/integration-keys?warehouseId=CD', expect: 'listing' },
  ],
  'POST /api/integration-keys': () => [
    { path: '/api/integration-keys', body: { name: '成都 ERP', warehouseId: 'CD' }, expect: 403 },
  ],
  'POST /api/integration-keys/:keyId/revoke': (cd) => [
    { path: `/api/integration-keys/${cd.keyId}/revoke`, body: {} },
  ],
  'GET /api/webhooks/subscriptions': () => [
    { path: '/api/webhooks/subscriptions?warehouseId=CD', expect: 'listing' },
  ],
  'POST /api/webhooks/subscriptions':
    'creates a subscription of the caller’s warehouse (no warehouse in the body)',
  'GET /api/webhooks/subscriptions/:subscriptionId': (cd) => [
    { path: `/api/webhooks/subscriptions/${cd.subscriptionId}` },
  ],
  'PATCH /api/webhooks/subscriptions/:subscriptionId': (cd) => [
    { path: `/api/webhooks/subscriptions/${cd.subscriptionId}`, body: { active: false } },
  ],
  'DELETE /api/webhooks/subscriptions/:subscriptionId': (cd) => [
    { path: `/api/webhooks/subscriptions/${cd.subscriptionId}` },
  ],
  'POST /api/webhooks/subscriptions/:subscriptionId/rotate-secret': (cd) => [
    { path: `/api/webhooks/subscriptions/${cd.subscriptionId}/rotate-secret`, body: {} },
  ],
  'GET /api/webhooks/deliveries': () => [
    { path: '/api/webhooks/deliveries?warehouseId=CD', expect: 'listing' },
  ],
  'GET /api/webhooks/deliveries/:deliveryId/attempts': (cd) => [
    { path: `/api/webhooks/deliveries/${cd.deliveryId}/attempts`, expect: 'listing' },
  ],
  'POST /api/webhooks/deliveries/:deliveryId/replay': (cd) => [
    { path: `/api/webhooks/deliveries/${cd.deliveryId}/replay`, body: {} },
  ],
  'POST /api/webhooks/replay': () => [
    { path: '/api/webhooks/replay', body: { since: '2020-01-01T00:00:00Z' }, expect: 'listing' },
  ],
  'GET /api/admin/backup': 'the whole hub’s backup: a hub admin’s (probed below)',
  'POST /api/admin/archive-scan-events': 'hub-wide archiving by age: a hub admin’s (probed below)',
  'GET /api/admin/warehouses': 'the list of warehouses is every admin’s (names only)',
  'POST /api/admin/warehouses': 'creates a new warehouse: a hub admin’s (probed below)',
  'GET /api/admin/hub-admins': 'the hub’s hub admins: a hub admin’s (probed below)',
  'PUT /api/admin/hub-admins/:userId': 'grants a hub power: a hub admin’s (probed below)',
  'DELETE /api/admin/hub-admins/:userId': 'removes a hub power: a hub admin’s (probed below)',
  'PUT /api/admin/warehouses/:warehouseId': () => [
    { path: '/api/admin/warehouses/CD', body: { name: 'Chengdu', nameZh: '广州仓', city: '广州' } },
  ],
  'POST /api/admin/warehouses/:warehouseId/active': () => [
    { path: '/api/admin/warehouses/CD/active', body: { active: false } },
  ],
  'GET /api/admin/zones': () => [{ path: '/api/admin/zones?warehouseId=CD', expect: 'listing' }],
  'POST /api/admin/zones': 'creates a zone in the caller’s warehouse (no warehouse in the body)',
  'PUT /api/admin/zones/:zoneId': (cd) => [
    { path: `/api/admin/zones/${cd.zoneId}`, body: { code: 'Z', name: '改名' } },
  ],
  'POST /api/admin/zones/:zoneId/active': (cd) => [
    { path: `/api/admin/zones/${cd.zoneId}/active`, body: { active: false } },
  ],
  'GET /api/admin/bins': () => [{ path: '/api/admin/bins?warehouseId=CD', expect: 'listing' }],
  'POST /api/admin/bins': 'creates a bin in the caller’s warehouse (no warehouse in the body)',
  'GET /api/admin/bins.csv': () => [
    { path: '/api/admin/bins.csv?warehouseId=CD', expect: 'listing' },
  ],
  'GET /api/admin/bins.xlsx': 'the same rows as bins.csv, as a workbook',
  'POST /api/admin/bins.csv': 'imports bins into the caller’s warehouse (no warehouse column)',
  'PUT /api/admin/bins/:binId': (cd) => [
    {
      path: `/api/admin/bins/${cd.binId}`,
      body: { code: cd.binCode, zone: 'A', checkDigits: '42', pathSeq: 1 },
    },
  ],
  'POST /api/admin/bins/:binId/active': (cd) => [
    { path: `/api/admin/bins/${cd.binId}/active`, body: { active: false } },
  ],
  'GET /api/admin/skus': 'hub-wide catalogue (no warehouse)',
  'POST /api/admin/skus': 'hub-wide catalogue (no warehouse)',
  'GET /api/admin/skus.csv': 'hub-wide catalogue (no warehouse)',
  'GET /api/admin/skus.xlsx': 'hub-wide catalogue (no warehouse)',
  'POST /api/admin/skus.csv': 'hub-wide catalogue (no warehouse)',
  'PUT /api/admin/skus/:skuId': 'hub-wide catalogue (no warehouse)',
  'POST /api/admin/skus/:skuId/active': 'hub-wide catalogue (no warehouse)',
  'GET /api/admin/users': () => [{ path: '/api/admin/users?warehouseId=CD', expect: 'listing' }],
  'POST /api/admin/users': 'creates a user in the caller’s warehouse (no warehouse in the body)',
  'GET /api/admin/users.csv': () => [
    { path: '/api/admin/users.csv?warehouseId=CD', expect: 'listing' },
  ],
  'GET /api/admin/users.xlsx': 'the same rows as users.csv, as a workbook',
  'POST /api/admin/users.csv': () => [
    {
      path: '/api/admin/users.csv',
      raw: {
        type: 'text/csv',
        text: 'id,name,role,badge,language,pin\nu-cd-p1,张伟,admin,P-0003,zh-CN,9999\n',
      },
      expect: 400,
    },
  ],
  'PUT /api/admin/users/:userId': (cd) => [
    {
      path: `/api/admin/users/${cd.userId}`,
      body: { name: '张伟', role: 'admin', badge: 'P-0003', language: 'zh-CN' },
    },
  ],
  'POST /api/admin/users/:userId/active': (cd) => [
    { path: `/api/admin/users/${cd.userId}/active`, body: { active: false } },
  ],
  'POST /api/admin/users/:userId/reset-pin': (cd) => [
    { path: `/api/admin/users/${cd.userId}/reset-pin`, body: { pin: '9999' } },
  ],
  'GET /api/admin/channel-sku-codes': 'hub-wide catalogue (no warehouse)',
  'PUT /api/admin/channel-sku-codes': 'hub-wide catalogue (no warehouse)',
  'POST /api/admin/channel-sku-codes/remove': 'hub-wide catalogue (no warehouse)',
  'GET /api/admin/sku-reviews': 'hub-wide catalogue (no warehouse)',
  'POST /api/admin/sku-reviews/send': 'hub-wide catalogue (no warehouse)',
  'GET /api/labels/bins.pdf': (cd) => [
    { path: `/api/labels/bins.pdf?binIds=${cd.binId}&warehouseId=CD`, expect: 'listing' },
  ],
  'GET /api/labels/bins.zpl': (cd) => [
    { path: `/api/labels/bins.zpl?binIds=${cd.binId}&warehouseId=CD`, expect: 'listing' },
  ],
  'GET /api/labels/badges.pdf': (cd) => [
    { path: `/api/labels/badges.pdf?userIds=${cd.userId}&warehouseId=CD`, expect: 'listing' },
  ],
  'GET /api/labels/badges.zpl': (cd) => [
    { path: `/api/labels/badges.zpl?userIds=${cd.userId}&warehouseId=CD`, expect: 'listing' },
  ],
  'GET /api/labels/totes.pdf': 'tote labels are numbers, of no warehouse',
  'GET /api/labels/totes.zpl': 'tote labels are numbers, of no warehouse',
  'GET /api/inbound/work': () => [{ path: '/api/inbound/work?warehouseId=CD', expect: 'listing' }],
  'GET /api/moves/work': () => [{ path: '/api/moves/work?warehouseId=CD', expect: 'listing' }],
  'GET /api/inbound/notices': () => [
    { path: '/api/inbound/notices?status=all&warehouseId=CD', expect: 'listing' },
  ],
  'POST /api/inbound/notices': (cd) => [
    // The CD notice's number is free in GZ: a new GZ notice is made, CD's is untouched.
    {
      path: '/api/inbound/notices',
      body: {
        code: cd.noticeCode,
        expectedDate: '2026-12-09',
        lines: [{ skuId: 'SKU-00121', expectedQty: 1 }],
      },
      expect: 201,
      as: ['supervisor'],
      mayChange: ['inbound_notices', 'inbound_lines', 'inventory_pool', 'sync_changes'],
    },
  ],
  'POST /api/inbound/notices.csv':
    'imports notices into the caller’s warehouse (no warehouse column)',
  'GET /api/inbound/notices/:noticeId': (cd) => [
    { path: `/api/inbound/notices/${cd.noticeId}` },
    { path: `/api/inbound/notices/${cd.receiptId}` },
  ],
  'POST /api/inbound/notices/:noticeId/close': (cd) => [
    { path: `/api/inbound/notices/${cd.noticeId}/close`, body: { reason: 'supplier-sent-less' } },
  ],
  'POST /api/inbound/notices/:noticeId/assign': (cd) => [
    { path: `/api/inbound/notices/${cd.noticeId}/assign`, body: { userId: 'u-gz-p1' } },
    { path: `/api/inbound/notices/${cd.noticeId}/assign`, body: { userId: null } },
  ],
  'POST /api/inbound/tasks/:taskId/assign': (cd) => [
    { path: `/api/inbound/tasks/${cd.inboundTaskId}/assign`, body: { userId: 'u-gz-p1' } },
    { path: `/api/inbound/tasks/${cd.receiptId}/assign`, body: { userId: null } },
  ],
  'POST /api/inbound/notices/:noticeId/expected-date': (cd) => [
    {
      path: `/api/inbound/notices/${cd.noticeId}/expected-date`,
      body: { expectedDate: '2027-01-15' },
    },
  ],
  'GET /api/admin/connectors': () => [{ path: '/api/admin/connectors', expect: 'listing' }],
  'POST /api/admin/connectors': 'adds a shop to the caller’s own warehouse (no warehouse field)',
  'PUT /api/admin/connectors/:connectorId/credentials': (cd) => [
    {
      path: `/api/admin/connectors/${cd.connectorId}/credentials`,
      body: { accessToken: 'stolen-token' },
    },
  ],
  'POST /api/admin/connectors/:connectorId/pause': (cd) => [
    { path: `/api/admin/connectors/${cd.connectorId}/pause`, body: {} },
  ],
  'POST /api/admin/connectors/:connectorId/resume': (cd) => [
    { path: `/api/admin/connectors/${cd.connectorId}/resume`, body: {} },
  ],
  'POST /api/admin/connectors/:connectorId/replay': (cd) => [
    {
      path: `/api/admin/connectors/${cd.connectorId}/replay`,
      body: { from: '2026-12-01T00:00:00+08:00', to: '2026-12-02T00:00:00+08:00' },
    },
  ],
  'DELETE /api/admin/connectors/:connectorId': (cd) => [
    { path: `/api/admin/connectors/${cd.connectorId}` },
  ],
  'GET /api/inbound/suppliers': 'hub-wide suppliers (no warehouse)',
  'POST /api/inbound/suppliers': 'hub-wide suppliers (no warehouse)',
  'GET /api/packing/orders/:code': (cd) => [{ path: `/api/packing/orders/${cd.shippedOrder}` }],
  'POST /api/orders/:orderId/parcels/:parcelNo/waybill': (cd) => [
    { path: `/api/orders/${cd.shippedOrder}/parcels/1/waybill`, body: {} },
  ],
  'DELETE /api/orders/:orderId/parcels/:parcelNo/waybill': (cd) => [
    { path: `/api/orders/${cd.shippedOrder}/parcels/1/waybill` },
  ],
  'GET /api/orders/:orderId/parcels/:parcelNo/waybill.pdf': (cd) => [
    { path: `/api/orders/${cd.shippedOrder}/parcels/1/waybill.pdf` },
  ],
  'GET /api/orders/:orderId/parcels/:parcelNo/waybill.zpl': (cd) => [
    { path: `/api/orders/${cd.shippedOrder}/parcels/1/waybill.zpl` },
  ],
  'POST /api/parcels/tracking-events': (cd) => [
    {
      path: '/api/parcels/tracking-events',
      body: {
        events: [
          {
            carrierEventId: 'EV-PROBE-1',
            trackingNumber: cd.waybillNo,
            kind: 'delivered',
            at: '2026-12-06T10:00:00+08:00',
            location: '成都武侯集散中心',
          },
        ],
      },
      expect: 'listing',
    },
  ],
};

/** Tables that change on any authenticated call (last seen, rate limits), not a probe's doing. */
const VOLATILE = new Set(['devices', 'api_keys', 'order_status_queries', '__drizzle_migrations']);

describe.each(testDatabases())(
  'every scoped route, probed from GZ with CD’s things, on $name',
  (target) => {
    const fake = new KdniaoFake('1617571', 'c0bfe0ba-86b6-4c3e-9c5f-7a2d1e0b9a11');
    const fx = {} as {
      app: Awaited<ReturnType<typeof aSeededApp>>['app'];
      database: OwnedDatabase;
    };
    const cd = {} as CdThings;
    const gz = new Map<CallerKind, string>();
    /** What a GZ caller must never read: CD's ids, numbers and names. */
    let secrets: string[] = [];
    /** CD's ERP key (the public-link test asks for one more address change with it). */
    let cdErp = '';
    /** CD's admin: a warehouse's admin, not the hub's (006). */
    let cdWarehouseAdmin = '';

    const call = (token: string, method: string, path: string, probe?: Probe) =>
      fx.app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': probe?.raw?.type ?? 'application/json',
        },
        ...(probe?.raw
          ? { body: probe.raw.text }
          : probe?.body !== undefined && { body: JSON.stringify(probe.body) }),
      });
    const ok = async (res: Response, what: string) => {
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${what}: ${res.status} ${text}`);
      return JSON.parse(text) as never;
    };

    /** Each table's rows as one digest, so a failure names the table a probe changed. */
    let everyTable: string | null = null;
    const digest = async (): Promise<Record<string, string>> => {
      if (everyTable === null) {
        const tables = await queryRows<{ name: string }>(
          fx.database.db,
          sql`select table_name as name from information_schema.tables
            where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
        );
        // One statement for all tables (a probe takes two digests).
        everyTable = tables
          .filter(({ name }) => !VOLATILE.has(name))
          .map(
            ({ name }) =>
              `select '${name}' as name, coalesce(md5(string_agg(t::text, ',' order by t::text)), '') as d from "${name}" t`,
          )
          .join(' union all ');
      }
      const rows = await queryRows<{ name: string; d: string }>(
        fx.database.db,
        sql.raw(everyTable),
      );
      return Object.fromEntries(rows.map((r) => [r.name, r.d]));
    };

    beforeAll(async () => {
      fx.database = await target.open();
      const provider = new KdniaoProvider({
        eBusinessId: '1617571',
        appKey: 'c0bfe0ba-86b6-4c3e-9c5f-7a2d1e0b9a11',
        url: 'http://sandboxapi.kdniao.com:8080/kdniaosandbox/gateway/exterfaceInvoke.json',
        fetch: fake.fetch,
      });
      const platform = new ScriptedPlatform(() => new Date());
      fx.app = (
        await aSeededApp(fx.database, {
          waybills: { provider, senderMobile: '02888886666' },
          connectors: { key: TEST_CONNECTOR_KEY, registry: { taobao: () => platform } },
        })
      ).app;
      const { app } = fx;
      const db = fx.database.db;

      // CD's office: its first admin (as the installer adds one), a picker, its ERP's key.
      await createUser(
        db,
        'CD',
        {
          id: 'u-cd-a1',
          name: '周敏',
          role: 'admin',
          badge: 'A-0009',
          language: 'zh-CN',
          pin: '1234',
        },
        new Date(),
      );
      const cdAdmin = (await aLoggedInDevice(app, 'A-0009')).token;
      cdWarehouseAdmin = cdAdmin;
      const cdPicker = await aLoggedInDevice(app, 'P-0003');
      const key = (await ok(
        await postJson(
          app,
          '/api/integration-keys',
          { name: '成都仓 ERP', warehouseId: 'CD' },
          cdAdmin,
        ),
        'CD key',
      )) as { id: string; key: string };
      cd.keyId = key.id;
      const cdKey = key.key;
      cdErp = cdKey;
      cd.deviceId = cdPicker.deviceId;
      cd.waveId = 'W-CD-B26-09';
      cd.userId = 'u-cd-p1';
      const bin = (
        await queryRows<{ id: string; code: string }>(
          db,
          sql`select id, code from bins where warehouse_id = 'CD' order by path_seq limit 1`,
        )
      )[0]!;
      cd.binId = bin.id;
      cd.binCode = bin.code;
      cd.zoneId = (
        await queryRows<{ id: string }>(
          db,
          sql`select id from zones where warehouse_id = 'CD' limit 1`,
        )
      )[0]!.id;

      // A webhook subscription of CD (its deliveries come with the shipment below).
      const subscription = (await ok(
        await postJson(
          app,
          '/api/webhooks/subscriptions',
          {
            url: 'https://erp.cd.example.cn/hooks',
            eventTypes: ['order.shipped', 'exception.opened', 'alert.raised'],
          },
          cdAdmin,
        ),
        'CD subscription',
      )) as { id: string };
      cd.subscriptionId = subscription.id;

      // An inbound notice from CD's ERP, received in part on a CD handheld (a put-away task).
      const notice = (await ok(
        await postJson(
          app,
          '/api/inbound/notices',
          {
            code: 'ASN-CD-2612-0001',
            expectedDate: '2026-12-08',
            lines: [{ skuId: 'SKU-00121', expectedQty: 12 }],
          },
          cdKey,
        ),
        'CD notice',
      )) as { id: string; code: string; lines: { id: string }[] };
      cd.noticeId = notice.id;
      cd.noticeCode = notice.code;
      cd.noticeLineId = notice.lines[0]!.id;
      const received = await push(app, cdPicker, [
        aReceipt(cdPicker, {
          noticeId: cd.noticeId,
          lineId: cd.noticeLineId,
          skuId: 'SKU-00121',
          qty: 4,
        }),
      ]);
      expect(received.status).toBe(200);
      const work = (await ok(
        await app.request('/api/inbound/work', {
          headers: { authorization: `Bearer ${cdPicker.token}` },
        }),
        'CD inbound work',
      )) as { tasks: { id: string; noticeId: string }[] };
      cd.inboundTaskId = work.tasks.find((t) => t.noticeId === cd.noticeId)!.id;
      // An older integration's receipt (a one-line notice), from CD's key.
      const receipt = (await ok(
        await postJson(
          app,
          '/api/inventory/receipts',
          {
            warehouseId: 'CD',
            skuId: 'SKU-00121',
            qty: 6,
            expectedAt: '2026-12-09T08:00:00+08:00',
          },
          cdKey,
        ),
        'CD receipt',
      )) as { id: string };
      cd.receiptId = receipt.id;

      // CD's wave: one order picked, packed, waybilled and shipped; one line of another shorted.
      const lines = (await pull(app, cdPicker)).lines;
      const orderIds = [...new Set(lines.map((l) => l.orderId))];
      expect(orderIds.length).toBeGreaterThanOrEqual(4);
      [cd.shippedOrder, cd.heldOrder, cd.changedOrder, cd.plainOrder] = orderIds as [
        string,
        string,
        string,
        string,
      ];
      const shortOrder = orderIds[4] ?? cd.heldOrder;
      const mine = lines.filter((l) => l.orderId === cd.shippedOrder);
      const items = new Map<string, number>();
      for (const l of mine) items.set(l.skuId, (items.get(l.skuId) ?? 0) + l.qty);
      const shortLine = lines.find((l) => l.orderId === shortOrder)!;
      cd.pickLineId = shortLine.id;
      const picked = await push(app, cdPicker, [
        ...mine.map((l) => aPick(cdPicker, l)),
        aShort(cdPicker, shortLine),
        aParcelPacked(cdPicker, {
          orderId: cd.shippedOrder,
          parcelNo: 1,
          items: [...items].map(([skuId, qty]) => ({ skuId, qty })),
          boxCode: 'BOX-M',
          weightGrams: 1200,
          expectedWeightGrams: 1200,
        }),
      ]);
      expect(picked.status).toBe(200);
      // The demo's orders carry no consignee; this one has one, as the platform sends it.
      await db.execute(sql`update orders set consignee_name = '赵丽', phone = '13800001111',
        province = '四川省', city = '成都市', district = '锦江区', address_detail = '春熙路 88 号 3 栋 1201'
        where id = ${cd.shippedOrder}`);
      const waybill = (await ok(
        await postJson(
          app,
          `/api/orders/${cd.shippedOrder}/parcels/1/waybill`,
          { carrier: 'SF' },
          cdKey,
        ),
        'CD waybill',
      )) as { waybillNo: string };
      cd.waybillNo = waybill.waybillNo;

      // CD's exception (the short), and a task from a bin label the CD picker could not scan.
      cd.exceptionId = (
        await queryRows<{ id: string }>(
          db,
          sql`select id::text from exceptions where warehouse_id = 'CD' order by opened_at desc limit 1`,
        )
      )[0]!.id;
      const plainLine = lines.find((l) => l.orderId === cd.plainOrder)!;
      cd.line = plainLine;
      expect((await push(app, cdPicker, [aBinLabelFailure(cdPicker, plainLine)])).status).toBe(200);
      cd.taskId = (
        await queryRows<{ id: string }>(
          db,
          sql`select id::text from tasks where warehouse_id = 'CD' order by opened_at desc limit 1`,
        )
      )[0]!.id;

      // A hold and an address change waiting for the customer, from CD's ERP.
      await ok(
        await postJson(app, `/api/holds/orders/${cd.heldOrder}`, { reason: '疑似刷单' }, cdKey),
        'CD hold',
      );
      const asked = (await ok(
        await postJson(
          app,
          `/api/holds/orders/${cd.changedOrder}/address-change`,
          { newAddress: '四川省 成都市 武侯区 人民南路四段 9 号' },
          cdKey,
        ),
        'CD address change',
      )) as { confirmationUrl: string };
      cd.confirmationUrl = asked.confirmationUrl;
      cd.orderChannel = (
        await queryRows<{ channel: string }>(
          db,
          sql`select channel from orders where id = ${cd.plainOrder}`,
        )
      )[0]!.channel;
      cd.deliveryId = (
        await queryRows<{ id: string }>(
          db,
          sql`select id::text from webhook_deliveries where subscription_id = ${cd.subscriptionId}::uuid limit 1`,
        )
      )[0]!.id;

      // CD's Tmall shop, connected by CD's admin (its scheduler is not running in tests).
      cd.connectorId = (
        (await ok(
          await postJson(
            app,
            '/api/admin/connectors',
            {
              platform: 'taobao',
              shopId: '成都旗舰店',
              name: '天猫成都旗舰店',
              credentials: platform.credentials(),
            },
            cdAdmin,
          ),
          'CD connector',
        )) as { id: string }
      ).id;

      // Bins only CD has (GZ has bins of the same codes as CD's demo bins).
      const zoneCode = (
        await queryRows<{ code: string }>(db, sql`select code from zones where id = ${cd.zoneId}`)
      )[0]!.code;
      for (const [code, seq] of [
        ['CX-99-01', 990_001],
        ['CX-99-02', 990_002],
      ] as const) {
        await ok(
          await postJson(
            app,
            '/api/admin/bins',
            { code, zone: zoneCode, checkDigits: '17', pathSeq: seq },
            cdAdmin,
          ),
          `CD bin ${code}`,
        );
      }

      // GZ's callers. The channel key's channel is one CD's orders above are not of.
      const cdChannels = await queryRows<{ channel: string }>(
        db,
        sql`select distinct channel from orders where id in (${cd.shippedOrder}, ${cd.heldOrder}, ${cd.changedOrder}, ${cd.plainOrder})`,
      );
      const otherChannel = (
        ['taobao', 'tmall', 'douyin', 'pinduoduo', 'jd', 'meituan'] as const
      ).find((ch) => !cdChannels.some((r) => r.channel === ch))!;
      gz.set('picker', (await aLoggedInDevice(app, 'P-0001')).token);
      gz.set('supervisor', (await aLoggedInDevice(app, 'S-0001')).token);
      const gzAdmin = (await aLoggedInDevice(app, 'A-0001')).token;
      gz.set('admin', gzAdmin);
      gz.set(
        'warehouse-key',
        (
          (await ok(
            await postJson(
              app,
              '/api/integration-keys',
              { name: '广州仓 WMS', warehouseId: 'GZ' },
              gzAdmin,
            ),
            'GZ key',
          )) as { key: string }
        ).key,
      );
      gz.set(
        'channel-key',
        (
          (await ok(
            await postJson(
              app,
              '/api/integration-keys',
              { name: '店铺', channel: otherChannel },
              gzAdmin,
            ),
            'channel key',
          )) as { key: string }
        ).key,
      );

      // A GZ order waiting for a wave (a wave build has something to give).
      await ok(
        await postJson(
          app,
          '/api/orders',
          anOrder({ lines: [{ skuId: 'SKU-00244', qty: 1, unitPriceCents: 9_900 }] }),
          gz.get('warehouse-key'),
        ),
        'GZ order',
      );

      secrets = [
        '"warehouseId":"CD"',
        cd.deviceId,
        cd.noticeId,
        cd.noticeLineId,
        cd.receiptId,
        cd.inboundTaskId,
        cd.pickLineId,
        cd.exceptionId,
        cd.taskId,
        cd.shippedOrder,
        cd.heldOrder,
        cd.changedOrder,
        cd.plainOrder,
        cd.waybillNo,
        cd.subscriptionId,
        cd.deliveryId,
        cd.keyId,
        cd.connectorId,
        '成都旗舰店',
        cd.binId,
        'u-cd-p1',
        'u-cd-s1',
        'u-cd-a1',
        'erp.cd.example.cn',
        'ASN-CD-2612-0001',
        '人民南路',
        '春熙路',
      ];
    });
    afterAll(() => fx.database.drop());

    it('has a probe (or the reason for none) for every route with a scope, and for no other', () => {
      const scoped = Object.entries(ROUTE_ACCESS)
        .filter(([, access]) => access !== 'public')
        .map(([route]) => route)
        .sort();
      expect(Object.keys(PROBES).sort()).toEqual(scoped);
    });

    const probed = Object.entries(PROBES).filter(
      (entry): entry is [string, (cd: CdThings) => Probe[]] => typeof entry[1] !== 'string',
    );
    it.each(probed)('%s: each GZ caller let in meets nothing of CD', async (route, probesOf) => {
      const [method] = route.split(' ') as [string, string];
      const access = ROUTE_ACCESS[route]!;
      const callers =
        access === 'public' ? [] : GZ_CALLERS.filter((k) => access.callers.includes(k));
      const answers: string[] = [];
      const wanted: string[] = [];
      for (const probe of probesOf(cd)) {
        for (const caller of callers.filter((k) => !probe.as || probe.as.includes(k))) {
          const before = await digest();
          const res = await call(gz.get(caller)!, method, probe.path, probe);
          const text = await res.text();
          const expected = probe.expect ?? 404;
          // What the caller sent may come back in the error; anything else of CD is a leak.
          const sent = probe.path + JSON.stringify(probe.body ?? '') + (probe.raw?.text ?? '');
          const leaked = secrets.filter((s) => text.includes(s) && !sent.includes(s));
          const label = `${caller} ${method} ${probe.path}`;
          if (expected === 'listing') {
            answers.push(`${label} → shows ${JSON.stringify(leaked)}`);
            wanted.push(`${label} → shows []`);
          } else {
            answers.push(`${label} → ${res.status} shows ${JSON.stringify(leaked)}`);
            wanted.push(`${label} → ${expected} shows []`);
          }
          const after = await digest();
          const changed = Object.keys(after).filter(
            (t) => after[t] !== before[t] && !(probe.mayChange ?? []).includes(t),
          );
          answers.push(`${label} changed ${JSON.stringify(changed)}`);
          wanted.push(`${label} changed []`);
        }
      }
      expect(answers).toEqual(wanted);
    });
    it('hub-wide powers (006): a warehouse’s admin is refused each and changes nothing', async () => {
      const hubWide = Object.entries(ROUTE_ACCESS)
        .filter(([, access]) => access !== 'public' && access.hubWide)
        .map(([route]) => route)
        .sort();
      expect(hubWide).toEqual([
        'DELETE /api/admin/hub-admins/:userId',
        'GET /api/admin/backup',
        'GET /api/admin/hub-admins',
        'POST /api/admin/archive-scan-events',
        'POST /api/admin/warehouses',
        'POST /api/routing/rules.csv',
        'PUT /api/admin/hub-admins/:userId',
        'PUT /api/holds/rules/:ruleId',
        'PUT /api/hub-settings',
        'PUT /api/routing/rules',
      ]);
      // Bodies as a hub admin sends them (the refusal comes before a body is read).
      const bodies: Record<string, unknown> = {
        'POST /api/admin/archive-scan-events': { olderThanDays: 0 },
        'POST /api/admin/warehouses': {
          id: 'SZ',
          name: 'Shenzhen',
          nameZh: '深圳仓',
          city: '深圳',
        },
        'PUT /api/hub-settings': { dedup: { windowMinutes: 5 } },
        'PUT /api/routing/rules': { rules: [] },
      };
      const answers: string[] = [];
      for (const route of hubWide) {
        const [method, pattern] = route.split(' ') as [string, string];
        // A warehouse admin making themself a hub admin, or taking it from the hub's one.
        const path = pattern
          .replace(':ruleId', 'dedup')
          .replace(':userId', method === 'PUT' ? 'u-cd-a1' : 'u-gz-a1');
        const before = await digest();
        const res = await call(
          cdWarehouseAdmin,
          method,
          path,
          method === 'GET'
            ? { path }
            : route === 'POST /api/routing/rules.csv'
              ? { path, raw: { type: 'text/csv', text: 'priority,name,warehouseId,carrier\n' } }
              : { path, body: bodies[route] ?? {} },
        );
        const body = (await res.json()) as { error?: { params?: { needs?: string } } };
        const after = await digest();
        const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
        answers.push(
          `${route} → ${res.status} ${body.error?.params?.needs} changed ${changed.join(',')}`,
        );
      }
      expect(answers).toEqual(hubWide.map((route) => `${route} → 403 hub-admin changed `));
    });

    it('hub admins (issue 15): an integration key, a warehouse’s or a channel’s, is refused each route and changes nothing', async () => {
      const routes: [string, string][] = [
        ['GET', '/api/admin/hub-admins'],
        ['PUT', '/api/admin/hub-admins/u-cd-a1'],
        ['DELETE', '/api/admin/hub-admins/u-gz-a1'],
      ];
      const answers: string[] = [];
      for (const key of ['warehouse-key', 'channel-key'] as const) {
        for (const [method, path] of routes) {
          const before = await digest();
          const res = await call(gz.get(key)!, method, path, { path });
          const body = (await res.json()) as { error?: { code?: string } };
          const after = await digest();
          const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
          answers.push(
            `${key} ${method} ${path} → ${res.status} ${body.error?.code} changed ${changed.join(',')}`,
          );
        }
      }
      expect(answers).toEqual(
        ['warehouse-key', 'channel-key'].flatMap((key) =>
          routes.map(([method, path]) => `${key} ${method} ${path} → 403 forbidden changed `),
        ),
      );
    });

    it('routing by hand (006): a lead routes an unrouted order into their own warehouse only, a hub admin into any', async () => {
      const { app } = fx;
      const unrouted = async () => {
        const accepted = (await ok(
          await postJson(
            app,
            '/api/orders',
            anOrder({
              address: { province: '海外', city: '新加坡', district: '中区', detail: '1 号' },
            }),
            gz.get('warehouse-key'),
          ),
          'unrouted order',
        )) as { orderId: string; status: string };
        expect(accepted.status).toBe('unrouted');
        return accepted.orderId;
      };
      const warehouseOf = async (orderId: string) =>
        (
          await queryRows<{ warehouseId: string | null; status: string }>(
            fx.database.db,
            sql`select warehouse_id as "warehouseId", status from orders where id = ${orderId}`,
          )
        )[0];
      const route = (orderId: string, warehouseId: string, token: string) =>
        call(token, 'POST', `/api/routing/orders/${orderId}`, {
          path: '',
          body: { warehouseId, carrier: 'SF' },
        });

      const first = await unrouted();
      for (const token of [gz.get('supervisor')!, cdWarehouseAdmin]) {
        const refused = await route(first, token === cdWarehouseAdmin ? 'GZ' : 'CD', token);
        expect(refused.status).toBe(403);
        expect(
          ((await refused.json()) as { error: { params: unknown } }).error.params,
        ).toMatchObject({ needs: 'hub-admin' });
        expect((await warehouseOf(first))?.status).toBe('unrouted');
      }
      // GZ's supervisor takes it into GZ; the hub admin (A-0001, of GZ) sends another to CD.
      expect((await route(first, 'GZ', gz.get('supervisor')!)).status).toBe(200);
      expect(await warehouseOf(first)).toEqual({ warehouseId: 'GZ', status: 'received' });
      const second = await unrouted();
      expect((await route(second, 'CD', gz.get('admin')!)).status).toBe(200);
      expect(await warehouseOf(second)).toEqual({ warehouseId: 'CD', status: 'received' });
    });

    it('POST /api/sync/push: handheld events naming CD’s lines, notices, tasks and orders are unknown lines and change nothing of CD', async () => {
      const { app } = fx;
      const line = cd.line;
      for (const badge of ['P-0001', 'S-0001', 'A-0001']) {
        const device = await aLoggedInDevice(app, badge);
        const parcel = {
          orderId: cd.plainOrder,
          parcelNo: 1,
          items: [{ skuId: line.skuId, qty: line.qty }],
          boxCode: 'BOX-S',
          weightGrams: 900,
          expectedWeightGrams: 400,
        };
        const events: ScanEvent[] = [
          aPick(device, line),
          aShort(device, line),
          aBinLabelFailure(device, line),
          aPutBack(device, [{ line, qty: 1 }]),
          aReceipt(device, {
            noticeId: cd.noticeId,
            lineId: cd.noticeLineId,
            skuId: 'SKU-00121',
            qty: 3,
          }),
          aReceipt(device, { noticeId: cd.receiptId, skuId: 'SKU-00121', qty: 2 }),
          aQcDecision(device, cd.inboundTaskId, 1, 0),
          aPutAway(device, cd.inboundTaskId, 'A-01-01', 1),
          {
            ...aPutAway(device, cd.inboundTaskId, 'A-01-01', 1),
            type: 'inbound-closed@1',
            payload: { noticeId: cd.noticeId, reason: 'supplier-sent-less' },
          },
          aReturnGrade(device, {
            noticeId: cd.noticeId,
            lineId: cd.noticeLineId,
            qty: 1,
            grade: 'resellable',
          }),
          aParcelPacked(device, { ...parcel, weightGrams: 400 }),
          aWeightMismatch(device, parcel),
        ];
        const before = await digest();
        const res = await push(app, device, events);
        const after = await digest();
        expect(res.status, badge).toBe(200);
        expect(
          res.body.results.map((r) => `${events.find((e) => e.seq === r.seq)!.type} ${r.outcome}`),
          badge,
        ).toEqual(events.map((e) => `${e.type} unknown-line`));
        // The device keeps its log; an unknown line is GZ's own exception (the picker holds the
        // items in GZ), announced to GZ's subscribers. Nothing of CD moves, CD's hooks get nothing.
        expect(
          Object.keys(after).filter((t) => after[t] !== before[t]),
          badge,
        ).toEqual(['device_incarnations', 'exceptions', 'scan_events', 'webhook_messages']);
        const added = await queryRows<{ warehouseId: string | null; n: number }>(
          fx.database.db,
          sql`select warehouse_id as "warehouseId", count(*)::int as n from webhook_messages
              where created_at >= (select max(received_at) from scan_events) group by 1`,
        );
        expect(added, badge).toEqual([{ warehouseId: 'GZ', n: 1 }]);
      }
    });

    it('POST /api/sync/push: a GZ handheld’s move naming CD’s bin, SKU and lot moves nothing of CD; an admin’s is refused', async () => {
      const { app } = fx;
      const line = cd.line;
      const moveOf = (device: TestDevice, fromBinCode: string): ScanEvent =>
        aStockMove(device, {
          fromBinCode,
          toBinCode: 'A-01-02',
          skuId: line.skuId,
          qty: 99_999,
          ...(line.lot ? { lot: line.lot } : {}),
        });
      for (const badge of ['P-0001', 'S-0001']) {
        const device = await aLoggedInDevice(app, badge);
        // Bin codes repeat across warehouses: CD's bin code names GZ's bin of that code.
        const events = [moveOf(device, line.binCode), moveOf(device, 'CX-99-01')];
        const before = await digest();
        const res = await push(app, device, events);
        const after = await digest();
        expect(res.status, badge).toBe(200);
        expect(
          res.body.results.map((r) => r.outcome),
          badge,
        ).toEqual(['move-refused', 'unknown-line']);
        expect(
          Object.keys(after).filter((t) => after[t] !== before[t]),
          badge,
        ).toEqual(['device_incarnations', 'scan_events']);
      }
      const admin = await aLoggedInDevice(app, 'A-0001');
      const before = await digest();
      const res = await push(app, admin, [moveOf(admin, line.binCode)]);
      expect(res.status).toBe(403);
      const after = await digest();
      expect(Object.keys(after).filter((t) => after[t] !== before[t])).toEqual([]);
    });

    /** A signed link's token with its claims changed and its MAC kept (what a forger can do). */
    const withClaims = (token: string, change: Record<string, unknown>) => {
      const [body, mac] = token.split('.') as [string, string];
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as object;
      return `${Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url')}.${mac}`;
    };
    const tokenOf = (url: string) => url.split('/').pop()!;
    const html = { accept: 'text/html,application/xhtml+xml', 'accept-language': 'zh-CN' };
    const answer = (target: typeof fx.app, token: string, decision: string) =>
      target.request(`/api/address-confirmations/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...html },
        body: new URLSearchParams({ decision, lang: 'zh-CN' }).toString(),
      });

    it('public links open their own order only: a changed subject, another purpose or an expired link is a 404 (JSON, or the page for a browser) that changes nothing', async () => {
      const { app } = fx;
      const db = fx.database.db;
      // A second pending request, on another order, to point a forged link at.
      const other = (await ok(
        await postJson(
          app,
          `/api/holds/orders/${cd.heldOrder}/address-change`,
          { newAddress: '四川省 成都市 青羊区 宽窄巷子 12 号' },
          cdErp,
        ),
        'second change',
      )) as { confirmationUrl: string };
      const confirmToken = tokenOf(cd.confirmationUrl);
      const otherToken = tokenOf(other.confirmationUrl);
      const otherClaims = JSON.parse(
        Buffer.from(otherToken.split('.')[0]!, 'base64url').toString(),
      ) as { s: string; n: string };
      const [shipped] = await queryRows<{ payload: { data: { statusUrl: string } } }>(
        db,
        sql`select payload from webhook_messages where type = 'order.shipped' and order_id = ${cd.shippedOrder}`,
      );
      const statusToken = tokenOf(shipped!.payload.data.statusUrl);
      const state = async () =>
        queryRows(
          db,
          sql`select (select string_agg(r::text, ',' order by r::text) from address_change_requests r) as requests,
                     (select string_agg(o.id || o.status || coalesce(o.address_detail, ''), ',' order by o.id) from orders o where o.warehouse_id = 'CD') as orders,
                     (select string_agg(h::text, ',' order by h::text) from order_holds h) as holds,
                     (select count(*)::int from order_status_queries) as status_queries`,
        );

      // The real links open their own order.
      const status = await app.request(`/api/order-status/${statusToken}`);
      expect(status.status).toBe(200);
      expect(((await status.json()) as { orderId: string }).orderId).toBe(cd.shippedOrder);
      const page = await app.request(`/api/address-confirmations/${confirmToken}`, {
        headers: html,
      });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('人民南路四段');

      const before = await state();
      const later = (
        await aSeededApp(fx.database, { now: () => new Date(Date.now() + 61 * 86_400_000) })
      ).app;
      const refused: [string, typeof app, string, Record<string, string>?][] = [
        // Another order under the same MAC: the status of an order never shipped to this buyer.
        [
          'status, other order',
          app,
          `/api/order-status/${withClaims(statusToken, { s: cd.plainOrder })}`,
        ],
        [
          'status, later expiry',
          app,
          `/api/order-status/${withClaims(statusToken, { e: 4_102_444_800 })}`,
        ],
        ['status, address link', app, `/api/order-status/${confirmToken}`],
        ['status, expired', later, `/api/order-status/${statusToken}`],
        // The confirmation link pointed at the other order's request (with that request's nonce).
        [
          'confirm, other request',
          app,
          `/api/address-confirmations/${withClaims(confirmToken, { s: otherClaims.s, n: otherClaims.n })}`,
        ],
        [
          'confirm, other MAC',
          app,
          `/api/address-confirmations/${confirmToken.split('.')[0]}.${otherToken.split('.')[1]}`,
        ],
        ['confirm, status link', app, `/api/address-confirmations/${statusToken}`],
        ['confirm, expired', later, `/api/address-confirmations/${confirmToken}`],
        ['confirm, truncated', app, `/api/address-confirmations/${confirmToken.slice(0, -4)}`],
      ];
      for (const [what, target, path] of refused) {
        const json = await target.request(path);
        expect(`${what} → ${json.status} ${json.headers.get('content-type')}`).toBe(
          `${what} → 404 application/json`,
        );
        expect(((await json.json()) as { error: { code: string } }).error.code, what).toBe(
          'not_found',
        );
        if (path.startsWith('/api/address-confirmations/')) {
          const browser = await target.request(path, { headers: html });
          expect(`${what} → ${browser.status}`).toBe(`${what} → 404`);
          expect(browser.headers.get('content-type'), what).toContain('text/html');
          expect(await browser.text(), what).not.toContain('人民南路');
          const token = path.split('/').pop()!;
          const posted = await answer(target, token, 'confirm');
          expect(`${what} POST → ${posted.status}`).toBe(`${what} POST → 404`);
        }
      }
      // An answer that is neither confirm nor reject: a 400 naming the field.
      const bad = await fx.app.request(`/api/address-confirmations/${confirmToken}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'decision=maybe',
      });
      expect(bad.status).toBe(400);
      expect(
        ((await bad.json()) as { error: { fields: { path: string }[] } }).error.fields[0]!.path,
      ).toBe('decision');
      expect(await state()).toEqual(before);

      // Answered once, the link is spent: the same answer again changes nothing.
      expect((await answer(app, confirmToken, 'reject')).status).toBe(200);
      const spent = await state();
      expect((await answer(app, confirmToken, 'confirm')).status).toBe(404);
      expect((await app.request(`/api/address-confirmations/${confirmToken}`)).status).toBe(404);
      expect(await state()).toEqual(spent);
    });
  },
);
