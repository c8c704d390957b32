/**
 * The population a distribution metric is computed over: the sorted amounts, where the
 * population starts in them, its size and its total. Built once and shared, so that
 * {@link computeConcentration} sorts only once.
 */
import { sortAmounts } from "./sortAmounts";

/** Whether zero amounts are members of the population. */
export interface PopulationOptions {
  /**
   * Count zero amounts as members (default `false`: the population is the positive
   * amounts, i.e. actual holders). Affects n-dependent metrics such as Gini, Theil,
   * entropy, Palma and the Lorenz curve; sums and top-k metrics do not depend on it.
   */
  includeZeros?: boolean;
}

/** Sorted amounts plus the slice of them that forms the population. */
export interface SortedPopulation {
  /** Every amount, ascending (zeros first). */
  readonly ascending: readonly bigint[];
  /** Index in `ascending` of the smallest member of the population. */
  readonly start: number;
  /** Population size, `ascending.length - start`. */
  readonly n: number;
  /** Exact sum of the amounts. */
  readonly total: bigint;
}

/**
 * Sorts the amounts and returns the population over them. The total is summed in input
 * order (sequential memory access; the sorted array points at amounts scattered in memory).
 * @throws InvalidAmountError | NegativeAmountError for bad amounts.
 * @example
 * sortedPopulation([0n, 5n, 1n]); // { ascending: [0n, 1n, 5n], start: 1, n: 2, total: 6n }
 * sortedPopulation([0n, 5n, 1n], { includeZeros: true }).n; // 3
 */
export function sortedPopulation(
  amounts: readonly bigint[],
  options: PopulationOptions = {},
): SortedPopulation {
  return populationOf(sortAmounts(amounts), options, sumOf(amounts));
}

/**
 * Builds the population over amounts already sorted ascending and validated (not
 * re-checked). Pass `total` if known; otherwise it is summed here. O(log n) + the sum.
 * @example populationOf([0n, 0n, 3n]).start; // 2
 */
export function populationOf(
  ascending: readonly bigint[],
  options: PopulationOptions = {},
  total: bigint = sumOf(ascending),
): SortedPopulation {
  const start = options.includeZeros ? 0 : firstPositive(ascending);
  return { ascending, start, n: ascending.length - start, total };
}

/** Exact sum of amounts (not validated). */
export function sumOf(amounts: readonly bigint[]): bigint {
  let total = 0n;
  for (let i = 0; i < amounts.length; i++) total += amounts[i]!;
  return total;
}

/** Index of the first amount > 0 in an ascending array (its length if none). */
function firstPositive(ascending: readonly bigint[]): number {
  let lo = 0;
  let hi = ascending.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ascending[mid]! > 0n) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
