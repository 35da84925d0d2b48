import { describe, expect, it } from 'vitest';
import { noticesForRemovedWaves } from './wave-notices';

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
