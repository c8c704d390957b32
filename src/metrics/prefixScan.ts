/**
 * One ascending pass of cumulative sums that serves every rank-based metric at once.
 */
import type { SortedPopulation } from "./population.js";

/** What {@link scanPrefixes} reports, with C_j = sum of the j smallest population members. */
export interface PrefixScan {
  /** Σ_{j=1}^{n−1} C_j (the rank-weighted sum behind the Gini coefficient). */
  sumOfPrefixes: bigint;
  /** C_j for each requested j (clamped to [0, n]). */
  at: bigint[];
  /** For each bound b: the largest j in [0, n] with C_j < b (−1 if even C_0 = 0 is not). */
  lastBelow: number[];
}

/**
 * Walks the population ascending once, accumulating C_j = x_1 + ... + x_j, and reports
 * Σ C_j, C_j at the requested indices, and where C_j last stays under each bound. Gini,
 * Palma, top-N shares and Nakamoto coefficients all follow from these (see
 * `computeConcentration`). O(n) bigint additions plus O(n·bounds) comparisons.
 *
 * @example
 * scanPrefixes(sortedPopulation([1n, 2n, 3n]), [1, 3], [4n]);
 * // C = 0, 1, 3, 6 → { sumOfPrefixes: 1 + 3 = 4n, at: [1n, 6n], lastBelow: [2] }
 */
export function scanPrefixes(
  population: SortedPopulation,
  at: readonly number[],
  below: readonly bigint[],
): PrefixScan {
  const { ascending, start, n } = population;
  const wanted = at.map((j) => Math.min(n, Math.max(0, j)));
  const atValues = wanted.map(() => 0n);
  const lastBelow = below.map((b): number => (0n < b ? 0 : -1));
  const open = below.map((b) => 0n < b);
  let active = open.filter(Boolean).length;
  let cumulative = 0n;
  let sumOfPrefixes = 0n;
  for (let j = 1; j <= n; j++) {
    cumulative += ascending[start + j - 1]!;
    if (j < n) sumOfPrefixes += cumulative;
    for (let w = 0; w < wanted.length; w++) if (wanted[w] === j) atValues[w] = cumulative;
    if (active > 0) {
      for (let b = 0; b < below.length; b++) {
        if (!open[b]) continue;
        if (cumulative < below[b]!) lastBelow[b] = j;
        else {
          open[b] = false;
          active--;
        }
      }
    }
  }
  return { sumOfPrefixes, at: atValues, lastBelow };
}
