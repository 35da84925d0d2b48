import { describe, expect, it } from 'vitest';
import { countMovedOff, noticesForMovedLines, noticesForRemovedWaves } from './wave-notices';

describe('noticesForRemovedWaves', () => {
  it('names each removed wave by the code the picker saw, and who has it now', () => {
    const notices = noticesForRemovedWaves(
      [
        { waveId: 'W-GZ-1', reason: 'reassigned', assignedTo: 'Zhang Min', keptPicks: 5 },
        { waveId: 'W-GZ-2', reason: 'cancelled', assignedTo: null },
      ],
      [{ id: 'W-GZ-1', code: 'B26-07' }, undefined],
      'p1',
    );
    expect(notices).toEqual([
      {
        id: 'W-GZ-1:reassigned:p1',
        waveId: 'W-GZ-1',
        waveCode: 'B26-07',
        reason: 'reassigned',
        assignedTo: 'Zhang Min',
        keptPicks: 5,
      },
      {
        id: 'W-GZ-2:cancelled:p1',
        waveId: 'W-GZ-2',
        waveCode: null,
        reason: 'cancelled',
        assignedTo: null,
      },
    ]);
  });
});

describe('noticesForMovedLines', () => {
  it('counts the lines that left each wave; lines never held and waves removed whole get none', () => {
    const notices = noticesForMovedLines(
      [
        { waveId: 'W-GZ-1' },
        undefined,
        { waveId: 'W-GZ-1' },
        { waveId: 'W-GZ-2' },
        { waveId: 'W-GZ-3' },
      ],
      [
        { id: 'W-GZ-1', code: 'B26-07' },
        { id: 'W-GZ-3', code: 'B26-09' },
      ],
      new Set(['W-GZ-2']),
      'p2',
    );
    expect(notices).toEqual([
      {
        id: 'W-GZ-1:lines-moved:p2',
        waveId: 'W-GZ-1',
        waveCode: 'B26-07',
        reason: 'lines-moved',
        assignedTo: null,
        movedLines: 2,
      },
      {
        id: 'W-GZ-3:lines-moved:p2',
        waveId: 'W-GZ-3',
        waveCode: 'B26-09',
        reason: 'lines-moved',
        assignedTo: null,
        movedLines: 1,
      },
    ]);
  });
});

describe('countMovedOff', () => {
  it('adds the lines moved off this device to the count kept per wave', () => {
    expect(countMovedOff({ W1: 2 }, [{ waveId: 'W1' }, { waveId: 'W2' }, undefined])).toEqual({
      W1: 3,
      W2: 1,
    });
  });
});
