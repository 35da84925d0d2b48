import { documented } from '../api-docs/documented';
import { loginRequestSchema, loginResponseSchema } from '@wms/protocol';
import { Hono } from 'hono';
import type { AppDeps } from '../http/app-deps';
import { parseBody } from '../http/parse-input';
import { login } from './login';

export function authRoutes(deps: AppDeps) {
  return new Hono().post(
    '/login',
    documented({
      summary:
        'Sign in on a registered device with badge and PIN (a badge locks after repeated wrong PINs); rate-limited per address',
      body: loginRequestSchema,
      response: loginResponseSchema,
      refusals: [401, 403, 429],
    }),
    async (c) => {
      const request = await parseBody(c, loginRequestSchema);
      return c.json(await login(deps, request));
    },
  );
}
