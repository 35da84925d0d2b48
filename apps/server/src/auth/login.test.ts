import type { RegisterDeviceResponse } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('PIN guessing on $name', (target) => {
  const fixture = aSeededAppPerFile(target);

  const aDevice = async () =>
    bodyOf<RegisterDeviceResponse>(
      await postJson(fixture.app, '/api/devices/register', { label: 'PDA' }),
    );
  const login = async (badge: string, pin: string, device: RegisterDeviceResponse) =>
    postJson(fixture.app, '/api/auth/login', { badge, pin, ...device });

  it('locks a badge after five wrong PINs in a row, even against the right one', async () => {
    const device = await aDevice();
    for (let i = 0; i < 5; i++) expect((await login('P-0003', '0000', device)).status).toBe(401);
    const locked = await login('P-0003', '1234', device);
    expect(locked.status).toBe(429);
    const { error } = await bodyOf(locked);
    expect(error.code).toBe('pin_locked');
    expect(error.message).toMatch(
      /^Too many wrong PINs for this badge: try again after \d\d:\d\d UTC/,
    );
  });

  it('a right PIN before the fifth wrong one resets the count', async () => {
    const device = await aDevice();
    for (let i = 0; i < 4; i++) await login('P-0004', '0000', device);
    expect((await login('P-0004', '1234', device)).status).toBe(200);
    for (let i = 0; i < 4; i++) await login('P-0004', '0000', device);
    expect((await login('P-0004', '1234', device)).status).toBe(200);
  });
});
