/**
 * Gini coefficient by the mean-absolute-difference definition, an O(n²) formula that is
 * independent of the sorted-rank form in `gini.ts`; used to cross-check it in tests.
 */
import type { GiniOptions } from "./gini";
import { assertAmounts } from "./sortAmounts";
import { ratioToNumber } from "./ratio";

/**
 * Gini coefficient as half the relative mean absolute difference:
 *
 *   G = (Σ_i Σ_j |x_i − x_j|) / (2·n²·μ) = (Σ_i Σ_j |x_i − x_j|) / (2·n·S)
 *
 * with `sampleCorrected` dividing by 2·(n−1)·S instead (= G·n/(n−1)). Exact in bigint,
 * one rounding at the end. O(n²): meant for tests and small inputs, not for production.
 *
 * Conventions as {@link giniCoefficient}: positive amounts unless `includeZeros`; 0 for
 * n <= 1 or a zero total.
 *
 * Reference: Gini (1912); Sen (1973), "On Economic Inequality", ch. 2, where
 * G = Σ_i Σ_j |x_i − x_j| / (2·n²·μ).
 *
 * @example
 * giniMeanDifference([1n, 3n]); // |1−3|·2 / (2·2·4) = 0.25
 */
export function giniMeanDifference(amounts: readonly bigint[], options: GiniOptions = {}): number {
  assertAmounts(amounts);
  const xs = options.includeZeros ? amounts : amounts.filter((x) => x > 0n);
  const n = xs.length;
  let total = 0n;
  for (const x of xs) total += x;
  if (n <= 1 || total === 0n) return 0;
  let sumAbs = 0n;
  for (let i = 0; i < n; i++) {
    const xi = xs[i]!;
    for (let j = i + 1; j < n; j++) {
      const d = xi - xs[j]!;
      sumAbs += d < 0n ? -d : d;
    }
  }
  // Each unordered pair was counted once; the double sum counts it twice.
  const numerator = 2n * sumAbs;
  const denominator = 2n * BigInt(options.sampleCorrected ? n - 1 : n) * total;
  return ratioToNumber(numerator, denominator);
}
