/**
 * The paths of the keyed sort (src/metrics/sortAmounts.ts) on inputs built to reach each one:
 * the size threshold of the comparator sort, short runs of equal double keys (insertion sort,
 * ties kept in input order), long runs of equal doubles (radix passes over the 32-bit words,
 * only over the digits that differ) and the end of a run. Oracles: a bigint comparator written
 * here, and the stable order (amount, then input index) worked out from it.
 */
import { describe, expect, it } from "vitest";
import { compareBigint, sortAmounts, sortAmountsWithKeys, sortPermutation } from "../../src/metrics/index";
import { stableOrder } from "./helpers";

/** Plain bigint order, independent of compareBigint. */
const byAmount = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);


/** Small distinct amounts: each below 2^21, so each has its own double high word (own key). */
const small = (count: number, from: number): bigint[] => Array.from({ length: count }, (_, i) => BigInt(from + i));

const TWO_100 = 2n ** 100n;

describe("compareBigint", () => {
  it("returns -1, 0 and 1 exactly", () => {
    expect(compareBigint(1n, 2n)).toBe(-1);
    expect(compareBigint(2n, 1n)).toBe(1);
    expect(compareBigint(5n, 5n)).toBe(0);
    expect(compareBigint(0n, 0n)).toBe(0);
    expect(compareBigint(2n ** 100n + 1n, 2n ** 100n)).toBe(1);
  });
});

describe("sortAmountsWithKeys size threshold", () => {
  it("uses the comparator sort (no doubles) below 64 elements", () => {
    const xs = small(63, 1).reverse();
    const { ascending, floats } = sortAmountsWithKeys(xs);
    expect(floats).toBeNull();
    expect(ascending).toEqual(small(63, 1));
  });

  it("uses the keyed sort (doubles in input order) from 64 elements", () => {
    const xs = small(64, 1).reverse();
    const { ascending, floats } = sortAmountsWithKeys(xs);
    expect(floats).not.toBeNull();
    expect(Array.from(floats!)).toEqual(xs.map(Number));
    expect(ascending).toEqual(small(64, 1));
  });
});

describe("sortPermutation on runs of equal keys", () => {
  it("keeps equal amounts of a short run in input order (insertion sort ties)", () => {
    const xs = small(64, 1);
    // three 7s (one run of three equal keys) and two 30s
    xs[3] = 7n;
    xs[40] = 7n;
    xs[50] = 30n;
    xs[61] = 30n;
    const p = sortPermutation(xs)!;
    expect(Array.from(p.order)).toEqual(stableOrder(xs));
    const sevens = Array.from(p.order).filter((i) => xs[i] === 7n);
    expect(sevens).toEqual([3, 6, 40]);
  });

  it("moves an element to the front of a short run at the start of the array", () => {
    // 2^21 + 1 and 2^21 share a double's high word; they are the two smallest amounts
    const xs = Array.from({ length: 64 }, (_, i) => BigInt(i + 2) << 40n);
    xs[0] = 2n ** 21n + 1n;
    xs[1] = 2n ** 21n;
    const p = sortPermutation(xs)!;
    expect(Array.from(p.order)).toEqual(stableOrder(xs));
    expect(Array.from(p.order.subarray(0, 2))).toEqual([1, 0]);
    expect(sortAmounts(xs)).toEqual(xs.slice().sort(byAmount));
  });

  it("orders a long run of one double that ends where the next double has the same low word", () => {
    // 20 amounts that are all the double 2^100 (low word 0), strictly decreasing in input
    // order, then 2^101 (low word 0 too) right after them in sorted order
    const run = Array.from({ length: 20 }, (_, k) => TWO_100 + BigInt(19 - k));
    const xs = [...small(22, 1), ...run, 2n ** 101n, ...small(22, 100)];
    expect(xs.length).toBe(65);
    const expected = xs.slice().sort(byAmount);
    expect(sortAmounts(xs)).toEqual(expected);
    expect(sortAmounts(xs, "descending")).toEqual(expected.slice().reverse());
    expect(Array.from(sortPermutation(xs)!.order)).toEqual(stableOrder(xs));
  });

  it("orders a long run of one double that is the last run of the array", () => {
    const run = Array.from({ length: 20 }, (_, k) => TWO_100 + BigInt(19 - k));
    const xs = [...run, ...small(44, 1)];
    expect(sortAmounts(xs)).toEqual(xs.slice().sort(byAmount));
    expect(Array.from(sortPermutation(xs)!.order)).toEqual(stableOrder(xs));
  });

  it("sorts a long run by the word digits that differ from its first element's", () => {
    // indices 4..23 share the double 2^100: index 4 is 2^100 + 2^36 (word 1 = 16, word 0 = 0),
    // the others 2^100 + 26 .. 2^100 + 8 (word 1 = 0, word 0 decreasing); word 3 is 16 for all
    const xs = [1n, 2n, 3n, 4n, TWO_100 + 2n ** 36n, ...Array.from({ length: 19 }, (_, k) => TWO_100 + BigInt(26 - k)), ...small(40, 5)];
    expect(xs.length).toBe(64);
    const p = sortPermutation(xs)!;
    expect(Array.from(p.order)).toEqual(stableOrder(xs));
    expect(p.order[63]).toBe(4);
    expect(sortAmounts(xs)).toEqual(xs.slice().sort(byAmount));
  });

  it("orders several runs, with equal amounts inside them, at the start, middle and end", () => {
    const shortRun = [3n, 1n, 2n, 1n].map((d) => 2n ** 80n + d); // one double, 4 members
    const longRun = Array.from({ length: 24 }, (_, k) => TWO_100 + BigInt((k * 7) % 5)); // ties
    const lastRun = Array.from({ length: 18 }, (_, k) => 2n ** 120n + BigInt(17 - k) * 2n ** 40n);
    const xs = [...longRun, ...small(10, 1), ...shortRun, ...lastRun, ...small(10, 50)];
    expect(xs.length).toBe(66);
    expect(sortAmounts(xs)).toEqual(xs.slice().sort(byAmount));
    expect(Array.from(sortPermutation(xs)!.order)).toEqual(stableOrder(xs));
  });
});
