/**
 * Theil T edge cases: tiny populations, zero totals, zeros among the amounts, the float path
 * (summed in the order of the given doubles) and the shifted bigint path for totals beyond
 * the double range. T = Σ s_i·ln(n·s_i), s_i = x_i / S, zero amounts contribute nothing.
 */
import { describe, expect, it } from "vitest";
import { theilIndex, theilOfValues } from "../../src/metrics/index";

describe("theilIndex: small populations and zeros", () => {
  it("is 0 for n = 0 and n = 1, whatever the zeros", () => {
    expect(theilIndex([])).toBe(0);
    expect(theilIndex([0n])).toBe(0);
    expect(theilIndex([7n])).toBe(0);
    // default population: only the positive amount counts → n = 1
    expect(theilIndex([0n, 0n, 7n])).toBe(0);
    expect(theilIndex([0n, 0n, 7n], { normalized: true })).toBe(0);
  });

  it("zeros in the population: one holder of three → ln 3", () => {
    // s = (0, 0, 1), n = 3: 1·ln(3)
    expect(theilIndex([0n, 0n, 7n], { includeZeros: true })).toBeCloseTo(Math.log(3), 15);
    expect(theilIndex([0n, 0n, 7n], { includeZeros: true, normalized: true })).toBeCloseTo(1, 15);
  });

  it("zeros in the population: [0, 1, 3] with n = 3", () => {
    // s = (0, 1/4, 3/4): ¼·ln(¾) + ¾·ln(9/4)
    const expected = 0.25 * Math.log(0.75) + 0.75 * Math.log(2.25);
    expect(theilIndex([0n, 1n, 3n], { includeZeros: true })).toBeCloseTo(expected, 15);
  });
});

describe("theilOfValues: the n <= 1 / zero-total guard", () => {
  it("returns 0 for n <= 1 or a zero total, whatever the values", () => {
    // without the guard, n = 0 gives 1·ln(0) = −∞ and a zero total gives 1/0 = ∞ → ln n
    expect(theilOfValues([1n], 0, 1n)).toBe(0);
    expect(theilOfValues([1n], 1, 1n)).toBe(0);
    expect(theilOfValues([1n, 1n], 2, 0n)).toBe(0);
    expect(theilOfValues([0n, 0n], 2, 0n)).toBe(0);
  });
});

describe("theilOfValues: the float path", () => {
  it("sums the terms in the order of the given doubles", () => {
    // values [1, 1, 4], S = 6, n = 3: s = (1/6, 1/6, 2/3), T = ⅓·ln 2 in exact arithmetic.
    // In floating point the sum depends on the order; the doubles come in the order 4, 1, 1.
    const term = (f: number) => (f / 6) * Math.log(3 * (f / 6));
    const floatOrder = 0 + term(4) + term(1) + term(1);
    const valueOrder = 0 + term(1) + term(1) + term(4);
    expect(floatOrder).not.toBe(valueOrder); // so the test sees which one was summed
    expect(floatOrder).toBeCloseTo(Math.LN2 / 3, 15);
    expect(theilOfValues([1n, 1n, 4n], 3, 6n, Float64Array.of(4, 1, 1))).toBe(floatOrder);
    // without the doubles, the bigints are summed in their own order
    expect(theilOfValues([1n, 1n, 4n], 3, 6n)).toBe(valueOrder);
  });
});

describe("theilIndex: totals beyond the double range (shifted bigint path)", () => {
  const big = 1n << 1100n; // 2^1100: Number(big) is Infinity

  it("[1, 3]·2^1100 gives the same value as [1, 3]", () => {
    // total 2^1102 has 1103 bits → shifted right by 103: s = 2^997/2^999, 3·2^997/2^999 = ¼, ¾ exactly
    const expected = 0.25 * Math.log(2 * 0.25) + 0.75 * Math.log(2 * 0.75);
    expect(theilIndex([big, 3n * big])).toBe(expected);
    expect(theilIndex([big, 3n * big], { normalized: true })).toBeCloseTo(expected / Math.LN2, 15);
  });

  it("one holder of two (zero included) gives ln 2", () => {
    expect(theilIndex([0n, 5n * big], { includeZeros: true })).toBe(Math.LN2);
  });

  it("an amount that shifts to 0 adds nothing but still counts in n", () => {
    // [1, 2^1100, 3·2^1100], n = 3; total 2^1102 + 1 → shifted by 103 to 2^999.
    // 1 >> 103 = 0: its share 1/(2^1102 + 1) is far below the double resolution of the sum.
    // The others: s = ¼, ¾ → ¼·ln(¾) + ¾·ln(9/4).
    const expected = 0.25 * Math.log(3 * 0.25) + 0.75 * Math.log(3 * 0.75);
    expect(theilIndex([1n, big, 3n * big])).toBe(expected);
  });
});
