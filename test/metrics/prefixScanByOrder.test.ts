import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeConcentration, scanPrefixes, scanPrefixesByOrder, sortedPopulation, sortPermutation } from "../../src/metrics/index";
import { giniCoefficient, nakamotoCoefficient, palmaRatio, topNShare } from "../../src/metrics/index";

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
        const fast = scanPrefixesByOrder(xs, p.order, p.words!, start, population.n, at, below);
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
    const scan = scanPrefixesByOrder(xs, p.order, p.words!, 0, xs.length, [], (total) => [total / 2n]);
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
