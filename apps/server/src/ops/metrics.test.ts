import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database';
import type { createApp } from '../app';
import { aLoggedInDevice, aPick, aSeededApp, pull, push } from '../testing/test-app';
import { type OwnedDatabase, testDatabases } from '../testing/test-databases';

const TOKEN = 'metrics-token-0123456789abcdef';

/** The value of one sample line of the exposition, e.g. `name{label="x"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(testDatabases())('Prometheus metrics on $name', (target) => {
  let database: OwnedDatabase;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await target.open();
    ({ app } = await aSeededApp(database, { metricsToken: TOKEN }));
  });
  afterAll(() => database.drop());

  const scrape = async () => {
    const res = await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  it('is refused without the token (and to in-process callers, who are not loopback)', async () => {
    const none = await app.request('/metrics');
    expect(none.status).toBe(403);
    const wrong = await app.request('/metrics', {
      headers: { authorization: 'Bearer metrics-token-0123456789abcdeX' },
    });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });

  it('counts requests, stored and replayed push events, push latency, backlog and lag', async () => {
    const picker = await aLoggedInDevice(app, 'P-0001');
    const lines = (await pull(app, picker)).lines.filter((l) => l.status === 'open').slice(0, 2);
    expect(lines).toHaveLength(2);
    const events = lines.map((line) => aPick(picker, line));
    // Scanned a minute ago on the device; it says it has recorded 5 events so far.
    for (const e of events) e.deviceTime = new Date(Date.now() - 60_000).toISOString();
    const first = await push(app, picker, events, 5);
    expect(first.status).toBe(200);
    const replay = await push(app, picker, events, 5);
    expect(replay.status).toBe(200);
    // A push with a gap: a 409, counted by its status.
    const gap = await push(app, picker, [
      { ...aPick(picker, lines[0]!), seq: 9, id: randomUUID() },
    ]);
    expect(gap.status).toBe(409);

    const text = await scrape();
    const route = 'method="POST",route="/api/sync/push"';
    expect(sample(text, `wms_http_requests_total{${route},status="200"}`)).toBe(2);
    expect(sample(text, `wms_http_requests_total{${route},status="409"}`)).toBe(1);
    expect(
      sample(text, 'wms_http_requests_total{method="GET",route="/api/sync/pull",status="200"}'),
    ).toBe(1);
    expect(sample(text, 'wms_push_events_total{outcome="applied"}')).toBe(2);
    expect(sample(text, 'wms_push_replayed_events_total')).toBe(2);
    expect(sample(text, 'wms_push_duration_seconds_count')).toBe(2);
    // Both events were stored a minute (and a little) after the scan: above 15 s, below 300 s.
    expect(sample(text, 'wms_sync_lag_seconds_count')).toBe(2);
    expect(sample(text, 'wms_sync_lag_seconds_bucket{le="15"}')).toBe(0);
    expect(sample(text, 'wms_sync_lag_seconds_bucket{le="300"}')).toBe(2);
    // 5 recorded on the device, 2 stored.
    expect(sample(text, 'wms_device_outbox_backlog_events')).toBe(3);
    expect(sample(text, 'wms_revoked_device_backlog_events')).toBe(0);
    const [pending] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from webhook_deliveries where status = 'pending'`,
    );
    expect(sample(text, 'wms_webhook_queue_depth')).toBe(pending!.n);
  });

  it('a revoked handheld’s backlog moves from the backlog gauge to the stranded one', async () => {
    const before = await scrape();
    const lost = await aLoggedInDevice(app, 'P-0002');
    const line = (await pull(app, lost)).lines.find((l) => l.status === 'open')!;
    expect((await push(app, lost, [aPick(lost, line)], 7)).status).toBe(200);
    const during = await scrape();
    expect(sample(during, 'wms_device_outbox_backlog_events')).toBe(
      sample(before, 'wms_device_outbox_backlog_events')! + 6,
    );
    await database.db.execute(
      sql`update devices set revoked_at = now() where id = ${lost.deviceId}`,
    );
    const after = await scrape();
    expect(sample(after, 'wms_device_outbox_backlog_events')).toBe(
      sample(before, 'wms_device_outbox_backlog_events'),
    );
    expect(sample(after, 'wms_revoked_device_backlog_events')).toBe(
      sample(before, 'wms_revoked_device_backlog_events')! + 6,
    );
  });

  it('the webhook queue depth follows the pending deliveries', async () => {
    const before = sample(await scrape(), 'wms_webhook_queue_depth')!;
    const subscription = randomUUID();
    await database.db.execute(
      sql`insert into webhook_deliveries (id, message_id, subscription_id) values
          (${randomUUID()}, 'm-metrics-1', ${subscription}), (${randomUUID()}, 'm-metrics-2', ${subscription})`,
    );
    expect(sample(await scrape(), 'wms_webhook_queue_depth')).toBe(before + 2);
  });
});
