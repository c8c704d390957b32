import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { giniCoefficient, InvalidCountError, lorenzCurve, lorenzOfPopulation } from "../../src/metrics/index";
import { amountsArb } from "./helpers";

// Points (i/n, C_i/S), i = 0..n, population sorted ascending.

describe("lorenzCurve: hand-worked examples", () => {
  it("two holders [1, 3]: (0,0), (½, ¼), (1,1)", () => {
    expect(lorenzCurve([3n, 1n])).toEqual([
      { x: 0, y: 0 },
      { x: 0.5, y: 0.25 },
      { x: 1, y: 1 },
    ]);
  });

  it("equal amounts lie on the diagonal", () => {
    expect(lorenzCurve([2n, 2n, 2n, 2n])).toEqual([
      { x: 0, y: 0 },
      { x: 0.25, y: 0.25 },
      { x: 0.5, y: 0.5 },
      { x: 0.75, y: 0.75 },
      { x: 1, y: 1 },
    ]);
  });

  it("one holder with everything (zeros included) hugs the axis", () => {
    expect(lorenzCurve([0n, 4n, 0n, 0n], undefined, { includeZeros: true })).toEqual([
      { x: 0, y: 0 },
      { x: 0.25, y: 0 },
      { x: 0.5, y: 0 },
      { x: 0.75, y: 0 },
      { x: 1, y: 1 },
    ]);
    // default population: just the holder
    expect(lorenzCurve([0n, 4n, 0n, 0n])).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ]);
  });

  it("downsamples at i = round(j·n/(points−1)), keeping both endpoints", () => {
    // 1..10, S = 55; points = 3 → i = 0, 5, 10; C_5 = 15
    expect(lorenzCurve([1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n], 3)).toEqual([
      { x: 0, y: 0 },
      { x: 0.5, y: 15 / 55 },
      { x: 1, y: 1 },
    ]);
    expect(lorenzCurve([5n, 1n], 2)).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ]);
    // asking for more points than the curve has returns the whole curve
    expect(lorenzCurve([5n, 1n], 50)).toHaveLength(3);
  });

  it("empty input or zero total: the line of equality", () => {
    const diagonal = [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ];
    expect(lorenzCurve([])).toEqual(diagonal);
    expect(lorenzCurve([0n, 0n], 10, { includeZeros: true })).toEqual(diagonal);
  });

  it("rejects points < 2 or not an integer", () => {
    for (const p of [0, 1, 2.5, Number.NaN]) expect(() => lorenzCurve([1n], p)).toThrow(InvalidCountError);
  });

  it("names the argument and the expected range in the error", () => {
    expect(() => lorenzCurve([1n, 2n], 1)).toThrow(
      expect.objectContaining({ name: "InvalidCountError", message: "points must be an integer >= 2, got 1" }),
    );
    expect(() => lorenzCurve([1n], 2.5)).toThrowError(/^points must be an integer >= 2, got 2\.5$/);
    // lorenzOfPopulation checks too
    expect(() => lorenzOfPopulation({ ascending: [1n], start: 0, n: 1, total: 1n }, 0)).toThrowError(
      /^points must be an integer >= 2, got 0$/,
    );
  });

  it("points = n + 1 and points = n: the whole curve, and a downsample", () => {
    // [1, 2, 3], S = 6: full curve i = 0..3
    const full = [
      { x: 0, y: 0 },
      { x: 1 / 3, y: 1 / 6 },
      { x: 2 / 3, y: 0.5 },
      { x: 1, y: 1 },
    ];
    expect(lorenzCurve([3n, 1n, 2n])).toEqual(full);
    expect(lorenzCurve([3n, 1n, 2n], 4)).toEqual(full);
    // points = 3: i = round(0), round(1.5) = 2, round(3)
    expect(lorenzCurve([3n, 1n, 2n], 3)).toEqual([full[0], full[2], full[3]]);
  });
});

describe("lorenzCurve: properties", () => {
  it("runs (0,0)→(1,1), monotone, convex, below the diagonal, area gives the Gini", () => {
    fc.assert(
      fc.property(amountsArb, fc.boolean(), (xs, includeZeros) => {
        const curve = lorenzCurve(xs, undefined, { includeZeros });
        expect(curve[0]).toEqual({ x: 0, y: 0 });
        expect(curve[curve.length - 1]).toEqual({ x: 1, y: 1 });
        let area = 0;
        for (let i = 1; i < curve.length; i++) {
          const a = curve[i - 1]!;
          const b = curve[i]!;
          expect(b.x).toBeGreaterThan(a.x);
          expect(b.y).toBeGreaterThanOrEqual(a.y);
          expect(b.y).toBeLessThanOrEqual(b.x + 1e-12);
          if (i >= 2) {
            const z = curve[i - 2]!;
            // equal x-steps on the full curve: convex ⇔ increments non-decreasing
            expect(b.y - a.y).toBeGreaterThanOrEqual(a.y - z.y - 1e-12);
          }
          area += ((a.y + b.y) / 2) * (b.x - a.x);
        }
        expect(Math.abs(1 - 2 * area - giniCoefficient(xs, { includeZeros }))).toBeLessThan(1e-9);
      }),
    );
  });

  it("downsampled curves are subsets of the full curve with both endpoints", () => {
    fc.assert(
      fc.property(amountsArb, fc.integer({ min: 2, max: 50 }), (xs, points) => {
        const full = lorenzCurve(xs);
        const sampled = lorenzCurve(xs, points);
        expect(sampled).toHaveLength(Math.min(points, full.length));
        expect(sampled[0]).toEqual({ x: 0, y: 0 });
        expect(sampled[sampled.length - 1]).toEqual({ x: 1, y: 1 });
        for (const p of sampled) expect(full).toContainEqual(p);
      }),
    );
  });

  it("keeps 1e27-scale shares to float precision", () => {
    const a = 10n ** 27n;
    const curve = lorenzCurve([a, a + 1n, 2n * a]);
    // C_1/S = 1e27 / (4e27 + 1), which rounds to 0.25
    expect(curve[1]!.y).toBe(0.25);
    expect(curve[2]!.y).toBeCloseTo(0.5, 15);
  });
});
