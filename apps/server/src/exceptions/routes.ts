import { documented } from '../api-docs/documented';
import {
  exceptionResolvedSchema,
  assignedSchema,
  countTaskOpenedSchema,
  exceptionListQuery,
  exceptionListSchema,
  replayedSchema,
} from '../api-docs/response-schemas';
import { exceptionAssignSchema, exceptionResolveSchema, exceptionQueueSchema } from '@wms/protocol';
import { Hono } from 'hono';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requireSession, type SessionEnv } from '../auth/require-session';
import { exceptions } from '../db/schema';
import type { AppDeps } from '../http/app-deps';
import { parseBody, parseWith, pathParam } from '../http/parse-input';
import { assignException, openCountForException, resolveException } from './act-on-exception';
import { exceptionQueue } from './exception-queue';
import { replayDelivery } from '../webhooks/routes';

const listQuerySchema = z.strictObject({ status: z.enum(['open', 'resolved']).default('open') });
const exceptionId = z.uuid();

/** The exceptions of the supervisor's warehouse, newest first; the queue and its actions. */
export function exceptionRoutes(deps: AppDeps) {
  return (
    new Hono<SessionEnv>()
      .use(requireSession(deps.authSecret, ['supervisor', 'admin']))
      .get(
        '/',
        documented({
          query: exceptionListQuery,
          response: exceptionListSchema,
          summary: 'Exceptions of your warehouse, newest first (?status=open|resolved, up to 500)',
        }),
        async (c) => {
          const { status } = parseWith(listQuerySchema, c.req.query());
          const rows = await deps.db
            .select()
            .from(exceptions)
            .where(
              and(
                eq(exceptions.warehouseId, c.var.session.warehouseId),
                eq(exceptions.status, status),
              ),
            )
            .orderBy(desc(exceptions.openedAt))
            .limit(500);
          return c.json({ exceptions: rows });
        },
      )
      .get(
        '/queue',
        documented({
          summary:
            'The exceptions queue: exceptions with evidence, open tasks, held orders, dead webhook deliveries',
          response: exceptionQueueSchema,
        }),
        async (c) =>
          c.json({
            items: await exceptionQueue(deps.db, c.var.session.warehouseId),
          }),
      )
      .post(
        '/:exceptionId/resolve',
        documented({
          response: exceptionResolvedSchema,
          summary:
            'Resolve an exception (stamps answered and resolved times); a returned wrong item takes its refund decision (`refund`)',
          body: exceptionResolveSchema,
        }),
        async (c) => {
          const id = pathParam(c, 'exceptionId', exceptionId);
          const decision = await parseBody(c, exceptionResolveSchema);
          return c.json(await resolveException(deps.db, c.var.session, id, decision, deps.now()));
        },
      )
      .post(
        '/:exceptionId/assign',
        documented({
          response: assignedSchema,
          summary: 'Give an exception to a person of the warehouse',
          body: exceptionAssignSchema,
        }),
        async (c) => {
          const id = pathParam(c, 'exceptionId', exceptionId);
          const { userId } = await parseBody(c, exceptionAssignSchema);
          return c.json(await assignException(deps.db, c.var.session, id, userId, deps.now()));
        },
      )
      .post(
        '/:exceptionId/count-task',
        documented({
          response: countTaskOpenedSchema,
          status: 201,
          summary: "Open a cycle-count task for the exception's bin",
        }),
        async (c) => {
          const id = pathParam(c, 'exceptionId', exceptionId);
          return c.json(await openCountForException(deps.db, c.var.session, id, deps.now()), 201);
        },
      )
      // A failed webhook in the queue: its subscriber (the warehouse's ERP) was down; once it is
      // back, the supervisor sends the event again.
      .post(
        '/webhook-deliveries/:deliveryId/replay',
        documented({
          response: replayedSchema,
          summary:
            'Send a failed webhook of the queue again (the warehouse’s own subscriptions), a new 24-hour retry window',
        }),
        async (c) =>
          c.json(
            await replayDelivery(
              deps.db,
              c.var.session.warehouseId,
              pathParam(c, 'deliveryId', z.uuid()),
              deps.now(),
            ),
          ),
      )
  );
}
