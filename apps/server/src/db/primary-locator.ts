import { connect, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import postgres from 'postgres';
import type { DatabaseHost, ParsedDatabaseUrl } from './connection-url';

/** Why no connection to a writable primary can be made now (also `/readyz`'s reason). */
export type DatabaseDownReason =
  'database_unreachable' | 'database_read_only' | 'database_timeline_behind';

export type PrimaryVerdict =
  | { kind: 'primary'; host: DatabaseHost; timeline: number }
  | { kind: DatabaseDownReason; message: string };

/** A query refused before it reached a server: no writable primary that may be written to. */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly reason: DatabaseDownReason,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

/** The locator's refusal inside an error (drizzle wraps driver errors in `cause`). */
export function unavailableCause(err: unknown): DatabaseUnavailableError | null {
  for (let e = err, depth = 0; e && depth < 5; depth++) {
    if (e instanceof DatabaseUnavailableError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

interface HostProbe {
  host: DatabaseHost;
  /** null: unreachable. */
  writable: boolean | null;
  /** The timeline a writable host writes WAL on. */
  timeline: number | null;
  detail: string;
}

/**
 * Finds the writable primary among the hosts of a multi-host connection string and hands
 * postgres.js a socket to it (its `socket` option), so every new connection of the pool goes to
 * the primary of the moment. A verdict holds until a connection to that host closes (the host
 * died, restarted or was demoted); the next connection then probes every host again.
 *
 * The timeline guard: the locator remembers the highest timeline it has connected to and
 * refuses a writable host on a lower one. A promoted standby writes on a new timeline; a writable
 * host on an older one is the old primary restarted after a failover (split brain), and whatever
 * is written there is lost when it is rebuilt from the new primary.
 */
export class PrimaryLocator {
  /** The primary found; a refusal is not kept (the next connection probes again). */
  private verdict: PrimaryVerdict | null = null;
  private locating: Promise<PrimaryVerdict> | null = null;
  private highestTimeline = 0;

  constructor(
    private readonly url: ParsedDatabaseUrl,
    private readonly probeTimeoutMs = 2_000,
  ) {}

  /**
   * The primary to write to now, or why there is none. Never throws. Callers at the same time
   * share one probe (a burst of queries during an outage probes once).
   */
  async locate(): Promise<PrimaryVerdict> {
    if (this.verdict?.kind === 'primary') return this.verdict;
    return (this.locating ??= this.probeAll().finally(() => (this.locating = null)));
  }

  /** For postgres.js's `socket` option: a socket to the primary, or one that fails at once. */
  readonly socket = async (): Promise<Socket | Duplex> => {
    const verdict = await this.locate();
    if (verdict.kind !== 'primary')
      return failingSocket(new DatabaseUnavailableError(verdict.kind, verdict.message));
    const socket = connect(verdict.host.port, verdict.host.host);
    socket.setNoDelay(true);
    socket.once('close', () => this.forget(verdict.host));
    return socket;
  };

  /** The highest timeline written to so far (0 before the first connection). */
  get timeline(): number {
    return this.highestTimeline;
  }

  private forget(host: DatabaseHost): void {
    const v = this.verdict;
    if (v?.kind === 'primary' && v.host.host === host.host && v.host.port === host.port)
      this.verdict = null;
  }

  private async probeAll(): Promise<PrimaryVerdict> {
    const probes = await Promise.all(this.url.hosts.map((h) => this.probe(h)));
    const verdict = this.judge(probes);
    this.verdict = verdict.kind === 'primary' ? verdict : null;
    return verdict;
  }

  private judge(probes: HostProbe[]): PrimaryVerdict {
    const said = probes.map((p) => `${p.host.host}:${p.host.port} ${p.detail}`).join('; ');
    const writable = probes.filter((p) => p.writable === true);
    if (writable.length === 0) {
      const anyUp = probes.some((p) => p.writable === false);
      return anyUp
        ? { kind: 'database_read_only', message: `No writable primary (${said})` }
        : { kind: 'database_unreachable', message: `No database server answers (${said})` };
    }
    const best = writable.reduce((a, b) => ((b.timeline ?? 0) > (a.timeline ?? 0) ? b : a));
    const timeline = best.timeline ?? 0;
    if (timeline < this.highestTimeline)
      return {
        kind: 'database_timeline_behind',
        message: `Refusing to write to a primary on timeline ${timeline}: this server wrote on timeline ${this.highestTimeline} (an old primary restarted after a failover?) (${said})`,
      };
    this.highestTimeline = timeline;
    return { kind: 'primary', host: best.host, timeline };
  }

  private async probe(host: DatabaseHost): Promise<HostProbe> {
    const sql = postgres(this.url.forHost(host), {
      max: 1,
      connect_timeout: this.probeTimeoutMs / 1000,
      fetch_types: false,
      prepare: false,
      onnotice: () => {},
    });
    try {
      const [row] = await withTimeout(
        sql<{ in_recovery: boolean; read_only: string; timeline: number | null }[]>`
          select pg_is_in_recovery() as in_recovery,
                 current_setting('transaction_read_only') as read_only,
                 case when pg_is_in_recovery() then null
                      else ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int
                 end as timeline`,
        this.probeTimeoutMs,
      );
      const writable = row!.in_recovery === false && row!.read_only === 'off';
      return {
        host,
        writable,
        timeline: row!.timeline,
        detail: row!.in_recovery
          ? 'is a standby'
          : writable
            ? `is writable on timeline ${row!.timeline}`
            : 'is read-only',
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { host, writable: null, timeline: null, detail: `unreachable (${message})` };
    } finally {
      void sql.end({ timeout: 0 }).catch(() => {});
    }
  }
}

/**
 * postgres.js's wait before reopening a connection that failed, in seconds, by failures in a
 * row. Its default grows to 20 s: after the dozen errors of a failover the pool came back 20 s
 * after the standby was promoted. A connection attempt costs little here (the locator probes
 * once for all), so never wait more than half a second.
 */
export function reconnectBackoff(failures: number): number {
  return Math.min(0.025 * 2 ** failures, 0.5);
}

/** Seconds a new connection may take to start before it fails (postgres.js's default: 30). */
export const CONNECT_TIMEOUT_S = 5;

/**
 * A stand-in socket that fails once postgres.js has written its startup message to it:
 * postgres.js then rejects the query waiting for the connection and puts the connection back in
 * its pool. It must fail after that write, not before: a connection closed while its write is
 * still scheduled keeps a stale write timer, and every later connection attempt of it hangs
 * with its startup message unsent until the connect timeout. (A factory that throws would leave
 * the connection stuck "connecting" for good.)
 */
function failingSocket(error: Error): Duplex {
  let failing = false;
  const fail = () => {
    if (failing) return;
    failing = true;
    setImmediate(() => stream.destroy(error));
  };
  const stream = new Duplex({
    read() {},
    write(_chunk, _encoding, done) {
      done();
      fail();
    },
  });
  setTimeout(fail, 1_000).unref();
  return stream;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
