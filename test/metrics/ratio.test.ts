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

describe("ratioToNumber edge cases", () => {
  it("refuses a zero denominator with its own message", () => {
    expect(() => ratioToNumber(1n, 0n)).toThrow(new RangeError("ratioToNumber: zero denominator"));
    expect(() => ratioToNumber(0n, 0n)).toThrowError(/^ratioToNumber: zero denominator$/);
  });

  it("gives +0 for a zero numerator, whatever the sign of the denominator", () => {
    expect(ratioToNumber(0n, -3n)).toBe(0);
    expect(ratioToNumber(0n, 5n)).toBe(0);
  });

  it("takes the sign from numerator and denominator", () => {
    expect(ratioToNumber(1n, -4n)).toBe(-0.25);
    expect(ratioToNumber(-3n, -4n)).toBe(0.75);
    expect(ratioToNumber(-3n, 4n)).toBe(-0.75);
  });

  it("rounds an exact tie to the even neighbour", () => {
    // Doubles near 2^53 are 2 apart: 2^53 + 1 lies halfway between 2^53 (even) and 2^53 + 2.
    expect(ratioToNumber(2n ** 53n + 1n, 1n)).toBe(2 ** 53);
    expect(ratioToNumber(3n * (2n ** 53n + 1n), 3n)).toBe(2 ** 53);
    // 2^53 + 3 lies halfway between 2^53 + 2 (odd mantissa) and 2^53 + 4 (even).
    expect(ratioToNumber(2n ** 53n + 3n, 1n)).toBe(2 ** 53 + 4);
    // Doubles near 2^100 are 2^48 apart: 2^100 + 2^47 is a tie, rounded down to even.
    expect(ratioToNumber(2n ** 100n + 2n ** 47n, 1n)).toBe(2 ** 100);
    expect(ratioToNumber(3n * (2n ** 100n + 2n ** 47n), 3n)).toBe(2 ** 100);
  });

  it("rounds just above a tie up (the remainder is not lost)", () => {
    // (5·(2^53 + 1) + 1) / 5 = 2^53 + 1 + 1/5: above the tie, so 2^53 + 2.
    const num = 5n * (2n ** 53n + 1n) + 1n;
    expect(ratioToNumber(num, 5n)).toBe(2 ** 53 + 2);
    expect(ratioToNumber(-num, 5n)).toBe(-(2 ** 53 + 2));
    expect(ratioToNumber(num, -5n)).toBe(-(2 ** 53 + 2));
    expect(ratioToNumber(-num, -5n)).toBe(2 ** 53 + 2);
    // 2^100 + 2^47 + 1: one above the tie between 2^100 and 2^100 + 2^48.
    expect(ratioToNumber(2n ** 100n + 2n ** 47n + 1n, 1n)).toBe(2 ** 100 + 2 ** 48);
    expect(ratioToNumber(-(2n ** 100n + 2n ** 47n + 1n), 1n)).toBe(-(2 ** 100 + 2 ** 48));
  });

  it("overflows to Infinity past the largest double", () => {
    expect(ratioToNumber(2n ** 1100n, 1n)).toBe(Infinity);
    expect(ratioToNumber(2n ** 1100n, -1n)).toBe(-Infinity);
    expect(ratioToNumber(2n ** 1100n, 2n ** 100n)).toBe(2 ** 1000);
  });

  it("reaches the subnormal range without underflowing early", () => {
    // 2^-1060 and 3·2^-1060 are exact subnormals (the smallest is 2^-1074).
    expect(ratioToNumber(1n, 2n ** 1060n)).toBe(2 ** -1060);
    expect(ratioToNumber(3n, 2n ** 1060n)).toBe(3 * 2 ** -1060);
    expect(ratioToNumber(-1n, 2n ** 1060n)).toBe(-(2 ** -1060));
  });
});

describe("bitLength of negative values", () => {
  it("counts the bits of the magnitude", () => {
    expect(bitLength(-1n)).toBe(1);
    expect(bitLength(-256n)).toBe(9);
  });
});

describe("thresholdToRational edge cases", () => {
  const refusal = (threshold: string, reason: string) =>
    expect.objectContaining({ name: "InvalidThresholdError", message: `invalid threshold ${threshold}: ${reason}` });

  it("refuses non-finite numbers as such", () => {
    expect(() => thresholdToRational(Number.NaN)).toThrow(refusal("NaN", "must be a finite number"));
    expect(() => thresholdToRational(Infinity)).toThrow(refusal("Infinity", "must be a finite number"));
    expect(() => thresholdToRational(-Infinity)).toThrow(refusal("-Infinity", "must be a finite number"));
  });

  it("refuses negative numbers as such", () => {
    expect(() => thresholdToRational(-0.5)).toThrow(refusal("-0.5", "must be >= 0"));
    expect(() => thresholdToRational(-3)).toThrow(refusal("-3", "must be >= 0"));
    expect(thresholdToRational(-0)).toEqual({ num: 0n, den: 1n });
  });

  it("refuses numbers >= 1, with several integer digits or a positive exponent", () => {
    expect(() => thresholdToRational(1)).toThrow(refusal("1", "must be < 1"));
    expect(() => thresholdToRational(12)).toThrow(refusal("12", "must be < 1"));
    expect(() => thresholdToRational(1.5e3)).toThrow(refusal("1500", "must be < 1"));
    expect(() => thresholdToRational(1e21)).toThrow(refusal("1e+21", "must be < 1"));
    expect(() => thresholdToRational(1.5e21)).toThrow(refusal("1.5e+21", "must be < 1"));
  });

  it("reads exponent notation, with one or two exponent digits and a fraction", () => {
    expect(thresholdToRational(1e-10)).toEqual({ num: 1n, den: 10n ** 10n });
    expect(thresholdToRational(1.5e-7)).toEqual({ num: 15n, den: 10n ** 8n });
    expect(thresholdToRational(1.25e-12)).toEqual({ num: 125n, den: 10n ** 14n });
    expect(thresholdToRational(0.125)).toEqual({ num: 125n, den: 1000n });
  });

  it("checks den before num in a rational", () => {
    expect(() => thresholdToRational({ num: 0, den: 0 })).toThrow(refusal('{"num":0,"den":0}', "den must be > 0"));
    expect(() => thresholdToRational({ num: 1n, den: -2n })).toThrow(refusal('{"num":"1n","den":"-2n"}', "den must be > 0"));
    expect(() => thresholdToRational({ num: -1, den: 2 })).toThrow(refusal('{"num":-1,"den":2}', "num must be >= 0"));
    expect(() => thresholdToRational({ num: 1n, den: 1n })).toThrow(refusal('{"num":"1n","den":"1n"}', "must be < 1"));
    expect(thresholdToRational({ num: 0n, den: 1n })).toEqual({ num: 0n, den: 1n });
  });

  it("needs integer num and den (bigint or safe integer)", () => {
    const reason = "num and den must be integers (bigint or safe integer)";
    expect(() => thresholdToRational({ num: 0.5, den: 2 })).toThrow(refusal('{"num":0.5,"den":2}', reason));
    expect(() => thresholdToRational({ num: 1, den: 2.5 })).toThrow(refusal('{"num":1,"den":2.5}', reason));
    expect(() => thresholdToRational({ num: 1, den: 2 ** 53 })).toThrow(refusal('{"num":1,"den":9007199254740992}', reason));
    expect(() => thresholdToRational({ num: "1" as unknown as number, den: 2 })).toThrow(refusal('{"num":"1","den":2}', reason));
    expect(() => thresholdToRational({ num: 1 } as unknown as { num: number; den: number })).toThrow(refusal('{"num":1}', reason));
  });

  it("refuses anything that is neither a number nor an object", () => {
    const reason = "must be a number or { num, den }";
    const loose = (v: unknown) => v as number;
    expect(() => thresholdToRational(loose(null))).toThrow(refusal("null", reason));
    expect(() => thresholdToRational(loose(undefined))).toThrow(refusal("undefined", reason));
    expect(() => thresholdToRational(loose("0.5"))).toThrow(refusal("0.5", reason));
    expect(() => thresholdToRational(loose(true))).toThrow(refusal("true", reason));
    expect(() => thresholdToRational(loose(1n))).toThrow(refusal("1n", reason));
  });
});
