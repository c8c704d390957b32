/**
 * Gini coefficient of a distribution of amounts.
 */
import { type PopulationOptions, type SortedPopulation, sortedPopulation } from "./population";
import { ratioToNumber } from "./ratio";

/** Options for {@link giniCoefficient}. */
export interface GiniOptions extends PopulationOptions {
  /**
   * Multiply by n/(n−1), the small-sample correction, which makes the maximum 1 (one member
   * holds everything) instead of (n−1)/n. Default `false`.
   */
  sampleCorrected?: boolean;
}

/**
 * Gini coefficient: 0 = perfectly equal, (n−1)/n = one member holds everything.
 *
 * With the population sorted ascending, x_1 <= ... <= x_n, S = Σ x_i:
 *
 *   G = (2 Σ i·x_i) / (n·S) − (n+1)/n
 *
 * computed exactly as the bigint fraction ((n−1)·S − 2 Σ_{i=1}^{n−1} C_i) / (n·S), where
 * C_i = x_1 + ... + x_i (using Σ i·x_i = n·S − Σ_{i=0}^{n−1} C_i), and rounded to a double
 * once at the end. `sampleCorrected` uses the denominator (n−1)·S instead, i.e. G·n/(n−1).
 *
 * Conventions: the population is the positive amounts unless `includeZeros`; returns 0 for
 * n <= 1 (including empty input) or a zero total.
 *
 * Reference: Gini (1912), "Variabilità e mutabilità"; the sorted-rank form is e.g.
 * Damgaard & Weiner (2000), Ecology 81(4), eq. 1; Dixon et al. (1987) for the n/(n−1) factor.
 *
 * @throws InvalidAmountError | NegativeAmountError for bad amounts.
 * @example
 * giniCoefficient([1n, 1n, 1n, 1n]); // 0
 * giniCoefficient([0n, 0n, 0n, 4n], { includeZeros: true }); // 0.75 = (4−1)/4
 * giniCoefficient([1n, 3n]); // 0.25
 */
export function giniCoefficient(amounts: readonly bigint[], options: GiniOptions = {}): number {
  return giniOfPopulation(sortedPopulation(amounts, options), options);
}

/**
 * {@link giniCoefficient} over an already-sorted population (O(n), no sort).
 * @example giniOfPopulation(sortedPopulation([1n, 3n])); // 0.25
 */
export function giniOfPopulation(
  population: SortedPopulation,
  options: Pick<GiniOptions, "sampleCorrected"> = {},
): number {
  const { ascending, start, n, total } = population;
  if (n <= 1 || total === 0n) return 0;
  let cumulative = 0n;
  let sumOfPrefixes = 0n;
  const last = ascending.length - 1;
  for (let i = start; i < last; i++) {
    cumulative += ascending[i]!;
    sumOfPrefixes += cumulative;
  }
  return giniFromPrefixSum(population, sumOfPrefixes, options);
}

/**
 * The Gini coefficient from Σ_{j=1}^{n−1} C_j (C_j = sum of the j smallest members), as
 * produced by `scanPrefixes`: ((n−1)·S − 2·ΣC) / (n·S), or / ((n−1)·S) sample-corrected.
 * @example giniFromPrefixSum({ n: 2, total: 4n, ... }, 1n); // (4 − 2) / 8 = 0.25
 */
export function giniFromPrefixSum(
  population: Pick<SortedPopulation, "n" | "total">,
  sumOfPrefixes: bigint,
  options: Pick<GiniOptions, "sampleCorrected"> = {},
): number {
  const { n, total } = population;
  if (n <= 1 || total === 0n) return 0;
  const numerator = BigInt(n - 1) * total - 2n * sumOfPrefixes;
  const denominator = BigInt(options.sampleCorrected ? n - 1 : n) * total;
  return ratioToNumber(numerator, denominator);
}
