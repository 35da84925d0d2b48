import { describe, expect, it } from 'vitest';
import { type MovableLine, planWaveMove, splitWaveCode } from './wave-move';

const lines: MovableLine[] = [
  { id: 'l3', pathSeq: 30, status: 'open' },
  { id: 'l1', pathSeq: 10, status: 'picked' },
  { id: 'l2', pathSeq: 20, status: 'open' },
  { id: 'l4', pathSeq: 40, status: 'short' },
  { id: 'l5', pathSeq: 50, status: 'open' },
];

describe('planWaveMove', () => {
  it('moves no line for a whole-wave move', () => {
    expect(planWaveMove(lines, 'wave', 20)).toEqual({
      moving: [],
      staying: ['l1', 'l2', 'l3', 'l4', 'l5'],
    });
  });

  it('moves every open line for remaining lines, in path order', () => {
    expect(planWaveMove(lines, 'remaining', 20)).toEqual({
      moving: ['l2', 'l3', 'l5'],
      staying: ['l1', 'l4'],
    });
  });

  it('splits at the position: open lines beyond it move, the line at it stays', () => {
    expect(planWaveMove(lines, 'split', 20)).toEqual({
      moving: ['l3', 'l5'],
      staying: ['l1', 'l2', 'l4'],
    });
  });

  it('splits like remaining lines when the position is unknown', () => {
    expect(planWaveMove(lines, 'split', null).moving).toEqual(['l2', 'l3', 'l5']);
  });

  it('names the split-off wave after its origin', () => {
    expect(splitWaveCode('B26-07')).toBe('S26-07');
  });
});
