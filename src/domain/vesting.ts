/**
 * Vesting schedule of one wallet, identical to `VestingWallet._vested` (integer arithmetic):
 *
 * ```
 * ts <  start                 : 0
 * ts >= start + duration      : total
 * tge = total * tgeBps / 10000
 * ts <  start + cliff         : tge
 * otherwise                   : tge + (total - tge) * (ts - (start + cliff)) / (duration - cliff)
 * ```
 * with `total = balance + released` (the wallet's whole allocation).
 */

const BPS = 10_000n;

export interface VestingSchedule {
  /** Vesting start (unix s); the TGE share unlocks here. */
  start: bigint;
  /** Seconds after `start` before the linear part begins. */
  cliff: bigint;
  /** Seconds after `start` when everything is vested. */
  duration: bigint;
  /** Share unlocked at `start`, in bps. */
  tgeBps: bigint;
  /** Whole allocation: current balance + already released. */
  total: bigint;
}

/**
 * A `vesting_allocation` row: the one row type of a vesting wallet, read by the API's store, the
 * window-end snapshot and (a subset of its columns) the alert rules.
 */
export interface VestingAllocationRow {
  address: string;
  /** Allocation name from configuration ("team", "investors", ...). */
  name: string;
  beneficiary: string;
  start: bigint;
  cliff: bigint;
  duration: bigint;
  /** Share unlocked at `start`, in basis points. */
  tgeBps: number;
  /** `balance + released`. */
  total: bigint;
  released: bigint;
}

/** Thrown for a schedule the contract's constructor would reject. */
export class InvalidVestingScheduleError extends Error {
  override name = "InvalidVestingScheduleError";
  constructor(readonly schedule: VestingSchedule) {
    super(
      `invalid vesting schedule: cliff=${schedule.cliff} duration=${schedule.duration} tgeBps=${schedule.tgeBps} (cliff <= duration and tgeBps <= 10000 required)`,
    );
  }
}

/**
 * Amount vested at `ts`.
 * @example vestedAmount({ start: 100n, cliff: 0n, duration: 100n, tgeBps: 1000n, total: 1000n }, 150n) // 550n
 */
export function vestedAmount(schedule: VestingSchedule, ts: bigint): bigint {
  const { start, cliff, duration, tgeBps, total } = schedule;
  if (cliff > duration || tgeBps > BPS || tgeBps < 0n) throw new InvalidVestingScheduleError(schedule);
  if (ts < start) return 0n;
  if (ts >= start + duration) return total;
  const tge = (total * tgeBps) / BPS;
  const cliffEnd = start + cliff;
  if (ts < cliffEnd) return tge;
  return tge + ((total - tge) * (ts - cliffEnd)) / (duration - cliff);
}

/**
 * Vested but not yet released at `ts` (never negative).
 * @example vestedUnreleased({ start: 0n, cliff: 0n, duration: 10n, tgeBps: 0n, total: 100n }, 5n, 20n) // 30n
 */
export function vestedUnreleased(schedule: VestingSchedule, ts: bigint, released: bigint): bigint {
  const v = vestedAmount(schedule, ts);
  return v > released ? v - released : 0n;
}
