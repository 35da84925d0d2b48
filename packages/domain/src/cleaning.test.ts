import { describe, expect, it } from 'vitest';
import { cleanConsigneeName } from './cleaning';

describe('cleanConsigneeName', () => {
  it.each([
    ['  王 芳 ', '王芳'],
    ['Li   Wei', 'Li Wei'],
    ['欧阳 娜娜', '欧阳娜娜'],
  ])('%s → %s', (raw, clean) => expect(cleanConsigneeName(raw)).toBe(clean));
});
