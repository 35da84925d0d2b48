import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('takes a primary and its standbys as one multi-host DATABASE_URL', () => {
    const url =
      'postgres://wms:密码@10.0.0.11:5432,10.0.0.12:5433/wms?target_session_attrs=read-write';
    const ha = loadConfig({ DATABASE_URL: url, AUTH_SECRET: 's'.repeat(32) });
    expect(ha.database).toEqual({ kind: 'postgres', url });
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://u@h1:5432,:5433/db', AUTH_SECRET: 's'.repeat(32) }),
    ).toThrow(/^Bad configuration: DATABASE_URL: /);
  });

  it('has operational defaults: info logs, loopback-only metrics, plain HTTP, 90-day retention', () => {
    const c = loadConfig({ DATA_DIR: '/tmp/wms-env-test', AUTH_SECRET: 's'.repeat(32) });
    expect(c.logLevel).toBe('info');
    expect(c.metricsToken).toBeNull();
    expect(c.tls).toBeNull();
    expect(c.shutdownTimeoutMs).toBe(20_000);
    expect(c.retentionMs).toBe(90 * 86_400_000);
    expect(c.archiveIntervalMs).toBe(3_600_000);
  });

  it('reads the operational variables and names bad ones', () => {
    const c = loadConfig({
      AUTH_SECRET: 's'.repeat(32),
      LOG_LEVEL: 'silent',
      METRICS_TOKEN: 'm'.repeat(16),
      SHUTDOWN_TIMEOUT_SECONDS: '3',
      SCAN_EVENT_RETENTION_DAYS: '0',
      ARCHIVE_INTERVAL_MINUTES: '5',
    });
    expect(c.logLevel).toBe('silent');
    expect(c.metricsToken).toBe('m'.repeat(16));
    expect(c.shutdownTimeoutMs).toBe(3000);
    expect(c.retentionMs).toBe(0);
    expect(c.archiveIntervalMs).toBe(300_000);
    expect(() => loadConfig({ LOG_LEVEL: 'loud', METRICS_TOKEN: 'short' })).toThrow(
      /^Bad configuration: LOG_LEVEL: .*; METRICS_TOKEN: /,
    );
    expect(() => loadConfig({ SCAN_EVENT_RETENTION_DAYS: '-1' })).toThrow(
      /SCAN_EVENT_RETENTION_DAYS/,
    );
  });

  it('serves TLS only with both a certificate and a key, read from PEM files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wms-tls-env-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    writeFileSync(cert, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    writeFileSync(key, '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
    const base = { AUTH_SECRET: 's'.repeat(32) };
    expect(loadConfig({ ...base, TLS_CERT: cert, TLS_KEY: key }).tls).toEqual({
      cert: readFileSync(cert, 'utf8'),
      key: readFileSync(key, 'utf8'),
    });
    expect(() => loadConfig({ ...base, TLS_CERT: cert })).toThrow(
      'Bad configuration: TLS_CERT and TLS_KEY go together (set both or neither)',
    );
    expect(() => loadConfig({ ...base, TLS_CERT: join(dir, 'none.pem'), TLS_KEY: key })).toThrow(
      /TLS_CERT: no file/,
    );
    writeFileSync(join(dir, 'junk.pem'), 'not pem');
    expect(() => loadConfig({ ...base, TLS_CERT: cert, TLS_KEY: join(dir, 'junk.pem') })).toThrow(
      /TLS_KEY: .* is not a PEM file/,
    );
    rmSync(dir, { recursive: true });
  });

  it('reads TMALL_SHOPS as trimmed seller nicks, none when unset', () => {
    const base = { DATA_DIR: '/tmp/wms-env-test', AUTH_SECRET: 's'.repeat(32) };
    expect(loadConfig(base).tmallShops).toEqual([]);
    expect(
      loadConfig({ ...base, TMALL_SHOPS: '良品母婴旗舰店, 三只松鼠官方旗舰店,' }).tmallShops,
    ).toEqual(['良品母婴旗舰店', '三只松鼠官方旗舰店']);
  });

  it('reads PICTURE_HOSTS as CSP sources (none set: any HTTPS host), or does not start, naming it', () => {
    const base = { DATA_DIR: '/tmp/wms-env-test', AUTH_SECRET: 's'.repeat(32) };
    expect(loadConfig(base).pictureHosts).toBeUndefined();
    expect(
      loadConfig({ ...base, PICTURE_HOSTS: 'https://img.alicdn.com, https://*.taobaocdn.com' })
        .pictureHosts,
    ).toEqual(['https://img.alicdn.com', 'https://*.taobaocdn.com']);
    expect(() => loadConfig({ ...base, PICTURE_HOSTS: 'img.alicdn.com' })).toThrow(
      'Bad configuration: PICTURE_HOSTS: "img.alicdn.com" is not a scheme (https:)',
    );
  });

  it('seals connector credentials with CONNECTOR_KEY: 32 bytes in base64, or the server does not start', () => {
    const base = { DATA_DIR: '/tmp/wms-env-test', AUTH_SECRET: 's'.repeat(32) };
    expect(loadConfig(base).connectorKey).toBeNull();
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ...base, CONNECTOR_KEY: key }).connectorKey).toEqual(Buffer.alloc(32, 7));
    expect(() => loadConfig({ ...base, CONNECTOR_KEY: 'c2hvcnQ=' })).toThrow(
      'Bad configuration: CONNECTOR_KEY must be 32 random bytes in base64 (44 characters; make one with `openssl rand -base64 32`), got 5 bytes',
    );
  });
});
