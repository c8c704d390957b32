import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { effectiveNumber, herfindahlHirschman, NegativeAmountError } from "../../src/metrics/index";
import { amountsArb, expectCorrectlyRounded } from "./helpers";

// HHI = Σ x_i² / S², effective number = S² / Σ x_i².

describe("herfindahlHirschman / effectiveNumber: hand-worked examples", () => {
  it("equal amounts: 1/n and n", () => {
    // 4 × 7: Σx² = 196, S² = 784 → 0.25
    expect(herfindahlHirschman([7n, 7n, 7n, 7n])).toBe(0.25);
    expect(effectiveNumber([7n, 7n, 7n, 7n])).toBe(4);
  });

  it("one holder with everything: 1 and 1 (zeros change nothing)", () => {
    expect(herfindahlHirschman([0n, 9n, 0n])).toBe(1);
    expect(effectiveNumber([0n, 9n, 0n])).toBe(1);
  });

  it("two holders [3, 1]: (9 + 1)/16 = 0.625 and 16/10 = 1.6", () => {
    expect(herfindahlHirschman([3n, 1n])).toBe(0.625);
    expect(effectiveNumber([3n, 1n])).toBe(1.6);
  });

  it("empty input or zero total: 0 and 0", () => {
    expect(herfindahlHirschman([])).toBe(0);
    expect(effectiveNumber([])).toBe(0);
    expect(herfindahlHirschman([0n, 0n])).toBe(0);
    expect(effectiveNumber([0n, 0n])).toBe(0);
  });

  it("rejects negative amounts", () => {
    expect(() => herfindahlHirschman([1n, -1n])).toThrow(NegativeAmountError);
  });
});

describe("herfindahlHirschman: properties", () => {
  it("lies in [1/n, 1] for n holders and is the correctly rounded exact ratio", () => {
    fc.assert(
      fc.property(amountsArb, (xs) => {
        const pos = xs.filter((x) => x > 0n);
        const h = herfindahlHirschman(xs);
        if (pos.length === 0) {
          expect(h).toBe(0);
          return;
        }
        expect(h).toBeLessThanOrEqual(1);
        expect(h).toBeGreaterThanOrEqual(1 / pos.length - 1e-15);
        const S = pos.reduce((s, x) => s + x, 0n);
        const Q = pos.reduce((s, x) => s + x * x, 0n);
        expectCorrectlyRounded(h, Q, S * S);
        expectCorrectlyRounded(effectiveNumber(xs), S * S, Q);
      }),
    );
  });
});
