/**
 * One ascending pass of cumulative sums that serves every rank-based metric at once.
 */
import type { SortedPopulation } from "./population";

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

/** Elements per block of {@link scanPrefixesByOrder}: keeps every double sum exact. */
const BLOCK = 1024;

/**
 * {@link scanPrefixes} over a population given as a sorting permutation instead of a sorted
 * bigint array, plus the exact total. The sums are formed from the amounts' 32-bit words in
 * doubles, exactly: per block of 1,024 members, Σ w < 2^42 and Σ (weight · w) < 2^51 for each
 * word position, folded into bigints once per block. C_j at requested indices and the
 * crossings of the bounds then come from the block boundaries and, inside the one block each
 * falls in, the block's running word sums (also exact doubles, formed once per block visited):
 * C_j is its boundary plus one fold, and a crossing is found by bisection. O(n) double
 * additions and O(n / 1024) bigint operations, plus O(1,024) double additions per block an
 * index or bound falls in, one fold per index and O(log 1,024) folds per bound.
 *
 * `order[start .. start + n)` are the input indices of the population, ascending; `words` is
 * `sortPermutation`'s (four 32-bit words per amount, least significant first). `below` may be
 * a function of the total (the population's sum, known only after the pass).
 * @example
 * const p = sortPermutation(xs)!;
 * scanPrefixesByOrder(p.order, p.words!, 0, xs.length, [1], [4n]);
 */
export function scanPrefixesByOrder(
  order: Uint32Array,
  words: Uint32Array,
  start: number,
  n: number,
  at: readonly number[],
  below: readonly bigint[] | ((total: bigint) => readonly bigint[]),
): PrefixScan & { total: bigint } {
  const blocks = Math.ceil(n / BLOCK);
  /** C at each block boundary: boundary[b] = C_{b·BLOCK}. */
  const boundary = new Array<bigint>(blocks + 1);
  boundary[0] = 0n;
  let cumulative = 0n;
  let sumOfAllPrefixes = 0n; // Σ_{j=1}^{n} C_j
  for (let b = 0; b < blocks; b++) {
    const from = start + b * BLOCK;
    const length = Math.min(BLOCK, n - b * BLOCK);
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    for (let r = 0; r < length; r++) {
      const w = 4 * order[from + r]!;
      const weight = length - r;
      const w0 = words[w]!, w1 = words[w + 1]!, w2 = words[w + 2]!, w3 = words[w + 3]!;
      s0 += w0; s1 += w1; s2 += w2; s3 += w3;
      t0 += weight * w0; t1 += weight * w1; t2 += weight * w2; t3 += weight * w3;
    }
    // Σ_{j in block} C_j = length · C_{block start} + Σ_r (length − r) · x_r
    sumOfAllPrefixes += BigInt(length) * cumulative + fold(t0, t1, t2, t3);
    cumulative += fold(s0, s1, s2, s3);
    boundary[b + 1] = cumulative;
  }
  const total = cumulative;
  /** Block b's running word sums: entries 4i..4i+3 are the sums of its first i members' words. */
  const running = new Map<number, Float64Array>();
  const runningOf = (b: number): Float64Array => {
    let sums = running.get(b);
    if (sums !== undefined) return sums;
    const from = start + b * BLOCK;
    const length = Math.min(BLOCK, n - b * BLOCK);
    sums = new Float64Array(4 * (length + 1));
    for (let r = 0; r < length; r++) {
      const w = 4 * order[from + r]!;
      const i = 4 * r;
      sums[i + 4] = sums[i]! + words[w]!;
      sums[i + 5] = sums[i + 1]! + words[w + 1]!;
      sums[i + 6] = sums[i + 2]! + words[w + 2]!;
      sums[i + 7] = sums[i + 3]! + words[w + 3]!;
    }
    running.set(b, sums);
    return sums;
  };
  /** C_{b·BLOCK + i}, exactly, for 0 < i ≤ block b's length. */
  const inBlock = (b: number, i: number): bigint => {
    const sums = runningOf(b);
    return boundary[b]! + fold(sums[4 * i]!, sums[4 * i + 1]!, sums[4 * i + 2]!, sums[4 * i + 3]!);
  };
  /** C_j for 0 ≤ j ≤ n. */
  const prefixAt = (j: number): bigint => (j % BLOCK === 0 ? boundary[j / BLOCK]! : inBlock(Math.floor(j / BLOCK), j % BLOCK));
  const lastBelowOf = (bound: bigint): number => {
    if (!(0n < bound)) return -1;
    // the last boundary with C < bound; past the last one, every C_j is below
    let b = 0;
    while (b + 1 <= blocks && boundary[b + 1]! < bound) b++;
    if (b === blocks) return n;
    // C_{b·BLOCK + low} < bound ≤ C_{b·BLOCK + high}, C non-decreasing: bisect
    let low = 0;
    let high = Math.min(BLOCK, n - b * BLOCK);
    while (high - low > 1) {
      const middle = (low + high) >>> 1;
      if (inBlock(b, middle) < bound) low = middle;
      else high = middle;
    }
    return b * BLOCK + low;
  };
  return {
    total,
    sumOfPrefixes: n === 0 ? 0n : sumOfAllPrefixes - total,
    at: at.map((j) => prefixAt(Math.min(n, Math.max(0, j)))),
    lastBelow: (typeof below === "function" ? below(total) : below).map(lastBelowOf),
  };
}

/** w0 + w1·2^32 + w2·2^64 + w3·2^96 for exact integer doubles w_k. */
function fold(w0: number, w1: number, w2: number, w3: number): bigint {
  return BigInt(w0) + (BigInt(w1) << 32n) + (BigInt(w2) << 64n) + (BigInt(w3) << 96n);
}
