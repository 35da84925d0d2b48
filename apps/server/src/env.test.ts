import { describe, expect, it } from 'vitest';
import { loadConfig } from './env';

describe('configuration', () => {
  it('refuses to start in production without a secret of its own', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: '/tmp/wms-env-test' })).toThrow(
      'Bad configuration: AUTH_SECRET (32+ characters) is required in production',
    );
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'short' })).toThrow(
      /AUTH_SECRET/,
    );
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url' })).toThrow(
      /^Bad configuration: PORT: .*; DATABASE_URL: /,
    );
  });

  it('uses a Postgres when DATABASE_URL is set, else the embedded one under DATA_DIR', () => {
    const pg = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', AUTH_SECRET: 's'.repeat(32) });
    expect(pg.database).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/db' });
    const embedded = loadConfig({
      DATA_DIR: '/tmp/wms-env-test',
      INIT_CWD: '/',
      AUTH_SECRET: 's'.repeat(32),
    });
    expect(embedded.database).toEqual({ kind: 'pglite', dataDir: '/tmp/wms-env-test/pglite' });
    expect(embedded.port).toBe(8080);
  });
});
