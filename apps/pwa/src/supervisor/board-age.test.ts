import { describe, expect, it } from 'vitest';
import { boardAgeMinutes, percent, secondsSince } from './board-age';

describe('board age', () => {
  it('counts whole minutes, at least one', () => {
    const fetched = '2026-11-22T08:00:00.000Z';
    expect(boardAgeMinutes(fetched, Date.parse('2026-11-22T08:12:40.000Z'))).toBe(12);
    expect(boardAgeMinutes(fetched, Date.parse('2026-11-22T08:00:20.000Z'))).toBe(1);
  });

  it('tells seconds since a time, or null without one', () => {
    expect(secondsSince('2026-11-22T08:00:00.000Z', Date.parse('2026-11-22T08:01:30.000Z'))).toBe(
      90,
    );
    expect(secondsSince(null, 0)).toBeNull();
  });

  it('rounds a share to a whole percentage', () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(0, 0)).toBe(0);
  });
});
