/**
 * Unlock schedule of the vesting allocations: past points from the indexed state and future
 * points projected with the pure vesting schedule of `src/domain/vesting.ts`.
 */
import { type VestingSchedule, vestedAmount } from "../../domain/vesting";
import { InvalidParameterError } from "../errors";
import { MAX_SCHEDULE_POINTS } from "../args";
import { ratio } from "./vaultStickiness";

export interface ScheduleAllocation {
  name: string;
  address: string;
  schedule: VestingSchedule;
}

export interface ScheduleSupply {
  ts: number;
  circulatingSupply: bigint;
}

export interface SchedulePoint {
  ts: number;
  projected: boolean;
  unlocked: bigint;
  locked: bigint;
  percentUnlocked: number;
  circulatingSupply: bigint | null;
}

export interface UpcomingUnlock {
  ts: number;
  allocation: string;
  amount: bigint;
}

export interface ScheduleOptions {
  from?: number;
  to?: number;
  step: number;
  /** Latest indexed timestamp: points after it are projected. */
  asOf: number;
  /** Upcoming unlocks listed at most. */
  maxUpcoming?: number;
}

/** Schedule bounds: start of the earliest allocation to end of the latest one. */
function defaultBounds(allocations: readonly ScheduleAllocation[], asOf: number): { from: number; to: number } {
  if (allocations.length === 0) return { from: asOf, to: asOf };
  const from = Math.min(...allocations.map((a) => Number(a.schedule.start)));
  const to = Math.max(...allocations.map((a) => Number(a.schedule.start + a.schedule.duration)));
  return { from, to };
}

/**
 * Points every `step` seconds from `from` to `to` (both included), plus every schedule
 * breakpoint (start, cliff end, end) and `asOf` inside the range, so TGE and cliff jumps show.
 * `unlocked(ts) = Σ vestedAmount(allocation, ts)`; `circulatingSupply` is the latest indexed
 * supply point at or before ts (null for projected points).
 *
 * @throws InvalidParameterError when to < from or the range needs too many points.
 */
export function unlockSchedule(
  allocations: readonly ScheduleAllocation[],
  supply: readonly ScheduleSupply[],
  options: ScheduleOptions,
): { points: SchedulePoint[]; upcoming: UpcomingUnlock[]; totalAllocated: bigint } {
  const bounds = defaultBounds(allocations, options.asOf);
  const from = options.from ?? bounds.from;
  const to = options.to ?? Math.max(bounds.to, from);
  if (to < from) throw new InvalidParameterError("to", `must be >= from (from=${from}, to=${to})`);
  const count = Math.floor((to - from) / options.step) + 1;
  if (count > MAX_SCHEDULE_POINTS) {
    throw new InvalidParameterError(
      "step",
      `the range ${from}..${to} needs ${count} points at step ${options.step}; at most ${MAX_SCHEDULE_POINTS} (raise step or narrow from/to)`,
    );
  }
  const times = new Set<number>();
  for (let ts = from; ts <= to; ts += options.step) times.add(ts);
  times.add(to);
  const inRange = (ts: number) => ts >= from && ts <= to;
  for (const a of allocations) {
    const s = a.schedule;
    for (const ts of [s.start, s.start + s.cliff, s.start + s.duration]) if (inRange(Number(ts))) times.add(Number(ts));
  }
  if (inRange(options.asOf)) times.add(options.asOf);
  const sortedTimes = [...times].sort((a, b) => a - b);

  const totalAllocated = allocations.reduce((acc, a) => acc + a.schedule.total, 0n);
  const supplySorted = [...supply].sort((a, b) => a.ts - b.ts);
  let supplyIndex = -1;
  const points: SchedulePoint[] = [];
  for (const ts of sortedTimes) {
    while (supplyIndex + 1 < supplySorted.length && supplySorted[supplyIndex + 1]!.ts <= ts) supplyIndex++;
    const unlocked = allocations.reduce((acc, a) => acc + vestedAmount(a.schedule, BigInt(ts)), 0n);
    const projected = ts > options.asOf;
    points.push({
      ts,
      projected,
      unlocked,
      locked: totalAllocated - unlocked,
      percentUnlocked: ratio(unlocked, totalAllocated),
      circulatingSupply: projected || supplyIndex < 0 ? null : supplySorted[supplyIndex]!.circulatingSupply,
    });
  }

  const upcoming: UpcomingUnlock[] = [];
  const future = sortedTimes.filter((ts) => ts > options.asOf);
  for (const a of allocations) {
    let previous = vestedAmount(a.schedule, BigInt(options.asOf));
    for (const ts of future) {
      const vested = vestedAmount(a.schedule, BigInt(ts));
      if (vested > previous) upcoming.push({ ts, allocation: a.name, amount: vested - previous });
      previous = vested;
    }
  }
  upcoming.sort((x, y) => x.ts - y.ts || (x.allocation < y.allocation ? -1 : x.allocation > y.allocation ? 1 : 0));
  return { points, upcoming: upcoming.slice(0, options.maxUpcoming ?? 100), totalAllocated };
}
