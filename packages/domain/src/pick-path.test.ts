import { describe, expect, it } from 'vitest';
import { orderByPickPath } from './pick-path';

const line = (id: string, pathSeq: number, binCode = 'A-01-01') => ({ id, pathSeq, binCode });

describe('orderByPickPath', () => {
  it('walks bins in path sequence, not in code order', () => {
    const lines = [line('x', 30, 'A-01-01'), line('y', 10, 'B-09-09'), line('z', 20, 'A-05-01')];
    expect(orderByPickPath(lines).map((l) => l.id)).toEqual(['y', 'z', 'x']);
  });

  it('breaks ties by bin code, then line id, so every device shows the same walk', () => {
    const lines = [line('b', 5, 'A-01-02'), line('c', 5, 'A-01-01'), line('a', 5, 'A-01-01')];
    expect(orderByPickPath(lines).map((l) => l.id)).toEqual(['a', 'c', 'b']);
  });

  it('does not change the array it is given', () => {
    const lines = [line('b', 2), line('a', 1)];
    orderByPickPath(lines);
    expect(lines.map((l) => l.id)).toEqual(['b', 'a']);
  });
});
