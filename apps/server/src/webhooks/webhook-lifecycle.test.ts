import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aChannelKey, anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { backoffMs, deliverDueWebhooks, WEBHOOK_USER_AGENT } from './deliver-webhooks';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on loopback that keeps every request as it came (headers and raw body). */
function aReceiver() {
  const receiver = { received: [] as Received[], status: 204, url: '' };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      receiver.received.push({ headers: req.headers, body });
      res.writeHead(receiver.status).end();
    });
  });
  return { receiver, server };
}

/** True when the official Standard Webhooks library accepts the request with this secret. */
function verifiesWith(secret: string, request: Received): boolean {
  try {
    new Webhook(secret).verify(request.body, {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    });
    return true;
  } catch {
    return false;
  }
}

describe('webhook backoff', () => {
  it('spreads each wait by ±20 % around 5 s, 10 s, 20 s … one hour', () => {
    expect([backoffMs(1, 0), backoffMs(1, 0.5), backoffMs(1, 0.999)]).toEqual([
      4_000, 5_000, 5_998,
    ]);
    expect(backoffMs(3, 0.5)).toBe(20_000);
    expect([backoffMs(20, 0), backoffMs(20, 0.999)]).toEqual([2_880_000, 4_318_560]);
  });
});

describe.each(testDatabases())('the webhook subscription lifecycle on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const { receiver, server } = aReceiver();
  let admin = '';
  let key = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    key = await anIntegrationKey(fx.database.db);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const call = (method: string, path: string, body?: unknown) =>
    fx.app.request(`/api/webhooks${path}`, {
      method,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const anOrderCreated = () => postJson(fx.app, '/api/orders', anOrder(), key);
  const deliverNow = () => deliverDueWebhooks(fx.database.db, new Date(Date.now() + 1_000));

  it('shows the secret once, at creation; lists and reads never show it', async () => {
    const created = await call('POST', '/subscriptions', {
      url: receiver.url,
      eventTypes: ['order.created'],
    });
    expect(created.status).toBe(201);
    const sub = await bodyOf<{ id: string; secret: string }>(created);
    expect(sub.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    const list = await (await call('GET', '/subscriptions')).text();
    const one = await (await call('GET', `/subscriptions/${sub.id}`)).text();
    for (const answer of [list, one]) {
      expect(answer).toContain(sub.id);
      expect(answer).not.toContain(sub.secret.slice('whsec_'.length));
      expect(answer).not.toContain('"secret"');
    }
    await call('DELETE', `/subscriptions/${sub.id}`);
  });

  it('a delivery verifies with the official library and says who sent it', async () => {
    const sub = await bodyOf<{ id: string; secret: string }>(
      await call('POST', '/subscriptions', { url: receiver.url, eventTypes: ['order.created'] }),
    );
    receiver.received.length = 0;
    await anOrderCreated();
    expect(await deliverNow()).toBe(1);
    const [request] = receiver.received;
    expect(request!.headers['user-agent']).toBe(WEBHOOK_USER_AGENT);
    expect(verifiesWith(sub.secret, request!)).toBe(true);
    expect(verifiesWith('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', request!)).toBe(false);
    await call('DELETE', `/subscriptions/${sub.id}`);
  });

  it('a rotated secret: old and new both verify during the grace period, then only the new', async () => {
    const sub = await bodyOf<{ id: string; secret: string }>(
      await call('POST', '/subscriptions', { url: receiver.url, eventTypes: ['order.created'] }),
    );
    const rotated = await call('POST', `/subscriptions/${sub.id}/rotate-secret`, {
      graceHours: 24,
    });
    expect(rotated.status).toBe(200);
    const fresh = await bodyOf<{ secret: string; previousSecretExpiresAt: string }>(rotated);
    expect(fresh.secret).not.toBe(sub.secret);
    const grace = Date.parse(fresh.previousSecretExpiresAt) - Date.now();
    expect(grace).toBeGreaterThan(23.9 * 3_600_000);
    expect(grace).toBeLessThanOrEqual(24 * 3_600_000);

    receiver.received.length = 0;
    await anOrderCreated();
    expect(await deliverNow()).toBe(1);
    expect(verifiesWith(fresh.secret, receiver.received[0]!)).toBe(true);
    expect(verifiesWith(sub.secret, receiver.received[0]!)).toBe(true);

    // The grace period is over.
    await fx.database.db.execute(sql`update webhook_subscriptions
      set previous_secret_expires_at = now() - interval '1 second' where id = ${sub.id}::uuid`);
    await anOrderCreated();
    expect(await deliverNow()).toBe(1);
    expect(verifiesWith(fresh.secret, receiver.received[1]!)).toBe(true);
    expect(verifiesWith(sub.secret, receiver.received[1]!)).toBe(false);
    expect(String(receiver.received[1]!.headers['webhook-signature']).split(' ')).toHaveLength(1);
    await call('DELETE', `/subscriptions/${sub.id}`);
  });

  it('a paused subscription gets nothing; resumed, it gets what was pending when paused', async () => {
    const sub = await bodyOf<{ id: string }>(
      await call('POST', '/subscriptions', { url: receiver.url, eventTypes: ['order.created'] }),
    );
    receiver.received.length = 0;
    await anOrderCreated();
    const paused = await call('PATCH', `/subscriptions/${sub.id}`, { active: false });
    expect(await bodyOf(paused)).toMatchObject({ id: sub.id, active: false });
    await anOrderCreated();
    expect(await deliverNow()).toBe(0);
    expect(receiver.received).toHaveLength(0);
    await call('PATCH', `/subscriptions/${sub.id}`, { active: true });
    expect(await deliverNow()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const refused = await call('PATCH', `/subscriptions/${sub.id}`, {});
    expect(refused.status).toBe(400);
    await call('DELETE', `/subscriptions/${sub.id}`);
  });

  it('a deleted subscription is gone from the list, its pending deliveries abandoned, nothing more sent', async () => {
    const sub = await bodyOf<{ id: string }>(
      await call('POST', '/subscriptions', { url: receiver.url, eventTypes: ['order.created'] }),
    );
    receiver.received.length = 0;
    await anOrderCreated();
    const deleted = await call('DELETE', `/subscriptions/${sub.id}`);
    expect(await bodyOf(deleted)).toEqual({ deleted: sub.id, pendingDeliveriesAbandoned: 1 });
    await anOrderCreated();
    expect(await deliverNow()).toBe(0);
    expect(receiver.received).toHaveLength(0);
    const list = await bodyOf<{ subscriptions: { id: string }[] }>(
      await call('GET', '/subscriptions'),
    );
    expect(list.subscriptions.map((s) => s.id)).not.toContain(sub.id);
    expect((await call('GET', `/subscriptions/${sub.id}`)).status).toBe(404);
    expect((await call('DELETE', `/subscriptions/${sub.id}`)).status).toBe(404);
  });

  it('a replay starts over: attempts back to zero, and a new 24-hour retry window', async () => {
    const sub = await bodyOf<{ id: string }>(
      await call('POST', '/subscriptions', { url: receiver.url, eventTypes: ['order.created'] }),
    );
    receiver.status = 503;
    await anOrderCreated();
    // Failing for more than a day: given up.
    expect(await deliverDueWebhooks(fx.database.db, new Date(Date.now() + 25 * 3_600_000))).toBe(1);
    const [dead] = await queryRows<{ id: string; status: string; attempts: number }>(
      fx.database.db,
      sql`select id, status, attempts from webhook_deliveries
          where subscription_id = ${sub.id}::uuid`,
    );
    expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
    const replay = await call('POST', `/deliveries/${dead!.id}/replay`);
    expect(await bodyOf(replay)).toEqual({ replayed: 1 });
    // Still failing after the replay: retried again (not given up at once), attempts from 1.
    expect(await deliverNow()).toBe(1);
    const [after] = await queryRows<{ status: string; attempts: number }>(
      fx.database.db,
      sql`select status, attempts from webhook_deliveries where id = ${dead!.id}::uuid`,
    );
    expect(after).toEqual({ status: 'pending', attempts: 1 });
    receiver.status = 204;
    await call('DELETE', `/subscriptions/${sub.id}`);
  });

  it("each warehouse's admin subscribes to their warehouse's events only, and manages only their own", async () => {
    const db = fx.database.db;
    // A CD admin beside the demo's GZ admin, and a subscription from before scoping (no warehouse).
    await db.execute(sql`insert into users (id, warehouse_id, name, role, badge, pin_hash, language)
      select 'u-cd-a1', 'CD', '刘洋', 'admin', 'A-0902', pin_hash, 'zh-CN' from users where id = 'u-gz-a1'`);
    const cdAdmin = (await aLoggedInDevice(fx.app, 'A-0902')).token;
    await db.execute(sql`insert into webhook_subscriptions (id, url, secret, event_types)
      values ('00000000-0000-4000-8000-00000000a11a', ${receiver.url}, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', '["order.created"]'::jsonb)`);
    const subscribe = async (token: string) =>
      bodyOf<{ id: string; warehouseId: string | null }>(
        await postJson(
          fx.app,
          '/api/webhooks/subscriptions',
          { url: receiver.url, eventTypes: ['order.created'] },
          token,
        ),
      );
    const gz = await subscribe(admin);
    const cd = await subscribe(cdAdmin);
    expect([gz.warehouseId, cd.warehouseId]).toEqual(['GZ', 'CD']);
    const shop = await aChannelKey(db, 'jd');
    const toShenzhen = await bodyOf<{ orderId: string; warehouseId: string }>(
      await postJson(fx.app, '/api/orders', anOrder({ channel: 'jd' }), shop),
    );
    const toChengdu = await bodyOf<{ orderId: string; warehouseId: string }>(
      await postJson(
        fx.app,
        '/api/orders',
        anOrder({
          channel: 'jd',
          address: {
            province: '四川省',
            city: '成都市',
            district: '武侯区',
            detail: '人民南路四段 9 号',
          },
          lines: [{ skuId: 'SKU-00002', qty: 1, unitPriceCents: 9_900 }],
        }),
        shop,
      ),
    );
    expect([toShenzhen.warehouseId, toChengdu.warehouseId]).toEqual(['GZ', 'CD']);
    const received = await queryRows<{ sub: string; orderId: string }>(
      db,
      sql`select d.subscription_id::text as sub, m.order_id as "orderId"
          from webhook_deliveries d join webhook_messages m on m.id = d.message_id
          where m.order_id in (${toShenzhen.orderId}, ${toChengdu.orderId}) order by 1, 2`,
    );
    const to = (sub: string) =>
      received
        .filter((r) => r.sub === sub)
        .map((r) => r.orderId)
        .sort();
    expect(to(gz.id)).toEqual([toShenzhen.orderId]);
    expect(to(cd.id)).toEqual([toChengdu.orderId]);
    expect(to('00000000-0000-4000-8000-00000000a11a')).toEqual(
      [toShenzhen.orderId, toChengdu.orderId].sort(),
    );
    // The GZ admin sees GZ's and the hub-wide subscription, never CD's, and cannot touch it.
    const listed = await bodyOf<{ subscriptions: { id: string }[] }>(
      await call('GET', '/subscriptions'),
    );
    expect(listed.subscriptions.map((s) => s.id)).toContain(gz.id);
    expect(listed.subscriptions.map((s) => s.id)).not.toContain(cd.id);
    for (const [method, path, body] of [
      ['GET', `/subscriptions/${cd.id}`],
      ['PATCH', `/subscriptions/${cd.id}`, { active: false }],
      ['POST', `/subscriptions/${cd.id}/rotate-secret`, { graceHours: 0 }],
      ['DELETE', `/subscriptions/${cd.id}`],
    ] as const) {
      expect((await call(method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    const deliveries = await (await call('GET', '/deliveries')).text();
    const cdDelivery = (
      await queryRows<{ id: string }>(
        db,
        sql`select id::text from webhook_deliveries where subscription_id = ${cd.id}::uuid`,
      )
    )[0]!.id;
    expect(deliveries).not.toContain(cdDelivery);
    await db.execute(
      sql`update webhook_deliveries set status = 'dead' where id = ${cdDelivery}::uuid`,
    );
    expect((await call('POST', `/deliveries/${cdDelivery}/replay`)).status).toBe(404);
    expect((await call('GET', `/deliveries/${cdDelivery}/attempts`)).status).toBe(200);
    expect(await bodyOf(await call('GET', `/deliveries/${cdDelivery}/attempts`))).toEqual({
      attempts: [],
    });
    for (const id of [gz.id, '00000000-0000-4000-8000-00000000a11a'])
      await call('DELETE', `/subscriptions/${id}`);
    await postJson(fx.app, `/api/webhooks/subscriptions/${cd.id}`, {}, cdAdmin);
    await fx.app.request(`/api/webhooks/subscriptions/${cd.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${cdAdmin}` },
    });
  });
});
