/**
 * Retry delays: exponential backoff with "equal jitter" from a seeded generator, so a run's
 * delays are reproducible for a given seed and target.
 */

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed for one target: FNV-1a of `${seed}:${name}`. */
export function targetSeed(seed: number, name: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}:${name}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Delay before retry number `attempt` (1 = after the first failure):
 * `cap = min(maxMs, baseMs · 2^(attempt-1))`, delay in [cap/2, cap).
 * @example backoffDelay(3, () => 0, 1000, 60_000); // 2000 (cap 4000, no jitter)
 */
export function backoffDelay(attempt: number, random: () => number, baseMs: number, maxMs: number): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.floor(cap / 2 + random() * (cap / 2));
}
