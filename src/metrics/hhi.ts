/**
 * Herfindahl–Hirschman index and the effective number of holders.
 */
import { sumOf } from "./population";
import { assertAmounts } from "./sortAmounts";
import { ratioToNumber } from "./ratio";

/**
 * Herfindahl–Hirschman index on shares (not ×10,000): HHI = Σ s_i², s_i = x_i / S,
 * computed exactly as Σ x_i² / S² and rounded once. In [1/n, 1] for n holders with a
 * positive total: 1/n when all are equal, 1 when one holds everything. Zeros contribute
 * nothing (and do not change the value). Returns 0 for empty input or a zero total.
 * No sort needed: O(n).
 *
 * Reference: Hirschman (1964), "The Paternity of an Index", AER 54(5); US DOJ/FTC
 * Horizontal Merger Guidelines (which scale shares by 100, giving 0–10,000).
 *
 * @throws InvalidAmountError | NegativeAmountError for bad amounts.
 * @example
 * herfindahlHirschman([1n, 1n, 1n, 1n]); // 0.25
 * herfindahlHirschman([3n, 1n]); // (9 + 1) / 16 = 0.625
 */
export function herfindahlHirschman(amounts: readonly bigint[]): number {
  assertAmounts(amounts);
  return hhiFromSums(sumOf(amounts), sumOfSquares(amounts)).hhi;
}

/**
 * Effective number of holders, 1 / HHI = S² / Σ x_i² (exact, rounded once): n for n equal
 * holders, 1 for a single holder. Returns 0 for empty input or a zero total (no holders).
 *
 * Reference: Laakso & Taagepera (1979), "Effective number of parties", Comparative
 * Political Studies 12(1).
 *
 * @throws InvalidAmountError | NegativeAmountError for bad amounts.
 * @example
 * effectiveNumber([1n, 1n, 1n, 1n]); // 4
 * effectiveNumber([3n, 1n]); // 16 / 10 = 1.6
 */
export function effectiveNumber(amounts: readonly bigint[]): number {
  assertAmounts(amounts);
  return hhiFromSums(sumOf(amounts), sumOfSquares(amounts)).effectiveN;
}

/**
 * HHI and effective number from the exact sums S = Σ x_i and Q = Σ x_i²: Q/S² and S²/Q,
 * each rounded once; both 0 when S = 0.
 * @example hhiFromSums(4n, 10n); // { hhi: 0.625, effectiveN: 1.6 }
 */
export function hhiFromSums(total: bigint, squares: bigint): { hhi: number; effectiveN: number } {
  if (total === 0n) return { hhi: 0, effectiveN: 0 };
  return {
    hhi: ratioToNumber(squares, total * total),
    effectiveN: ratioToNumber(total * total, squares),
  };
}

/**
 * Exact Σ x_i² (not validated). Order-free, so callers pass the unsorted input, which is
 * read sequentially.
 * @example sumOfSquares([3n, 1n]); // 10n
 */
export function sumOfSquares(amounts: readonly bigint[]): bigint {
  let squares = 0n;
  for (let i = 0; i < amounts.length; i++) {
    const x = amounts[i]!;
    squares += x * x;
  }
  return squares;
}

/** Amounts per fold in {@link sumOfSquaresOfWords}: 2^16 · (limb-product sums < 2^35) < 2^53. */
const SQUARES_FOLD = 1 << 16;

/**
 * Exact Σ x_i² of the first n amounts from their 32-bit words (`words[4i + k]` is bits
 * 32k..32k+31 of amount i, as `sortPermutation` returns them; every amount below 2^128),
 * with no bigint per amount. Each amount is split into eight 16-bit limbs a_0..a_7, and
 * x² = Σ_s 2^(16s) Σ_{j+k=s} a_j·a_k: the inner sums (< 2^35 per amount) are added in
 * doubles, exact below 2^53, and folded into a bigint every 2^16 amounts. Amounts below
 * 2^64 skip the upper limbs. Equal to {@link sumOfSquares}; about 3x faster on 1,000,000.
 * @example sumOfSquaresOfWords(new Uint32Array([3, 0, 0, 0, 1, 0, 0, 0]), 2); // 10n
 */
export function sumOfSquaresOfWords(words: Uint32Array, n: number): bigint {
  let total = 0n;
  for (let start = 0; start < n; start += SQUARES_FOLD) {
    const end = Math.min(n, start + SQUARES_FOLD);
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    let s8 = 0, s9 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0, s14 = 0;
    for (let i = start; i < end; i++) {
      const w0 = words[4 * i]!;
      const w1 = words[4 * i + 1]!;
      const w2 = words[4 * i + 2]!;
      const w3 = words[4 * i + 3]!;
      const a0 = w0 & 0xffff;
      const a1 = w0 >>> 16;
      const a2 = w1 & 0xffff;
      const a3 = w1 >>> 16;
      s0 += a0 * a0;
      s1 += 2 * a0 * a1;
      s2 += 2 * a0 * a2 + a1 * a1;
      s3 += 2 * (a0 * a3 + a1 * a2);
      s4 += 2 * a1 * a3 + a2 * a2;
      s5 += 2 * a2 * a3;
      s6 += a3 * a3;
      if ((w2 | w3) === 0) continue;
      const a4 = w2 & 0xffff;
      const a5 = w2 >>> 16;
      const a6 = w3 & 0xffff;
      const a7 = w3 >>> 16;
      s4 += 2 * a0 * a4;
      s5 += 2 * (a0 * a5 + a1 * a4);
      s6 += 2 * (a0 * a6 + a1 * a5 + a2 * a4);
      s7 += 2 * (a0 * a7 + a1 * a6 + a2 * a5 + a3 * a4);
      s8 += 2 * (a1 * a7 + a2 * a6 + a3 * a5) + a4 * a4;
      s9 += 2 * (a2 * a7 + a3 * a6 + a4 * a5);
      s10 += 2 * (a3 * a7 + a4 * a6) + a5 * a5;
      s11 += 2 * (a4 * a7 + a5 * a6);
      s12 += 2 * a5 * a7 + a6 * a6;
      s13 += 2 * a6 * a7;
      s14 += a7 * a7;
    }
    const sums = [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14];
    for (let s = 0; s < sums.length; s++) total += BigInt(sums[s]!) << BigInt(16 * s);
  }
  return total;
}
