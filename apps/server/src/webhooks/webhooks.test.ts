import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { anIntegrationKey, anOrder } from '../testing/hub-fixtures';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';
import { deliverDueWebhooks } from './deliver-webhooks';
import { openDatabase } from '../db/database';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** A receiver on loopback that answers 503 while `failing`, and records what it accepted. */
function aReceiver() {
  const receiver = {
    failing: true,
    accepted: [] as { id: string; valid: boolean; type: string }[],
    refused: 0,
    url: '',
    server: null as Server | null,
  };
  receiver.server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (receiver.failing) {
        receiver.refused += 1;
        res.writeHead(503).end();
        return;
      }
      const id = String(req.headers['webhook-id']);
      const ts = String(req.headers['webhook-timestamp']);
      const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
      const expected = `v1,${createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64')}`;
      const type = (JSON.parse(body) as { type: string }).type;
      receiver.accepted.push({ id, valid: req.headers['webhook-signature'] === expected, type });
      res.writeHead(204).end();
    });
  });
  return receiver;
}

describe.each(testDatabases())('webhooks on $name', (target) => {
  const fx = aSeededAppPerFile(target);
  const receiver = aReceiver();
  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.server?.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server?.address() as AddressInfo).port}/hooks`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.server?.close(() => resolve())));

  it('a receiver that fails, then recovers, gets every event once per id, validly signed', async () => {
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const sub = await postJson(
      fx.app,
      '/api/webhooks/subscriptions',
      { url: receiver.url, eventTypes: ['order.created', 'order.held'], secret: SECRET },
      admin,
    );
    expect(sub.status).toBe(201);
    const key = await anIntegrationKey(fx.database.db);
    for (let i = 0; i < 5; i++) {
      await postJson(
        fx.app,
        '/api/orders',
        anOrder({ lines: [{ skuId: `SKU-0020${i}`, qty: 1, unitPriceCents: 9_900 }] }),
        key,
      );
    }
    await postJson(
      fx.app,
      '/api/orders',
      anOrder({
        address: { province: '广东', city: '深圳', district: '南山区', detail: '勿送' },
        lines: [{ skuId: 'SKU-00206', qty: 1, unitPriceCents: 9_900 }],
      }),
      key,
    );
    const t0 = Date.now();
    expect(await deliverDueWebhooks(fx.database.db, new Date(t0))).toBe(7);
    expect(receiver.refused).toBe(7);
    receiver.failing = false;
    expect(await deliverDueWebhooks(fx.database.db, new Date(t0 + 1_000))).toBe(0);
    expect(await deliverDueWebhooks(fx.database.db, new Date(t0 + 6_000))).toBe(7);
    expect(await deliverDueWebhooks(fx.database.db, new Date(t0 + 3_600_000))).toBe(0);
    const ids = receiver.accepted.map((a) => a.id);
    expect(new Set(ids).size).toBe(7);
    expect(ids.length).toBe(7);
    expect(receiver.accepted.every((a) => a.valid)).toBe(true);
    expect(receiver.accepted.map((a) => a.type).sort()).toEqual([
      ...Array(6).fill('order.created'),
      'order.held',
    ]);
    const log = await bodyOf<{ deliveries: { status: string; attempts: number }[] }>(
      await fx.app.request('/api/webhooks/deliveries', {
        headers: { authorization: `Bearer ${admin}` },
      }),
    );
    expect(log.deliveries.every((d) => d.status === 'delivered' && d.attempts === 2)).toBe(true);
  });

  it('gives a delivery up after 24 hours of failures, and an admin can replay it', async () => {
    receiver.failing = true;
    const admin = (await aLoggedInDevice(fx.app, 'A-0001')).token;
    const key = await anIntegrationKey(fx.database.db);
    await postJson(
      fx.app,
      '/api/orders',
      anOrder({ lines: [{ skuId: 'SKU-00210', qty: 1, unitPriceCents: 9_900 }] }),
      key,
    );
    const later = new Date(Date.now() + 25 * 3_600_000);
    expect(await deliverDueWebhooks(fx.database.db, later)).toBe(1);
    const [dead] = await queryRows<{ id: string }>(
      fx.database.db,
      sql`select id from webhook_deliveries where status = 'dead'`,
    );
    expect(dead).toBeDefined();
    receiver.failing = false;
    const replay = await postJson(fx.app, `/api/webhooks/deliveries/${dead?.id}/replay`, {}, admin);
    expect(await bodyOf(replay)).toEqual({ replayed: 1 });
    expect(await deliverDueWebhooks(fx.database.db, new Date(Date.now() + 1_000))).toBe(1);
    expect(receiver.accepted.at(-1)?.valid).toBe(true);
  });

  it('a refused order puts nothing in the outbox', async () => {
    const key = await anIntegrationKey(fx.database.db);
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          fx.database.db,
          sql`select count(*)::int as n from webhook_messages`,
        )
      )[0]?.n;
    const before = await count();
    const res = await postJson(
      fx.app,
      '/api/orders',
      anOrder({ consignee: { name: '王芳', phone: '12345' } }),
      key,
    );
    expect(res.status).toBe(400);
    expect(await count()).toBe(before);
  });

  // Needs a second connection to the same database: real Postgres only (PGlite is one process).
  const onPostgres = target.name === 'postgres' ? it : () => undefined;
  onPostgres('what one server committed, another delivers after it died', async () => {
    const key = await anIntegrationKey(fx.database.db);
    await postJson(
      fx.app,
      '/api/orders',
      anOrder({ lines: [{ skuId: 'SKU-00211', qty: 1, unitPriceCents: 9_900 }] }),
      key,
    );
    const other = await openDatabase({ kind: 'postgres', url: fx.database.url ?? '' });
    try {
      const before = receiver.accepted.length;
      expect(await deliverDueWebhooks(other.db, new Date(Date.now() + 1_000))).toBe(1);
      expect(receiver.accepted.length).toBe(before + 1);
    } finally {
      await other.close();
    }
  });
});
