/**
 * Share of the total held by the largest holders.
 */
import { InvalidCountError } from "./errors";
import { type SortedPopulation, sortedPopulation } from "./population";
import { ratioToNumber } from "./ratio";

/**
 * Share of the total held by the `n` largest amounts: (x_(1) + ... + x_(n)) / S with
 * x_(1) >= x_(2) >= ..., exact in bigint and rounded once. Non-decreasing in `n`;
 * 0 for n = 0, empty input or a zero total; 1 once n reaches the number of positive amounts.
 *
 * Reference: the k-firm concentration ratio CR_k of industrial organisation, applied to
 * holders instead of firms.
 *
 * @throws InvalidCountError unless n is a non-negative integer.
 * @throws InvalidAmountError | NegativeAmountError for bad amounts.
 * @example
 * topNShare([5n, 3n, 2n], 1); // 0.5
 * topNShare([5n, 3n, 2n], 2); // 0.8
 * topNShare([1n, 1n, 1n, 1n], 1); // 0.25
 */
export function topNShare(amounts: readonly bigint[], n: number): number {
  checkTopN(n);
  return topNShareOfPopulation(sortedPopulation(amounts), n);
}

/**
 * {@link topNShare} over an already-sorted population (O(n) at most, O(N) usually).
 * @example topNShareOfPopulation(sortedPopulation([5n, 3n, 2n]), 2); // 0.8
 */
export function topNShareOfPopulation(population: SortedPopulation, n: number): number {
  checkTopN(n);
  const { ascending, total } = population;
  if (total === 0n || n === 0) return 0;
  let sum = 0n;
  const stop = Math.max(0, ascending.length - n);
  for (let i = ascending.length - 1; i >= stop; i--) sum += ascending[i]!;
  return ratioToNumber(sum, total);
}

function checkTopN(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new InvalidCountError("n", n, "a non-negative integer");
  }
}
