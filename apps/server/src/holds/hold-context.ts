import { isPeak } from '@wms/domain';
import type { HoldRule } from '@wms/protocol';
import { type SQL, sql } from 'drizzle-orm';
import { type Tx, queryRows } from '../db/database';

const CHINA_OFFSET_MS = 8 * 3_600_000;

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

/**
 * Peak if intake lag, the order's own included, or sync lag stayed above the threshold. The
 * samples and `now` are fixed for a batch, so `isPeak` runs once per batch, not once per order
 * over a copy of up to 1,000 samples: the order's own sample is at `now`, so it counts towards
 * "sustained" whatever its lag, and its lag is then checked alone. A stand-in at `now` whose lag
 * passes any threshold plays the first part.
 */
export function peakJudge(
  rule: PeakRule,
  samples: PeakSamples,
  now: Date,
): (placedAt: Date) => boolean {
  if (isRulePeak(rule, samples.sync, now)) return () => true;
  const standIn = { at: now, lagMs: Number.POSITIVE_INFINITY };
  const sustained = isRulePeak(rule, [...samples.intake, standIn], now);
  const lagMs = rule.lagMinutes * 60_000;
  return (placedAt) => sustained && now.getTime() - placedAt.getTime() > lagMs;
}

/**
 * Advisory-lock namespaces, one per counted key. Orders of one phone (dedup, M3.3), of one ID
 * number (M4.1) and of one customer to one address (M4.5) take turns from the lock to commit:
 * without it, two orders arriving at the same moment would both count the other as absent and
 * both slip under the limit. Under READ COMMITTED the reads that follow the lock see every order
 * committed before it. An intake takes its locks class by class in this order (phone, then the
 * rows of the orders it may merge into, then ID and address together), each class sorted by key,
 * so two intakes never wait on each other in a cycle.
 */
export const PHONE_LOCK = 72410003;
export const ID_NUMBER_LOCK = 72410004;
export const ADDRESS_LOCK = 72410005;

/** The key M4.5 counts by: one customer to one exact (cleaned) address. */
export function addressKey(a: {
  customerId: string;
  province: string;
  city: string;
  district: string;
  detail: string;
}): string {
  return [a.customerId, a.province, a.city, a.district, a.detail].join('\u0001');
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
export function chinaDayStart(at: Date): Date {
  const local = at.getTime() + CHINA_OFFSET_MS;
  return new Date(local - (local % 86_400_000) - CHINA_OFFSET_MS);
}
