import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseConfig } from '../db/database';
import { type RunningServer, startServer } from '../server';
import { hasPostgres, type OwnedDatabase, testDatabases } from '../testing/test-databases';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/database';
import { aLoggedInDevice, aPick, pull, push } from '../testing/test-app';
import { signStreamTicket } from '../auth/stream-ticket';

/** A running instance, spoken to over HTTP with the in-process test helpers. */
const overHttp = (url: string) =>
  ({
    request: (path: string, init?: RequestInit) => fetch(`${url}${path}`, init),
  }) as unknown as Parameters<typeof pull>[0];

const SECRET = 'poke-test-secret-long-enough-0123456789';

function configFor(database: DatabaseConfig) {
  return {
    mode: 'test' as const,
    port: 0,
    host: '127.0.0.1',
    database,
    authSecret: SECRET,
    tokenTtlMs: 3_600_000,
    seedDemo: true,
    pwaDist: '/nonexistent',
    logLevel: 'warn' as const,
  };
}

async function logIn(baseUrl: string, badge: string): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const device = (await (await post('/api/devices/register', { label: badge })).json()) as Record<
    string,
    unknown
  >;
  const session = (await (
    await post('/api/auth/login', { badge, pin: '1234', ...device })
  ).json()) as { token: string };
  return session.token;
}

async function streamTicket(baseUrl: string, token: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/sync/stream-ticket`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ticket: string }).ticket;
}

/** Opens the event stream as the device does (with a stream ticket) and collects the pokes. */
async function openPokes(baseUrl: string, token: string) {
  const controller = new AbortController();
  const ticket = await streamTicket(baseUrl, token);
  const res = await fetch(`${baseUrl}/api/sync/events?ticket=${ticket}`, {
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const received: string[] = [];
  const waiters: (() => void)[] = [];
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        for (const match of value.matchAll(/data: (.*)/g)) received.push(match[1] ?? '');
        waiters.splice(0).forEach((w) => w());
      }
    } catch {
      // aborted
    }
  })();
  const until = async (count: number) => {
    const deadline = Date.now() + 5000;
    while (received.length < count && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
    return received;
  };
  return { received, until, close: () => controller.abort() };
}

async function reassign(baseUrl: string, token: string, waveId: string, userId: string) {
  const res = await fetch(`${baseUrl}/api/waves/${waveId}/assign`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ userId }),
  });
  expect(res.status).toBe(200);
}

describe('live pokes over Server-Sent Events (PGlite, one instance)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(configFor({ kind: 'pglite', dataDir: null }));
  });
  afterAll(() => server.close());

  it('a picker whose scope changes is poked; a picker of another warehouse is not', async () => {
    const supervisor = await logIn(server.url, 'S-0001');
    const gained = await openPokes(server.url, await logIn(server.url, 'P-0002'));
    const elsewhere = await openPokes(server.url, await logIn(server.url, 'P-0003'));
    await gained.until(1);
    await elsewhere.until(1);
    await reassign(server.url, supervisor, 'W-GZ-B26-07', 'u-gz-p2');
    expect(await gained.until(2)).toEqual(['{"reason":"hello"}', '{"reason":"scope-changed"}']);
    await new Promise((r) => setTimeout(r, 300));
    expect(elsewhere.received).toEqual(['{"reason":"hello"}']);
    gained.close();
    elsewhere.close();
  });

  it('an event stream without a valid ticket is refused', async () => {
    expect((await fetch(`${server.url}/api/sync/events?ticket=nope`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/sync/events`)).status).toBe(401);
  });

  it('the session token never opens the stream from a URL (proxies log URLs)', async () => {
    const token = await logIn(server.url, 'P-0001');
    const res = await fetch(`${server.url}/api/sync/events?token=${token}`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });

  it('a stream ticket opens nothing but the stream, and expires in two minutes', async () => {
    const token = await logIn(server.url, 'P-0001');
    const issued = await fetch(`${server.url}/api/sync/stream-ticket`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const { ticket, expiresAt } = (await issued.json()) as { ticket: string; expiresAt: string };
    const lifetime = Date.parse(expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(100_000);
    expect(lifetime).toBeLessThanOrEqual(120_000);
    const asBearer = await fetch(`${server.url}/api/sync/pull`, {
      headers: { authorization: `Bearer ${ticket}` },
    });
    expect(asBearer.status).toBe(401);
    const stale = await signStreamTicket(
      { userId: 'u-gz-p1', role: 'picker', warehouseId: 'GZ', deviceId: 'd', epoch: 1 },
      SECRET,
      new Date(Date.now() - 10 * 60_000),
    );
    expect((await fetch(`${server.url}/api/sync/events?ticket=${stale.ticket}`)).status).toBe(401);
  });
});

describe.runIf(hasPostgres)(
  'live pokes across two server instances (Postgres LISTEN/NOTIFY)',
  () => {
    let database: OwnedDatabase;
    let first: RunningServer;
    let second: RunningServer;
    beforeAll(async () => {
      database = await testDatabases()
        .find((d) => d.name === 'postgres')!
        .open();
      first = await startServer(configFor({ kind: 'postgres', url: database.url! }));
      second = await startServer(configFor({ kind: 'postgres', url: database.url! }));
    });
    afterAll(async () => {
      await first.close();
      await second.close();
      await database.drop();
    });

    it('a change committed through one instance pokes a client of the other', async () => {
      const picker = await openPokes(second.url, await logIn(second.url, 'P-0002'));
      await picker.until(1);
      await reassign(first.url, await logIn(first.url, 'S-0001'), 'W-GZ-B26-07', 'u-gz-p2');
      expect(await picker.until(2)).toEqual(['{"reason":"hello"}', '{"reason":"scope-changed"}']);
      picker.close();
    });

    it('a device switching instances mid-sync loses nothing and counts nothing twice', async () => {
      const one = overHttp(first.url);
      const other = overHttp(second.url);
      // P-0002 holds wave B26-07 since the test above.
      const device = await aLoggedInDevice(one, 'P-0002');
      const start = await pull(one, device);
      const open = start.lines.filter((l) => l.status === 'open').slice(0, 4);
      expect(open).toHaveLength(4);
      const firstBatch = open.slice(0, 2).map((l) => aPick(device, l, 1));
      expect((await push(one, device, firstBatch)).body.ackedThroughSeq).toBe(2);
      const seenOnOther = await pull(other, device, start.cursor);
      expect(seenOnOther.ackedThroughSeq).toBe(2);
      expect(seenOnOther.lines.map((l) => [l.id, l.pickedQty]).sort()).toEqual(
        open
          .slice(0, 2)
          .map((l) => [l.id, l.pickedQty + 1])
          .sort(),
      );
      // The reply to the first push was lost: the device sends it again, with more, elsewhere.
      const secondBatch = open.slice(2).map((l) => aPick(device, l, 1));
      const { body: replied } = await push(other, device, [...firstBatch, ...secondBatch]);
      expect(replied.ackedThroughSeq).toBe(4);
      expect(replied.results.map((r) => r.outcome)).toEqual([
        'applied',
        'applied',
        'applied',
        'applied',
      ]);
      const back = await pull(one, device, seenOnOther.cursor);
      expect(back.ackedThroughSeq).toBe(4);
      expect(back.lines.map((l) => [l.id, l.pickedQty]).sort()).toEqual(
        open
          .slice(2)
          .map((l) => [l.id, l.pickedQty + 1])
          .sort(),
      );
      const [stored] = await queryRows<{ events: number; picked: number }>(
        first.database.db,
        sql`select (select count(*)::int from scan_events where device_id = ${device.deviceId}) as events,
                   (select sum(picked_qty)::int from pick_lines
                    where id in (select jsonb_array_elements_text(${JSON.stringify(open.map((l) => l.id))}::jsonb))) as picked`,
      );
      expect(stored).toEqual({
        events: 4,
        picked: open.reduce((sum, l) => sum + l.pickedQty, 0) + 4,
      });
    });
  },
);
