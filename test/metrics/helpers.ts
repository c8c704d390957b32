/**
 * Shared test helpers for the metrics tests: exact rounding checks and amount generators.
 */
import fc from "fast-check";
import { expect } from "vitest";

/**
 * Asserts that `value` is the double nearest to num/den (within half an ulp of `value`),
 * checked exactly in bigint arithmetic.
 */
export function expectCorrectlyRounded(value: number, num: bigint, den: bigint): void {
  expect(den > 0n).toBe(true);
  if (num === 0n) {
    expect(value).toBe(0);
    return;
  }
  expect(value).toBeGreaterThan(0);
  // value = m·2^e exactly, m an integer below 2^53.
  let e = Math.floor(Math.log2(value)) - 52;
  let m = value / 2 ** e;
  while (!Number.isInteger(m)) {
    e -= 1;
    m = value / 2 ** e;
  }
  // |m·2^e − num/den| <= 2^(e−1)  ⇔  |2m·den·2^e − 2·num| <= den·2^e   (scaled to integers)
  const M = BigInt(m);
  let lhs: bigint;
  let rhs: bigint;
  if (e >= 0) {
    const p = 2n ** BigInt(e);
    lhs = 2n * M * den * p - 2n * num;
    rhs = den * p;
  } else {
    const p = 2n ** BigInt(-e);
    lhs = 2n * M * den - 2n * num * p;
    rhs = den;
  }
  if (lhs < 0n) lhs = -lhs;
  expect(lhs <= rhs, `${value} is not the nearest double to ${num}/${den}`).toBe(true);
}

/** Relative difference |a − b| / max(|a|, |b|), 0 when both are 0. */
export function relativeDifference(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}

/** A non-negative amount: often zero or tiny, sometimes up to 1e30. */
export const amountArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0n) },
  { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: 20n }) },
  { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 30n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 10n ** 27n - 1000n, max: 10n ** 27n + 1000n }) },
);

/** Arrays of amounts, short (comparator sort path) and long (keyed sort path). */
export const amountsArb = fc.oneof(
  fc.array(amountArb, { maxLength: 40 }),
  fc.array(amountArb, { minLength: 64, maxLength: 300 }),
);

/** Arrays with at least one positive amount. */
export const positiveTotalArb = amountsArb.filter((xs) => xs.some((x) => x > 0n));

/**
 * Input indices ascending by amount, ties by input index (the order sortPermutation promises),
 * by a plain bigint comparison written here, independent of src/metrics' compareBigint.
 */
export function stableOrder(xs: readonly bigint[]): number[] {
  return xs.map((_, i) => i).sort((i, j) => (xs[i]! < xs[j]! ? -1 : xs[i]! > xs[j]! ? 1 : i - j));
}

/**
 * The four 32-bit words of each amount (below 2^128), least significant first: `words[4i + k]`
 * is bits 32k..32k+31 of xs[i], the layout sortPermutation returns, built here by bigint shifts.
 */
export function wordsOf(xs: readonly bigint[]): Uint32Array {
  const words = new Uint32Array(4 * xs.length);
  xs.forEach((x, i) => {
    for (let k = 0; k < 4; k++) words[4 * i + k] = Number((x >> BigInt(32 * k)) & 0xffffffffn);
  });
  return words;
}
