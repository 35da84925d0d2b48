import { describe, expect, it } from 'vitest';
import { isPinOfVerifier } from './offline-unlock';

/**
 * A verifier made outside this code (Python's hashlib.pbkdf2_hmac('sha256', b'86420', salt
 * 00 01 … 0f, 1000 rounds), in the server's format): what the handheld gets in the pull.
 */
const VERIFIER_OF_86420 =
  'pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw$kBA2lgZnJt6-Oy7Tcjc8cb2BkEP9ywefvdfi1oCH7-U';

describe('a lead PIN checked on the handheld', () => {
  it('accepts the PIN behind the verifier and refuses any other', async () => {
    expect(await isPinOfVerifier(VERIFIER_OF_86420, '86420')).toBe(true);
    expect(await isPinOfVerifier(VERIFIER_OF_86420, '86421')).toBe(false);
    expect(await isPinOfVerifier(VERIFIER_OF_86420, '1234')).toBe(false);
  });

  it('refuses a verifier it cannot read (another scheme, or the login hash)', async () => {
    expect(await isPinOfVerifier('scrypt$AAECAwQFBgcICQoLDA0ODw$kBA2lgZnJt6', '86420')).toBe(false);
    expect(await isPinOfVerifier('pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw', '86420')).toBe(false);
  });
});
