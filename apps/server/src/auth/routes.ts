import { loginRequestSchema } from '@wms/protocol';
import { Hono } from 'hono';
import type { AppDeps } from '../http/app-deps';
import { parseBody } from '../http/parse-input';
import { login } from './login';

export function authRoutes(deps: AppDeps) {
  return new Hono().post('/login', async (c) => {
    const request = await parseBody(c, loginRequestSchema);
    return c.json(await login(deps, request));
  });
}
