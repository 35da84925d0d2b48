import { describe, expect, it } from 'vitest';
import { nextSyncDelay } from './backoff';

describe('nextSyncDelay', () => {
  it('waits the regular interval after a success and backs off after failures', () => {
    expect([0, 1, 2, 3, 5, 6, 20].map(nextSyncDelay)).toEqual([
      15_000, 1_000, 2_000, 4_000, 16_000, 30_000, 30_000,
    ]);
  });

  it('pulls again soon while the server holds changes back, backing off to 8 s', () => {
    expect([1, 2, 3, 6, 9].map((streak) => nextSyncDelay(0, streak))).toEqual([
      250, 500, 1_000, 8_000, 8_000,
    ]);
    expect(nextSyncDelay(2, 3)).toBe(2_000);
  });
});
