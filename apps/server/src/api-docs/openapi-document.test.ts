import { describe, expect, it } from 'vitest';
import { aSeededAppPerFile, bodyOf } from '../testing/test-app';
import { apiRoutes } from '../testing/api-routes';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases().slice(0, 1))('the API reference on $name', (target) => {
  const fx = aSeededAppPerFile(target);

  it('serves an OpenAPI 3.1 document generated from the intake schemas', async () => {
    const doc = await bodyOf<{
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<
                string,
                { schema: { properties?: Record<string, { enum?: string[] }> } }
              >;
            };
          }
        >
      >;
    }>(await fx.app.request('/api/openapi.json'));
    expect(doc.openapi).toBe('3.1.0');
    const intake = doc.paths['/api/orders']?.post?.requestBody?.content['application/json']?.schema;
    expect(intake?.properties?.channel?.enum).toContain('pinduoduo');
    // Issue 21: the customer's confirmation page, public, and its webhook event.
    expect(Object.keys(doc.paths['/api/address-confirmations/{token}'] ?? {})).toEqual([
      'get',
      'post',
    ]);
    expect(JSON.stringify(doc)).toContain('order.address-confirmation-requested');
  });

  it('serves a readable reference page', async () => {
    const res = await fx.app.request('/api/docs');
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('/api/orders/batch');
  });
});

describe.each(testDatabases().slice(0, 1))(
  'admin routes in the API reference on $name',
  (target) => {
    const fx = aSeededAppPerFile(target);

    it('documents every master-data, device and label route', async () => {
      const doc = await bodyOf<{ paths: Record<string, Record<string, unknown>> }>(
        await fx.app.request('/api/openapi.json'),
      );
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      );
      const wanted = apiRoutes(fx.app).filter((r) =>
        /^\w+ \/api\/(admin|labels|devices)\//.test(r),
      );
      expect(wanted.filter((r) => !documented.includes(r))).toEqual([]);
      expect(wanted.length).toBeGreaterThan(25);
    });
  },
);
