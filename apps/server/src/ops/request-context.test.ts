import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { PokeHub } from '../sync/poke-hub';
import { TEST_SECRET } from '../testing/test-app';
import { type OwnedDatabase, testDatabases } from '../testing/test-databases';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids and JSON logs', () => {
  let database: OwnedDatabase;
  let app: ReturnType<typeof createApp>;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    database = await testDatabases()[0]!.open();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    app = createApp({
      db: database.db,
      pokes: new PokeHub(),
      authSecret: TEST_SECRET,
      tokenTtlMs: 3_600_000,
      pwaDist: null,
      now: () => new Date(),
      logger: pino({ level: 'info' }, sink),
    });
  });
  afterAll(() => database.drop());

  it('keeps a sane X-Request-Id, echoes it, and logs one JSON line with it', async () => {
    const res = await app.request('/healthz', { headers: { 'x-request-id': 'lb-7f3a:0042' } });
    expect(res.headers.get('x-request-id')).toBe('lb-7f3a:0042');
    const line = lines.find((l) => l.reqId === 'lb-7f3a:0042');
    expect(line).toMatchObject({
      level: 30,
      msg: 'request',
      method: 'GET',
      path: '/healthz',
      route: '/healthz',
      status: 200,
    });
    expect(typeof line?.ms).toBe('number');
  });

  it('replaces a missing or insane id with a UUID', async () => {
    const none = await app.request('/healthz');
    expect(none.headers.get('x-request-id')).toMatch(UUID);
    const insane = await app.request('/healthz', {
      headers: { 'x-request-id': 'x'.repeat(129) },
    });
    expect(insane.headers.get('x-request-id')).toMatch(UUID);
    const injected = await app.request('/healthz', {
      headers: { 'x-request-id': 'a"}\t{"level":60' },
    });
    expect(injected.headers.get('x-request-id')).toMatch(UUID);
  });

  it('puts the id in error bodies, and the error is logged with it', async () => {
    const res = await app.request('/api/sync/pull', { headers: { 'x-request-id': 'req-401' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('req-401');
    const body = (await res.json()) as { error: { code: string; requestId: string } };
    expect(body.error).toMatchObject({ code: 'unauthenticated', requestId: 'req-401' });
    expect(lines.find((l) => l.reqId === 'req-401')).toMatchObject({
      status: 401,
      route: '/api/sync/pull',
    });
    const bad = await app.request('/api/devices/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-400' },
      body: '{"label":""}',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { requestId: string } }).error.requestId).toBe(
      'req-400',
    );
  });
});
