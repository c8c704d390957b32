import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeConcentration,
  effectiveNumber,
  giniCoefficient,
  herfindahlHirschman,
  nakamotoCoefficient,
  NegativeAmountError,
  normalizedEntropy,
  palmaRatio,
  theilIndex,
  topNShare,
} from "../../src/metrics/index";
import { amountsArb } from "./helpers";

describe("computeConcentration: hand-worked examples", () => {
  it("four equal holders", () => {
    // S = 40: nakamoto > 40/3 → 2 (20), > 20 → 3 (30), > 80/3 → 3 (30)
    expect(computeConcentration([10n, 10n, 10n, 10n])).toEqual({
      n: 4,
      total: 40n,
      gini: 0,
      nakamoto33: 2,
      nakamoto50: 3,
      nakamoto66: 3,
      hhi: 0.25,
      effectiveN: 4,
      theil: 0,
      entropy: 1,
      top1Share: 0.25,
      top5Share: 1,
      top10Share: 1,
      palma: 0.25,
    });
  });

  it("one holder with everything, zeros included", () => {
    const m = computeConcentration([0n, 0n, 4n, 0n], { includeZeros: true });
    expect(m).toMatchObject({
      n: 4,
      total: 4n,
      gini: 0.75, // (n−1)/n
      nakamoto33: 1,
      nakamoto50: 1,
      nakamoto66: 1,
      hhi: 1,
      effectiveN: 1,
      entropy: 0,
      top1Share: 1,
      palma: null, // bottom 40% (1.6 of the 4 members) hold 0
    });
    expect(m.theil).toBeCloseTo(Math.log(4), 14);
    // default population: the single holder, n = 1
    expect(computeConcentration([0n, 0n, 4n, 0n])).toMatchObject({ n: 1, gini: 0, entropy: 0, theil: 0, palma: 0.25 });
  });

  it("two holders [1, 3]", () => {
    const m = computeConcentration([3n, 1n]);
    // gini (1·4 − 2)/8; nakamoto: 3 > 4/3, 3 > 2, 3 > 8/3 → 1; hhi 10/16; palma 0.75 (see palma tests)
    expect(m).toMatchObject({ n: 2, total: 4n, gini: 0.25, nakamoto33: 1, nakamoto50: 1, nakamoto66: 1 });
    expect(m).toMatchObject({ hhi: 0.625, effectiveN: 1.6, top1Share: 0.75, top5Share: 1, palma: 0.75 });
    expect(m.entropy).toBeCloseTo(0.8112781244591328, 14);
  });

  it("empty input and zero totals", () => {
    const empty = {
      n: 0,
      total: 0n,
      gini: 0,
      nakamoto33: 0,
      nakamoto50: 0,
      nakamoto66: 0,
      hhi: 0,
      effectiveN: 0,
      theil: 0,
      entropy: 0,
      top1Share: 0,
      top5Share: 0,
      top10Share: 0,
      palma: null,
    };
    expect(computeConcentration([])).toEqual(empty);
    expect(computeConcentration([0n, 0n])).toEqual(empty);
    expect(computeConcentration([0n, 0n], { includeZeros: true })).toEqual({ ...empty, n: 2 });
  });

  it("sampleCorrected with a single holder or a zero total: gini 0 (no division by n − 1 = 0)", () => {
    // n = 1: the n/(n−1) correction is undefined; the convention is 0
    expect(computeConcentration([5n], { sampleCorrected: true }).gini).toBe(0);
    expect(computeConcentration([0n, 5n, 0n], { sampleCorrected: true })).toMatchObject({ n: 1, gini: 0, palma: 0.25 });
    expect(computeConcentration([0n, 0n], { includeZeros: true, sampleCorrected: true }).gini).toBe(0);
    expect(computeConcentration([], { sampleCorrected: true }).gini).toBe(0);
    // n = 2, [1, 3]: (1·4 − 2·1) / (1·4) = 0.5
    expect(computeConcentration([3n, 1n], { sampleCorrected: true }).gini).toBe(0.5);
  });

  it("short input: Theil and entropy are summed over the amounts in ascending order, whatever the input order", () => {
    // Below 64 amounts the population is a sorted bigint array and the float sum
    // T = Σ s_i·ln(n·s_i), s_i = x_i / S, runs over it ascending: [1, 2, 7], S = 10, n = 3.
    // (Summed in the input order 7, 1, 2 it would end one ulp higher.)
    let expected = 0;
    for (const x of [1, 2, 7]) {
      const s = x / 10;
      expected += s * Math.log(3 * s);
    }
    expect(expected).toBeCloseTo(0.1 * Math.log(0.3) + 0.2 * Math.log(0.6) + 0.7 * Math.log(2.1), 15);
    for (const xs of [[7n, 1n, 2n], [2n, 7n, 1n], [1n, 2n, 7n]]) {
      const m = computeConcentration(xs);
      expect(m.theil).toBe(expected);
      expect(m.entropy).toBe(1 - expected / Math.log(3));
    }
  });

  it("64 amounts (the word path) with zeros, with and without includeZeros", () => {
    // 60 zeros and four 1s, scattered: S = 4
    const xs = Array.from({ length: 64 }, (_, i) => (i % 16 === 5 ? 1n : 0n));
    // includeZeros: n = 64, C_j = 0 up to j = 60, then 1, 2, 3 → ΣC = 6; gini (63·4 − 12) / 256
    const all = computeConcentration(xs, { includeZeros: true });
    expect(all).toMatchObject({
      n: 64,
      total: 4n,
      gini: 0.9375,
      nakamoto33: 2, // > 4/3
      nakamoto50: 3, // > 2
      nakamoto66: 3, // > 8/3
      hhi: 0.25,
      effectiveN: 4,
      top1Share: 0.25,
      top5Share: 1,
      top10Share: 1,
      palma: null, // bottom 40% = 25.6 members, all zeros
    });
    // T = 4 · ¼·ln(64·¼) = ln 16; entropy = 1 − ln 16 / ln 64 = 1/3
    expect(all.theil).toBeCloseTo(Math.log(16), 14);
    expect(all.entropy).toBeCloseTo(1 / 3, 14);
    // default population: the four holders, all equal
    const holders = computeConcentration(xs);
    expect(holders).toMatchObject({ n: 4, total: 4n, gini: 0, theil: 0, entropy: 1, palma: 0.25, nakamoto50: 3 });
  });

  it("rejects a negative amount with its index", () => {
    expect(() => computeConcentration([1n, 2n, -3n])).toThrow(NegativeAmountError);
    expect(() => computeConcentration([1n, 2n, -3n])).toThrow(/index 2/);
  });
});

describe("computeConcentration: agrees with the single-metric functions", () => {
  it("on random inputs (short and long, zeros, duplicates, 1e27-scale)", () => {
    fc.assert(
      fc.property(amountsArb, fc.boolean(), fc.boolean(), (xs, includeZeros, sampleCorrected) => {
        const m = computeConcentration(xs, { includeZeros, sampleCorrected });
        expect(m.n).toBe(includeZeros ? xs.length : xs.filter((x) => x > 0n).length);
        expect(m.total).toBe(xs.reduce((s, x) => s + x, 0n));
        expect(m.gini).toBe(giniCoefficient(xs, { includeZeros, sampleCorrected }));
        expect(m.nakamoto33).toBe(nakamotoCoefficient(xs, { num: 1, den: 3 }));
        expect(m.nakamoto50).toBe(nakamotoCoefficient(xs, 0.5));
        expect(m.nakamoto66).toBe(nakamotoCoefficient(xs, { num: 2, den: 3 }));
        expect(m.hhi).toBe(herfindahlHirschman(xs));
        expect(m.effectiveN).toBe(effectiveNumber(xs));
        expect(m.top1Share).toBe(topNShare(xs, 1));
        expect(m.top5Share).toBe(topNShare(xs, 5));
        expect(m.top10Share).toBe(topNShare(xs, 10));
        expect(m.palma).toBe(palmaRatio(xs, { includeZeros }));
        // float sums, possibly in a different order
        expect(Math.abs(m.theil - theilIndex(xs, { includeZeros }))).toBeLessThan(1e-12);
        expect(Math.abs(m.entropy - normalizedEntropy(xs, { includeZeros }))).toBeLessThan(1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it("does not modify its input", () => {
    const xs = Array.from({ length: 100 }, (_, i) => BigInt((i * 37) % 101));
    const copy = xs.slice();
    computeConcentration(xs);
    expect(xs).toEqual(copy);
  });
});

describe("computeConcentration: the order of the amounts does not matter, to the bit", () => {
  // Theil (and the entropy from it) is a float sum: it must be added in an order fixed by the
  // values, or two indexers that read the same rows in another order store different bits.
  let seed = 0x9e3779b9;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed % n;
  };
  const shuffled = (xs: bigint[]) => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = next(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  const datasets: [string, bigint[]][] = [
    ["20 amounts (comparator sort)", Array.from({ length: 20 }, (_, i) => BigInt(i * i + 1) * 10n ** 18n)],
    ["5,000 18-decimal amounts (word path)", Array.from({ length: 5_000 }, () => BigInt(next(1_000_000_007)) * 10n ** 15n + BigInt(next(1000)))],
    ["3,000 amounts near 2^130 (no words)", Array.from({ length: 3_000 }, () => (1n << 130n) + BigInt(next(1_000_000_007)) * 10n ** 20n)],
    ["4,000 amounts with ties and zeros", Array.from({ length: 4_000 }, () => BigInt(next(7)) * 10n ** 18n)],
  ];
  for (const [name, amounts] of datasets) {
    it(name, () => {
      const reference = computeConcentration(amounts);
      expect(reference.theil).toBeGreaterThan(0);
      for (let k = 0; k < 3; k++) expect(computeConcentration(shuffled(amounts))).toEqual(reference);
      expect(computeConcentration([...amounts].reverse())).toEqual(reference);
    });
  }
});
