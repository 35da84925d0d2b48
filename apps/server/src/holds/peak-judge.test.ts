import { isPeak } from '@wms/domain';
import { describe, expect, it } from 'vitest';
import { type PeakRule, peakJudge } from './hold-context';

const rule: PeakRule = {
  kind: 'peak-protection',
  lagMinutes: 15,
  sustainMinutes: 10,
  highValueCents: 50_000,
};
const now = new Date('2026-11-22T10:00:00Z');
const minutes = (m: number) => m * 60_000;
/** A sample taken `ago` minutes before now, with a lag of `lag` minutes. */
const sample = (ago: number, lag: number) => ({
  at: new Date(now.getTime() - minutes(ago)),
  lagMs: minutes(lag),
});
/** An order placed `ago` minutes before now. */
const placed = (ago: number) => new Date(now.getTime() - minutes(ago));

/** M4.8 as it was decided per order: `isPeak` over the samples plus the order's own. */
function perOrder(intake: ReturnType<typeof sample>[], sync: typeof intake, placedAt: Date) {
  const own = { at: now, lagMs: now.getTime() - placedAt.getTime() };
  const lag = minutes(rule.lagMinutes);
  const sustain = minutes(rule.sustainMinutes);
  return isPeak([...intake, own], now, lag, sustain) || isPeak(sync, now, lag, sustain);
}

describe('peak judged once per batch', () => {
  const cases: [string, ReturnType<typeof sample>[], ReturnType<typeof sample>[]][] = [
    ['no samples', [], []],
    ['intake late for the whole span', [sample(9, 20), sample(5, 30), sample(1, 16)], []],
    ['intake late, but not for long enough', [sample(7, 20), sample(1, 20)], []],
    ['one intake sample on time', [sample(9, 20), sample(5, 10), sample(1, 20)], []],
    ['old samples outside the span do not count', [sample(30, 1), sample(9, 20)], []],
    ['sync late for the whole span', [sample(9, 1)], [sample(9, 20), sample(2, 20)]],
    ['sync late, one on time', [], [sample(9, 20), sample(2, 3)]],
  ];
  const orders = [placed(0), placed(15), placed(16), placed(60)];
  it.each(cases)('%s: the same answer as judging each order on its own', (_, intake, sync) => {
    const judge = peakJudge(rule, { intake, sync }, now);
    expect(orders.map((at) => judge(at))).toEqual(orders.map((at) => perOrder(intake, sync, at)));
  });

  it('an order placed long enough ago is in peak when intake has been late all along', () => {
    const judge = peakJudge(rule, { intake: [sample(9, 20), sample(1, 20)], sync: [] }, now);
    expect([judge(placed(16)), judge(placed(14))]).toEqual([true, false]);
  });
});
