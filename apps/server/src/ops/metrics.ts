import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { ScanEvent } from '@wms/protocol';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { type Db, queryRows } from '../db/database';
import { registerConnectorMetrics } from '../connectors/connector-metrics';
import { forbidden } from '../http/api-error';

/**
 * The Prometheus metrics of one app (a registry of its own, so apps in one test process do not
 * share counters). Counters and histograms are updated as requests go by; the gauges read the
 * database when scraped, so every instance behind a load balancer reports the same backlog.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'wms_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly pushedEvents = new Counter({
    name: 'wms_push_events_total',
    help: 'Scan events stored from pushes, by outcome (replays of stored events not counted)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly replayedEvents = new Counter({
    name: 'wms_push_replayed_events_total',
    help: 'Scan events sent again that were already stored (answered with their stored outcome)',
    registers: [this.registry],
  });

  readonly pushDuration = new Histogram({
    name: 'wms_push_duration_seconds',
    help: 'Time to answer a push that succeeded, store and apply included',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly syncLag = new Histogram({
    name: 'wms_sync_lag_seconds',
    help: 'From the scan on the device (its clock) to the event stored on the server',
    buckets: [1, 5, 15, 60, 300, 900, 3600, 14_400, 86_400],
    registers: [this.registry],
  });

  /** Retention (issue 25): rows archived, reconciled, exported, pruned, masked; by table. */
  readonly retentionRows = new Counter({
    name: 'wms_retention_rows_total',
    help: 'Rows handled by retention, by table and action (archived, already-archived, conflict, exported, pruned, masked)',
    labelNames: ['table', 'action'] as const,
    registers: [this.registry],
  });

  readonly retentionRuns = new Counter({
    name: 'wms_retention_runs_total',
    help: 'Retention rounds, by result (done, busy: another server held the lock, failed)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly retentionExportFailures = new Counter({
    name: 'wms_retention_export_failures_total',
    help: 'Monthly exports that failed or did not verify (their rows were not pruned)',
    labelNames: ['table'] as const,
    registers: [this.registry],
  });

  constructor(db: Db, options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
    const backlogOf = (revoked: boolean) =>
      orNothing(
        queryRows<{ backlog: string | number }>(
          db,
          sql`select coalesce(sum(greatest(di.highest_local_seq - di.last_seq, 0)), 0) as backlog
              from device_incarnations di join devices d on d.id = di.device_id
              where di.epoch = (select max(epoch) from device_incarnations x where x.device_id = di.device_id)
                and (d.revoked_at is not null) = ${revoked}`,
        ),
      );
    new Gauge({
      name: 'wms_device_outbox_backlog_events',
      help: 'Events the active devices say they have recorded but the server has not stored (highest local seq minus stored seq, current incarnations)',
      registers: [this.registry],
      async collect() {
        const rows = await backlogOf(false);
        if (rows) this.set(Number(rows[0]?.backlog ?? 0));
      },
    });
    new Gauge({
      name: 'wms_revoked_device_backlog_events',
      help: 'Events a revoked handheld said it held unsent when last seen: stranded, since a revoked device cannot push (check it before wiping it)',
      registers: [this.registry],
      async collect() {
        const rows = await backlogOf(true);
        if (rows) this.set(Number(rows[0]?.backlog ?? 0));
      },
    });
    new Gauge({
      name: 'wms_webhook_queue_depth',
      help: 'Webhook deliveries waiting to be delivered (pending)',
      registers: [this.registry],
      async collect() {
        const rows = await orNothing(
          queryRows<{ n: string | number }>(
            db,
            sql`select count(*) as n from webhook_deliveries where status = 'pending'`,
          ),
        );
        if (rows) this.set(Number(rows[0]?.n ?? 0));
      },
    });
    registerConnectorMetrics(this.registry, db);
  }

  /** What an archiving round of scan events did (see `archiveScanEvents`). */
  observeArchive(result: { moved: number; alreadyArchived: number; conflicts: number }) {
    const table = 'scan_events';
    if (result.moved > 0) this.retentionRows.inc({ table, action: 'archived' }, result.moved);
    if (result.alreadyArchived > 0)
      this.retentionRows.inc({ table, action: 'already-archived' }, result.alreadyArchived);
    if (result.conflicts > 0)
      this.retentionRows.inc({ table, action: 'conflict' }, result.conflicts);
  }

  /** A push stored `fresh` (and found `replayed` already stored) at `now`. */
  observePush(
    fresh: readonly (ScanEvent & { outcome: string })[],
    replayed: number,
    seconds: number,
    now: Date,
  ) {
    this.pushDuration.observe(seconds);
    if (replayed > 0) this.replayedEvents.inc(replayed);
    // Counted per outcome, not per event: a push carries up to 500 events.
    const byOutcome = new Map<string, number>();
    for (const event of fresh) {
      byOutcome.set(event.outcome, (byOutcome.get(event.outcome) ?? 0) + 1);
      this.syncLag.observe(Math.max(0, (now.getTime() - Date.parse(event.deviceTime)) / 1000));
    }
    for (const [outcome, count] of byOutcome) this.pushedEvents.inc({ outcome }, count);
  }
}

/**
 * A gauge read from the database keeps its last value while the database is away, so the
 * scrape (and the process metrics in it) still succeeds; `/readyz` tells that it is away.
 */
async function orNothing<T>(query: Promise<T>): Promise<T | null> {
  try {
    return await query;
  } catch {
    return null;
  }
}

/** A request relayed by a proxy on this host comes from loopback but is not a local caller. */
const PROXIED = ['forwarded', 'x-forwarded-for', 'x-real-ip'];
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * `GET /metrics` in the Prometheus text format. With METRICS_TOKEN set, scrapers send it as a
 * bearer token; without, only callers on this machine (loopback, not relayed by a proxy) may
 * read it.
 */
export function metricsRoutes(metrics: Metrics, token: string | null) {
  return new Hono().get('/metrics', async (c) => {
    if (token) {
      const sent = c.req.header('authorization')?.replace(/^Bearer /, '') ?? '';
      if (!sameSecret(sent, token)) throw forbidden('Metrics need the METRICS_TOKEN as bearer');
    } else if (!LOOPBACK.test(remoteAddress(c) ?? '') || PROXIED.some((h) => c.req.header(h))) {
      throw forbidden('Metrics are served to loopback callers only unless METRICS_TOKEN is set');
    }
    return c.body(await metrics.registry.metrics(), 200, {
      'content-type': metrics.registry.contentType,
      'cache-control': 'no-store',
    });
  });
}

function remoteAddress(c: Parameters<typeof getConnInfo>[0]): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // not a Node socket (an in-process request): not known to be local
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
