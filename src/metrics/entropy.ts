/**
 * Normalised Shannon entropy of the holders' shares.
 */
import { type PopulationOptions, type SortedPopulation, sumOf } from "./population";
import { assertAmounts } from "./sortAmounts";
import { theilOfPopulation, theilOfValues } from "./theil";

/**
 * Shannon entropy of the shares s_i = x_i / S, divided by its maximum ln(n):
 *
 *   E = −Σ s_i·ln(s_i) / ln(n),   0·ln 0 = 0
 *
 * 1 when all n members hold equal amounts, 0 when one holds everything. Defined as 0 for
 * n <= 1 (a single holder, or empty input) and for a zero total. Zeros only matter through
 * n, with `includeZeros`.
 *
 * Computed as 1 − T/ln(n) where T is the Theil index (identity H = ln n − T), which keeps
 * precision when the shares are nearly equal; float arithmetic, clamped to [0, 1].
 *
 * Reference: Shannon (1948), "A Mathematical Theory of Communication"; normalised
 * ("evenness") form: Pielou (1966), J. Theoretical Biology 13.
 *
 * @throws InvalidAmountError | NegativeAmountError for bad amounts.
 * @example
 * normalizedEntropy([1n, 1n, 1n]); // 1
 * normalizedEntropy([5n]); // 0
 * normalizedEntropy([0n, 0n, 7n], { includeZeros: true }); // 0
 * normalizedEntropy([1n, 3n]); // −(¼ln¼ + ¾ln¾)/ln 2 ≈ 0.8113
 */
export function normalizedEntropy(amounts: readonly bigint[], options: PopulationOptions = {}): number {
  assertAmounts(amounts);
  const total = sumOf(amounts);
  const n = options.includeZeros ? amounts.length : countPositive(amounts);
  return entropyFromTheil({ n, total }, theilOfValues(amounts, n, total));
}

/**
 * {@link normalizedEntropy} over a population (O(n)).
 * @example entropyOfPopulation(sortedPopulation([1n, 1n])); // 1
 */
export function entropyOfPopulation(population: SortedPopulation): number {
  return entropyFromTheil(population, theilOfPopulation(population));
}

/**
 * Normalised entropy from an already computed Theil T of the same population.
 * @example entropyFromTheil({ n: 2, total: 2n }, 0); // 1
 */
export function entropyFromTheil(population: Pick<SortedPopulation, "n" | "total">, theil: number): number {
  const { n, total } = population;
  if (n <= 1 || total === 0n) return 0;
  return Math.min(1, Math.max(0, 1 - theil / Math.log(n)));
}

function countPositive(amounts: readonly bigint[]): number {
  let count = 0;
  for (let i = 0; i < amounts.length; i++) if (amounts[i]! > 0n) count++;
  return count;
}
