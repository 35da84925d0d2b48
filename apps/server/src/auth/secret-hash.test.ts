import { describe, expect, it } from 'vitest';
import { hashPin, isPinCorrect } from './secret-hash';

/** Resolves with the order in which a hash and a turn of the event loop finished. */
async function whichFinishesFirst(hashing: Promise<unknown>): Promise<string[]> {
  const order: string[] = [];
  await Promise.all([
    hashing.then(() => order.push('hash')),
    new Promise<void>((resolve) =>
      setImmediate(() => {
        order.push('event loop turn');
        resolve();
      }),
    ),
  ]);
  return order;
}

describe('PIN hashing', () => {
  it('a hashed PIN verifies, a wrong one does not, a malformed hash never does', async () => {
    const stored = await hashPin('1234');
    expect(stored).toMatch(/^scrypt\$[\w-]{22}\$[\w-]{43}$/);
    expect(await isPinCorrect('1234', stored)).toBe(true);
    expect(await isPinCorrect('1235', stored)).toBe(false);
    expect(await isPinCorrect('1234', 'md5$abc')).toBe(false);
  });

  it('hashing and checking leave the event loop free: other requests run meanwhile', async () => {
    expect(await whichFinishesFirst(hashPin('1234'))).toEqual(['event loop turn', 'hash']);
    const stored = await hashPin('1234');
    expect(await whichFinishesFirst(isPinCorrect('1234', stored))).toEqual([
      'event loop turn',
      'hash',
    ]);
  });
});
