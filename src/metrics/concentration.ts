/**
 * Every concentration metric of one distribution, from a single sort.
 */
import { entropyFromTheil } from "./entropy";
import { giniFromPrefixSum } from "./gini";
import { hhiFromSums, sumOfSquares, sumOfSquaresOfWords } from "./hhi";
import { palmaFromPrefixes, palmaIndices } from "./palma";
import { type PopulationOptions, sortedPopulation } from "./population";
import { type PrefixScan, scanPrefixes, scanPrefixesByOrder } from "./prefixScan";
import { sortPermutation } from "./sortAmounts";
import { theilOfPopulation, theilOfValues } from "./theil";
import { ratioToNumber } from "./ratio";

/** Options for {@link computeConcentration}. */
export interface ConcentrationOptions extends PopulationOptions {
  /** Use the n/(n−1) sample-corrected Gini. Default `false`. */
  sampleCorrected?: boolean;
}

/** All concentration metrics of one distribution. */
export interface ConcentrationMetrics {
  /** Population size: positive amounts, or all amounts with `includeZeros`. */
  n: number;
  /** Exact sum of the amounts. */
  total: bigint;
  /** Gini coefficient, see `giniCoefficient`. */
  gini: number;
  /** Fewest largest holders holding strictly more than 1/3 of the total. */
  nakamoto33: number;
  /** Fewest largest holders holding strictly more than 1/2 of the total. */
  nakamoto50: number;
  /** Fewest largest holders holding strictly more than 2/3 of the total. */
  nakamoto66: number;
  /** Herfindahl–Hirschman index on shares, in [1/n, 1]; 0 when empty. */
  hhi: number;
  /** 1 / HHI; 0 when empty. */
  effectiveN: number;
  /** Theil T index (not normalised), in [0, ln n]. */
  theil: number;
  /** Shannon entropy of shares / ln(n), in [0, 1]. */
  entropy: number;
  /** Share of the total held by the largest holder. */
  top1Share: number;
  /** Share of the total held by the 5 largest holders. */
  top5Share: number;
  /** Share of the total held by the 10 largest holders. */
  top10Share: number;
  /** Top 10% share / bottom 40% share; null when the bottom 40% hold nothing. */
  palma: number | null;
}

/** Nakamoto thresholds: the BFT thirds and the simple majority, as exact rationals. */
const NAKAMOTO_THRESHOLDS = [
  { num: 1n, den: 3n },
  { num: 1n, den: 2n },
  { num: 2n, den: 3n },
] as const;

/** Top-N shares reported. */
const TOP = [1, 5, 10] as const;

/**
 * Computes every concentration metric of a distribution with one sort and a few linear
 * passes — O(n log n) overall:
 *
 * 1. one sort (`sortAmountsWithKeys`: radix sort on float keys, exact bigint tie-breaks),
 *    which also yields the amounts as doubles;
 * 2. over the input in its own order (sequential memory): the total and Σ x² (HHI,
 *    effective N), and over the doubles: Theil and entropy;
 * 3. one ascending pass of cumulative sums C_j over the sorted array (`scanPrefixes`),
 *    giving Σ C_j (Gini), C_j at the Palma and top-N indices (top-N sum = S − C_{n−N}),
 *    and, for each Nakamoto threshold t, the largest j with C_j < S − ⌊t·S⌋ (then k = n − j:
 *    the top k hold S − C_j > ⌊t·S⌋, i.e. > t·S, exactly).
 *
 * Each field follows the conventions of its single-metric function (`giniCoefficient`,
 * `nakamotoCoefficient`, `herfindahlHirschman`, `effectiveNumber`, `theilIndex`,
 * `normalizedEntropy`, `topNShare`, `palmaRatio`) and equals its result (Theil and entropy
 * up to float summation order, < 1e-12); the tests check this against those separate
 * implementations.
 *
 * The nakamoto33/66 thresholds are exactly 1/3 and 2/3 (the fractions a BFT system cares
 * about), not 0.33 / 0.66; nakamoto50 is 1/2. Every share is an exact bigint ratio rounded
 * once; Theil and entropy are float sums (see `theilIndex`).
 *
 * Empty input or a zero total: n as counted, total 0n, every number 0, palma null.
 *
 * @throws InvalidAmountError | NegativeAmountError for bad amounts.
 * @example
 * const m = computeConcentration([10n, 10n, 10n, 10n]);
 * // m.n = 4, m.total = 40n, m.gini = 0, m.nakamoto50 = 3 (20 is not > 20; 30 is),
 * // m.hhi = 0.25, m.effectiveN = 4, m.entropy = 1, m.top1Share = 0.25, m.palma = 0.25
 */
export function computeConcentration(
  amounts: readonly bigint[],
  options: ConcentrationOptions = {},
): ConcentrationMetrics {
  const { n, total, squares, theil, scan } = sortAndScan(amounts, options);
  const population = { n, total };
  const { hhi, effectiveN } = hhiFromSums(total, squares);
  const [c4, c4next, c9, c9next, ...topPrefixes] = scan.at as [bigint, bigint, bigint, bigint, ...bigint[]];
  const [nakamoto33, nakamoto50, nakamoto66] = scan.lastBelow.map((j) =>
    total === 0n ? 0 : n - j,
  ) as [number, number, number];
  const [top1Share, top5Share, top10Share] = topPrefixes.map((c) =>
    total === 0n ? 0 : ratioToNumber(total - c, total),
  ) as [number, number, number];

  return {
    n,
    total,
    gini: giniFromPrefixSum(population, scan.sumOfPrefixes, options),
    nakamoto33,
    nakamoto50,
    nakamoto66,
    hhi,
    effectiveN,
    theil,
    entropy: entropyFromTheil(population, theil),
    top1Share,
    top5Share,
    top10Share,
    palma: palmaFromPrefixes(population, [c4, c4next, c9, c9next]),
  };
}

/** Below this many amounts the bigint path is as fast as the word path. */
const WORD_PATH_MIN = 64;

/**
 * The population and its prefix scan (C_j at the Palma and top-N indices, crossings of the
 * Nakamoto bounds, Σ C_j), with the same values on both paths: from the sorting permutation
 * and the amounts' 32-bit words (`scanPrefixesByOrder`: exact double sums, no sorted bigint
 * array) when every amount is below 2^128, else from the sorted bigint array (`scanPrefixes`).
 * Σ x² comes from the words too (16-bit limb products summed in doubles, folded into a bigint),
 * or is a bigint sum in input order on the bigint path.
 */
function sortAndScan(
  amounts: readonly bigint[],
  options: ConcentrationOptions,
): { n: number; total: bigint; squares: bigint; theil: number; scan: PrefixScan } {
  const sorted = amounts.length >= WORD_PATH_MIN ? sortPermutation(amounts) : null;
  if (sorted?.words) {
    const { order, floats, words } = sorted;
    let start = 0;
    if (!options.includeZeros) while (start < order.length && floats[order[start]!] === 0) start++;
    const n = order.length - start;
    const scan = scanPrefixesByOrder(order, words, start, n, [...palmaIndices(n), ...TOP.map((k) => n - k)], nakamotoBounds);
    // Theil over the doubles in ascending order (the sorting permutation), as `theilOfPopulation`
    // sums: the same amounts in any order give the same bits.
    return { n, total: scan.total, squares: sumOfSquaresOfWords(words, order.length), theil: theilOfValues(amounts, n, scan.total, floats, order), scan };
  }
  const population = sortedPopulation(amounts, options);
  const { n, total } = population;
  const scan = scanPrefixes(population, [...palmaIndices(n), ...TOP.map((k) => n - k)], nakamotoBounds(total));
  return { n, total, squares: sumOfSquares(amounts), theil: theilOfPopulation(population), scan };
}

/** top-k sum > ⌊num·S/den⌋  ⇔  C_{n−k} < S − ⌊num·S/den⌋ */
function nakamotoBounds(total: bigint): bigint[] {
  return NAKAMOTO_THRESHOLDS.map((t) => total - (t.num * total) / t.den);
}
