import { idSchema, waveBuildSchema } from '@wms/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireSession, type SessionEnv } from '../auth/require-session';
import type { AppDeps } from '../http/app-deps';
import { parseBody, pathParam } from '../http/parse-input';
import { reassignWave } from './reassign-wave';
import { waveDetail } from './wave-detail';
import { buildWaves } from './build-waves';
import { cancelWave } from './cancel-wave';

const assignSchema = z.strictObject({ userId: idSchema.nullable() });

/** Supervisor routes on waves. */
export function waveRoutes(deps: AppDeps) {
  return new Hono<SessionEnv>()
    .use(requireSession(deps.authSecret, ['supervisor', 'admin']))
    .post('/build', async (c) => {
      const options = await parseBody(c, waveBuildSchema);
      return c.json(await buildWaves(deps.db, c.var.session, options, deps.now()), 201);
    })
    .get('/:waveId', async (c) =>
      c.json(await waveDetail(deps.db, c.var.session, pathParam(c, 'waveId'))),
    )
    .post('/:waveId/cancel', async (c) =>
      c.json(await cancelWave(deps.db, c.var.session, pathParam(c, 'waveId'), deps.now())),
    )
    .post('/:waveId/assign', async (c) => {
      const { userId } = await parseBody(c, assignSchema);
      return c.json(await reassignWave(deps.db, c.var.session, pathParam(c, 'waveId'), userId));
    });
}
