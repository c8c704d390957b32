import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lorenzCurve, palmaFromPrefixes, palmaIndices, palmaOfPopulation, palmaRatio } from "../../src/metrics/index";
import { amountsArb } from "./helpers";

// palma = (1 − L(0.9)) / L(0.4), L the piecewise-linear Lorenz curve through (i/n, C_i/S).

describe("palmaRatio: hand-worked examples", () => {
  it("is 0.1 / 0.4 = 0.25 for equal amounts, any n", () => {
    expect(palmaRatio(Array.from({ length: 10 }, () => 1n))).toBe(0.25);
    expect(palmaRatio([3n, 3n, 3n])).toBe(0.25);
  });

  it("is 0.25 for a single holder (the lone holder is split 40/50/10 along the curve)", () => {
    // n = 1, x = 5: L(0.4) = 0.4, 1 − L(0.9) = 0.1
    expect(palmaRatio([5n])).toBe(0.25);
  });

  it("holders 1..10: top 10 / bottom 1+2+3+4 = 10/10 = 1", () => {
    expect(palmaRatio([10n, 9n, 8n, 7n, 6n, 5n, 4n, 3n, 2n, 1n])).toBe(1);
  });

  it("two holders [1, 3]: top 10% = 0.2 of the 3-holder, bottom 40% = 0.8 of the 1-holder", () => {
    // (0.2·3 / 4) / (0.8·1 / 4) = 0.6 / 0.8 = 0.75
    expect(palmaRatio([3n, 1n])).toBe(0.75);
  });

  it("is null when the bottom 40% hold nothing, or for empty input", () => {
    // with zeros: n = 5, ⌊0.4·5⌋ = 2, the two smallest are 0 and the third is 0 too
    expect(palmaRatio([0n, 0n, 0n, 0n, 9n], { includeZeros: true })).toBeNull();
    // default population [9] → 0.25
    expect(palmaRatio([0n, 0n, 0n, 0n, 9n])).toBe(0.25);
    expect(palmaRatio([])).toBeNull();
    expect(palmaRatio([0n, 0n], { includeZeros: true })).toBeNull();
  });
});

describe("palmaRatio: n below 10 and not a multiple of 10", () => {
  it("[1, 2, 3]: L(0.4) = (1 + 0.2·2)/6, 1 − L(0.9) = (6 − 3 − 0.7·3)/6 → 0.9/1.4 = 9/14", () => {
    expect(palmaRatio([3n, 1n, 2n])).toBe(9 / 14);
  });

  it("[1..5]: L(0.4) = C_2/15 = 3/15, 1 − L(0.9) = (15 − 10 − 0.5·5)/15 → 2.5/3 = 5/6", () => {
    expect(palmaRatio([5n, 4n, 3n, 2n, 1n])).toBe(5 / 6);
  });

  it("twelve holders: eleven 1s and a 23 (S = 34)", () => {
    // t = 4.8: L(0.4)·S = 4 + 0.8·1 = 4.8; t = 10.8: C_10 + 0.8·x_11 = 10.8, top 10% = 34 − 10.8 = 23.2
    const xs = [...Array.from({ length: 11 }, () => 1n), 23n];
    expect(palmaRatio(xs)).toBe(29 / 6); // 23.2 / 4.8
    expect(palmaRatio([0n, 0n, ...xs])).toBe(29 / 6);
  });

  it("indices and the prefix form", () => {
    expect(palmaIndices(10)).toEqual([4, 5, 9, 10]);
    expect(palmaIndices(3)).toEqual([1, 2, 2, 3]);
    expect(palmaIndices(1)).toEqual([0, 1, 0, 1]);
    expect(palmaIndices(0)).toEqual([0, 0, 0, 0]);
    // 1..10: C_4 = 10, C_5 = 15, C_9 = 45, C_10 = 55 → 10 / 10
    expect(palmaFromPrefixes({ n: 10, total: 55n }, [10n, 15n, 45n, 55n])).toBe(1);
    expect(palmaFromPrefixes({ n: 0, total: 0n }, [0n, 0n, 0n, 0n])).toBeNull();
    expect(palmaOfPopulation({ ascending: [0n, 1n, 2n, 3n], start: 1, n: 3, total: 6n })).toBe(9 / 14);
    expect(palmaOfPopulation({ ascending: [0n, 0n], start: 2, n: 0, total: 0n })).toBeNull();
  });

  it("palmaFromPrefixes: no members or a zero total is null whatever prefixes it is handed", () => {
    // The prefixes may come from elsewhere (SQL): the guard, not the prefixes, decides. Without it,
    // n = 0 with C = 1 would read bottom 40% = 10·1 = 10 and top 10% = 10·5 − 10 = 40, i.e. 4;
    // n = 10 with a zero total would read (0 − 10) / 10 = −1.
    expect(palmaFromPrefixes({ n: 0, total: 5n }, [1n, 1n, 1n, 1n])).toBeNull();
    expect(palmaFromPrefixes({ n: 10, total: 0n }, [1n, 1n, 1n, 1n])).toBeNull();
  });
});

describe("palmaRatio: properties", () => {
  it("equals the Lorenz-curve interpolation and is >= 0.25 (the equal-split value)", () => {
    fc.assert(
      fc.property(amountsArb, fc.boolean(), (xs, includeZeros) => {
        const p = palmaRatio(xs, { includeZeros });
        const curve = lorenzCurve(xs, undefined, { includeZeros });
        const n = curve.length - 1;
        const L = (q: number) => {
          const t = q * n;
          const k = Math.floor(t + 1e-9);
          if (k >= n) return 1;
          return curve[k]!.y + (t - k) * (curve[k + 1]!.y - curve[k]!.y);
        };
        const S = xs.reduce((s, x) => s + x, 0n);
        if (p === null) {
          expect(S === 0n || L(0.4) < 1e-12).toBe(true);
          return;
        }
        expect(p).toBeGreaterThanOrEqual(0.25 - 1e-12);
        const expected = (1 - L(0.9)) / L(0.4);
        expect(Math.abs(p - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
      }),
    );
  });
});
