/**
 * A small seeded PRNG (mulberry32): the same seed gives the same sequence, so every fresh demo
 * database, and every simulation run with a given seed, is the same.
 *
 * @example
 * const random = seededRandom(1);
 * random(); // → 0.6270739405881613, every time
 */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4_294_967_296;
  };
}
