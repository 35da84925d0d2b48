import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../support/server-process';

describe('the server in production', () => {
  it('prints JSON log lines only, and no demo logins when the demo is off', async () => {
    const server = await startServerProcess({
      NODE_ENV: 'production',
      AUTH_SECRET: 'production-output-test-secret-0123456789',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
    });
    try {
      const health = await fetch(`${server.url}/readyz`);
      expect(health.status).toBe(200);
      const lines = server
        .output()
        .split('\n')
        .filter((line) => line.trim() !== '');
      const notJson = lines.filter((line) => {
        try {
          return typeof JSON.parse(line) !== 'object';
        } catch {
          return true;
        }
      });
      expect(notJson).toEqual([]);
      expect(server.output()).not.toContain('PIN');
      expect(server.output()).not.toContain('P-0001');
      expect(lines.some((line) => line.includes('"msg":"listening"'))).toBe(true);
    } finally {
      await server.stop();
    }
  });
});
