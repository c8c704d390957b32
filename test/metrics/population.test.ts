import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { populationOf, scanPrefixes, sortedPopulation } from "../../src/metrics/index";
import { amountsArb } from "./helpers";

describe("sortedPopulation", () => {
  it("positive amounts by default, all with includeZeros", () => {
    expect(sortedPopulation([0n, 5n, 1n])).toMatchObject({ ascending: [0n, 1n, 5n], start: 1, n: 2, total: 6n });
    expect(sortedPopulation([0n, 5n, 1n], { includeZeros: true })).toMatchObject({ start: 0, n: 3, total: 6n });
    expect(sortedPopulation([])).toMatchObject({ ascending: [], start: 0, n: 0, total: 0n });
    expect(populationOf([0n, 0n, 3n])).toMatchObject({ start: 2, n: 1, total: 3n });
  });
});

describe("scanPrefixes", () => {
  it("hand-worked: [1, 2, 3] → C = 0, 1, 3, 6", () => {
    // Σ_{j=1}^{n−1} C_j = 1 + 3 = 4; C_1 = 1, C_3 = 6; largest j with C_j < 4 is 2;
    // with C_j < 1 it is 0; a bound of 0 is never met (−1)
    expect(scanPrefixes(sortedPopulation([3n, 1n, 2n]), [1, 3, 99, -5], [4n, 1n, 0n])).toEqual({
      sumOfPrefixes: 4n,
      at: [1n, 6n, 6n, 0n],
      lastBelow: [2, 0, -1],
    });
  });

  it("matches explicit prefix sums", () => {
    fc.assert(
      fc.property(amountsArb, fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 31n }), (xs, includeZeros, bound) => {
        const pop = sortedPopulation(xs, { includeZeros });
        const members = pop.ascending.slice(pop.start);
        const C = [0n];
        for (const x of members) C.push(C[C.length - 1]! + x);
        const scan = scanPrefixes(pop, [0, pop.n >> 1, pop.n], [bound]);
        expect(scan.sumOfPrefixes).toBe(C.slice(1, Math.max(1, pop.n)).reduce((s, c) => s + c, 0n));
        expect(scan.at).toEqual([C[0], C[pop.n >> 1], C[pop.n]]);
        let last = -1;
        C.forEach((c, j) => {
          if (c < bound) last = j;
        });
        expect(scan.lastBelow).toEqual([last]);
      }),
    );
  });
});
