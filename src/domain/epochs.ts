/**
 * Epoch arithmetic (ARCHITECTURE.md "Time"). Timestamps are unix seconds as `bigint`, epoch
 * numbers are plain `number`s.
 *
 * - `epochOf(ts) = floor(ts / EPOCH)`, `epochStart(e) = e * EPOCH` with `EPOCH = 1_209_600` (2 weeks).
 * - Voting window of epoch e: `[epochStart(e) + 3600, epochStart(e) + 604800 - 3600)`.
 * - Snapshot moment of epoch e: its window end.
 */

/** Epoch length: 2 weeks. */
export const EPOCH_DURATION = 1_209_600n;
/** One week: the voting week, then the settlement week. */
export const WEEK = 604_800n;
/** The voting window opens 1 h after the epoch start and closes 1 h before the end of week one. */
export const VOTE_WINDOW_OFFSET = 3_600n;

/** Thrown for a negative timestamp or epoch. */
export class InvalidEpochInputError extends Error {
  override name = "InvalidEpochInputError";
  constructor(readonly value: bigint | number) {
    super(`expected a non-negative timestamp or epoch, got ${value}`);
  }
}

/**
 * Epoch containing `ts`: `floor(ts / 1209600)`.
 * @example epochOf(1_209_600n) // 1
 */
export function epochOf(ts: bigint): number {
  if (ts < 0n) throw new InvalidEpochInputError(ts);
  return Number(ts / EPOCH_DURATION);
}

function checkEpoch(e: number): bigint {
  if (!Number.isInteger(e) || e < 0) throw new InvalidEpochInputError(e);
  return BigInt(e);
}

/**
 * First second of epoch `e`: `e * 1209600`.
 * @example epochStart(2) // 2_419_200n
 */
export function epochStart(e: number): bigint {
  return checkEpoch(e) * EPOCH_DURATION;
}

/**
 * First second of the next epoch (`epochStart(e + 1)`): once a block at or after it is indexed,
 * epoch `e` is final.
 * @example epochEnd(0) // 1_209_600n
 */
export function epochEnd(e: number): bigint {
  return (checkEpoch(e) + 1n) * EPOCH_DURATION;
}

/**
 * First second at which `vote` / `reset` are allowed in epoch `e`: `epochStart(e) + 3600`.
 * @example windowStart(0) // 3_600n
 */
export function windowStart(e: number): bigint {
  return epochStart(e) + VOTE_WINDOW_OFFSET;
}

/**
 * End (exclusive) of epoch `e`'s voting window and its snapshot moment:
 * `epochStart(e) + 604800 - 3600`.
 * @example windowEnd(0) // 601_200n
 */
export function windowEnd(e: number): bigint {
  return epochStart(e) + WEEK - VOTE_WINDOW_OFFSET;
}

/**
 * Whether voting is open at `ts` (`windowStart <= ts < windowEnd` of `epochOf(ts)`).
 * @example isVotingWindow(3_600n) // true
 */
export function isVotingWindow(ts: bigint): boolean {
  const e = epochOf(ts);
  return ts >= windowStart(e) && ts < windowEnd(e);
}

/**
 * The first epoch whose window-end snapshot sees a change made by a block at `ts`: the snapshot
 * of epoch e is the state before the first block at or after `windowEnd(e)`, so a block at `ts`
 * counts from the epoch of `ts` if its window end is still ahead, else from the next one.
 * @example firstWindowAfter(601_199n) // 0
 * @example firstWindowAfter(601_200n) // 1
 */
export function firstWindowAfter(ts: bigint): number {
  const e = epochOf(ts);
  return ts < windowEnd(e) ? e : e + 1;
}
