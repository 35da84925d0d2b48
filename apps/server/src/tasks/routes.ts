import { cycleCountSchema, uuidSchema } from '@wms/protocol';
import { Hono } from 'hono';
import { requireSession, type SessionEnv } from '../auth/require-session';
import type { AppDeps } from '../http/app-deps';
import { parseBody, pathParam } from '../http/parse-input';
import { countBin } from './count-bin';
import { listOpenTasks } from './list-tasks';

/** Supervisor routes on warehouse tasks (reprint a label, count a bin and record the count). */
export function taskRoutes(deps: AppDeps) {
  return new Hono<SessionEnv>()
    .use(requireSession(deps.authSecret, ['supervisor', 'admin']))
    .get('/', async (c) => c.json(await listOpenTasks(deps.db, c.var.session)))
    .post('/:taskId/count', async (c) => {
      const { countedQty } = await parseBody(c, cycleCountSchema);
      const taskId = pathParam(c, 'taskId', uuidSchema);
      return c.json(await countBin(deps.db, c.var.session, taskId, countedQty, deps.now()));
    });
}
