import { describe, expect, it } from 'vitest';
import { deviceLanguage, otherLanguage } from './language';

describe('deviceLanguage', () => {
  it('prefers the last signed-in user’s language, else follows the browser', () => {
    expect(deviceLanguage('en', 'zh-CN')).toBe('en');
    expect(deviceLanguage(null, 'zh-TW')).toBe('zh-CN');
    expect(deviceLanguage('fr', 'de-DE')).toBe('en');
    expect(otherLanguage('zh-CN')).toBe('en');
  });
});
