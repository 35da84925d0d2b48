import { describe, expect, it } from 'vitest';
import { applyPick } from './pick-line';
import { withPendingEvents, withPendingPicks } from './pending-picks';

const aLine = (id: string, qty: number, pickedQty = 0) => ({
  id,
  qty,
  pickedQty,
  status: 'open' as const,
});

describe('withPendingPicks', () => {
  it('replays the outbox over the server copy', () => {
    const lines = [aLine('L1', 3), aLine('L2', 1)];
    const view = withPendingPicks(lines, [
      { pickLineId: 'L1', qty: 2 },
      { pickLineId: 'L2', qty: 1 },
      { pickLineId: 'L1', qty: 1 },
    ]);
    expect(view).toEqual([
      { id: 'L1', qty: 3, pickedQty: 3, status: 'picked' },
      { id: 'L2', qty: 1, pickedQty: 1, status: 'picked' },
    ]);
  });

  it('ignores picks for lines the device no longer holds', () => {
    expect(withPendingPicks([aLine('L1', 2)], [{ pickLineId: 'gone', qty: 1 }])).toEqual([
      aLine('L1', 2),
    ]);
  });

  it('agrees with the server once the outbox drains', () => {
    const picks = [
      { pickLineId: 'L1', qty: 1 },
      { pickLineId: 'L1', qty: 4 },
    ];
    const deviceView = withPendingPicks([aLine('L1', 4)], picks);
    const serverLine = picks.reduce((line, pick) => applyPick(line, pick.qty).line, aLine('L1', 4));
    expect(deviceView).toEqual([serverLine]);
  });
});

describe('withPendingEvents', () => {
  const line = { id: 'L1', qty: 3, pickedQty: 0, status: 'open' as const };
  const event = {
    id: 'e',
    seq: 1,
    deviceTime: '2026-11-22T00:00:00Z',
    userId: 'u',
    assignmentVersion: 1,
  };

  it('counts picks, closes a shorted line and ignores label reports', () => {
    const lines = withPendingEvents(
      [line],
      [
        {
          ...event,
          type: 'pick@1',
          payload: { pickLineId: 'L1', waveId: 'W', binCode: 'A-01-01', skuId: 'S', qty: 1 },
        },
        {
          ...event,
          type: 'bin-label-failed@1',
          payload: { pickLineId: 'L1', waveId: 'W', binCode: 'A-01-01', attempts: 3 },
        },
        {
          ...event,
          type: 'short@1',
          payload: {
            pickLineId: 'L1',
            waveId: 'W',
            binCode: 'A-01-01',
            skuId: 'S',
            shortQty: 2,
            reason: 'empty',
          },
        },
      ],
    );
    expect(lines).toEqual([{ id: 'L1', qty: 3, pickedQty: 1, status: 'short' }]);
  });
});
