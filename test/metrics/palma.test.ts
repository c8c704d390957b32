import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lorenzCurve, palmaRatio } from "../../src/metrics/index";
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
