import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database';
import { signWebhook } from './sign-webhook';

/** Deliveries are retried with exponential backoff for this long, then given up (`dead`). */
export const RETRY_FOR_MS = 24 * 3_600_000;
/** A claimed delivery is not picked up by another worker for this long. */
const CLAIM_LEASE_MS = 60_000;
const REQUEST_TIMEOUT_MS = 10_000;

/** Sent with every delivery, so receivers can tell our requests apart in their logs. */
export const WEBHOOK_USER_AGENT = 'WavePicking-Webhooks/1.0 (+https://www.standardwebhooks.com/)';

/**
 * The wait after the n-th failed attempt: 5 s, 10 s, 20 s … capped at one hour, each spread by
 * ±20 % (`random` in [0, 1)) so that deliveries failed together by one outage do not all come
 * back at the same instant when the receiver recovers.
 */
export function backoffMs(attempts: number, random: number = Math.random()): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random));
}

interface Claimed {
  id: string;
  attempts: number;
  createdAt: string | Date;
  messageId: string;
  payload: Record<string, unknown>;
  url: string;
  secret: string;
  /** Still valid during a rotation's grace period: it signs beside `secret`. */
  previousSecret: string | null;
  /** When the 24-hour retry window started: created, or replayed. */
  windowStart: string | Date;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Sends the deliveries that are due, once each: claims them (SKIP LOCKED, so several server
 * instances share the work), posts each signed message, and records the attempt. Returns how
 * many were attempted.
 */
export async function deliverDueWebhooks(
  db: Db,
  now: Date,
  send: FetchLike = fetch,
  limit = 50,
): Promise<number> {
  const claimed = await claimDue(db, now, limit);
  await Promise.all(claimed.map((d) => deliverOne(db, d, now, send)));
  return claimed.length;
}

async function claimDue(db: Db, now: Date, limit: number): Promise<Claimed[]> {
  return queryRows<Claimed>(
    db,
    sql`
    with due as (
      select d.id from webhook_deliveries d
      where d.status = 'pending' and d.next_attempt_at <= ${now.toISOString()}::timestamptz
        -- a paused subscription keeps its deliveries pending until it is resumed
        and exists (select 1 from webhook_subscriptions s
                    where s.id = d.subscription_id and s.active and s.deleted_at is null)
      order by d.next_attempt_at limit ${limit}
      for update skip locked
    ), claimed as (
      update webhook_deliveries d
      set attempts = d.attempts + 1, next_attempt_at = ${new Date(now.getTime() + CLAIM_LEASE_MS).toISOString()}::timestamptz
      from due where d.id = due.id
      returning d.id, d.attempts, d.created_at, d.replayed_at, d.message_id, d.subscription_id
    )
    select c.id, c.attempts, c.created_at as "createdAt", coalesce(c.replayed_at, c.created_at) as "windowStart",
           c.message_id as "messageId", m.payload, s.url, s.secret,
           case when s.previous_secret_expires_at > ${now.toISOString()}::timestamptz
                then s.previous_secret end as "previousSecret"
    from claimed c
    join webhook_messages m on m.id = c.message_id
    join webhook_subscriptions s on s.id = c.subscription_id`,
  );
}

async function deliverOne(db: Db, delivery: Claimed, now: Date, send: FetchLike) {
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  const started = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const res = await send(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': delivery.messageId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': [delivery.secret, delivery.previousSecret]
          .filter((secret) => secret !== null)
          .map((secret) => signWebhook(secret, delivery.messageId, timestamp, body))
          .join(' '),
        'user-agent': WEBHOOK_USER_AGENT,
      },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    statusCode = res.status;
    await res.body?.cancel();
    if (!res.ok) error = `receiver answered ${res.status}`;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  await recordAttempt(db, delivery, now, {
    statusCode,
    error,
    durationMs: Math.round(performance.now() - started),
  });
}

async function recordAttempt(
  db: Db,
  delivery: Claimed,
  now: Date,
  attempt: { statusCode: number | null; error: string | null; durationMs: number },
) {
  const expired = now.getTime() - new Date(delivery.windowStart).getTime() >= RETRY_FOR_MS;
  const status = attempt.error === null ? 'delivered' : expired ? 'dead' : 'pending';
  const next = new Date(now.getTime() + backoffMs(delivery.attempts));
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      update webhook_deliveries set status = ${status}, last_error = ${attempt.error},
        next_attempt_at = ${next.toISOString()}::timestamptz,
        delivered_at = ${status === 'delivered' ? now.toISOString() : null}::timestamptz
      where id = ${delivery.id}::uuid`);
    await tx.execute(sql`
      insert into webhook_attempts (delivery_id, at, status_code, error, duration_ms)
      values (${delivery.id}::uuid, ${now.toISOString()}::timestamptz, ${attempt.statusCode}, ${attempt.error}, ${attempt.durationMs})`);
  });
}

/**
 * Runs delivery in the server process until stopped: a pass every `intervalMs`, at once again
 * while passes find work. Failures are logged and retried; nothing is lost (the outbox is in
 * the database). `stop()` resolves once the pass under way has finished.
 */
export function startWebhookWorker(db: Db, options: { intervalMs: number; now: () => Date }) {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    try {
      while (!stopped && (await deliverDueWebhooks(db, options.now())) > 0);
    } catch (err) {
      console.error(
        JSON.stringify({ level: 'error', msg: 'webhook delivery pass failed', error: String(err) }),
      );
    }
    if (!stopped) schedule();
  };
  const schedule = () => {
    timer = setTimeout(() => {
      running = pass();
    }, options.intervalMs);
  };
  schedule();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
