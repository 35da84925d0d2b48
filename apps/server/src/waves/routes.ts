import { documented } from '../api-docs/documented';
import {
  waveDetailSchema,
  cancelledWaveSchema,
  builtWavesSchema,
} from '../api-docs/response-schemas';
import {
  waveAssignSchema,
  waveBuildSchema,
  wavePreviewSchema,
  waveAssignedSchema,
} from '@wms/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireSession, type SessionEnv } from '../auth/require-session';
import type { AppDeps } from '../http/app-deps';
import { parseBody, parseWith, pathParam } from '../http/parse-input';
import { reassignWave } from './reassign-wave';
import { waveDetail } from './wave-detail';
import { buildWaves } from './build-waves';
import { cancelWave } from './cancel-wave';
import { movePreview } from './move-preview';

const previewQuerySchema = z.strictObject({
  mode: z.enum(['wave', 'remaining', 'split']).default('wave'),
});

/** Supervisor routes on waves. */
export function waveRoutes(deps: AppDeps) {
  return new Hono<SessionEnv>()
    .use(requireSession(deps.authSecret, ['supervisor', 'admin']))
    .post(
      '/build',
      documented({
        response: builtWavesSchema,
        status: 201,
        summary: 'Build waves from released orders',
        body: waveBuildSchema,
      }),
      async (c) => {
        const options = await parseBody(c, waveBuildSchema);
        return c.json(await buildWaves(deps.db, c.var.session, options, deps.now()), 201);
      },
    )
    .get(
      '/:waveId',
      documented({
        response: waveDetailSchema,
        summary: 'One wave of your warehouse with its pick lines',
      }),
      async (c) => c.json(await waveDetail(deps.db, c.var.session, pathParam(c, 'waveId'))),
    )
    .get(
      '/:waveId/move-preview',
      documented({
        summary:
          "What moving a wave would do (?mode=wave|remaining|split): the picker's backlog, last seen, lines moving",
        response: wavePreviewSchema,
      }),
      async (c) => {
        const { mode } = parseWith(previewQuerySchema, c.req.query());
        return c.json(await movePreview(deps.db, c.var.session, pathParam(c, 'waveId'), mode));
      },
    )
    .post(
      '/:waveId/cancel',
      documented({
        response: cancelledWaveSchema,
        summary: 'Cancel a wave: its orders go back to be waved again',
      }),
      async (c) =>
        c.json(await cancelWave(deps.db, c.var.session, pathParam(c, 'waveId'), deps.now())),
    )
    .post(
      '/:waveId/assign',
      documented({
        summary:
          "Give a wave, its remaining lines, or the lines past the picker's position to another picker (M2.1)",
        body: waveAssignSchema,
        response: waveAssignedSchema,
      }),
      async (c) => {
        const { userId, mode } = await parseBody(c, waveAssignSchema);
        return c.json(
          await reassignWave(deps.db, c.var.session, pathParam(c, 'waveId'), userId, mode),
        );
      },
    );
}
