import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeConcentration, scanPrefixes, scanPrefixesByOrder, sortedPopulation, sortPermutation } from "../../src/metrics/index";
import { giniCoefficient, nakamotoCoefficient, palmaRatio, topNShare } from "../../src/metrics/index";
import { stableOrder, wordsOf } from "./helpers";

const amountArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0n) },
  { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: 2n ** 32n }) },
  { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: 2n ** 128n - 2n ** 80n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 2n ** 127n, max: 2n ** 128n - 2n ** 80n }) },
);
/** Long enough for several 1,024-member blocks; below 2^128 even as doubles (the word path). */
const amountsArb = fc.array(amountArb, { minLength: 64, maxLength: 3_500 });

describe("scanPrefixesByOrder", () => {
  it("equals the bigint scan over the sorted array (every field, any bounds and indices)", () => {
    fc.assert(
      fc.property(amountsArb, fc.boolean(), fc.array(fc.integer({ min: -2, max: 4_000 }), { maxLength: 8 }), fc.array(fc.bigInt({ min: -5n, max: 2n ** 140n }), { maxLength: 4 }), (xs, includeZeros, at, below) => {
        const population = sortedPopulation(xs, { includeZeros });
        const p = sortPermutation(xs)!;
        const start = p.order.length - population.n;
        const fast = scanPrefixesByOrder(p.order, p.words!, start, population.n, at, below);
        expect(fast.total).toBe(population.total);
        const slow = scanPrefixes(population, at, below);
        expect(fast.sumOfPrefixes).toBe(slow.sumOfPrefixes);
        expect(fast.at).toEqual(slow.at);
        expect(fast.lastBelow).toEqual(slow.lastBelow);
      }),
      { numRuns: 150 },
    );
  });

  it("takes bounds computed from the total", () => {
    const xs = Array.from({ length: 3000 }, (_, i) => BigInt(i + 1) * 10n ** 24n);
    const p = sortPermutation(xs)!;
    const scan = scanPrefixesByOrder(p.order, p.words!, 0, xs.length, [], (total) => [total / 2n]);
    const population = sortedPopulation(xs);
    expect(scan.lastBelow).toEqual(scanPrefixes(population, [], [population.total / 2n]).lastBelow);
  });
});

describe("computeConcentration on the word path", () => {
  it("equals the single-metric functions bit for bit on long inputs", () => {
    fc.assert(
      fc.property(amountsArb, (xs) => {
        const m = computeConcentration(xs);
        expect(m.gini).toBe(giniCoefficient(xs));
        expect(m.nakamoto33).toBe(nakamotoCoefficient(xs, { num: 1, den: 3 }));
        expect(m.nakamoto50).toBe(nakamotoCoefficient(xs, 0.5));
        expect(m.nakamoto66).toBe(nakamotoCoefficient(xs, { num: 2, den: 3 }));
        expect(m.top1Share).toBe(topNShare(xs, 1));
        expect(m.top10Share).toBe(topNShare(xs, 10));
        expect(m.palma).toBe(palmaRatio(xs));
      }),
      { numRuns: 100 },
    );
  });
});

/** Ascending permutation (ties by index) and the four 32-bit words of each amount, built here. */
function permutationAndWords(xs: readonly bigint[]): { order: Uint32Array; words: Uint32Array } {
  return { order: Uint32Array.from(stableOrder(xs)), words: wordsOf(xs) };
}

/** C_0 .. C_n of the members order[start .. start + n), by a plain bigint loop. */
function prefixSums(xs: readonly bigint[], order: Uint32Array, start: number, n: number): bigint[] {
  const c = [0n];
  for (let j = 0; j < n; j++) c.push(c[j]! + xs[order[start + j]!]!);
  return c;
}

/** Largest j with C_j < bound, or -1. */
function lastBelow(c: readonly bigint[], bound: bigint): number {
  let last = -1;
  c.forEach((cj, j) => {
    if (cj < bound) last = j;
  });
  return last;
}

describe("scanPrefixesByOrder bounds and indices", () => {
  it("handles an empty population (no blocks)", () => {
    const scan = scanPrefixesByOrder(new Uint32Array(0), new Uint32Array(0), 0, 0, [0, 3, -1], [0n, -4n, 1n]);
    expect(scan).toEqual({ total: 0n, sumOfPrefixes: 0n, at: [0n, 0n, 0n], lastBelow: [-1, -1, 0] });
  });

  it("answers bounds of 0, negative, equal to a prefix sum, at a block boundary and beyond the total", () => {
    // 1,100 members (two blocks of 1,024), amounts (i + 1)·M in a scrambled input order, plus zeros
    const M = 2n ** 70n + 12_345n;
    const xs = [0n, ...Array.from({ length: 1100 }, (_, i) => BigInt(((i * 389) % 1100) + 1) * M), 0n];
    const { order, words } = permutationAndWords(xs);
    const start = 2; // the two zeros are not members
    const n = 1100;
    const c = prefixSums(xs, order, start, n);
    expect(c[1024]).toBe((1024n * 1025n * M) / 2n);
    const bounds = [0n, -1n, 1n, M, M + 1n, c[500]!, c[1023]!, c[1024]!, c[1024]! + 1n, c[1025]!, c[1100]!, c[1100]! + 1n, 10n ** 40n];
    const at = [-5, 0, 1, 500, 1023, 1024, 1025, 1050, 1099, 1100, 2000];
    const scan = scanPrefixesByOrder(order, words, start, n, at, bounds);
    expect(scan.total).toBe(c[1100]);
    expect(scan.at).toEqual(at.map((j) => c[Math.min(n, Math.max(0, j))]));
    expect(scan.lastBelow).toEqual(bounds.map((b) => lastBelow(c, b)));
    // hand-checked values of the same: C_j < C_j is false, so a bound equal to C_j gives j − 1
    expect(scan.lastBelow).toEqual([-1, -1, 0, 0, 1, 499, 1022, 1023, 1024, 1024, 1099, 1100, 1100]);
    expect(scan.sumOfPrefixes).toBe(c.slice(1, n).reduce((s, v) => s + v, 0n));
  });

  it("finds crossings inside flat stretches of C (members of 0) in a population of whole blocks", () => {
    // 2,048 members (exactly two blocks): runs of zeros among the members, so C_j stays flat
    const xs = Array.from({ length: 2048 }, (_, i) => (i % 300 < 120 ? 0n : BigInt(i) * 10n ** 20n));
    const { order, words } = permutationAndWords(xs);
    const c = prefixSums(xs, order, 0, 2048);
    const flat = c.findIndex((cj, j) => j > 0 && cj > 0n); // the first positive C_j, after the zeros
    const bounds = [1n, c[flat]!, c[flat]! + 1n, c[1500]!, c[1500]! + 1n, c[2047]!, c[2048]!, c[2048]! + 1n];
    const at = [flat - 1, flat, 1500, 2047, 2048];
    const scan = scanPrefixesByOrder(order, words, 0, 2048, at, bounds);
    expect(scan.total).toBe(c[2048]);
    expect(scan.at).toEqual(at.map((j) => c[j]));
    expect(scan.lastBelow).toEqual(bounds.map((b) => lastBelow(c, b)));
    // hand-checked: 840 zeros (120 of each of six stretches of 300, plus 120 of the last 248)
    expect(flat).toBe(841);
    expect(scan.lastBelow.slice(0, 3)).toEqual([840, 840, 841]);
    expect(scan.lastBelow.slice(-2)).toEqual([2047, 2048]);
  });

  it("takes bounds from the total and reads C_j inside the second block", () => {
    const xs = Array.from({ length: 1030 }, (_, i) => BigInt(1030 - i));
    const { order, words } = permutationAndWords(xs);
    const c = prefixSums(xs, order, 0, 1030);
    const scan = scanPrefixesByOrder(order, words, 0, 1030, [1027, 1030], (total) => [total, total / 2n, 0n]);
    expect(scan.total).toBe(1030n * 1031n / 2n);
    expect(scan.at).toEqual([c[1027], c[1030]]);
    expect(scan.lastBelow).toEqual([1029, lastBelow(c, scan.total / 2n), -1]);
  });
});
