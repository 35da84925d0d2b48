import {
  cycleCountSchema,
  exceptionAssignSchema,
  exceptionResolveSchema,
  uuidSchema,
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
    .get('/', async (c) => c.json(await listOpenTasks(deps.db, c.var.session)))
    .post('/:taskId/count', async (c) => {
      const { countedQty } = await parseBody(c, cycleCountSchema);
      const taskId = pathParam(c, 'taskId', uuidSchema);
      return c.json(await countBin(deps.db, c.var.session, taskId, countedQty, deps.now()));
    })
    .post('/:taskId/resolve', async (c) => {
      await parseBody(c, exceptionResolveSchema);
      const taskId = pathParam(c, 'taskId', uuidSchema);
      return c.json(await resolveTask(deps.db, c.var.session, taskId, deps.now()));
    })
    .post('/:taskId/assign', async (c) => {
      const { userId } = await parseBody(c, exceptionAssignSchema);
      const taskId = pathParam(c, 'taskId', uuidSchema);
      return c.json(await assignTask(deps.db, c.var.session, taskId, userId, deps.now()));
    });
}
