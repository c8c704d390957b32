/**
 * bot/backoff.ts: the seeded generator is mulberry32 exactly (the delays of a run are reproducible
 * only if every step of it is), checked against outputs worked out from the algorithm's
 * definition in exact integer arithmetic mod 2^32:
 *
 *   s += 0x6d2b79f5; t = s; t = (t ^ t >>> 15) · (t | 1); t ^= t + (t ^ t >>> 7) · (t | 61);
 *   out = (t ^ t >>> 14) / 2^32
 *
 * Seed 0, first draw: s = 0x6d2b79f5 = 1831565813, and the steps give 0.26642920868471265.
 */
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../bot/backoff";

describe("seededRandom", () => {
  it.each([
    [0, [0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]],
    [1, [0.6270739405881613, 0.002735721180215478, 0.5274470399599522]],
  ])("seed %i draws mulberry32's sequence", (seed, expected) => {
    const random = seededRandom(seed);
    expect([random(), random(), random()]).toEqual(expected);
  });
});
