/**
 * A code as a speech engine should say it: one character at a time, separators dropped, so that
 * `A-03-12` is never read as "A minus three minus twelve" (or 十二 in Chinese).
 *
 * @example
 * spellCode('A-03-12') // → 'A 0 3 1 2'
 */
export function spellCode(code: string): string {
  return [...code].filter((char) => /[\p{L}\p{N}]/u.test(char)).join(' ');
}
