import { Hono } from 'hono';
import { requireSession, type SessionEnv } from '../auth/require-session';
import type { AppDeps } from '../http/app-deps';
import { listOpenTasks } from './list-tasks';

/** Supervisor routes on warehouse tasks (reprint a label, count a bin). */
export function taskRoutes(deps: AppDeps) {
  return new Hono<SessionEnv>()
    .use(requireSession(deps.authSecret, ['supervisor', 'admin']))
    .get('/', async (c) => c.json(await listOpenTasks(deps.db, c.var.session)));
}
