import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../server';
import { assertPortFree } from './assert-port-free';

describe('a server started on a port already taken', () => {
  let taken: Server;
  let port = 0;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('says so plainly', async () => {
    await expect(assertPortFree('127.0.0.1', port)).rejects.toThrow(
      `Port ${port} on 127.0.0.1 is already in use: stop the server that holds it, or set PORT to another port. Nothing was changed in the database.`,
    );
  });

  it('stops before opening (and migrating) its database', async () => {
    let opened = false;
    const database = {
      kind: 'postgres' as const,
      get url(): string {
        opened = true;
        return 'postgres://nobody@127.0.0.1:1/never';
      },
    };
    await expect(
      startServer({
        mode: 'test',
        port,
        host: '127.0.0.1',
        database,
        authSecret: 'port-test-secret-long-enough-0123456789',
        tokenTtlMs: 3_600_000,
        seedDemo: false,
        pwaDist: '/nonexistent',
        logLevel: 'silent',
      }),
    ).rejects.toThrow(/already in use/);
    expect(opened).toBe(false);
  });

  it('a free port passes, and is free again afterwards', async () => {
    await assertPortFree('127.0.0.1', 0);
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const free = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await assertPortFree('127.0.0.1', free);
    await assertPortFree('127.0.0.1', free);
  });
});
