/**
 * Voting power and ownership at a past moment, as the chain's own views answer them in a block:
 * `escrow.votingPower(tokenId)` = `votingPowerAt(tokenId, block.timestamp)` evaluated by that block,
 * and `escrow.votingPowerForAccount(owner)` = Σ of it over the tokens the owner's wallet holds
 * (a lock queued for exit is held by the escrow, so it is not counted for its holder).
 *
 * Pure: the caller passes the lock, its events, the WarmupSet history and the season starts.
 * A moment is a block (its own events included, evaluated at its timestamp) or a timestamp (the
 * events at or before it, evaluated as a block at that time would).
 */
import { seasonOf } from "../../domain/seasons";
import { type CurveConstants, isWarm, nextCheckpoint, votingPowerAt } from "../../domain/votingPower";
import type { LockDetailRecord, LockEventRecord, Moment, SeasonStartRecord, WarmupChangeRecord } from "./historyStore";

/** Whether an event of `blockNumber` at `timestamp` happened at or before the moment. */
export function happenedBy(e: { blockNumber: number; timestamp: number }, at: Moment): boolean {
  return at.block === null ? e.timestamp <= at.timestamp : e.blockNumber <= at.block;
}

/**
 * The curve's warmup in force at the moment: the latest WarmupSet at or before it; before the
 * first one, the value that change replaced; with no change indexed, the value read at start-up.
 * @example warmupAt([{ warmup: 60n, previous: 300n, blockNumber: 10, timestamp: 100 }], 60n, { block: 9, timestamp: 90 }) // 300n
 */
export function warmupAt(changes: readonly WarmupChangeRecord[], startup: bigint, at: Moment): bigint {
  let warmup = changes.length > 0 ? changes[0]!.previous : startup;
  for (const c of changes) if (happenedBy(c, at)) warmup = c.warmup;
  return warmup;
}

/** Season starts in force at the moment (start <= its timestamp), ascending. */
export function seasonStartsAt(seasons: readonly SeasonStartRecord[], at: Moment): bigint[] {
  return seasons
    .filter((s) => s.startTs <= BigInt(at.timestamp) && (at.block === null || s.startBlock <= at.block))
    .map((s) => s.startTs);
}

/** Where a lock stood at a moment. */
export type LockStanding = "notMinted" | "active" | "queued" | "exited";

export interface LockAtMoment {
  tokenId: bigint;
  standing: LockStanding;
  /** Wallet holding the veNFT (null: not minted, in the escrow's exit queue, or burned). */
  holder: string | null;
  /** The account the lock belongs to (the exit ticket holder while queued). */
  owner: string | null;
  /** The exit's zero point if `beginWithdrawal` happened by the moment. */
  exitCheckpointTs: bigint | null;
  warm: boolean;
  /** `votingPowerAt(tokenId, timestamp)` as a block at the moment evaluates it. */
  power: bigint;
}

export interface EvaluationRules {
  curve: CurveConstants;
  warmupChanges: readonly WarmupChangeRecord[];
  startupWarmup: bigint;
  seasons: readonly SeasonStartRecord[];
}

/**
 * One lock at a moment: replays its events (deposit and transfers name the NFT holder, the exit
 * queue moves it to the escrow, withdraw burns it) and evaluates the curve with the warmup and
 * seasons in force then.
 * @example lockAt(lock, events, { block: 120, timestamp: 1_700_000_000 }, rules).power
 */
export function lockAt(lock: LockDetailRecord, events: readonly LockEventRecord[], at: Moment, rules: EvaluationRules): LockAtMoment {
  let standing: LockStanding = "notMinted";
  let holder: string | null = null;
  let owner: string | null = null;
  let exitCheckpointTs: bigint | null = null;
  for (const e of events) {
    if (e.tokenId !== lock.tokenId || !happenedBy(e, at)) continue;
    switch (e.kind) {
      case "deposit":
        standing = "active";
        holder = e.account;
        owner = e.account;
        break;
      case "transfer":
        holder = e.account;
        owner = e.account;
        break;
      case "exitQueued":
        standing = "queued";
        holder = null;
        owner = e.account;
        exitCheckpointTs = nextCheckpoint(BigInt(e.timestamp));
        break;
      case "withdraw":
        standing = "exited";
        holder = null;
        break;
      case "exit":
        break;
    }
  }
  const now = BigInt(at.timestamp);
  const warmup = warmupAt(rules.warmupChanges, rules.startupWarmup, at);
  const points = { amount: lock.amount, start: lock.startTs, writtenTs: lock.writtenTs, exitCheckpointTs };
  const minted = standing !== "notMinted";
  const power = minted
    ? votingPowerAt(points, now, { now, warmup, seasonStarts: seasonStartsAt(rules.seasons, at), curve: rules.curve })
    : 0n;
  return {
    tokenId: lock.tokenId,
    standing,
    holder,
    owner,
    exitCheckpointTs,
    warm: minted && isWarm(points, now, warmup),
    power,
  };
}

/** The season index in force at the moment (0 = none). */
export function seasonAtMoment(seasons: readonly SeasonStartRecord[], at: Moment): number {
  const starts = seasonStartsAt(seasons, at);
  return seasonOf(BigInt(at.timestamp), starts);
}

/**
 * Points of a lock's power curve ahead of `now`, each as a block at that time would see it
 * (known seasons only: a season announced later restarts the curve): `now`, each weekly
 * checkpoint up to the cap or the exit's zero point, the first warm second, and the cap.
 * @example curveAhead(lock, 1_700_000_000n, rules, 30).map((p) => p.ts)
 */
export function curveAhead(
  lock: Pick<LockDetailRecord, "amount" | "startTs" | "writtenTs" | "exitCheckpointTs">,
  now: bigint,
  ev: { warmup: bigint; seasonStarts: readonly bigint[]; curve: CurveConstants },
  maxPoints: number,
): { ts: number; power: bigint }[] {
  const points = { amount: lock.amount, start: lock.startTs, writtenTs: lock.writtenTs, exitCheckpointTs: lock.exitCheckpointTs };
  const latestSeason = ev.seasonStarts.length > 0 ? ev.seasonStarts[ev.seasonStarts.length - 1]! : 0n;
  const anchor = latestSeason > lock.startTs ? latestSeason : lock.startTs;
  const cap = anchor + ev.curve.maxTime;
  const end = lock.exitCheckpointTs !== null && lock.exitCheckpointTs < cap ? lock.exitCheckpointTs : cap;
  const times = new Set<bigint>([now]);
  const warmFrom = lock.writtenTs + ev.warmup + 1n;
  if (warmFrom > now && warmFrom <= end) times.add(warmFrom);
  if (lock.startTs > now && lock.startTs <= end) times.add(lock.startTs);
  const week = 604_800n;
  const span = end > now ? end - now : 0n;
  const weeks = span / week + 1n;
  const step = weeks > BigInt(maxPoints) ? ((weeks + BigInt(maxPoints) - 1n) / BigInt(maxPoints)) * week : week;
  for (let t = nextCheckpoint(now); t <= end; t += step) times.add(t);
  if (end > now) times.add(end);
  return [...times]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, maxPoints + 4)
    .map((t) => ({ ts: Number(t), power: votingPowerAt(points, t, { now: t, warmup: ev.warmup, seasonStarts: ev.seasonStarts, curve: ev.curve }) }));
}
