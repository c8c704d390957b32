/**
 * Seasons (ARCHITECTURE.md "Seasons"): season n (1-based) starts at `starts[n - 1]`; from a season
 * start on, curve time restarts and votes of earlier seasons stop counting.
 * `starts` must be ascending (as the escrow records them).
 */

/**
 * Season in force at `ts`: the 1-based index of the latest start `<= ts`, 0 when none.
 * @example seasonOf(150n, [100n, 200n]) // 1
 */
export function seasonOf(ts: bigint, starts: readonly bigint[]): number {
  for (let i = starts.length; i > 0; i--) {
    if (starts[i - 1]! <= ts) return i;
  }
  return 0;
}

/**
 * The latest season start `<= ts`, 0n when none (the escrow's `seasonAnchor(ts)`).
 * @example seasonAnchor(250n, [100n, 200n]) // 200n
 */
export function seasonAnchor(ts: bigint, starts: readonly bigint[]): bigint {
  const season = seasonOf(ts, starts);
  return season === 0 ? 0n : starts[season - 1]!;
}
