import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { entropyOfPopulation, normalizedEntropy } from "../../src/metrics/index";
import { amountsArb } from "./helpers";

// E = −Σ s_i ln s_i / ln n.

describe("normalizedEntropy: hand-worked examples", () => {
  it("is 1 for equal amounts", () => {
    expect(normalizedEntropy([4n, 4n, 4n])).toBeCloseTo(1, 15);
    expect(normalizedEntropy([10n ** 27n, 10n ** 27n])).toBeCloseTo(1, 15);
  });

  it("is 0 for a single holder, with or without zeros", () => {
    expect(normalizedEntropy([5n])).toBe(0);
    expect(normalizedEntropy([0n, 0n, 7n], { includeZeros: true })).toBe(0);
  });

  it("two holders [1, 3]: −(¼ ln ¼ + ¾ ln ¾) / ln 2 ≈ 0.8112781", () => {
    const expected = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)) / Math.LN2;
    expect(normalizedEntropy([1n, 3n])).toBeCloseTo(expected, 14);
    expect(expected).toBeCloseTo(0.8112781, 7);
  });

  it("zeros count in n only with includeZeros", () => {
    // [0, 1, 1]: H = ln 2; over n = 3 → ln 2 / ln 3 ≈ 0.6309298
    expect(normalizedEntropy([0n, 1n, 1n], { includeZeros: true })).toBeCloseTo(Math.LN2 / Math.log(3), 14);
    expect(normalizedEntropy([0n, 1n, 1n])).toBeCloseTo(1, 15);
  });

  it("is 0 for empty input and a zero total", () => {
    expect(normalizedEntropy([])).toBe(0);
    expect(normalizedEntropy([0n, 0n], { includeZeros: true })).toBe(0);
  });
});

describe("entropyOfPopulation", () => {
  it("hand-worked populations", () => {
    // two equal holders: H = ln 2 → 1
    expect(entropyOfPopulation({ ascending: [1n, 1n], start: 0, n: 2, total: 2n })).toBeCloseTo(1, 15);
    // [1, 3]: −(¼ ln ¼ + ¾ ln ¾) / ln 2
    const expected = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)) / Math.LN2;
    expect(entropyOfPopulation({ ascending: [1n, 3n], start: 0, n: 2, total: 4n })).toBeCloseTo(expected, 14);
    // zeros in the population: [0, 1, 1] over n = 3 → ln 2 / ln 3; without them (start 1) → 1
    expect(entropyOfPopulation({ ascending: [0n, 1n, 1n], start: 0, n: 3, total: 2n })).toBeCloseTo(Math.LN2 / Math.log(3), 14);
    expect(entropyOfPopulation({ ascending: [0n, 1n, 1n], start: 1, n: 2, total: 2n })).toBeCloseTo(1, 15);
    // a single holder, an empty population, a zero total
    expect(entropyOfPopulation({ ascending: [9n], start: 0, n: 1, total: 9n })).toBe(0);
    expect(entropyOfPopulation({ ascending: [], start: 0, n: 0, total: 0n })).toBe(0);
    expect(entropyOfPopulation({ ascending: [0n, 0n], start: 0, n: 2, total: 0n })).toBe(0);
  });
});

describe("normalizedEntropy: properties", () => {
  it("lies in [0, 1] and matches the direct formula", () => {
    fc.assert(
      fc.property(amountsArb, fc.boolean(), (xs, includeZeros) => {
        const e = normalizedEntropy(xs, { includeZeros });
        expect(e).toBeGreaterThanOrEqual(0);
        expect(e).toBeLessThanOrEqual(1);
        const n = includeZeros ? xs.length : xs.filter((x) => x > 0n).length;
        const S = xs.reduce((s, x) => s + x, 0n);
        if (n > 1 && S > 0n) {
          let h = 0;
          for (const x of xs) {
            if (x === 0n) continue;
            const s = Number(x) / Number(S);
            h -= s * Math.log(s);
          }
          expect(Math.abs(e - h / Math.log(n))).toBeLessThan(1e-12);
        }
      }),
    );
  });
});
