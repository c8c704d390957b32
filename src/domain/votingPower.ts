/**
 * The voting-power curve of Aragon's ve-governance escrow (v1.0.0 `QuadraticIncreasingEscrow` and
 * the Season line's `QuadraticIncreasingCurveSeason`), in the contracts' own integer arithmetic.
 *
 * A lock of amount A has one point at its start (`checkpointTs`, the weekly checkpoint after the
 * deposit; `writtenTs`, the deposit's block time) and, once `beginWithdrawal` is called, a zero
 * point at the weekly checkpoint after that call. `votingPowerAt(id, t)` as evaluated by a block at
 * time `now`:
 *
 * ```
 * t < start                        -> 0   (no point at or before t)
 * exit point at or before t        -> 0
 * not (now > writtenTs + warmup)   -> 0   (the warmup compares the block time, not t)
 * anchor = max(start, start of the season in force at t)
 * T      = min(t - anchor, maxTime)
 * power  = floor(A * (C + L*T + Q*T^2) / 1e18)      (negative results are 0)
 * ```
 *
 * C, L, Q and maxTime are compiled into the curve contract: ve-lens reads them from the chain
 * (`getCoefficients(1e18)`, `previewMaxBias(1e18)`), see `src/domain/chainRules.ts`.
 */
import { seasonAnchor } from "./seasons";

/** The 1e18 fixed-point unit of the curve's coefficients. */
export const WAD = 10n ** 18n;

/** Curve constants: coefficients per 1e18 locked (1e18 fixed point) and the time cap (s). */
export interface CurveConstants {
  /** C: the constant coefficient (1e18 = 1x at the anchor). */
  constant: bigint;
  /** L: the linear coefficient per second. */
  linear: bigint;
  /** Q: the quadratic coefficient per second squared. */
  quadratic: bigint;
  /** Seconds after the anchor at which the curve stops growing (epoch length x MAX_EPOCHS). */
  maxTime: bigint;
}

/**
 * Bedrock's published curve, "1x to 8x linearly over 12 weeks": C = 1e18,
 * L = 7e18 / (6 x 2 weeks) truncated, Q = 0, MAX_EPOCHS = 6. The devnet's default; on a real
 * chain the constants are read from the curve contract.
 */
export const BEDROCK_8X_CURVE: CurveConstants = {
  constant: WAD,
  linear: 964_506_172_839n,
  quadratic: 0n,
  maxTime: 6n * 1_209_600n,
};

/** Thrown for constants no deployed curve can have. */
export class InvalidCurveError extends Error {
  override name = "InvalidCurveError";
  constructor(
    readonly curve: CurveConstants,
    detail: string,
  ) {
    super(
      `invalid curve constants (C=${curve.constant}, L=${curve.linear}, Q=${curve.quadratic}, maxTime=${curve.maxTime}): ${detail}`,
    );
  }
}

/** Checks constants read from a chain or a configuration file. */
export function assertCurve(curve: CurveConstants): CurveConstants {
  if (curve.maxTime <= 0n) throw new InvalidCurveError(curve, "maxTime must be > 0");
  if (curve.constant < 0n) throw new InvalidCurveError(curve, "C must be >= 0");
  return curve;
}

/**
 * `getBias(elapsed, amount)`: the curve's value `elapsed` seconds after the anchor.
 * @example biasAt(10n ** 18n, 6n * 1_209_600n, BEDROCK_8X_CURVE) // 7_999_999_999_996_326_400n
 */
export function biasAt(amount: bigint, elapsed: bigint, curve: CurveConstants): bigint {
  const t = elapsed > curve.maxTime ? curve.maxTime : elapsed < 0n ? 0n : elapsed;
  const fp = amount * curve.constant + amount * curve.linear * t + amount * curve.quadratic * t * t;
  return fp <= 0n ? 0n : fp / WAD;
}

/** What the curve keeps of a lock. */
export interface LockPoints {
  /** Locked amount. */
  amount: bigint;
  /** Checkpoint of the deposit point (`Deposit.startTs`, a weekly checkpoint). */
  start: bigint;
  /** Block time of the deposit (the point's `writtenTs`, start of the warmup). */
  writtenTs: bigint;
  /** Checkpoint of the zero point written by `beginWithdrawal`; null while never queued. */
  exitCheckpointTs: bigint | null;
}

/** The moment and rules under which a block evaluates the curve. */
export interface CurveEvaluation {
  /** Block time of the evaluating block: the warmup compares it, not `t`. */
  now: bigint;
  /** The curve's `warmupPeriod` in force at `now` (s). */
  warmup: bigint;
  /** Season starts (ascending): the curve restarts at the season in force at `t`. */
  seasonStarts: readonly bigint[];
  curve: CurveConstants;
}

/**
 * `isWarm`: the deposit point is warm once `now > writtenTs + warmup` (strict).
 * @example isWarm({ writtenTs: 100n }, 401n, 300n) // true
 */
export function isWarm(lock: Pick<LockPoints, "writtenTs">, now: bigint, warmup: bigint): boolean {
  return now > lock.writtenTs + warmup;
}

/**
 * `votingPowerAt(tokenId, t)` as the curve contract answers it in a block at `ev.now`.
 * @example
 * const lock = { amount: 10n ** 18n, start: 604_800n, writtenTs: 600_000n, exitCheckpointTs: null };
 * votingPowerAt(lock, 604_800n, { now: 604_800n, warmup: 0n, seasonStarts: [], curve: BEDROCK_8X_CURVE }) // 10n ** 18n
 */
export function votingPowerAt(lock: LockPoints, t: bigint, ev: CurveEvaluation): bigint {
  if (lock.amount === 0n || t < lock.start) return 0n;
  if (lock.exitCheckpointTs !== null && t >= lock.exitCheckpointTs) return 0n;
  if (!isWarm(lock, ev.now, ev.warmup)) return 0n;
  const season = seasonAnchor(t, ev.seasonStarts);
  const anchor = season > lock.start ? season : lock.start;
  return biasAt(lock.amount, t - anchor, ev.curve);
}

/**
 * {@link votingPowerAt} of many locks at one `t` under one evaluation (an epoch snapshot): the
 * season anchor is found once, and the curve's factor `C + L*T + Q*T^2` once per anchor, so a
 * lock costs one product and one division. Bit for bit the same as `votingPowerAt`: in integers
 * `A*C + A*L*T + A*Q*T^2` is `A * (C + L*T + Q*T^2)`.
 * @example
 * const power = powersAt(604_800n, { now: 604_800n, warmup: 0n, seasonStarts: [], curve: BEDROCK_8X_CURVE });
 * power({ amount: 10n ** 18n, start: 604_800n, writtenTs: 600_000n, exitCheckpointTs: null }) // 10n ** 18n
 */
export function powersAt(t: bigint, ev: CurveEvaluation): (lock: LockPoints) => bigint {
  const season = seasonAnchor(t, ev.seasonStarts);
  const { constant, linear, quadratic, maxTime } = ev.curve;
  const factors = new Map<bigint, bigint>();
  const factorAt = (anchor: bigint): bigint => {
    let k = factors.get(anchor);
    if (k === undefined) {
      const elapsed = t - anchor;
      const e = elapsed > maxTime ? maxTime : elapsed < 0n ? 0n : elapsed;
      k = constant + linear * e + quadratic * e * e;
      factors.set(anchor, k);
    }
    return k;
  };
  return (lock) => {
    if (lock.amount === 0n || t < lock.start) return 0n;
    if (lock.exitCheckpointTs !== null && t >= lock.exitCheckpointTs) return 0n;
    if (!isWarm(lock, ev.now, ev.warmup)) return 0n;
    const fp = lock.amount * factorAt(season > lock.start ? season : lock.start);
    return fp <= 0n ? 0n : fp / WAD;
  };
}

/** One week: the checkpoint interval of every clock version. */
export const CHECKPOINT_INTERVAL = 604_800n;

/**
 * `epochNextCheckpointTs` at `ts`: the next weekly checkpoint strictly after `ts` (a `ts` on a
 * checkpoint gives the following one).
 * @example nextCheckpoint(604_800n) // 1_209_600n
 */
export function nextCheckpoint(ts: bigint): bigint {
  return ts + (CHECKPOINT_INTERVAL - (ts % CHECKPOINT_INTERVAL));
}
