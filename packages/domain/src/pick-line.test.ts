import { describe, expect, it } from 'vitest';
import { applyPick, isLineOpen, remainingQty } from './pick-line';

const open = (qty: number, pickedQty = 0) => ({ qty, pickedQty, status: 'open' as const });

describe('applyPick', () => {
  it.each([
    // line,        pick, picked after, status after, applied, over
    [open(3), 1, 1, 'open', 1, 0],
    [open(3), 3, 3, 'picked', 3, 0],
    [open(3, 2), 1, 3, 'picked', 1, 0],
    [open(3, 2), 2, 3, 'picked', 1, 1],
    [open(3, 3), 2, 3, 'picked', 0, 2],
    [{ qty: 3, pickedQty: 3, status: 'picked' as const }, 2, 3, 'picked', 0, 2],
    [{ qty: 3, pickedQty: 1, status: 'short' as const }, 1, 1, 'short', 0, 1],
  ])('%o picked %i → %i %s (applied %i, over %i)', (line, qty, picked, status, applied, over) => {
    const result = applyPick(line, qty);
    expect(result).toEqual({
      line: { qty: line.qty, pickedQty: picked, status },
      appliedQty: applied,
      overQty: over,
    });
  });

  it('never loses a unit: applied plus over is what was picked', () => {
    for (let qty = 1; qty <= 6; qty++) {
      for (let done = 0; done <= 4; done++) {
        const { appliedQty, overQty } = applyPick(open(4, done), qty);
        expect(appliedQty + overQty).toBe(qty);
      }
    }
  });

  it('keeps the other fields of the line', () => {
    const line = { id: 'L1', binCode: 'A-03-12', ...open(2) };
    expect(applyPick(line, 1).line).toEqual({ id: 'L1', binCode: 'A-03-12', ...open(2, 1) });
  });
});

describe('remainingQty', () => {
  it('counts what is left on an open line and nothing on a closed one', () => {
    expect(remainingQty(open(5, 2))).toBe(3);
    expect(remainingQty({ qty: 5, pickedQty: 2, status: 'short' })).toBe(0);
    expect(isLineOpen(open(1, 1))).toBe(false);
    expect(isLineOpen(open(2, 1))).toBe(true);
  });
});
