import { documented } from '../api-docs/documented';
import { taskResolvedSchema, assignedSchema } from '../api-docs/response-schemas';
import {
  cycleCountSchema,
  exceptionAssignSchema,
  exceptionResolveSchema,
  uuidSchema,
  cycleCountResultSchema,
  taskListResponseSchema,
} from '@wms/protocol';
import { Hono } from 'hono';
import { requireSession, type SessionEnv } from '../auth/require-session';
import type { AppDeps } from '../http/app-deps';
import { parseBody, pathParam } from '../http/parse-input';
import { assignTask, resolveTask } from './act-on-task';
import { countBin } from './count-bin';
import { listOpenTasks } from './list-tasks';

/** Supervisor routes on warehouse tasks (reprint a label, count a bin and record the count, resolve, assign). */
export function taskRoutes(deps: AppDeps) {
  return new Hono<SessionEnv>()
    .use(requireSession(deps.authSecret, ['supervisor', 'admin']))
    .get(
      '/',
      documented({
        summary: 'Open warehouse tasks of your warehouse (reprint a label, count a bin)',
        response: taskListResponseSchema,
      }),
      async (c) => c.json(await listOpenTasks(deps.db, c.var.session)),
    )
    .post(
      '/:taskId/count',
      documented({
        summary:
          'Record a cycle count: the bin moves by the difference through the ledger (the pool follows); the task closes',
        body: cycleCountSchema,
        response: cycleCountResultSchema,
      }),
      async (c) => {
        const { countedQty } = await parseBody(c, cycleCountSchema);
        const taskId = pathParam(c, 'taskId', uuidSchema);
        return c.json(await countBin(deps.db, c.var.session, taskId, countedQty, deps.now()));
      },
    )
    .post(
      '/:taskId/resolve',
      documented({
        response: taskResolvedSchema,
        summary: 'Resolve a warehouse task',
        body: exceptionResolveSchema,
      }),
      async (c) => {
        await parseBody(c, exceptionResolveSchema);
        const taskId = pathParam(c, 'taskId', uuidSchema);
        return c.json(await resolveTask(deps.db, c.var.session, taskId, deps.now()));
      },
    )
    .post(
      '/:taskId/assign',
      documented({
        response: assignedSchema,
        summary: 'Give a warehouse task to a person of the warehouse',
        body: exceptionAssignSchema,
      }),
      async (c) => {
        const { userId } = await parseBody(c, exceptionAssignSchema);
        const taskId = pathParam(c, 'taskId', uuidSchema);
        return c.json(await assignTask(deps.db, c.var.session, taskId, userId, deps.now()));
      },
    );
}
