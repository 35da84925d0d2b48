import { describe, expect, it } from 'vitest';
import { withoutEcho } from './keystroke-echo';

describe('withoutEcho', () => {
  it('drops text already counted from keydowns, keeps what is new', () => {
    expect(withoutEcho('A', 'A')).toEqual({ fresh: '', echo: '' });
    expect(withoutEcho('A-0', 'A-03')).toEqual({ fresh: '', echo: '3' });
    expect(withoutEcho('A-03-12', 'A-03')).toEqual({ fresh: '-12', echo: '' });
    expect(withoutEcho('0690', '')).toEqual({ fresh: '0690', echo: '' });
    expect(withoutEcho('B', 'A')).toEqual({ fresh: 'B', echo: '' });
  });
});
