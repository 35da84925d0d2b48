import { documented } from '../api-docs/documented';
import {
  POKE_EVENT,
  type Poke,
  pushRequestSchema,
  pushResponseSchema,
  pullResponseSchema,
  unlockVerifiersResponseSchema,
  streamTicketSchema,
} from '@wms/protocol';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { assertDeviceOfSession } from '../auth/reject-revoked-devices';
import { requireSession, type SessionEnv } from '../auth/require-session';
import { signStreamTicket } from '../auth/stream-ticket';
import { unlockVerifiersOf } from '../auth/unlock-verifiers';
import { ApiError } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import { parseBody, parseWith } from '../http/parse-input';
import { pullAndReportSeen } from './pull';
import { pushEvents } from './push';

const pullQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional(),
  highestLocalSeq: z.coerce.number().int().min(0).optional(),
});

/**
 * The push body's schema, compiled ahead of time (zod's generated fast path, with the same results
 * and the same errors): a batch of 500 events is the largest body the server parses, and the
 * runtime parser spent ~15 ms on one.
 */
const pushBodySchema = z.compile(pushRequestSchema);

export function syncRoutes(deps: AppDeps) {
  const auth = requireSession(deps.authSecret);
  return new Hono<SessionEnv>()
    .post(
      '/push',
      documented({
        summary:
          "A device's scan events, in seq order, answered event by event; a gap in seq is 409 seq_gap with the seq expected",
        body: pushRequestSchema,
        response: pushResponseSchema,
        refusals: [409],
      }),
      auth,
      async (c) => {
        const request = await parseBody(c, pushBodySchema);
        const started = performance.now();
        const now = deps.now();
        const session = c.var.session;
        try {
          const response = await pushEvents(
            deps.db,
            session,
            request,
            now,
            (stored, replayed) =>
              deps.metrics?.observePush(
                stored,
                replayed,
                (performance.now() - started) / 1000,
                now,
              ),
            deps.authSecret,
          );
          return c.json(response);
        } catch (error) {
          // The push locks the incarnation only while the device is current (the revoked-device
          // check of every request, made there instead of by the middleware): say which refusal.
          if (error instanceof ApiError && error.code === 'device_superseded') {
            await assertDeviceOfSession(deps.db, session);
          }
          throw error;
        }
      },
    )
    .get(
      '/pull',
      documented({
        summary: "The device's waves and pick lines changed since ?cursor=",
        response: pullResponseSchema,
      }),
      auth,
      async (c) => {
        const { cursor, highestLocalSeq } = parseWith(pullQuerySchema, c.req.query());
        const session = c.var.session;
        const { response, heldTxid } = await pullAndReportSeen(
          deps.db,
          session,
          cursor,
          highestLocalSeq,
          deps.now(),
        );
        if (heldTxid !== null) deps.pokes.pokeWhenServable(session, heldTxid);
        return c.json(response);
      },
    )
    .get(
      '/unlock-verifiers',
      documented({
        summary:
          "The active supervisors and admins of the caller's warehouse with the PBKDF2 verifier their handhelds check a lead's PIN against offline (scanner settings)",
        response: unlockVerifiersResponseSchema,
      }),
      auth,
      async (c) => c.json(await unlockVerifiersOf(deps.db, c.var.session.warehouseId)),
    )
    .post(
      '/stream-ticket',
      documented({
        summary: 'A short-lived ticket for GET /api/sync/events (EventSource sends no headers)',
        response: streamTicketSchema,
      }),
      auth,
      async (c) => c.json(await signStreamTicket(c.var.session, deps.authSecret, deps.now())),
    )
    .get(
      '/events',
      documented({
        summary:
          'Server-sent pokes (event: poke) telling the device to pull; ?ticket= authenticates',
        stream: true,
      }),
      requireSession(deps.authSecret, undefined, { ticketInQuery: true }),
      (c) =>
        streamSSE(c, async (stream) => {
          const send = (poke: Poke) =>
            stream.writeSSE({ event: POKE_EVENT, data: JSON.stringify(poke) });
          let pending = false;
          const unsubscribe = deps.pokes.subscribe(c.var.session, () => {
            if (pending) return;
            pending = true;
            queueMicrotask(() => {
              pending = false;
              void send({ reason: 'scope-changed' });
            });
          });
          stream.onAbort(unsubscribe);
          // On shutdown the stream ends, so the device's EventSource reconnects (to another
          // instance behind the load balancer) instead of waiting on a server that is going away.
          const draining = deps.lifecycle?.drainSignal;
          const drained = new Promise<void>((resolve) => {
            if (!draining || draining.aborted) resolve();
            else draining.addEventListener('abort', () => resolve(), { once: true });
          });
          const open = () => !stream.aborted && !stream.closed && !draining?.aborted;
          if (open()) await send({ reason: 'hello' });
          while (open()) {
            await Promise.race([stream.sleep(deps.keepAliveMs ?? 25_000), drained]);
            if (open()) await stream.write(': keep-alive\n\n');
          }
          unsubscribe();
        }),
    );
}
