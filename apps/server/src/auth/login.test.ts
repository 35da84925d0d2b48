import type { ErrorBody, RegisterDeviceResponse } from '@wms/protocol';
import { describe, expect, it, onTestFinished } from 'vitest';
import { aSeededApp, aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
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

describe.each(testDatabases())('sign-in rate limit on $name', (target) => {
  it('refuses the 4th sign-in or registration a minute from one address with 429 rate_limited', async () => {
    const database = await target.open();
    onTestFinished(() => database.drop());
    const { app } = await aSeededApp(database, { signInRateLimit: 3 });
    const from = (ip: string) => ({ 'content-type': 'application/json', 'x-forwarded-for': ip });
    const register = (ip: string) =>
      app.request('/api/devices/register', {
        method: 'POST',
        headers: from(ip),
        body: JSON.stringify({ label: 'PDA' }),
      });
    const device = await bodyOf<RegisterDeviceResponse>(await register('198.51.100.1'));
    const login = () =>
      app.request('/api/auth/login', {
        method: 'POST',
        headers: from('198.51.100.1'),
        body: JSON.stringify({ badge: 'P-0003', pin: '1234', ...device }),
      });
    expect((await login()).status).toBe(200);
    expect((await login()).status).toBe(200);
    const refused = await login();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const { error } = await bodyOf<ErrorBody>(refused);
    expect(error.code).toBe('rate_limited');
    expect(error.params).toMatchObject({ limit: 'sign-in' });
    // Without TRUST_PROXY every request is the socket's peer; behind the proxy another
    // address is another caller only when the server trusts the header.
    const trusted = await aSeededApp(database, {
      signInRateLimit: 1,
      trustProxy: true,
    });
    const reg = (ip: string) =>
      trusted.app.request('/api/devices/register', {
        method: 'POST',
        headers: from(ip),
        body: JSON.stringify({ label: 'PDA' }),
      });
    expect((await reg('203.0.113.1')).status).toBe(201);
    expect((await reg('203.0.113.1')).status).toBe(429);
    expect((await reg('203.0.113.2')).status).toBe(201);
  });
});
