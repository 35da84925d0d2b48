import { describe, expect, it } from 'vitest';
import { nextSyncDelay } from './backoff';

describe('nextSyncDelay', () => {
  it('waits the regular interval after a success and backs off after failures', () => {
    expect([0, 1, 2, 3, 5, 6, 20].map(nextSyncDelay)).toEqual([
      15_000, 1_000, 2_000, 4_000, 16_000, 30_000, 30_000,
    ]);
  });
});
