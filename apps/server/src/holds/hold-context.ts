import { type HoldContext, isPeak } from '@wms/domain';
import type { HoldRule } from '@wms/protocol';
import { type SQL, sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';
import type { CleanOrder } from '../orders/clean-order';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Looks up the counts the hold rules need (an order not yet stored is counted in). */
export async function holdContext(
  tx: Tx,
  order: CleanOrder,
  rules: readonly HoldRule[],
  now: Date,
  /** The order is already stored (a dedup merge re-running the rules): it counts itself. */
  stored = false,
  /** Lag samples read once for a whole batch (else read here). */
  samples?: PeakSamples,
): Promise<HoldContext> {
  const placedAt = new Date(order.input.placedAt);
  const repeat = rules.find((r) => r.kind === 'repeat-same-address');
  const peak = rules.find((r) => r.kind === 'peak-protection');
  const windowStart = new Date(placedAt.getTime() - (repeat?.windowMinutes ?? 30) * 60_000);
  await lockCountKeys(tx, order, rules);
  const [counts] = await queryRows<{ sameId: number; sameAddress: number }>(
    tx,
    sql`
    select
      (select count(*)::int from orders where id_number = ${order.input.consignee.idNumber ?? null}
         and placed_at >= ${chinaDayStart(placedAt).toISOString()}::timestamptz) as "sameId",
      (select count(*)::int from orders where customer_id = ${order.input.customerId}
         and province = ${order.province} and city = ${order.city} and district = ${order.district}
         and address_detail = ${order.input.address.detail}
         and placed_at >= ${windowStart.toISOString()}::timestamptz) as "sameAddress"`,
  );
  return {
    sameIdOrdersToday: order.input.consignee.idNumber
      ? (counts?.sameId ?? 0) + (stored ? 0 : 1)
      : 0,
    sameAddressOrdersInWindow: (counts?.sameAddress ?? 0) + (stored ? 0 : 1),
    peak: peak
      ? isInPeak(peak, samples ?? (await peakSamples(tx, peak, now)), placedAt, now)
      : false,
  };
}

type Sample = { at: Date; lagMs: number };

/** What M4.8 decides on: recent intake lags (received − placed) and sync lags (received − scanned). */
export interface PeakSamples {
  intake: Sample[];
  sync: Sample[];
}

/** Reads the lag samples of the peak rule's sustain span (one read serves a whole batch). */
export async function peakSamples(tx: Tx, rule: PeakRule, now: Date): Promise<PeakSamples> {
  return { intake: await intakeSamples(tx, rule, now), sync: await syncSamples(tx, rule, now) };
}

/** Peak if intake lag, this order's included, or sync lag stayed above the threshold. */
function isInPeak(rule: PeakRule, samples: PeakSamples, placedAt: Date, now: Date): boolean {
  const own = { at: now, lagMs: now.getTime() - placedAt.getTime() };
  return isRulePeak(rule, [...samples.intake, own], now) || isRulePeak(rule, samples.sync, now);
}

/** Advisory-lock namespaces: one per counted key (the dedup lock on the phone is 72410003). */
const ID_NUMBER_LOCK = 72410004;
const ADDRESS_LOCK = 72410005;

/**
 * Orders of one ID number, and of one customer to one address, take turns from here to commit
 * (M4.1, M4.5): without it, two orders arriving at the same moment would both count the other
 * as absent and both slip under the limit. Taken in a fixed order (phone in dedup, then ID, then
 * address), one key of each per transaction, so two intakes never wait on each other in a cycle.
 * Under READ COMMITTED the count that follows sees every order committed before the lock.
 */
async function lockCountKeys(tx: Tx, order: CleanOrder, rules: readonly HoldRule[]) {
  const idNumber = order.input.consignee.idNumber;
  if (idNumber && rules.some((r) => r.kind === 'id-daily-orders')) {
    await tx.execute(sql`select pg_advisory_xact_lock(${ID_NUMBER_LOCK}, hashtext(${idNumber}))`);
  }
  if (rules.some((r) => r.kind === 'repeat-same-address')) {
    await tx.execute(
      sql`select pg_advisory_xact_lock(${ADDRESS_LOCK}, hashtext(${addressKey(order)}))`,
    );
  }
}

function addressKey(order: CleanOrder): string {
  const { customerId, address } = order.input;
  return [customerId, order.province, order.city, order.district, address.detail].join('\u0001');
}

/** Peak (M4.8): intake lag (received − placed) stayed above the threshold for the sustain span. */
async function intakeSamples(tx: Tx, rule: PeakRule, now: Date): Promise<Sample[]> {
  const since = new Date(now.getTime() - rule.sustainMinutes * 60_000).toISOString();
  return lagSamples(
    tx,
    sql`select created_at as at, (extract(epoch from created_at - placed_at) * 1000)::float8 as "lagMs"
        from orders where created_at >= ${since}::timestamptz and placed_at is not null
        order by created_at desc limit 500`,
  );
}

/**
 * Peak (M4.8), the other way: scans reach the central state late (sync lag = received − scanned
 * on the device) for the sustain span, as when the network or the server cannot keep up. The
 * device clock is trusted here only to within minutes, which is all a 15-minute threshold needs.
 */
async function syncSamples(tx: Tx, rule: PeakRule, now: Date): Promise<Sample[]> {
  const since = new Date(now.getTime() - rule.sustainMinutes * 60_000).toISOString();
  return lagSamples(
    tx,
    sql`select received_at as at, greatest(0, extract(epoch from received_at - device_time) * 1000)::float8 as "lagMs"
        from scan_events where received_at >= ${since}::timestamptz
        order by received_at desc limit 500`,
  );
}

export type PeakRule = Extract<HoldRule, { kind: 'peak-protection' }>;

async function lagSamples(tx: Tx, query: SQL) {
  const rows = await queryRows<{ at: string; lagMs: number }>(tx, query);
  return rows.map((s) => ({ at: new Date(s.at), lagMs: Number(s.lagMs) }));
}

function isRulePeak(rule: PeakRule, samples: readonly Sample[], now: Date) {
  return isPeak(samples, now, rule.lagMinutes * 60_000, rule.sustainMinutes * 60_000);
}

/** Midnight in China (UTC+8) of the day `at` falls on, as a UTC instant. */
function chinaDayStart(at: Date): Date {
  const local = at.getTime() + CHINA_OFFSET_MS;
  return new Date(local - (local % 86_400_000) - CHINA_OFFSET_MS);
}
