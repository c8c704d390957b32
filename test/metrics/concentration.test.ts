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
