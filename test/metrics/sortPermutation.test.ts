import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../devnet/rng";
import { compareBigint, computeConcentration, NegativeAmountError, sortAmounts, sortPermutation } from "../../src/metrics/index";

/** Amounts that stress the permutation sort: clusters that share a double, word boundaries. */
const clusteredArb = fc
  .record({
    base: fc.oneof(
      fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }),
      fc.constantFrom(2n ** 53n, 2n ** 64n, 2n ** 96n, 2n ** 112n, 2n ** 128n - 2n ** 40n, 10n ** 30n),
    ),
    spreadBits: fc.integer({ min: 0, max: 90 }),
    offsets: fc.array(fc.bigInt({ min: -(2n ** 90n), max: 2n ** 90n }), { minLength: 64, maxLength: 2500 }),
    zeros: fc.integer({ min: 0, max: 40 }),
  })
  .map(({ base, spreadBits, offsets, zeros }) => {
    const span = 2n ** BigInt(spreadBits);
    const xs = offsets.map((o) => {
      const x = base + (o % span);
      return x < 0n ? -x : x;
    });
    for (let i = 0; i < zeros && i < xs.length; i++) xs[(i * 7919) % xs.length] = 0n;
    return xs;
  });

function expectPermutationSorts(xs: bigint[]): void {
  const p = sortPermutation(xs);
  expect(p).not.toBeNull();
  expect(p!.order.length).toBe(xs.length);
  const seen = new Uint8Array(xs.length);
  for (const i of p!.order) seen[i] = 1;
  expect(seen.every((b) => b === 1)).toBe(true);
  expect(Array.from(p!.order, (i) => xs[i]!)).toEqual(xs.slice().sort(compareBigint));
  expect(Array.from(p!.floats)).toEqual(xs.map(Number));
  if (xs.every((x) => Number(x) < 2 ** 128)) {
    const words = p!.words!;
    xs.forEach((x, i) => {
      const fromWords = BigInt(words[4 * i]!) | (BigInt(words[4 * i + 1]!) << 32n) | (BigInt(words[4 * i + 2]!) << 64n) | (BigInt(words[4 * i + 3]!) << 96n);
      expect(fromWords).toBe(x);
    });
  } else {
    expect(p!.words).toBeNull();
  }
}

/** {@link expectPermutationSorts}, and the order is exactly the stable one (ties in input order). */
function expectStableOrder(xs: bigint[]): void {
  expectPermutationSorts(xs);
  const stable = xs.map((_, i) => i).sort((a, b) => compareBigint(xs[a]!, xs[b]!) || a - b);
  expect(Array.from(sortPermutation(xs)!.order)).toEqual(stable);
}

/** Seeded floats in [0, 1), from the simulator's generator. */
function seeded(seed: number): () => number {
  const rng = new Rng(seed, "sortPermutation");
  return () => rng.float();
}

const descending = (xs: bigint[]) => xs.slice().sort((a, b) => compareBigint(b, a));
const ascending = (xs: bigint[]) => xs.slice().sort(compareBigint);

/**
 * `length` amounts drawn from `distinct` values base + k·step (k < distinct), so with many
 * ties; a step below the double's ulp at base gives distinct amounts with equal doubles.
 */
function tiedAmounts(base: bigint, step: bigint, distinct: number, length: number, seed: number): bigint[] {
  const next = seeded(seed);
  return Array.from({ length }, () => base + BigInt(Math.floor(next() * distinct)) * step);
}

/** Ranges the fast path compares differently: one word pair, computed high words, 4 words, no words. */
const RANGES = [
  ["below 2^64", 10n ** 18n, 10n ** 15n],
  ["below 2^64, equal doubles", 2n ** 60n, 1n],
  ["2^64..2^112", 10n ** 24n, 10n ** 20n],
  ["2^64..2^112, equal doubles", 2n ** 100n, 3n],
  ["2^112..2^128", 2n ** 120n, 2n ** 100n],
  ["2^112..2^128, equal doubles", 2n ** 120n, 7n],
  ["at least 2^128 (no words)", 2n ** 130n, 2n ** 110n],
  ["at least 2^128, equal doubles", 2n ** 130n, 5n],
] as const;

describe("sortPermutation on presorted input", () => {
  it.each(RANGES)("descending with many ties, %s", (_range, base, step) => {
    const xs = descending(tiedAmounts(base, step, 40, 1000, 1));
    expect(new Set(xs).size).toBe(40);
    expectStableOrder(xs);
  });

  it.each(RANGES)("ascending with ties, %s", (_range, base, step) => {
    const xs = ascending(tiedAmounts(base, step, 40, 1000, 2));
    expect(new Set(xs).size).toBe(40);
    expectStableOrder(xs);
    expect(Array.from(sortPermutation(xs)!.order)).toEqual(xs.map((_, i) => i));
  });

  it.each(RANGES)("sorted but for the last or the first element, %s", (_range, base, step) => {
    const xs = tiedAmounts(base, step, 40, 500, 3);
    const desc = descending(xs);
    const asc = ascending(xs);
    const big = base + 40n * step;
    const small = base - 1n;
    expectStableOrder([...desc, big]);
    expectStableOrder([small, ...desc]);
    expectStableOrder([...desc.slice(0, -1), desc[0]!]);
    expectStableOrder([...asc, small]);
    expectStableOrder([big, ...asc]);
    expectStableOrder([asc[asc.length - 1]!, ...asc.slice(0, -1)]);
  });

  it("all equal, all zero, and descending with zeros", () => {
    expectStableOrder(Array.from({ length: 300 }, () => 10n ** 24n + 1n));
    expectStableOrder(Array.from({ length: 300 }, () => 2n ** 140n));
    expectStableOrder(Array.from({ length: 300 }, () => 0n));
    expectStableOrder([...descending(tiedAmounts(10n ** 18n, 10n ** 17n, 5, 200, 4)), ...Array.from({ length: 100 }, () => 0n)]);
    expect(Array.from(sortPermutation([5n, 5n, 3n, 3n, 3n, 1n, 0n, 0n])!.order)).toEqual([6, 7, 5, 2, 3, 4, 0, 1]);
  });

  it("short inputs", () => {
    expect(Array.from(sortPermutation([])!.order)).toEqual([]);
    expect(Array.from(sortPermutation([7n])!.order)).toEqual([0]);
    expect(Array.from(sortPermutation([7n, 7n])!.order)).toEqual([0, 1]);
    expect(Array.from(sortPermutation([8n, 7n])!.order)).toEqual([1, 0]);
  });

  it("validates the first bad index even when the rest is sorted", () => {
    expect(() => sortPermutation([3n, 2n, -1n, -5n])).toThrow(new NegativeAmountError(2, -1n));
    expect(sortPermutation([2n ** 1100n, 2n ** 1000n, 1n])).toBeNull();
  });

  it("orders seeded sorted, reverse-sorted, nearly sorted and random arrays stably", () => {
    const next = seeded(20_240_611);
    const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
    const kinds = ["ascending", "descending", "nearly ascending", "nearly descending", "random"] as const;
    const seen = new Set<string>();
    for (let run = 0; run < 60; run++) {
      const [, base, step] = RANGES[int(0, RANGES.length - 1)]!;
      const xs = tiedAmounts(base, step, int(1, 400), int(64, 3000), int(0, 2 ** 30));
      const kind = kinds[run % kinds.length]!;
      seen.add(kind);
      const sorted = kind === "random" ? xs : kind.endsWith("descending") ? descending(xs) : ascending(xs);
      if (kind.startsWith("nearly")) {
        for (let k = int(1, 3); k > 0; k--) {
          const i = int(0, sorted.length - 1);
          const j = int(0, sorted.length - 1);
          [sorted[i], sorted[j]] = [sorted[j]!, sorted[i]!];
        }
      }
      expectStableOrder(sorted);
    }
    expect([...seen].sort()).toEqual([...kinds].sort());
  });
});

describe("computeConcentration on presorted input", () => {
  it.each([
    ["below 2^128", 1, 0],
    ["with amounts of 2^128 and more", 2, 10],
  ] as const)("descending equals shuffled, %s", (_label, seed, huge) => {
    const next = seeded(seed);
    const xs = Array.from({ length: 3000 }, () => BigInt(Math.floor(next() ** 3 * 1e6)) * 10n ** 18n + BigInt(Math.floor(next() * 1e9)));
    for (let i = 0; i < 200; i++) xs[i * 13] = 10n ** 21n; // ties
    for (let i = 0; i < 100; i++) xs[i * 17 + 5] = 0n;
    for (let i = 0; i < huge; i++) xs[i * 101] = 2n ** 128n + BigInt(i % 3);
    const desc = descending(xs);
    const shuffled = desc.slice();
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    expect(sortPermutation(desc)!.words === null).toBe(huge > 0);
    for (const includeZeros of [false, true]) {
      const expected = computeConcentration(shuffled, { includeZeros });
      // Theil and entropy are float sums in input order: equal up to rounding (see theilIndex).
      expect(computeConcentration(desc, { includeZeros })).toEqual({
        ...expected,
        theil: expect.closeTo(expected.theil, 12),
        entropy: expect.closeTo(expected.entropy, 12),
      });
    }
  });
});

describe("sortPermutation", () => {
  it("orders clustered amounts exactly and returns their exact 32-bit words", () => {
    fc.assert(fc.property(clusteredArb, expectPermutationSorts), { numRuns: 200 });
  });

  it("orders a long run sharing one double (16-bit digit passes)", () => {
    const base = 10n ** 30n;
    const xs = Array.from({ length: 70_000 }, (_, i) => base + BigInt((i * 2_654_435_761) % 1_000_003) * 2n ** 20n);
    expectPermutationSorts(xs);
  });

  it.each([8_191, 8_192])("orders %i random amounts over 40 binary orders with ties stably (8-bit key digits below 8,192, 16-bit from it)", (length) => {
    const next = seeded(length);
    // every byte of the doubles' high words varies (exponents over 2^20..2^60), ties every 7th
    const xs = Array.from({ length }, (_, i) => (i % 7 === 0 ? 10n ** 12n : BigInt(Math.floor(2 ** (20 + 40 * next()))) * 3n + BigInt(i % 5)));
    expectStableOrder(xs);
  });

  it("returns the exact words of amounts whose double is 2^64 (just below, at and just above it)", () => {
    // all five round to the double 2^64; the high words of those at or above 2^64 come from that double
    const near = [2n ** 64n - 1n, 2n ** 64n, 2n ** 64n + 1n, 2n ** 64n + 2n ** 11n, 2n ** 64n - 2n ** 10n];
    const xs = Array.from({ length: 70 }, (_, i) => (i % 7 === 3 ? near[i % near.length]! : BigInt((i * 37) % 70) * 10n ** 18n));
    expectPermutationSorts(xs);
    const words = sortPermutation(xs)!.words!;
    expect(Array.from(words.subarray(4 * 3, 4 * 3 + 4))).toEqual([2 ** 11, 0, 1, 0]); // xs[3] = 2^64 + 2^11
    expect(Array.from(words.subarray(4 * 10, 4 * 10 + 4))).toEqual([0xffff_ffff, 0xffff_ffff, 0, 0]); // xs[10] = 2^64 − 1
    expect(Array.from(words.subarray(4 * 31, 4 * 31 + 4))).toEqual([0, 0, 1, 0]); // xs[31] = 2^64
  });

  it("has no words when an amount reaches 2^128, and still orders exactly", () => {
    const xs = Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 2n ** 130n + BigInt(100 - i) : BigInt(i)));
    expectPermutationSorts(xs);
    expect(sortAmounts(xs)).toEqual(xs.slice().sort(compareBigint));
  });

  it("is null beyond the double range and rejects negative amounts", () => {
    expect(sortPermutation([2n ** 1100n, 1n])).toBeNull();
    expect(() => sortPermutation([1n, -1n])).toThrow(NegativeAmountError);
  });
});
