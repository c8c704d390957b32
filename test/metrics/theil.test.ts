import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { theilIndex } from "../../src/metrics/index";
import { amountsArb } from "./helpers";

// T = Σ s_i · ln(n · s_i), s_i = x_i / S.

describe("theilIndex: hand-worked examples", () => {
  it("is 0 for equal amounts", () => {
    expect(theilIndex([3n, 3n, 3n])).toBe(0);
  });

  it("is ln n when one member holds everything (zeros included)", () => {
    // s = (0, 1), n = 2: 1 · ln(2) = ln 2
    expect(theilIndex([0n, 2n], { includeZeros: true })).toBeCloseTo(Math.LN2, 15);
    expect(theilIndex([0n, 2n], { includeZeros: true, normalized: true })).toBeCloseTo(1, 15);
    // default population: [2] alone → 0
    expect(theilIndex([0n, 2n])).toBe(0);
  });

  it("two holders [1, 3]", () => {
    // s = 1/4, 3/4: ¼·ln(½) + ¾·ln(3/2) = −0.1732868 + 0.3040988 = 0.1308120
    const expected = 0.25 * Math.log(0.5) + 0.75 * Math.log(1.5);
    expect(theilIndex([1n, 3n])).toBeCloseTo(expected, 14);
    expect(theilIndex([1n, 3n], { normalized: true })).toBeCloseTo(expected / Math.LN2, 14);
  });

  it("is 0 for empty input or a zero total", () => {
    expect(theilIndex([])).toBe(0);
    expect(theilIndex([0n, 0n], { includeZeros: true })).toBe(0);
  });

  it("handles 1e27-scale amounts", () => {
    const a = 10n ** 27n;
    expect(theilIndex([a, 3n * a])).toBeCloseTo(0.25 * Math.log(0.5) + 0.75 * Math.log(1.5), 14);
  });
});

describe("theilIndex: properties", () => {
  it("lies in [0, ln n] and normalised in [0, 1]", () => {
    fc.assert(
      fc.property(amountsArb, fc.boolean(), (xs, includeZeros) => {
        const n = includeZeros ? xs.length : xs.filter((x) => x > 0n).length;
        const t = theilIndex(xs, { includeZeros });
        expect(t).toBeGreaterThanOrEqual(0);
        expect(t).toBeLessThanOrEqual(Math.log(Math.max(n, 1)));
        const tn = theilIndex(xs, { includeZeros, normalized: true });
        expect(tn).toBeGreaterThanOrEqual(0);
        expect(tn).toBeLessThanOrEqual(1);
      }),
    );
  });
});
