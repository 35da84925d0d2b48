import { webhookEventTypeSchema } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { aSeededAppPerFile } from '../testing/test-app';
import { apiRoutes } from '../testing/api-routes';
import { testDatabases } from '../testing/test-databases';
import { openApiDocument } from './openapi-document';

type Paths = Record<string, Record<string, unknown>>;

/** Every operation of the document as `METHOD /path/:param`, the way Hono writes routes. */
function documentedRoutes(paths: Paths): string[] {
  return Object.entries(paths)
    .flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    )
    .sort();
}

describe.each(testDatabases().slice(0, 1))(
  'the route table and the API document on $name',
  (target) => {
    const fx = aSeededAppPerFile(target);

    it('document every route the app answers (every route carries a spec), and nothing it does not', () => {
      const routes = apiRoutes(fx.app);
      const documented = documentedRoutes(openApiDocument(fx.app).paths);
      expect({
        undocumented: routes.filter((r) => !documented.includes(r)),
        stale: documented.filter((r) => !routes.includes(r)),
      }).toEqual({ undocumented: [], stale: [] });
      expect(routes.length).toBeGreaterThan(130);
    });

    it('give every operation a unique operationId and its security', () => {
      const operations = Object.values(openApiDocument(fx.app).paths).flatMap((ops) =>
        Object.values(ops as Record<string, { operationId: string; security: unknown[] }>),
      );
      const ids = operations.map((op) => op.operationId);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      expect(operations.filter((op) => !Array.isArray(op.security))).toEqual([]);
    });

    it('declare downloads by their media type, public routes without a token', () => {
      const paths = openApiDocument(fx.app).paths as Record<
        string,
        Record<string, { security: unknown[]; responses: Record<string, { content?: object }> }>
      >;
      const contentOf = (path: string, status = '200') =>
        Object.keys(paths[path]?.get?.responses[status]?.content ?? {});
      expect(contentOf('/api/admin/backup')).toEqual(['application/gzip']);
      expect(contentOf('/api/labels/bins.pdf')).toEqual(['application/pdf']);
      expect(contentOf('/api/orders/{orderId}/parcels/{parcelNo}/waybill.zpl')).toEqual([
        'application/vnd.zebra-zpl',
      ]);
      expect(contentOf('/api/routing/rules.csv')).toEqual(['text/csv']);
      expect(contentOf('/api/admin/skus.xlsx')).toEqual([
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ]);
      expect(paths['/api/order-status/{token}']?.get?.security).toEqual([]);
      expect(Object.keys(paths['/api/order-status/{token}']?.get?.responses ?? {})).toContain(
        '429',
      );
      expect(paths['/api/orders']?.post?.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(paths['/api/orders']?.post?.responses ?? {}).slice(0, 3)).toEqual([
        '200',
        '201',
        '202',
      ]);
    });

    it('describe every outgoing webhook event', () => {
      const { webhooks } = openApiDocument(fx.app);
      expect(Object.keys(webhooks)).toEqual(webhookEventTypeSchema.options);
    });
  },
);
