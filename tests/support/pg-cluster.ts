import { execFile } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The machine's Postgres binaries (Debian's postgresql-15); PG_BIN points elsewhere. */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** True when the binaries a replicated pair needs are installed. */
export function hasPostgresBinaries(): boolean {
  return ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'].every((b) =>
    existsSync(join(PG_BIN, b)),
  );
}

/** One Postgres server of the test's own, on a loopback port, in a folder of its own. */
export interface PgNode {
  name: string;
  dir: string;
  port: number;
  /** `127.0.0.1:port`, for a multi-host connection string. */
  address: string;
  url: (database?: string) => string;
  start: () => Promise<void>;
  /** pg_ctl stop: `fast` rolls back and stops; `immediate` is a crash without the kill. */
  stop: (mode?: 'fast' | 'immediate') => Promise<void>;
  /** kill -9 of the postmaster: the machine died (its backends notice and exit). */
  kill: () => void;
  /** pg_ctl promote, waiting until it accepts writes. */
  promote: () => Promise<void>;
  log: () => string;
}

export interface ReplicatedPair {
  primary: PgNode;
  standby: PgNode;
  /** Stops both (if running) and deletes their folders. */
  destroy: () => Promise<void>;
}

/**
 * A primary and a synchronous streaming standby built with initdb, pg_basebackup and pg_ctl, as
 * an operator (or Patroni) does: the primary waits at commit until `standby1` has the WAL
 * (`synchronous_commit = on`, `synchronous_standby_names = 'standby1'`). The standby's own
 * `synchronous_standby_names` is empty, so once promoted it commits alone (Patroni's
 * `synchronous_mode` without `_strict` does the same when no standby is left).
 *
 * `initdb` refuses root: as root, every command runs as the `postgres` user, in folders it owns.
 * `fsync = off` keeps the test fast; a kill -9 loses no page the OS has, so acknowledged =
 * on the standby still holds (a real deployment keeps fsync on).
 */
export async function replicatedPair(database = 'wms'): Promise<ReplicatedPair> {
  const base = mkdtempSync(join(tmpdir(), 'wms-ha-'));
  const owner = await postgresOwner();
  if (owner) chownSync(base, owner.uid, owner.gid);
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const primary = node('primary', join(base, 'primary'), primaryPort, owner !== null);
  const standby = node('standby', join(base, 'standby'), standbyPort, owner !== null);
  const asPg = (cmd: string, args: string[]) => asPostgres(owner !== null, cmd, args);
  const psql = (statement: string) =>
    asPg('psql', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-Atqc',
      statement,
    ]);
  try {
    await asPg('initdb', [
      '-D',
      primary.dir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
      '--no-instructions',
    ]);
    appendFileSync(
      primary.conf,
      settings(primaryPort, primary.dir, [
        'wal_level = replica',
        'max_wal_senders = 4',
        "wal_keep_size = '128MB'",
        'synchronous_commit = on',
        'wal_receiver_status_interval = 1s',
      ]),
    );
    await primary.start();
    await psql(`create database ${database}`);
    await asPg('pg_basebackup', [
      '-D',
      standby.dir,
      '-R',
      '-X',
      'stream',
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '--no-sync',
      '-c',
      'fast',
    ]);
    appendFileSync(
      join(standby.dir, 'postgresql.auto.conf'),
      settings(standbyPort, standby.dir, [
        `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres application_name=standby1'`,
        "synchronous_standby_names = ''",
        'hot_standby = on',
      ]),
    );
    await standby.start();
    // Synchronous only now: commits before the standby existed (CREATE DATABASE) would wait.
    await psql(`alter system set synchronous_standby_names = 'standby1'`);
    await psql('select pg_reload_conf()');
    for (let i = 0; i < 200; i++) {
      const { stdout } = await psql(
        "select count(*) from pg_stat_replication where sync_state = 'sync' and state = 'streaming'",
      );
      if (stdout.trim() === '1') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    await primary.stop('immediate').catch(() => {});
    rmSync(base, { recursive: true, force: true });
    throw new Error(`building the replicated pair failed: ${String(error)}\n${primary.log()}`, {
      cause: error,
    });
  }
  primary.url = (db = database) => `postgres://postgres@${primary.address}/${db}`;
  standby.url = (db = database) => `postgres://postgres@${standby.address}/${db}`;
  return {
    primary,
    standby,
    destroy: async () => {
      await Promise.all([primary.stop('immediate'), standby.stop('immediate')]);
      rmSync(base, { recursive: true, force: true });
    },
  };
}

function settings(port: number, dir: string, extra: string[]): string {
  return [
    '',
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dir}'`,
    'fsync = off',
    'full_page_writes = off',
    'shared_buffers = 32MB',
    'max_connections = 80',
    'jit = off',
    ...extra,
    '',
  ].join('\n');
}

function node(name: string, dir: string, port: number, asPostgresUser: boolean) {
  const logFile = `${dir}.log`;
  const pgCtl = (args: string[]) => asPostgres(asPostgresUser, 'pg_ctl', ['-D', dir, ...args]);
  const address = `127.0.0.1:${port}`;
  return {
    name,
    dir,
    port,
    address,
    conf: join(dir, 'postgresql.conf'),
    url: (db = 'postgres') => `postgres://postgres@${address}/${db}`,
    start: async () => {
      // A killed postmaster's backends may still hold its shared memory for a moment.
      for (let attempt = 1; ; attempt++) {
        try {
          await pgCtl(['-l', logFile, '-w', '-t', '60', 'start']);
          return;
        } catch (error) {
          if (attempt >= 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    },
    stop: async (mode: 'fast' | 'immediate' = 'fast') => {
      if (!existsSync(join(dir, 'postmaster.pid'))) return;
      await pgCtl(['-m', mode, '-w', 'stop']).catch(() => {});
    },
    kill: () => {
      const pid = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
    },
    promote: async () => {
      await pgCtl(['-w', '-t', '60', 'promote']);
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : ''),
  };
}

async function asPostgres(asPostgresUser: boolean, command: string, args: string[]) {
  const binary = join(PG_BIN, command);
  return asPostgresUser
    ? run('runuser', ['-u', 'postgres', '--', binary, ...args])
    : run(binary, args);
}

/** The postgres user's ids when running as root (initdb refuses root); null otherwise. */
async function postgresOwner(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const [uid, gid] = await Promise.all([
    run('id', ['-u', 'postgres']),
    run('id', ['-g', 'postgres']),
  ]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** A loopback port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
