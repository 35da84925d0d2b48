import { PROTOCOL_VERSION } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import { aLoggedInDevice, aPick, aSeededApp, aSeededAppPerFile, bodyOf } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

const LINE = {
  id: 'PL-SO-B26-07-001-1',
  waveId: 'W-GZ-B26-07',
  binCode: 'A-01-01',
  skuId: 'SKU-00001',
  qty: 1,
} as never;

describe.each(testDatabases())('the protocol version handshake on $name', (target) => {
  const fx = aSeededAppPerFile(target);

  it('a server that no longer reads a version refuses it with 426 and stores nothing of it', async () => {
    const { app, database } = fx;
    // Today's server, and the same database behind a server that reads only 4 onwards.
    const newer = (await aSeededApp(database, { readableProtocol: { oldest: 4, newest: 9 } })).app;
    const picker = await aLoggedInDevice(app, 'P-0001');
    const push = (server: typeof app, headers: Record<string, string>) =>
      server.request('/api/sync/push', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${picker.token}`,
          ...headers,
        },
        body: JSON.stringify({
          deviceId: picker.deviceId,
          epoch: picker.epoch,
          highestLocalSeq: 1,
          events: [{ ...aPick(picker, LINE), seq: 1 }],
        }),
      });
    const stored = async () =>
      (
        await queryRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from scan_events where device_id = ${picker.deviceId}`,
        )
      )[0]?.n;

    for (const headers of [{ 'x-protocol-version': '3' }, {}] as Record<string, string>[]) {
      const refused = await push(newer, headers);
      expect(refused.status).toBe(426);
      expect((await bodyOf(refused)).error).toMatchObject({
        code: 'app_update_required',
        params: { deviceVersion: '3', oldest: 4, newest: 9 },
      });
    }
    const garbled = await push(newer, { 'x-protocol-version': 'v4' });
    expect(garbled.status).toBe(426);
    expect(await stored()).toBe(0);

    // The updated app sends the same events again: stored once.
    const accepted = await push(newer, { 'x-protocol-version': String(PROTOCOL_VERSION) });
    expect(accepted.status).toBe(200);
    expect(await stored()).toBe(1);
  });

  it("today's server reads every version from 1 to PROTOCOL_VERSION, and refuses a newer one", async () => {
    const { app } = fx;
    const health = (version: string) =>
      app.request('/api/console/board', { headers: { 'x-protocol-version': version } });
    for (let v = 1; v <= PROTOCOL_VERSION; v++) expect((await health(String(v))).status).toBe(401);
    expect((await health(String(PROTOCOL_VERSION + 1))).status).toBe(426);
    // Integrations send no header: the current API.
    expect((await app.request('/api/console/board')).status).toBe(401);
  });
});
