import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from './connection-url';

describe('a connection string naming a primary and its standbys', () => {
  it('lists every host in order and gives a one-host string for each, without target_session_attrs', () => {
    const parsed = parseDatabaseUrl(
      'postgres://wms:s3cret@db-gz-1:5432,db-gz-2:6432/wms?target_session_attrs=read-write&sslmode=require',
    );
    expect(parsed.hosts).toEqual([
      { host: 'db-gz-1', port: 5432 },
      { host: 'db-gz-2', port: 6432 },
    ]);
    expect(parsed.forHost(parsed.hosts[1]!)).toBe(
      'postgres://wms:s3cret@db-gz-2:6432/wms?sslmode=require',
    );
  });

  it('defaults the port to 5432 and keeps IPv6 hosts in brackets', () => {
    const parsed = parseDatabaseUrl('postgresql://u@[fd00::11],10.0.0.12/wms');
    expect(parsed.hosts).toEqual([
      { host: 'fd00::11', port: 5432 },
      { host: '10.0.0.12', port: 5432 },
    ]);
    expect(parsed.forHost(parsed.hosts[0]!)).toBe('postgresql://u@[fd00::11]:5432/wms');
  });

  it('refuses an empty host', () => {
    expect(() => parseDatabaseUrl('postgres://u@db1:5432,:5433/wms')).toThrow(/empty host/);
  });
});
