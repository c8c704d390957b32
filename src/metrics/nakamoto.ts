/**
 * Nakamoto coefficient: how many of the largest holders together pass a threshold.
 */
import { type SortedPopulation, sortedPopulation } from "./population";
import { type Threshold, thresholdToRational } from "./ratio";

/**
 * Smallest k such that the k largest amounts together hold strictly more than
 * `threshold × total`:
 *
 *   min { k : x_(1) + ... + x_(k) > (num/den)·S }   (x_(1) >= x_(2) >= ... descending)
 *
 * compared exactly in bigint as `den·(top-k sum) > num·S`. The threshold is a rational in
 * [0, 1): a number is read as the decimal it prints as (0.5 → 1/2, 0.33 → 33/100); pass
 * `{ num: 1, den: 3 }` for an exact third. Non-decreasing in the threshold and <= the
 * number of positive amounts. Returns 0 for empty input or a zero total.
 *
 * Reference: Srinivasan & Lee (2017), "Quantifying Decentralization" (threshold 1/2); the
 * 1/3 and 2/3 thresholds are the BFT halting / control bounds.
 *
 * @throws InvalidThresholdError unless 0 <= threshold < 1.
 * @throws InvalidAmountError | NegativeAmountError for bad amounts.
 * @example
 * nakamotoCoefficient([5n, 3n, 2n], 0.5); // 2: 5 is exactly half (not more), 5 + 3 = 8 > 5
 * nakamotoCoefficient([6n, 3n, 1n], 0.5); // 1
 */
export function nakamotoCoefficient(amounts: readonly bigint[], threshold: Threshold): number {
  const rational = thresholdToRational(threshold);
  return nakamotoOfPopulation(sortedPopulation(amounts), [rational])[0]!;
}

/**
 * Nakamoto coefficients for several thresholds over an already-sorted population, in one
 * walk down from the largest amount (O(k_max)).
 * @example nakamotoOfPopulation(sortedPopulation([6n, 3n, 1n]), [{ num: 1n, den: 2n }]); // [1]
 */
export function nakamotoOfPopulation(
  population: SortedPopulation,
  thresholds: readonly { num: bigint; den: bigint }[],
): number[] {
  const { ascending, total } = population;
  const result = thresholds.map(() => 0);
  if (total === 0n) return result;
  // sum·den > num·S  ⇔  sum > ⌊num·S/den⌋ for integer sums: one division per threshold,
  // then plain comparisons while walking.
  const bounds = thresholds.map((t) => (t.num * total) / t.den);
  let remaining = thresholds.length;
  let sum = 0n;
  let k = 0;
  for (let i = ascending.length - 1; i >= 0 && remaining > 0; i--) {
    sum += ascending[i]!;
    k++;
    for (let t = 0; t < bounds.length; t++) {
      if (result[t] === 0 && sum > bounds[t]!) {
        result[t] = k;
        remaining--;
      }
    }
  }
  return result;
}
