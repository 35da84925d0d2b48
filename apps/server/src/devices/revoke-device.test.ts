import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { scanEvents } from '../db/schema';
import {
  aLoggedInDevice,
  aPick,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  pull,
  push,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('revoking a lost handheld on $name', (target) => {
  const fixture = aSeededAppPerFile(target);

  it("stops the device's tokens at once: its next push and pull are refused and store nothing", async () => {
    const lost = await aLoggedInDevice(fixture.app, 'P-0001');
    const supervisor = await aLoggedInDevice(fixture.app, 'S-0001');
    const [line] = (await pull(fixture.app, lost)).lines;
    const res = await postJson(
      fixture.app,
      `/api/devices/${lost.deviceId}/revoke`,
      {},
      supervisor.token,
    );
    expect(res.status).toBe(200);
    const pushed = await push(fixture.app, lost, [aPick(lost, line!, 1)]);
    expect(pushed.status).toBe(401);
    expect(pushed.body.error?.code).toBe('device_revoked');
    const pulled = await fixture.app.request('/api/sync/pull', {
      headers: { authorization: `Bearer ${lost.token}` },
    });
    expect(pulled.status).toBe(401);
    expect(
      await fixture.database.db
        .select()
        .from(scanEvents)
        .where(eq(scanEvents.deviceId, lost.deviceId)),
    ).toEqual([]);
  });

  it('only a supervisor or admin may revoke, and an unknown id is named', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0002');
    const other = await aLoggedInDevice(fixture.app, 'P-0002');
    expect(
      (await postJson(fixture.app, `/api/devices/${other.deviceId}/revoke`, {}, picker.token))
        .status,
    ).toBe(403);
    const supervisor = await aLoggedInDevice(fixture.app, 'S-0001');
    const bad = await postJson(fixture.app, '/api/devices/not-a-uuid/revoke', {}, supervisor.token);
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).error.fields?.[0]?.path).toBe('deviceId');
  });
});
