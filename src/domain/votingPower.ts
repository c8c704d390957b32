/**
 * The voting-power curve of ARCHITECTURE.md, with the same integer arithmetic as
 * `EscrowCurve.votingPowerAt` (one floor division at the end):
 *
 * ```
 * if amount == 0 or ts < start + warmup: 0
 * if exitQueuedAt != 0 and ts >= exitQueuedAt: 0
 * anchor  = max(start, latest season start <= ts)
 * elapsed = min(ts - anchor, growthPeriod)
 * power   = amount + amount * (maxMultiplierBps - 10000) * elapsed / (growthPeriod * 10000)
 * ```
 */
import { seasonAnchor } from "./seasons";

const BPS = 10_000n;

/** Curve parameters (Bedrock defaults: 8x over 12 weeks, 3-day warmup; ASSUMPTION for shape). */
export interface CurveParams {
  /** Multiplier reached after `growthPeriod`, in bps (80000 = 8x). */
  maxMultiplierBps: bigint;
  /** Seconds from the anchor to the maximum multiplier. */
  growthPeriod: bigint;
  /** Seconds after the lock start with zero power. */
  warmup: bigint;
}

/** Bedrock defaults: 8x, 12 weeks of linear growth, 3 days of warmup. */
export const BEDROCK_CURVE: CurveParams = {
  maxMultiplierBps: 80_000n,
  growthPeriod: 7_257_600n,
  warmup: 259_200n,
};

/** What the curve needs of a lock. */
export interface LockCurveInput {
  /** Locked amount. */
  amount: bigint;
  /** Lock start (unix s). */
  start: bigint;
  /** Time `beginWithdrawal` was called; 0n (or null) when never. */
  exitQueuedAt: bigint | null;
}

/** Thrown for curve parameters the contract would reject. */
export class InvalidCurveError extends Error {
  override name = "InvalidCurveError";
  constructor(readonly curve: CurveParams) {
    super(
      `invalid curve: maxMultiplierBps=${curve.maxMultiplierBps} (>= 10000 required), growthPeriod=${curve.growthPeriod} (> 0 required)`,
    );
  }
}

/**
 * Voting power of `lock` at `ts` given the season starts (ascending) and the curve.
 * @example
 * votingPowerAt({ amount: 100n, start: 0n, exitQueuedAt: 0n }, 7_257_600n, [], BEDROCK_CURVE) // 800n
 */
export function votingPowerAt(
  lock: LockCurveInput,
  ts: bigint,
  seasonStarts: readonly bigint[],
  curve: CurveParams = BEDROCK_CURVE,
): bigint {
  if (curve.maxMultiplierBps < BPS || curve.growthPeriod <= 0n) throw new InvalidCurveError(curve);
  const { amount, start } = lock;
  const exitQueuedAt = lock.exitQueuedAt ?? 0n;
  if (amount === 0n || ts < start + curve.warmup) return 0n;
  if (exitQueuedAt !== 0n && ts >= exitQueuedAt) return 0n;
  let anchor = start;
  const season = seasonAnchor(ts, seasonStarts);
  if (season > anchor) anchor = season;
  let elapsed = ts - anchor;
  if (elapsed > curve.growthPeriod) elapsed = curve.growthPeriod;
  return amount + (amount * (curve.maxMultiplierBps - BPS) * elapsed) / (curve.growthPeriod * BPS);
}
