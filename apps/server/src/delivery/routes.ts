import { documented } from '../api-docs/documented';
import {
  trackingEventsSchema,
  trackingEventsResultSchema,
  orderStatusPageSchema,
} from '@wms/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireCaller } from '../auth/require-caller';
import type { SessionEnv } from '../auth/require-session';
import type { AppDeps } from '../http/app-deps';
import { forbidden } from '../http/api-error';
import { parseBody, pathParam } from '../http/parse-input';
import { orderStatusPage } from './order-status';
import { recordTrackingEvents } from './tracking-events';

/** Carrier tracking events in (a warehouse's integration key), issue 22. */
export function trackingRoutes(deps: AppDeps) {
  return new Hono<SessionEnv>().post(
    '/tracking-events',
    documented({
      summary:
        'Carrier tracking events per parcel (in-transit, delivered, failed) from a warehouse integration key; stored once per carrier event id',
      body: trackingEventsSchema,
      response: trackingEventsResultSchema,
    }),
    requireCaller(deps, ['integration']),
    async (c) => {
      if (c.var.session.channel) throw forbidden('Tracking events come from a warehouse key');
      const input = await parseBody(c, trackingEventsSchema);
      return c.json(await recordTrackingEvents(deps.db, c.var.session, input, deps.now()));
    },
  );
}

/** The customer's order status page behind a signed link (public, rate-limited in app.ts). */
export function orderStatusRoutes(deps: AppDeps) {
  return new Hono().get(
    '/:token',
    documented({
      refusals: [429],
      summary:
        'The customer’s order status through the signed link of order.shipped (statusUrl); public, rate-limited per address (429 rate_limited), each query counted for the health index',
      response: orderStatusPageSchema,
    }),
    async (c) =>
      c.json(
        await orderStatusPage(
          deps.db,
          pathParam(c, 'token', z.string().min(10).max(400)),
          deps.authSecret,
          deps.now(),
        ),
      ),
  );
}
