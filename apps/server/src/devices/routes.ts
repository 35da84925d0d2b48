import { registerDeviceRequestSchema, uuidSchema } from '@wms/protocol';
import { Hono } from 'hono';
import type { AppDeps } from '../http/app-deps';
import { z } from 'zod';
import { requireSession, type SessionEnv } from '../auth/require-session';
import { parseBody, parseWith } from '../http/parse-input';
import { revokeDevice } from './revoke-device';
import { registerDevice } from './register-device';

export function deviceRoutes(deps: AppDeps) {
  return new Hono<SessionEnv>()
    .post('/register', async (c) => {
      const request = await parseBody(c, registerDeviceRequestSchema);
      return c.json(await registerDevice(deps.db, request), 201);
    })
    .post(
      '/:deviceId/revoke',
      requireSession(deps.authSecret, ['supervisor', 'admin']),
      async (c) => {
        const { deviceId } = parseWith(deviceParamSchema, c.req.param());
        return c.json(await revokeDevice(deps.db, deviceId, deps.now()));
      },
    );
}

const deviceParamSchema = z.object({ deviceId: uuidSchema });
