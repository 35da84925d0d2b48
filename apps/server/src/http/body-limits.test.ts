import { describe, expect, it } from 'vitest';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf, postJson } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe('body limits', () => {
  const fixture = aSeededAppPerFile(testDatabases()[0]!);
  const padded = (bytes: number) => ({ label: 'x'.repeat(bytes) });

  it.each([
    ['/api/devices/register', 20 * 1024, 16],
    ['/api/holds/orders/SO-1', 20 * 1024, 16],
    ['/api/webhooks/subscriptions', 20 * 1024, 16],
    ['/api/sync/push', 1100 * 1024, 1024],
    ['/api/orders/batch', 4200 * 1024, 4096],
  ])('%s refuses a body over its limit with 413 and says the limit', async (path, bytes, kib) => {
    const admin = await aLoggedInDevice(fixture.app, 'A-0001');
    const res = await postJson(fixture.app, path, padded(bytes), admin.token);
    expect(res.status).toBe(413);
    const { error } = await bodyOf(res);
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toMatch(new RegExp(`^This request may carry at most ${kib} KiB: `));
  });

  it('lets a 500-event push through (well under its limit)', async () => {
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    const res = await postJson(fixture.app, '/api/sync/push', padded(200 * 1024), picker.token);
    expect(res.status).toBe(400);
  });
});
