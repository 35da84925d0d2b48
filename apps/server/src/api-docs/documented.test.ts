import { Hono } from 'hono';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { documented, operationsOf } from './documented';

describe('operations declared where their routes are', () => {
  const pong = z.object({ pong: z.boolean() });
  const sub = () =>
    new Hono()
      .get('/', documented({ summary: 'List', response: pong }), (c) => c.json({ pong: true }))
      .post('/:thingId/ping', documented({ summary: 'Ping one', status: 201 }), (c) =>
        c.json({ pong: true }, 201),
      )
      .get('/undocumented', (c) => c.json({}));

  it('are found in the assembled app with their full method and path, :param as {param}', () => {
    const app = new Hono().route('/api/things', sub());
    expect(operationsOf(app).map(({ method, path, summary }) => [method, path, summary])).toEqual([
      ['get', '/api/things', 'List'],
      ['post', '/api/things/{thingId}/ping', 'Ping one'],
    ]);
  });

  it('are found through the wrapper of a sub-app that has its own error handler', async () => {
    const own = sub();
    own.onError((_err, c) => c.json({ error: 'own' }, 500));
    const app = new Hono().route('/api/things', own);
    expect(operationsOf(app).map((op) => `${op.method} ${op.path}`)).toEqual([
      'get /api/things',
      'post /api/things/{thingId}/ping',
    ]);
    // The middleware passes the request on.
    expect(await (await app.request('/api/things')).json()).toEqual({ pong: true });
  });
});
