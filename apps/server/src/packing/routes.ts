import { documented } from '../api-docs/documented';
import { packOrderSchema } from '@wms/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireCaller } from '../auth/require-caller';
import type { SessionEnv } from '../auth/require-session';
import type { AppDeps } from '../http/app-deps';
import { pathParam } from '../http/parse-input';
import { packOrder } from './pack-order';

const codeSchema = z.string().trim().min(1).max(64);

/** The pack bench (issue 22): what to pack. Packing itself arrives as outbox events (sync/push). */
export function packingRoutes(deps: AppDeps) {
  return new Hono<SessionEnv>().get(
    '/orders/:code',
    documented({
      summary:
        'The pack bench: an order (by id or tote) with lines, barcodes, SKU weights, lots picked, parcels so far, boxes and the weight tolerance. Packing itself is pushed as events parcel-packed@1 and pack-weight-mismatch@1 (POST /api/sync/push)',
      response: packOrderSchema,
    }),
    requireCaller(deps, ['picker', 'supervisor', 'admin']),
    async (c) => c.json(await packOrder(deps.db, c.var.session, pathParam(c, 'code', codeSchema))),
  );
}
