import { registerDeviceRequestSchema } from '@wms/protocol';
import { Hono } from 'hono';
import type { AppDeps } from '../http/app-deps';
import { parseBody } from '../http/parse-input';
import { registerDevice } from './register-device';

export function deviceRoutes(deps: AppDeps) {
  return new Hono().post('/register', async (c) => {
    const request = await parseBody(c, registerDeviceRequestSchema);
    return c.json(await registerDevice(deps.db, request), 201);
  });
}
