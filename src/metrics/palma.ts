/**
 * Palma ratio: what the top 10% hold relative to what the bottom 40% hold.
 */
import { type PopulationOptions, type SortedPopulation, sortedPopulation } from "./population";
import { ratioToNumber } from "./ratio";

/**
 * Palma ratio = (share held by the top 10%) / (share held by the bottom 40%).
 *
 * Fractional counts: the shares are read off the piecewise-linear Lorenz curve L through
 * (i/n, C_i/S), i.e. a member straddling a percentile boundary counts with the fraction of
 * it that lies on each side. With t = p·n, k = ⌊t⌋:
 *
 *   L(p) = (C_k + (t − k)·x_{k+1}) / S,    palma = (1 − L(0.9)) / L(0.4)
 *
 * evaluated exactly in bigint (everything ×10·S) and rounded once. So n equal amounts give
 * exactly 0.1/0.4 = 0.25 for every n >= 1, and a single holder gives 0.25 too.
 *
 * Returns `null` when the bottom 40% hold nothing (empty input, zero total, or, with
 * `includeZeros`, at least 40% zeros) — the ratio is then unbounded, and `null` survives
 * JSON where `Infinity` does not. With the default population (positive amounts only) the
 * bottom 40% always hold something when n >= 1.
 *
 * Reference: Palma (2011), "Homogeneous middles vs. heterogeneous tails", Development and
 * Change 42(1); Cobham & Sumner (2013) for the ratio's use as an index.
 *
 * @throws InvalidAmountError | NegativeAmountError for bad amounts.
 * @example
 * palmaRatio([1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n]); // 0.25
 * // ten holders 1..10 (S = 55): bottom 4 hold 1+2+3+4 = 10, top 1 holds 10 → 10/10 = 1
 * palmaRatio([1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n]); // 1
 * palmaRatio([0n, 0n, 0n, 0n, 9n], { includeZeros: true }); // null
 */
export function palmaRatio(amounts: readonly bigint[], options: PopulationOptions = {}): number | null {
  return palmaOfPopulation(sortedPopulation(amounts, options));
}

/**
 * {@link palmaRatio} over an already-sorted population (O(n) additions).
 * @example palmaOfPopulation(sortedPopulation([1n, 1n])); // 0.25
 */
export function palmaOfPopulation(population: SortedPopulation): number | null {
  const { ascending, start, n, total } = population;
  if (n === 0 || total === 0n) return null;
  const [k4, k4next, k9, k9next] = palmaIndices(n);
  // C_j for j = k4, k4+1 from the bottom; for j = k9, k9+1 from the top (total − top sum).
  const bottom = (j: number): bigint => {
    let sum = 0n;
    for (let i = start; i < start + j; i++) sum += ascending[i]!;
    return sum;
  };
  const fromTop = (j: number): bigint => {
    let sum = 0n;
    for (let i = start + j; i < ascending.length; i++) sum += ascending[i]!;
    return total - sum;
  };
  return palmaFromPrefixes(population, [bottom(k4), bottom(k4next), fromTop(k9), fromTop(k9next)]);
}

/**
 * The four indices j whose cumulative sums C_j the Palma ratio needs:
 * k4 = ⌊4n/10⌋, k4 + 1, k9 = ⌊9n/10⌋, k9 + 1 (each at most n).
 * @example palmaIndices(10); // [4, 5, 9, 10]
 */
export function palmaIndices(n: number): [number, number, number, number] {
  const k4 = Math.floor((4 * n) / 10);
  const k9 = Math.floor((9 * n) / 10);
  return [k4, Math.min(n, k4 + 1), k9, Math.min(n, k9 + 1)];
}

/**
 * The Palma ratio from the cumulative sums at {@link palmaIndices}, exactly:
 * 10·S·L(p) = 10·C_k + (10·p·n − 10·k)·(C_{k+1} − C_k), palma = (10·S − 10·S·L(0.9)) / 10·S·L(0.4).
 * @example palmaFromPrefixes({ n: 10, total: 55n }, [10n, 15n, 45n, 55n]); // 1
 */
export function palmaFromPrefixes(
  population: Pick<SortedPopulation, "n" | "total">,
  prefixes: readonly [bigint, bigint, bigint, bigint],
): number | null {
  const { n, total } = population;
  if (n === 0 || total === 0n) return null;
  const [k4, , k9] = palmaIndices(n);
  const [c4, c4next, c9, c9next] = prefixes;
  const bottom40 = 10n * c4 + BigInt(4 * n - 10 * k4) * (c4next - c4);
  const top10 = 10n * total - (10n * c9 + BigInt(9 * n - 10 * k9) * (c9next - c9));
  if (bottom40 === 0n) return null;
  return ratioToNumber(top10, bottom40);
}
