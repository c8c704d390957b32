/**
 * Theil T index (generalised entropy GE(1)).
 */
import type { PopulationOptions, SortedPopulation } from "./population";
import { bitLength } from "./ratio";
import { assertAmounts } from "./sortAmounts";

/** Options for {@link theilIndex}. */
export interface TheilOptions extends PopulationOptions {
  /** Divide by ln(n), its maximum, to get a value in [0, 1]. Default `false`. */
  normalized?: boolean;
}

/**
 * Theil T index:
 *
 *   T = (1/n) Σ (x_i/μ)·ln(x_i/μ) = Σ s_i·ln(n·s_i),   μ = S/n, s_i = x_i/S
 *
 * with 0·ln 0 = 0 (zero amounts contribute nothing, but count in n with `includeZeros`).
 * 0 for equal amounts, ln(n) when one member holds everything; `normalized` divides by
 * ln(n) giving [0, 1]. Returns 0 for n <= 1 or a zero total. No sort needed: O(n).
 *
 * Precision: each s_i is formed in floating point as Number(x_i) / Number(S) (amounts are
 * first shifted right together if S exceeds ~1e300), so each term carries a few ulps of
 * rounding, and the sum is a plain float sum; the result is clamped to [0, ln n] (resp.
 * [0, 1]) to absorb rounding just outside the range.
 *
 * Reference: Theil (1967), "Economics and Information Theory"; Cowell (2011), "Measuring
 * Inequality" (generalised entropy family, GE(1) = Theil T).
 *
 * @throws InvalidAmountError | NegativeAmountError for bad amounts.
 * @example
 * theilIndex([1n, 1n]); // 0
 * theilIndex([0n, 2n], { includeZeros: true }); // ln 2 ≈ 0.6931
 * theilIndex([0n, 2n], { includeZeros: true, normalized: true }); // 1
 */
export function theilIndex(amounts: readonly bigint[], options: TheilOptions = {}): number {
  assertAmounts(amounts);
  let total = 0n;
  let positive = 0;
  for (let i = 0; i < amounts.length; i++) {
    const x = amounts[i]!;
    total += x;
    if (x > 0n) positive++;
  }
  const n = options.includeZeros ? amounts.length : positive;
  const t = theilOfValues(amounts, n, total);
  if (!options.normalized) return t;
  return n <= 1 ? 0 : Math.min(1, t / Math.log(n));
}

/**
 * Un-normalised Theil T over a population (O(n)), summed in ascending order: the result does
 * not depend on the order the amounts came in (the population's doubles, in input order, are
 * not used). Also gives the Shannon entropy: H = ln(n) − T.
 * @example theilOfPopulation(sortedPopulation([0n, 2n], { includeZeros: true })); // ln 2
 */
export function theilOfPopulation(population: SortedPopulation): number {
  return theilOfValues(population.ascending, population.n, population.total);
}

/**
 * Theil T of the positive values in `values` (zeros are skipped) for a population of size `n`
 * with sum `total`. `floats`, if given, must be Number() of the same values in the same order
 * and is used instead of converting each bigint. The terms are a float sum, added in the order
 * of `order` when given (indices into `floats`, e.g. the sorting permutation), else in the order
 * of the values: give a sorting order (or sorted values) for a result that does not depend on
 * the order the amounts came in.
 * @example theilOfValues([2n, 0n], 2, 2n); // ln 2
 */
export function theilOfValues(
  values: readonly bigint[],
  n: number,
  total: bigint,
  floats?: Float64Array | null,
  order?: Uint32Array,
): number {
  if (n <= 1 || total === 0n) return 0;
  let sum = 0;
  const totalF = Number(total);
  if (floats && Number.isFinite(totalF)) {
    const m = order ? order.length : floats.length;
    for (let i = 0; i < m; i++) {
      const f = floats[order ? order[i]! : i]!;
      if (f === 0) continue;
      const s = f / totalF;
      sum += s * Math.log(n * s);
    }
  } else {
    const excess = bitLength(total) - 1000;
    const shift = excess > 0 ? BigInt(excess) : 0n;
    const scaledTotal = Number(total >> shift);
    for (let i = 0; i < values.length; i++) {
      const x = values[i]!;
      if (x === 0n) continue;
      const s = Number(shift === 0n ? x : x >> shift) / scaledTotal;
      if (s > 0) sum += s * Math.log(n * s);
    }
  }
  return Math.min(Math.log(n), Math.max(0, sum));
}
