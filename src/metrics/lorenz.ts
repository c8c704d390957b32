/**
 * Lorenz curve of a distribution of amounts.
 */
import { InvalidCountError } from "./errors";
import { type PopulationOptions, type SortedPopulation, sortedPopulation } from "./population";
import { ratioToNumber } from "./ratio";

/** A point of a Lorenz curve: x = cumulative population share, y = cumulative amount share. */
export interface LorenzPoint {
  x: number;
  y: number;
}

/**
 * Lorenz curve: with the population sorted ascending, the points (i/n, C_i/S) for
 * i = 0..n, where C_i = x_1 + ... + x_i. Runs from (0, 0) to (1, 1), non-decreasing,
 * convex, on or below the diagonal; 1 − 2·(area under it) is the Gini coefficient.
 *
 * `points` (an integer >= 2) downsamples to that many points of the exact curve, at
 * i = round(j·n/(points−1)), j = 0..points−1, which always keeps both endpoints; when the
 * curve has no more than `points` points it is returned whole. Omit it for the full curve
 * (n + 1 points).
 *
 * Conventions: population = positive amounts unless `includeZeros`. Empty input or a zero
 * total gives the line of equality [(0, 0), (1, 1)].
 *
 * Precision: y is Number(C_i) / Number(S), one float division of two converted bigints
 * (correctly rounded when S < 2^53, otherwise within about 3 ulp of the exact share); it is
 * monotone in i and the last y is exactly 1.
 *
 * Reference: Lorenz (1905), "Methods of measuring the concentration of wealth", Publications
 * of the American Statistical Association 9(70).
 *
 * @throws InvalidCountError if `points` is not an integer >= 2.
 * @throws InvalidAmountError | NegativeAmountError for bad amounts.
 * @example
 * lorenzCurve([1n, 3n]); // [{x:0,y:0}, {x:0.5,y:0.25}, {x:1,y:1}]
 * lorenzCurve([1n, 3n], 2); // [{x:0,y:0}, {x:1,y:1}]
 */
export function lorenzCurve(
  amounts: readonly bigint[],
  points?: number,
  options: PopulationOptions = {},
): LorenzPoint[] {
  checkPoints(points);
  return lorenzOfPopulation(sortedPopulation(amounts, options), points);
}

/**
 * {@link lorenzCurve} over an already-sorted population (O(n)).
 * @example lorenzOfPopulation(sortedPopulation([2n, 2n]), 3); // [(0,0), (0.5,0.5), (1,1)]
 */
export function lorenzOfPopulation(population: SortedPopulation, points?: number): LorenzPoint[] {
  checkPoints(points);
  const { ascending, start, n, total } = population;
  if (n === 0 || total === 0n) {
    return [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ];
  }
  const totalF = Number(total);
  // Indices i (0..n) of the curve to emit.
  const wanted: number[] = [];
  if (points === undefined || points >= n + 1) {
    for (let i = 0; i <= n; i++) wanted.push(i);
  } else {
    for (let j = 0; j < points; j++) wanted.push(Math.round((j * n) / (points - 1)));
  }
  const curve: LorenzPoint[] = [];
  let cumulative = 0n;
  let i = 0;
  for (const target of wanted) {
    while (i < target) {
      cumulative += ascending[start + i]!;
      i++;
    }
    const y =
      target === n
        ? 1
        : Number.isFinite(totalF)
          ? Number(cumulative) / totalF
          : ratioToNumber(cumulative, total);
    curve.push({ x: target / n, y });
  }
  return curve;
}

function checkPoints(points: number | undefined): void {
  if (points === undefined) return;
  if (!Number.isSafeInteger(points) || points < 2) {
    throw new InvalidCountError("points", points, "an integer >= 2");
  }
}
