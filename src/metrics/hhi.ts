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
