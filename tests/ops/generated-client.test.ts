import { readFileSync } from 'node:fs';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../api-client/generate-api-types';
import type { paths } from '../api-client/hub-api';
import { startServerProcess, type ServerProcess } from '../support/server-process';

/**
 * An integrator's view of the API: types generated from our OpenAPI document by
 * openapi-typescript (committed as tests/api-client/hub-api.ts), and an openapi-fetch client
 * on them running the integration flow against the real server on loopback. The flow
 * type-checks under `npm run typecheck` (tests/tsconfig.json), so a route whose documented
 * body or answer drifts from what the flow sends and reads fails there; the server's contract
 * check holds the answers to the same document.
 */
describe('the generated API client', () => {
  it('the committed types are what openapi-typescript makes of the document today', async () => {
    // Stale after a changed operation: run `npm run api:types` and commit the file.
    expect(await generateApiTypes()).toBe(readFileSync(API_TYPES_FILE, 'utf8'));
  });

  describe('against a real server', () => {
    let server: ServerProcess;
    // Generous: on a loaded machine a fresh server takes a while to migrate and seed.
    beforeAll(async () => {
      server = await startServerProcess({}, { startTimeoutMs: 240_000 });
    }, 300_000);
    afterAll(async () => {
      await server?.stop();
    });

    /** A client that sends `token` (a login token or an integration key) on every request. */
    const clientWith = (token?: string) => {
      const client = createClient<paths>({ baseUrl: server.url });
      if (token)
        client.use({
          onRequest: ({ request }) => {
            request.headers.set('authorization', `Bearer ${token}`);
            return request;
          },
        });
      return client;
    };

    it('runs the integration flow: key, order, batch, trace, stock, labels, CSV export', async () => {
      // The admin signs in on a device of their own, and issues the warehouse ERP's key.
      const anonymous = clientWith();
      const device = await anonymous.POST('/api/devices/register', {
        body: { label: '集成测试 ERP 网关' },
      });
      expect(device.error).toBeUndefined();
      const login = await anonymous.POST('/api/auth/login', {
        body: { ...device.data!, badge: 'A-0001', pin: '1234' },
      });
      expect(login.data?.user.role).toBe('admin');
      const admin = clientWith(login.data!.token);
      const issued = await admin.POST('/api/integration-keys', {
        body: { name: '广州仓 ERP', warehouseId: 'GZ' },
      });
      expect(issued.response.status).toBe(201);
      expect(issued.data?.warehouseId).toBe('GZ');
      const erp = clientWith(issued.data!.key);
      const keys = await admin.GET('/api/integration-keys');
      expect(keys.data?.keys.map((key) => key.id)).toContain(issued.data!.id);

      // One order, then a batch with one good order and one bad (answered order by order).
      const stamp = Date.now();
      const order = {
        channel: 'taobao' as const,
        channelOrderId: `TB${stamp}`,
        orderType: 'sale' as const,
        placedAt: new Date().toISOString(),
        customerId: 'cust-8821',
        vip: false,
        consignee: { name: '李娜', phone: '13912345678' },
        address: {
          province: '广东省',
          city: '深圳市',
          district: '南山区',
          detail: '科技园南区 8 栋 1203',
        },
        paidCents: 9_900,
        couponCents: 0,
        freightCents: 0,
        lines: [{ skuId: 'SKU-00121', qty: 1, unitPriceCents: 9_900 }],
      };
      const accepted = await erp.POST('/api/orders', { body: order });
      expect(accepted.response.status).toBe(201);
      // 201 and 200 answer the order, 202 a SKU review (its codes are not mapped yet).
      const taken = accepted.data;
      if (!taken || !('orderId' in taken))
        throw new Error(`not taken in: ${JSON.stringify(taken)}`);
      const orderId = taken.orderId;
      expect(taken.warehouseId).toBe('GZ');
      const batch = await erp.POST('/api/orders/batch', {
        body: {
          orders: [
            {
              ...order,
              channelOrderId: `TB${stamp}-2`,
              consignee: { name: '张伟', phone: '13800138000' },
            },
            { ...order, channelOrderId: `TB${stamp}-3`, lines: [] },
          ],
        },
      });
      expect(batch.data?.results.map((result) => result.ok)).toEqual([true, false]);

      // Its trace, and the stock the storefront shows.
      const trace = await erp.GET('/api/orders/{orderId}/trace', {
        params: { path: { orderId } },
      });
      expect(trace.data?.order.id).toBe(orderId);
      expect(trace.data?.order.status).toBe('received');
      expect(trace.data?.timeline.map((entry) => entry.kind)).toContain('routed');
      const stock = await erp.GET('/api/inventory/stock/{skuId}', {
        params: { path: { skuId: 'SKU-00121' } },
      });
      expect(stock.data?.skuId).toBe('SKU-00121');
      expect(stock.data?.warehouses.map((w) => w.warehouseId)).toEqual(['GZ']);
      expect(stock.data?.warehouses[0]?.reserved).toBeGreaterThan(0);

      // Labels as the printers take them: PDF bytes and ZPL text.
      const pdf = await admin.GET('/api/labels/bins.pdf', {
        params: { query: { codes: 'A-03-12' } },
        parseAs: 'arrayBuffer',
      });
      expect(pdf.response.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(pdf.data!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const zpl = await admin.GET('/api/labels/badges.zpl', {
        params: { query: { codes: 'P-0001' } },
        parseAs: 'text',
      });
      expect(zpl.data).toMatch(/^\^XA/);
      expect(zpl.data).toContain('P-0001');

      // A CSV export, UTF-8 with a BOM (Excel opens it in Chinese).
      const csv = await erp.GET('/api/routing/rules.csv', { parseAs: 'text' });
      expect(csv.response.headers.get('content-type')).toContain('text/csv');
      expect(csv.data?.split(/\r?\n/)[0]).toMatch(/^\uFEFF?id,priority,name,warehouse_id,carrier/);
      expect(csv.data?.split(/\r?\n/).length).toBeGreaterThan(2);

      // A refusal comes back as the documented Error, not as data.
      const other = await erp.GET('/api/orders/{orderId}/trace', {
        params: { path: { orderId: 'SO-none' } },
      });
      expect(other.response.status).toBe(404);
      expect(other.error?.error.code).toBe('not_found');
    });
  });
});
