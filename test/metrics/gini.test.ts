import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  giniCoefficient,
  giniFromPrefixSum,
  giniMeanDifference,
  InvalidAmountError,
  NegativeAmountError,
} from "../../src/metrics/index";
import { amountsArb, expectCorrectlyRounded, positiveTotalArb, relativeDifference } from "./helpers";

// Formula (sorted ascending, S = Σx, C_j = x_1 + … + x_j):
//   G = ((n−1)·S − 2·Σ_{j=1}^{n−1} C_j) / (n·S)        sample-corrected: / ((n−1)·S)

describe("giniCoefficient: hand-worked examples", () => {
  it("is 0 for equal amounts", () => {
    // n = 4, S = 20, C = 5, 10, 15 → ΣC = 30; (3·20 − 60) / 80 = 0
    expect(giniCoefficient([5n, 5n, 5n, 5n])).toBe(0);
  });

  it("is (n−1)/n when one holder has everything (zeros included)", () => {
    // sorted 0, 0, 0, 8: n = 4, S = 8, C = 0, 0, 0 → (3·8 − 0) / 32 = 0.75
    expect(giniCoefficient([0n, 8n, 0n, 0n], { includeZeros: true })).toBe(0.75);
    // sample-corrected: 24 / (3·8) = 1
    expect(giniCoefficient([0n, 8n, 0n, 0n], { includeZeros: true, sampleCorrected: true })).toBe(1);
    // default population = positive amounts = [8], n = 1 → 0
    expect(giniCoefficient([0n, 8n, 0n, 0n])).toBe(0);
  });

  it("two holders", () => {
    // [1, 3]: n = 2, S = 4, C_1 = 1 → (1·4 − 2) / 8 = 0.25
    expect(giniCoefficient([3n, 1n])).toBe(0.25);
    // sample-corrected: 2 / (1·4) = 0.5
    expect(giniCoefficient([3n, 1n], { sampleCorrected: true })).toBe(0.5);
  });

  it("four holders 1..4", () => {
    // S = 10, C = 1, 3, 6 → ΣC = 10; (3·10 − 20) / 40 = 0.25
    expect(giniCoefficient([4n, 2n, 1n, 3n])).toBe(0.25);
  });

  it("zeros are excluded unless includeZeros", () => {
    // default: [1, 3] → 0.25
    expect(giniCoefficient([0n, 1n, 3n])).toBe(0.25);
    // with zeros: sorted 0, 1, 3: n = 3, S = 4, C = 0, 1 → (2·4 − 2) / 12 = 0.5
    expect(giniCoefficient([0n, 1n, 3n], { includeZeros: true })).toBe(0.5);
  });

  it("is 0 for empty input, a single amount, or a zero total", () => {
    expect(giniCoefficient([])).toBe(0);
    expect(giniCoefficient([7n])).toBe(0);
    expect(giniCoefficient([0n, 0n], { includeZeros: true })).toBe(0);
  });

  it("sampleCorrected is 0 for a single holder too (not 0 / 0)", () => {
    expect(giniCoefficient([7n], { sampleCorrected: true })).toBe(0);
    expect(giniCoefficient([0n, 7n], { sampleCorrected: true })).toBe(0);
  });

  it("rejects negative and non-bigint amounts, naming the index", () => {
    expect(() => giniCoefficient([1n, -2n])).toThrow(NegativeAmountError);
    expect(() => giniCoefficient([1n, -2n])).toThrow(/index 1 is negative: -2/);
    expect(() => giniCoefficient([1n, 2 as unknown as bigint])).toThrow(InvalidAmountError);
    const long = Array.from({ length: 100 }, (_, i) => BigInt(i));
    long[70] = -5n;
    expect(() => giniCoefficient(long)).toThrow(/index 70/);
  });
});

describe("giniFromPrefixSum", () => {
  it("computes ((n−1)·S − 2·ΣC) / (n·S), or / ((n−1)·S) sample-corrected", () => {
    // [1, 2, 3]: S = 6, C_1 = 1, C_2 = 3 → ΣC = 4; (2·6 − 8) / 18 = 2/9, corrected 4/12 = 1/3
    expect(giniFromPrefixSum({ n: 3, total: 6n }, 4n)).toBe(2 / 9);
    expect(giniFromPrefixSum({ n: 3, total: 6n }, 4n, { sampleCorrected: true })).toBe(1 / 3);
  });

  it("is 0 for n <= 1 or a zero total, with or without the correction", () => {
    expect(giniFromPrefixSum({ n: 1, total: 5n }, 0n, { sampleCorrected: true })).toBe(0);
    expect(giniFromPrefixSum({ n: 1, total: 5n }, 0n)).toBe(0);
    expect(giniFromPrefixSum({ n: 0, total: 0n }, 0n, { sampleCorrected: true })).toBe(0);
    expect(giniFromPrefixSum({ n: 3, total: 0n }, 0n)).toBe(0);
  });
});

describe("giniMeanDifference: hand-worked examples", () => {
  it("matches the definition Σ_i Σ_j |x_i − x_j| / (2·n·S)", () => {
    // [1, 3]: pairs (1,3), (3,1) → 4; / (2·2·4) = 0.25
    expect(giniMeanDifference([1n, 3n])).toBe(0.25);
    // [0, 1, 3] with zeros: |0−1| + |0−3| + |1−3| = 6, twice = 12; / (2·3·4) = 0.5
    expect(giniMeanDifference([0n, 1n, 3n], { includeZeros: true })).toBe(0.5);
    // sample-corrected [1, 3]: 4 / (2·1·4) = 0.5
    expect(giniMeanDifference([1n, 3n], { sampleCorrected: true })).toBe(0.5);
    expect(giniMeanDifference([])).toBe(0);
    expect(giniMeanDifference([0n, 0n, 0n], { includeZeros: true })).toBe(0);
  });
});

describe("giniCoefficient: properties", () => {
  it("lies in [0, 1) and agrees with the mean-difference formula", () => {
    fc.assert(
      fc.property(amountsArb, fc.boolean(), (xs, includeZeros) => {
        const g = giniCoefficient(xs, { includeZeros });
        expect(g).toBeGreaterThanOrEqual(0);
        expect(g).toBeLessThan(1);
        expect(relativeDifference(g, giniMeanDifference(xs, { includeZeros }))).toBeLessThanOrEqual(1e-12);
        const gs = giniCoefficient(xs, { includeZeros, sampleCorrected: true });
        expect(gs).toBeLessThanOrEqual(1);
        expect(relativeDifference(gs, giniMeanDifference(xs, { includeZeros, sampleCorrected: true }))).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it("is invariant to order and to scaling", () => {
    fc.assert(
      fc.property(amountsArb, fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.boolean(), (xs, c, includeZeros) => {
        const g = giniCoefficient(xs, { includeZeros });
        expect(giniCoefficient(xs.slice().reverse(), { includeZeros })).toBe(g);
        expect(giniCoefficient(xs.map((x) => x * c), { includeZeros })).toBe(g);
      }),
    );
  });

  it("is 0 for equal amounts and (n−1)/n when one holds all", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.bigInt({ min: 1n, max: 10n ** 30n }), (n, x) => {
        expect(giniCoefficient(Array.from({ length: n }, () => x))).toBe(0);
        const one = Array.from({ length: n }, (_, i) => (i === 0 ? x : 0n));
        expect(giniCoefficient(one, { includeZeros: true })).toBe((n - 1) / n);
      }),
    );
  });

  it("is the correctly rounded exact rational, even at 1e27 scale", () => {
    fc.assert(
      fc.property(positiveTotalArb, (xs) => {
        const pos = xs.filter((x) => x > 0n).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const n = BigInt(pos.length);
        if (n <= 1n) return;
        let S = 0n;
        let weighted = 0n;
        pos.forEach((x, i) => {
          S += x;
          weighted += BigInt(i + 1) * x;
        });
        // G = (2·Σ i·x_i − (n+1)·S) / (n·S)
        expectCorrectlyRounded(giniCoefficient(xs), 2n * weighted - (n + 1n) * S, n * S);
      }),
    );
  });
});
