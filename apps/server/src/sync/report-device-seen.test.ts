import { describe, expect, it } from 'vitest';
import type { Session } from '../auth/session-token';
import { deviceSeenIsStale, SEEN_RESOLUTION_MS } from './report-device-seen';

const session: Session = {
  userId: 'u-gz-p1',
  role: 'picker',
  warehouseId: 'GZ',
  deviceId: 'd1',
  epoch: 1,
};
const now = new Date('2026-11-22T08:00:00.000Z');
const seen = (msAgo: number) => new Date(now.getTime() - msAgo);

describe('whether a pull must write the device sighting', () => {
  it('not when the same user pulls again soon with no higher local seq', () => {
    const stored = { lastSeenAt: seen(1_000), lastUserId: 'u-gz-p1', highestLocalSeq: 12 };
    expect(deviceSeenIsStale(stored, session, undefined, now)).toBe(false);
    expect(deviceSeenIsStale(stored, session, 12, now)).toBe(false);
    expect(deviceSeenIsStale(stored, session, 3, now)).toBe(false);
  });

  it('when the local seq is higher, the user changed, or the sighting is old or missing', () => {
    const stored = { lastSeenAt: seen(1_000), lastUserId: 'u-gz-p1', highestLocalSeq: 12 };
    expect(deviceSeenIsStale(stored, session, 13, now)).toBe(true);
    expect(deviceSeenIsStale({ ...stored, lastUserId: 'u-gz-p2' }, session, undefined, now)).toBe(
      true,
    );
    expect(
      deviceSeenIsStale({ ...stored, lastSeenAt: seen(SEEN_RESOLUTION_MS) }, session, 12, now),
    ).toBe(true);
    expect(
      deviceSeenIsStale({ ...stored, lastSeenAt: seen(SEEN_RESOLUTION_MS - 1) }, session, 12, now),
    ).toBe(false);
    expect(deviceSeenIsStale({ ...stored, lastSeenAt: null }, session, undefined, now)).toBe(true);
    // As the text timestamp one driver returns.
    expect(
      deviceSeenIsStale(
        { ...stored, lastSeenAt: '2026-11-22 07:59:59.5+00' },
        session,
        undefined,
        now,
      ),
    ).toBe(false);
  });
});
