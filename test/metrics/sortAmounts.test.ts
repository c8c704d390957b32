import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareBigint,
  InvalidAmountError,
  NegativeAmountError,
  sortAmounts,
  sortAmountsWithKeys,
} from "../../src/metrics/index";
import { amountsArb } from "./helpers";

describe("sortAmounts", () => {
  it("sorts ascending and descending without touching the input", () => {
    const xs = [3n, 1n, 2n];
    expect(sortAmounts(xs)).toEqual([1n, 2n, 3n]);
    expect(sortAmounts(xs, "descending")).toEqual([3n, 2n, 1n]);
    expect(xs).toEqual([3n, 1n, 2n]);
    expect(sortAmounts([])).toEqual([]);
  });

  it("orders amounts that share a double exactly (keyed path)", () => {
    // 2^100 + k are all the same double; the run is fixed with exact comparisons
    const base = 2n ** 100n;
    const xs = Array.from({ length: 500 }, (_, i) => base + BigInt((i * 7919) % 500));
    const sorted = sortAmounts(xs);
    expect(sorted).toEqual(xs.slice().sort(compareBigint));
  });

  it("falls back for amounts beyond the double range", () => {
    const huge = 2n ** 1100n;
    const xs = Array.from({ length: 100 }, (_, i) => (i % 2 ? huge + BigInt(i) : BigInt(i)));
    expect(sortAmounts(xs)).toEqual(xs.slice().sort(compareBigint));
    expect(sortAmountsWithKeys(xs).floats).toBeNull();
  });

  it("returns the doubles of the input in input order on the keyed path", () => {
    const xs = Array.from({ length: 100 }, (_, i) => BigInt(100 - i) * 10n ** 20n);
    const { floats } = sortAmountsWithKeys(xs);
    expect(Array.from(floats!)).toEqual(xs.map(Number));
  });

  it("matches a comparator sort on random inputs", () => {
    fc.assert(
      fc.property(amountsArb, (xs) => {
        expect(sortAmounts(xs)).toEqual(xs.slice().sort(compareBigint));
      }),
      { numRuns: 300 },
    );
  });

  it("rejects bad elements with their index, on both paths", () => {
    expect(() => sortAmounts([1n, -1n])).toThrow(NegativeAmountError);
    const long = Array.from({ length: 80 }, () => 1n);
    long[79] = -1n;
    expect(() => sortAmounts(long)).toThrow(/index 79 is negative/);
    long[79] = "7" as unknown as bigint;
    expect(() => sortAmounts(long)).toThrow(InvalidAmountError);
    let thrown: unknown;
    try {
      sortAmounts(long);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ index: 79, value: "7" });
  });
});
