import { describe, expect, it } from 'vitest';
import { aSeededAppPerFile } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe('security headers', () => {
  const fixture = aSeededAppPerFile(testDatabases()[0]!);

  it('every response carries a CSP that allows only our own scripts, and no framing', async () => {
    const res = await fixture.app.request('/api/health');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('an unknown API route is a JSON 404 that names it', async () => {
    const res = await fixture.app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: {
        code: 'not_found',
        message: 'No API route GET /api/nope',
        params: {},
        requestId: expect.any(String),
      },
    });
  });
});
