import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareBigint, NegativeAmountError, sortAmounts, sortPermutation } from "../../src/metrics/index";

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

describe("sortPermutation", () => {
  it("orders clustered amounts exactly and returns their exact 32-bit words", () => {
    fc.assert(fc.property(clusteredArb, expectPermutationSorts), { numRuns: 200 });
  });

  it("orders a long run sharing one double (16-bit digit passes)", () => {
    const base = 10n ** 30n;
    const xs = Array.from({ length: 70_000 }, (_, i) => base + BigInt((i * 2_654_435_761) % 1_000_003) * 2n ** 20n);
    expectPermutationSorts(xs);
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
