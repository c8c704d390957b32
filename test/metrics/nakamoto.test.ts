import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidThresholdError, nakamotoCoefficient, nakamotoOfPopulation } from "../../src/metrics/index";
import { amountsArb } from "./helpers";

// k = min { k : (sum of the k largest) > threshold · S }, compared exactly.

describe("nakamotoCoefficient: hand-worked examples", () => {
  it("strictly more than the threshold is required", () => {
    // [5, 3, 2], S = 10, half = 5: top1 = 5 is not > 5; top2 = 8 is → 2
    expect(nakamotoCoefficient([2n, 5n, 3n], 0.5)).toBe(2);
    // [6, 3, 1]: top1 = 6 > 5 → 1
    expect(nakamotoCoefficient([1n, 3n, 6n], 0.5)).toBe(1);
  });

  it("equal amounts", () => {
    // four 1s, S = 4: > 2 needs 3; > 4/3 needs 2; > 8/3 needs 3
    const xs = [1n, 1n, 1n, 1n];
    expect(nakamotoCoefficient(xs, 0.5)).toBe(3);
    expect(nakamotoCoefficient(xs, { num: 1, den: 3 })).toBe(2);
    expect(nakamotoCoefficient(xs, { num: 2n, den: 3n })).toBe(3);
  });

  it("one holder with everything, zeros, empty input", () => {
    expect(nakamotoCoefficient([0n, 0n, 5n], 0.99)).toBe(1);
    expect(nakamotoCoefficient([], 0.5)).toBe(0);
    expect(nakamotoCoefficient([0n, 0n], 0.5)).toBe(0);
    // threshold 0: the largest positive amount already exceeds 0
    expect(nakamotoCoefficient([1n, 2n], 0)).toBe(1);
  });

  it("reads number thresholds as decimals and compares exactly at 1e27 scale", () => {
    // 0.1 is 1/10 exactly: [1, 9], S = 10, 1/10·S = 1: top1 = 9 > 1 → 1
    expect(nakamotoCoefficient([1n, 9n], 0.1)).toBe(1);
    // [9, 1] with 0.9: 9 is not > 9 → 2
    expect(nakamotoCoefficient([9n, 1n], 0.9)).toBe(2);
    // 5e27 + 1 vs 5e27 − 1: S = 1e28, half = 5e27; 5e27 + 1 > 5e27 → 1 (doubles cannot tell)
    const big = 5n * 10n ** 27n;
    expect(nakamotoCoefficient([big + 1n, big - 1n], 0.5)).toBe(1);
    expect(nakamotoCoefficient([big, big], 0.5)).toBe(2);
  });

  it("rejects thresholds outside [0, 1)", () => {
    for (const t of [1, 1.5, -0.1, Number.NaN, Infinity]) {
      expect(() => nakamotoCoefficient([1n], t)).toThrow(InvalidThresholdError);
    }
    expect(() => nakamotoCoefficient([1n], { num: 1, den: 0 })).toThrow(InvalidThresholdError);
    expect(() => nakamotoCoefficient([1n], { num: 3, den: 2 })).toThrow(InvalidThresholdError);
    expect(() => nakamotoCoefficient([1n], { num: 1.5, den: 2 })).toThrow(InvalidThresholdError);
  });
});

describe("nakamotoCoefficient: exact thirds at the boundary", () => {
  it("a prefix holding exactly 1/3 or 2/3 is not enough", () => {
    // [1, 1, 1], S = 3: > 1 needs 2 (1 is exactly a third); > 2 needs 3 (2 is exactly two thirds)
    expect(nakamotoCoefficient([1n, 1n, 1n], { num: 1, den: 3 })).toBe(2);
    expect(nakamotoCoefficient([1n, 1n, 1n], { num: 2, den: 3 })).toBe(3);
    // 0.33 is 33/100, not 1/3: 1·100 > 33·3 → 1
    expect(nakamotoCoefficient([1n, 1n, 1n], 0.33)).toBe(1);
  });
});

describe("nakamotoOfPopulation", () => {
  const third = { num: 1n, den: 3n };
  const half = { num: 1n, den: 2n };
  const twoThirds = { num: 2n, den: 3n };

  it("several thresholds in one walk, each keeping its own first crossing", () => {
    // four 1s, S = 4: > 4/3 → 2, > 2 → 3, > 8/3 → 3
    const equal = { ascending: [1n, 1n, 1n, 1n], start: 0, n: 4, total: 4n };
    expect(nakamotoOfPopulation(equal, [third, half, twoThirds])).toEqual([2, 3, 3]);
    expect(nakamotoOfPopulation(equal, [twoThirds, third])).toEqual([3, 2]);
    // descending 6, 3, 1 (S = 10): > 10/3 → 1 (6), > 5 → 1, > 20/3 → 2 (9)
    const skewed = { ascending: [0n, 1n, 3n, 6n], start: 1, n: 3, total: 10n };
    expect(nakamotoOfPopulation(skewed, [third, half, twoThirds])).toEqual([1, 1, 2]);
    expect(nakamotoOfPopulation(skewed, [])).toEqual([]);
  });

  it("a threshold no coalition passes (the whole total is not more than 1·S) stays 0", () => {
    // [1, 2]: S = 3, 1·S = 3, the top 2 hold exactly 3, not more
    const population = { ascending: [1n, 2n], start: 0, n: 2, total: 3n };
    expect(nakamotoOfPopulation(population, [{ num: 1n, den: 1n }])).toEqual([0]);
    expect(nakamotoOfPopulation(population, [half, { num: 1n, den: 1n }])).toEqual([1, 0]);
  });

  it("0 for every threshold on a zero total", () => {
    expect(nakamotoOfPopulation({ ascending: [0n, 0n], start: 0, n: 2, total: 0n }, [third, half])).toEqual([0, 0]);
    expect(nakamotoOfPopulation({ ascending: [], start: 0, n: 0, total: 0n }, [half])).toEqual([0]);
  });
});

describe("nakamotoCoefficient: properties", () => {
  const thresholdArb = fc.integer({ min: 0, max: 999 }).map((p) => ({ num: BigInt(p), den: 1000n }));

  it("is monotone in the threshold and at most the number of holders", () => {
    fc.assert(
      fc.property(amountsArb, thresholdArb, thresholdArb, (xs, a, b) => {
        const [lo, hi] = a.num <= b.num ? [a, b] : [b, a];
        const kLo = nakamotoCoefficient(xs, lo);
        const kHi = nakamotoCoefficient(xs, hi);
        expect(kLo).toBeLessThanOrEqual(kHi);
        expect(kHi).toBeLessThanOrEqual(xs.filter((x) => x > 0n).length);
      }),
    );
  });

  it("matches a brute-force definition", () => {
    fc.assert(
      fc.property(amountsArb, thresholdArb, (xs, t) => {
        const desc = xs.slice().sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
        const S = desc.reduce((s, x) => s + x, 0n);
        let expected = 0;
        if (S > 0n) {
          let sum = 0n;
          for (let k = 1; k <= desc.length; k++) {
            sum += desc[k - 1]!;
            if (sum * t.den > t.num * S) {
              expected = k;
              break;
            }
          }
        }
        expect(nakamotoCoefficient(xs, t)).toBe(expected);
      }),
    );
  });
});
