/**
 * Some wedges deliver a character twice: as a keydown with its `key` and again as text their
 * input method commits to the focused field (on Android, preventDefault on keydown does not
 * stop an IME commit). The capture counts the keydown and drops the echoed text.
 *
 * @example
 * withoutEcho('A-0', 'A-03') // → { fresh: '', echo: '3' }
 * withoutEcho('12', '')      // → { fresh: '12', echo: '' }
 */
export function withoutEcho(text: string, echo: string): { fresh: string; echo: string } {
  if (echo.startsWith(text)) return { fresh: '', echo: echo.slice(text.length) };
  if (text.startsWith(echo)) return { fresh: text.slice(echo.length), echo: '' };
  return { fresh: text, echo: '' };
}
