import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { effectiveNumber, herfindahlHirschman, NegativeAmountError, sumOfSquaresOfWords } from "../../src/metrics/index";
import { amountsArb, expectCorrectlyRounded, wordsOf } from "./helpers";

// HHI = Σ x_i² / S², effective number = S² / Σ x_i².

/** Σ x², by a plain bigint loop. */
const squares = (xs: readonly bigint[]) => xs.reduce((s, x) => s + x * x, 0n);

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
        const Q = squares(pos);
        expectCorrectlyRounded(h, Q, S * S);
        expectCorrectlyRounded(effectiveNumber(xs), S * S, Q);
      }),
    );
  });
});

describe("sumOfSquaresOfWords: Σ x² from 16-bit limbs in doubles", () => {
  it("hand-worked: [3, 1] → 10; [2^64] → 2^128; [2^128 − 1] → (2^128 − 1)²", () => {
    expect(sumOfSquaresOfWords(wordsOf([3n, 1n]), 2)).toBe(10n);
    expect(sumOfSquaresOfWords(wordsOf([2n ** 64n]), 1)).toBe(2n ** 128n);
    expect(sumOfSquaresOfWords(wordsOf([2n ** 128n - 1n]), 1)).toBe((2n ** 128n - 1n) ** 2n);
  });

  it("sums only the first n amounts", () => {
    expect(sumOfSquaresOfWords(wordsOf([3n, 1n, 5n]), 2)).toBe(10n);
    expect(sumOfSquaresOfWords(wordsOf([3n]), 0)).toBe(0n);
  });

  it("stays exact across folds with every limb at its maximum (2^19 + 3 amounts of 2^128 − 1, of 2^64 − 1)", () => {
    // unfolded, the sum of a_4² + 2(a_1·a_7 + a_2·a_6 + a_3·a_5) (odd, ~2^34.8 per amount) would pass 2^53
    const n = 2 ** 19 + 3;
    const max = 2n ** 128n - 1n;
    expect(sumOfSquaresOfWords(new Uint32Array(4 * n).fill(0xffffffff), n)).toBe(BigInt(n) * max * max);
    const below64 = new Uint32Array(4 * n);
    for (let i = 0; i < n; i++) below64.fill(0xffffffff, 4 * i, 4 * i + 2);
    expect(sumOfSquaresOfWords(below64, n)).toBe(BigInt(n) * (2n ** 64n - 1n) ** 2n);
  });

  it("equals the bigint sum on random amounts of every size below 2^128", () => {
    const amount = fc.oneof(
      fc.bigInt({ min: 0n, max: 2n ** 16n }),
      fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      fc.bigInt({ min: 2n ** 64n, max: 2n ** 112n }),
      fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }),
    );
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 200 }), (xs) => {
        expect(sumOfSquaresOfWords(wordsOf(xs), xs.length)).toBe(squares(xs));
      }),
    );
  });
});
