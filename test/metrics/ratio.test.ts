import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bitLength, InvalidThresholdError, ratioToNumber, thresholdToRational } from "../../src/metrics/index";
import { expectCorrectlyRounded } from "./helpers";

describe("ratioToNumber", () => {
  it("hand-worked values", () => {
    expect(ratioToNumber(1n, 3n)).toBe(1 / 3);
    expect(ratioToNumber(0n, 7n)).toBe(0);
    expect(ratioToNumber(-1n, 4n)).toBe(-0.25);
    expect(ratioToNumber(10n ** 30n + 1n, 2n * 10n ** 30n)).toBe(0.5);
    expect(ratioToNumber(2n ** 2000n, 2n ** 1999n)).toBe(2);
    expect(() => ratioToNumber(1n, 0n)).toThrow(RangeError);
  });

  it("is the nearest double for arbitrary bigint fractions", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 200n }), fc.bigInt({ min: 1n, max: 2n ** 200n }), (a, b) => {
        expectCorrectlyRounded(ratioToNumber(a, b), a, b);
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with float division where that is exact", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 2 ** 31 }), (a, b) => {
        expect(ratioToNumber(BigInt(a), BigInt(b))).toBe(a / b);
      }),
    );
  });
});

describe("bitLength", () => {
  it("counts bits", () => {
    expect([0n, 1n, 2n, 255n, 256n, 2n ** 100n].map(bitLength)).toEqual([0, 1, 2, 8, 9, 101]);
  });
});

describe("thresholdToRational", () => {
  it("reads numbers as the decimal they print as", () => {
    expect(thresholdToRational(0.5)).toEqual({ num: 5n, den: 10n });
    expect(thresholdToRational(0.33)).toEqual({ num: 33n, den: 100n });
    expect(thresholdToRational(0)).toEqual({ num: 0n, den: 1n });
    expect(thresholdToRational(1e-7)).toEqual({ num: 1n, den: 10n ** 7n });
  });

  it("accepts exact rationals", () => {
    expect(thresholdToRational({ num: 2, den: 3 })).toEqual({ num: 2n, den: 3n });
    expect(thresholdToRational({ num: 1n, den: 3n })).toEqual({ num: 1n, den: 3n });
  });

  it("rejects anything outside [0, 1)", () => {
    for (const bad of [1, 2, -0.5, Number.NaN, Infinity, { num: 1, den: 1 }, { num: -1, den: 2 }, { num: 1, den: -2 }]) {
      expect(() => thresholdToRational(bad)).toThrow(InvalidThresholdError);
    }
  });
});
