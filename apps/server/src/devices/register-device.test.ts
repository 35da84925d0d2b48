import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deviceIncarnations } from '../db/schema';
import type { LoginResponse, RegisterDeviceResponse } from '@wms/protocol';
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

describe.each(testDatabases())('device registration and login on $name', (target) => {
  const fixture = aSeededAppPerFile(target);

  const register = async (body: unknown) => postJson(fixture.app, '/api/devices/register', body);

  it('a device whose local database is gone gets the next epoch, and its lost events are counted', async () => {
    const first = await bodyOf<RegisterDeviceResponse>(await register({ label: 'MC33-01' }));
    const login = await postJson(fixture.app, '/api/auth/login', {
      badge: 'P-0001',
      pin: '1234',
      ...first,
    });
    const { token, user } = await bodyOf<LoginResponse>(login);
    const device = { deviceId: first.deviceId, epoch: 1, token, userId: user.id, nextSeq: 1 };
    const [line] = (await pull(fixture.app, device)).lines;
    await push(fixture.app, device, [aPick(device, line!, 1), aPick(device, line!, 1)], 5);

    const again = await register({
      label: 'MC33-01',
      previous: { deviceId: first.deviceId, deviceSecret: first.deviceSecret, lastKnownSeq: 4 },
    });
    expect(again.status).toBe(201);
    expect(await bodyOf(again)).toEqual({
      deviceId: first.deviceId,
      epoch: 2,
      deviceSecret: first.deviceSecret,
    });
    const [old] = await fixture.database.db
      .select()
      .from(deviceIncarnations)
      .where(and(eq(deviceIncarnations.deviceId, first.deviceId), eq(deviceIncarnations.epoch, 1)));
    expect(old).toMatchObject({ lastSeq: 2, highestLocalSeq: 5, lostSeqs: 3 });
    const supervisor = await aLoggedInDevice(fixture.app, 'S-0001');
    const listed = await fixture.app.request('/api/exceptions', {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    const { exceptions } = await bodyOf<{
      exceptions: { kind: string; qty: number; message: string }[];
    }>(listed);
    expect(exceptions.filter((x) => x.kind === 'events-lost')).toEqual([
      expect.objectContaining({
        qty: 3,
        message:
          'Handheld MC33-01 lost 3 unsynced scans (seq 3–5) when its storage was wiped: recount what Li Wei picked on it since it last synced',
      }),
    ]);

    const stale = await postJson(fixture.app, '/api/auth/login', {
      badge: 'P-0001',
      pin: '1234',
      ...first,
    });
    expect(stale.status).toBe(401);
    expect((await bodyOf(stale)).error.code).toBe('device_superseded');
    const oldTokenPush = await push(fixture.app, device, [aPick(device, line!, 1)]);
    expect(oldTokenPush.status).toBe(401);
    expect(oldTokenPush.body.error?.code).toBe('device_superseded');
  });

  it('registering as a known device needs its secret', async () => {
    const first = await bodyOf<RegisterDeviceResponse>(await register({ label: 'TC21-02' }));
    const res = await register({
      label: 'TC21-02',
      previous: { deviceId: first.deviceId, deviceSecret: 'x'.repeat(32) },
    });
    expect(res.status).toBe(401);
  });

  it('a wrong PIN is refused with a message for the picker', async () => {
    const device = await bodyOf<RegisterDeviceResponse>(await register({ label: 'MC33-03' }));
    const res = await postJson(fixture.app, '/api/auth/login', {
      badge: 'P-0001',
      pin: '9999',
      ...device,
    });
    expect(res.status).toBe(401);
    expect(await bodyOf(res)).toEqual({
      error: {
        code: 'bad_credentials',
        message: 'Badge or PIN not recognised: scan your badge and try the PIN again',
        params: {},
        requestId: expect.any(String),
      },
    });
  });

  it('bad input names the field and creates nothing', async () => {
    const res = await register({ label: '' });
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.fields).toEqual([
      { path: 'label', message: 'Too small: expected string to have >=1 characters' },
    ]);
    const notJson = await fixture.app.request('/api/devices/register', {
      method: 'POST',
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect((await bodyOf(notJson)).error.code).toBe('invalid_json');
  });

  it('a supervisor token opens the wave detail; a picker token does not', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const supervisor = await aLoggedInDevice(fixture.app, 'S-0001');
    const auth = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });
    expect((await fixture.app.request('/api/waves/W-GZ-B26-07', auth(picker.token))).status).toBe(
      403,
    );
    const res = await fixture.app.request('/api/waves/W-GZ-B26-07', auth(supervisor.token));
    expect(res.status).toBe(200);
    expect((await bodyOf<{ wave: { code: string } }>(res)).wave.code).toBe('B26-07');
    expect(
      (await fixture.app.request('/api/waves/W-CD-B26-09', auth(supervisor.token))).status,
    ).toBe(404);
  });
});
