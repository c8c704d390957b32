import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidCountError, topNShare, topNShareOfPopulation } from "../../src/metrics/index";
import { amountsArb, expectCorrectlyRounded } from "./helpers";

describe("topNShare: hand-worked examples", () => {
  it("[5, 3, 2], S = 10", () => {
    expect(topNShare([2n, 5n, 3n], 0)).toBe(0);
    expect(topNShare([2n, 5n, 3n], 1)).toBe(0.5); // 5/10
    expect(topNShare([2n, 5n, 3n], 2)).toBe(0.8); // 8/10
    expect(topNShare([2n, 5n, 3n], 3)).toBe(1);
    expect(topNShare([2n, 5n, 3n], 10)).toBe(1);
  });

  it("equal amounts, one holder, empty input", () => {
    expect(topNShare([1n, 1n, 1n, 1n], 1)).toBe(0.25);
    expect(topNShare([0n, 0n, 4n], 1)).toBe(1);
    expect(topNShare([], 3)).toBe(0);
    expect(topNShare([0n, 0n], 1)).toBe(0);
  });

  it("keeps precision at 1e27 scale", () => {
    // (1e27 + 1) / (2e27 + 1) rounds to 0.5; (1e27 + 1) / (3e27) must be the nearest double
    const a = 10n ** 27n;
    expectCorrectlyRounded(topNShare([a + 1n, a, a - 1n], 1), a + 1n, 3n * a);
  });

  it("rejects a bad n", () => {
    for (const n of [-1, 1.5, Number.NaN]) expect(() => topNShare([1n], n)).toThrow(InvalidCountError);
  });

  it("names the argument and the expected range in the error", () => {
    expect(() => topNShare([1n, 2n], -1)).toThrow(
      expect.objectContaining({ name: "InvalidCountError", message: "n must be a non-negative integer, got -1" }),
    );
    expect(() => topNShare([1n], 1.5)).toThrowError(/^n must be a non-negative integer, got 1\.5$/);
    expect(() => topNShareOfPopulation({ ascending: [1n], start: 0, n: 1, total: 1n }, Number.NaN)).toThrowError(
      /^n must be a non-negative integer, got NaN$/,
    );
  });

  it("over a population: N = 0, N = 1, N past the end", () => {
    // ascending [0, 2, 3, 5], S = 10
    const population = { ascending: [0n, 2n, 3n, 5n], start: 1, n: 3, total: 10n };
    expect(topNShareOfPopulation(population, 0)).toBe(0);
    expect(topNShareOfPopulation(population, 1)).toBe(0.5);
    expect(topNShareOfPopulation(population, 2)).toBe(0.8);
    expect(topNShareOfPopulation(population, 7)).toBe(1);
  });
});

describe("topNShare: properties", () => {
  it("is monotone in N, within [0, 1], and correctly rounded", () => {
    fc.assert(
      fc.property(amountsArb, (xs) => {
        const desc = xs.slice().sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
        const S = desc.reduce((s, x) => s + x, 0n);
        let previous = 0;
        let sum = 0n;
        for (let n = 0; n <= Math.min(xs.length + 1, 60); n++) {
          const share = topNShare(xs, n);
          expect(share).toBeGreaterThanOrEqual(previous);
          expect(share).toBeLessThanOrEqual(1);
          if (S > 0n) expectCorrectlyRounded(share, sum, S);
          previous = share;
          if (n < desc.length) sum += desc[n]!;
        }
      }),
      { numRuns: 50 },
    );
  });
});
