/**
 * The simulator's model of the chain: balances, locks, votes, vaults. It mirrors the contracts'
 * integer arithmetic exactly (the Aragon ve-governance Season semantics: aligned lock starts,
 * warmup against the block time, season-anchored curve, season-keyed votes, exit checkpoints),
 * so the simulator knows beforehand that each transaction succeeds and what it does (token ids,
 * voting power, vote amounts, shares) without reading the chain.
 */
import { EPOCH, type Scenario } from "../scenario";
import type { Hex } from "./calls";

export const WAD = 10n ** 18n;
export const SATS = 10n ** 8n;
const BPS = 10_000n;

/** Whole-token float → base units, keeping 6 decimals (e.g. 1234.567891 BR). */
export function units(amount: number, decimals = 18): bigint {
  if (!(amount >= 0) || !Number.isFinite(amount)) throw new RangeError(`bad token amount ${amount}`);
  const micro = BigInt(Math.floor(amount * 1e6));
  return decimals >= 6 ? micro * 10n ** BigInt(decimals - 6) : micro / 10n ** BigInt(6 - decimals);
}

/** Base units → whole-token float (for ratios and logs only). */
export function toFloat(amount: bigint, decimals = 18): number {
  return Number(amount / 10n ** BigInt(Math.max(0, decimals - 6))) / 1e6;
}

/** Rounds down to `digits` significant digits of whole tokens (people lock round numbers). */
export function roundDown(amount: bigint, digits: number, decimals = 18): bigint {
  const whole = amount / 10n ** BigInt(decimals);
  if (whole === 0n) return amount;
  const len = whole.toString().length;
  const scale = 10n ** BigInt(Math.max(0, len - digits) + decimals);
  return (amount / scale) * scale;
}

export type AccountKind = "holder" | "exchange" | "beneficiary" | "deployer" | "depositor";
export type VoterType = "loyal" | "sporadic" | "passive";

export interface Account {
  id: number;
  address: Hex;
  kind: AccountKind;
  /** For beneficiaries: the allocation name; for exchanges: the venue. */
  label: string;
  /** Free BR balance. */
  br: bigint;
  /** Free BTCB balance. */
  btc: bigint;
  /** Holds BR (received some); inactive holders arrive later through airdrops and buys. */
  active: boolean;
  escrowApproved: boolean;
  /** Locking traits. */
  locker: boolean;
  whale: boolean;
  lockFraction: number;
  /** Epoch index from which the first lock may happen. */
  firstLockEpoch: number;
  voter: VoterType;
  /** Gauge index this voter always includes, -1 for none. */
  favouriteGauge: number;
  /** Votes early in the window (slot 0-2) rather than spread over it. */
  earlyBird: boolean;
  /** Relative size of the holding (Pareto draw), used for airdrops and buys. */
  weight: number;
  /** Lock ids owned (exited ones included). */
  tokens: number[];
  /** Vault traits. */
  depositor: boolean;
  sticky: boolean;
  vaultApproved: boolean[];
  shares: bigint[];
}

export interface GaugeVoteEntry {
  gauge: number;
  amount: bigint;
}

export interface LockState {
  id: number;
  owner: Account;
  amount: bigint;
  /** The deposit point's checkpointTs: the next weekly checkpoint after the deposit (the Deposit event's startTs). */
  start: number;
  /** The deposit point's writtenTs: the deposit's block time (warm once the block time > writtenTs + warmup). */
  writtenTs: number;
  /** Block time of `beginWithdrawal`, 0 while not queued. */
  exitQueuedAt: number;
  /** The clearing point's checkpointTs (the next weekly checkpoint after the queueing): power is 0 from here. */
  exitCheckpoint: number;
  /** The ticket's exit date: max(next checkpoint, queue time + cooldown); withdrawal strictly after it. */
  exitDate: number;
  /** When the holder will withdraw (> exitDate). */
  withdrawAt: number;
  withdrawn: boolean;
  /** Season index of the votes (they count only while it is the current season). */
  voteSeason: number;
  votes: GaugeVoteEntry[];
}

/** A `newSeason()` call: season `index` (1-based) starts at `start`; `block` is the block of the call. */
export interface SeasonRecord {
  index: number;
  start: number;
  block: number;
  /** Block time of the call (before `start`). */
  calledAt: number;
}

/** The curve in integers: power = floor(A·(C + L·T + Q·T²) / 1e18), T ≤ maxTime. */
export interface CurveConstants {
  C: bigint;
  L: bigint;
  Q: bigint;
  maxTime: number;
  warmup: number;
}

/** What the chain's views show at an epoch's window end, as the model expects it. */
export interface EpochReport {
  /** 0-based index of the simulated epoch. */
  index: number;
  epoch: number;
  windowEnd: number;
  /** The empty block at exactly `windowEnd`, where the chain's views give these numbers. */
  block: number;
  seasonIndex: number;
  /** `votingPowerAt(tokenId, windowEnd)` read at a block whose time is `windowEnd`, for every lock so far. */
  votingPowerAt: Map<number, bigint>;
  /** `gaugeVotes(gauge)` per gauge index (current season). */
  gaugeVotes: bigint[];
  totalVotingPowerCast: bigint;
  totalLocked: bigint;
}

export interface GaugeState {
  index: number;
  address: Hex;
  name: string;
  kind: "vault" | "dex" | "lending";
  metadataURI: string;
  /** Vault index for vault gauges, else -1. */
  vault: number;
  baseIncentive: number;
  volatility: number;
  /** Log-deviation of the incentive level from its base (mean-reverting random walk). */
  drift: number;
  /** Off-chain incentive offered this epoch. */
  incentive: number;
  /** Created on chain (gauges may be created after the deployment). */
  created: boolean;
  /** Active: votes for it are accepted. */
  active: boolean;
}

export interface VaultState {
  index: number;
  name: string;
  address: Hex;
  gauge: number;
  assets: bigint;
  supply: bigint;
}

export interface VestingState {
  name: string;
  address: Hex;
  beneficiary: Account;
  start: number;
  cliff: number;
  duration: number;
  tgeBps: number;
  total: bigint;
  released: bigint;
  behaviour: "distribute" | "sell" | "lock" | "hold";
  actShare: number;
}

/** Vested amount of a vesting wallet at `ts` (same formula as `VestingWallet._vested`). */
export function vestedAt(w: Pick<VestingState, "start" | "cliff" | "duration" | "tgeBps" | "total">, ts: number): bigint {
  if (ts < w.start) return 0n;
  if (ts >= w.start + w.duration) return w.total;
  const tge = (w.total * BigInt(w.tgeBps)) / BPS;
  const cliffEnd = w.start + w.cliff;
  if (ts < cliffEnd) return tge;
  return tge + ((w.total - tge) * BigInt(ts - cliffEnd)) / BigInt(w.duration - w.cliff);
}

export class Model {
  readonly accounts: Account[] = [];
  readonly locks: LockState[] = [];
  readonly gauges: GaugeState[] = [];
  readonly vaults: VaultState[] = [];
  readonly vesting: VestingState[] = [];
  /** Start timestamps of seasons 1, 2, ... (season i starts at seasonStarts[i-1]; season 0 at time 0). */
  readonly seasonStarts: number[] = [];
  /** The `newSeason()` calls, in order. */
  readonly seasons: SeasonRecord[] = [];
  /** False when the clock has no seasons (Aragon v1.0.0 Clock): season starts are skipped. */
  seasonsSupported = true;
  /** Vote totals per season index: per gauge and cast. */
  private readonly seasonTotals = new Map<number, { gauges: bigint[]; cast: bigint }>();
  totalLocked = 0n;
  /** Block time of the latest transaction or marker block (the "now" of the views). */
  now = 0;
  /** Vote share of each gauge at each finished epoch's snapshot (window end). */
  readonly snapshots: number[][] = [];
  /** The chain's expected views at each finished epoch's window end. */
  readonly reports: EpochReport[] = [];
  /** Counters of what happened, for the run summary. */
  readonly counts: Record<string, number> = {};
  readonly curve: CurveConstants;

  constructor(readonly scenario: Scenario) {
    const c = scenario.curve;
    this.curve = { C: BigInt(c.C), L: BigInt(c.L), Q: BigInt(c.Q), maxTime: EPOCH * c.maxEpochs, warmup: c.warmup };
  }

  count(what: string, n = 1): void {
    this.counts[what] = (this.counts[what] ?? 0) + n;
  }

  /** `ClockSeason.seasonIndexAt(ts)`: the number of season starts <= ts. */
  seasonIndexAt(ts: number): number {
    let n = 0;
    for (const s of this.seasonStarts) if (s <= ts) n++;
    return n;
  }

  /** Start of the season in force at `ts` (0 for season 0). */
  seasonStartAt(ts: number): number {
    const i = this.seasonIndexAt(ts);
    return i === 0 ? 0 : (this.seasonStarts[i - 1] as number);
  }

  /** The current season (at {@link now}). */
  get season(): number {
    return this.seasonIndexAt(this.now);
  }

  private totalsOf(season: number): { gauges: bigint[]; cast: bigint } {
    let t = this.seasonTotals.get(season);
    if (!t) {
      t = { gauges: this.gauges.map(() => 0n), cast: 0n };
      this.seasonTotals.set(season, t);
    }
    while (t.gauges.length < this.gauges.length) t.gauges.push(0n);
    return t;
  }

  /** `gaugeVotes(gauge)` per gauge index at `ts` (the current season's tallies). */
  gaugeTotalsAt(ts: number): bigint[] {
    return [...this.totalsOf(this.seasonIndexAt(ts)).gauges];
  }

  /** `totalVotingPowerCast()` at `ts`. */
  totalCastAt(ts: number): bigint {
    return this.totalsOf(this.seasonIndexAt(ts)).cast;
  }

  /** Gauge tallies of the current season (at {@link now}). */
  get gaugeTotals(): bigint[] {
    return this.gaugeTotalsAt(this.now);
  }

  /** `totalVotingPowerCast()` now. */
  get totalCast(): bigint {
    return this.totalCastAt(this.now);
  }

  /** Adds (or with a negative amount removes) votes to a season's tallies. */
  addVotes(season: number, gauge: number, amount: bigint): void {
    const t = this.totalsOf(season);
    t.gauges[gauge] = (t.gauges[gauge] as bigint) + amount;
    t.cast += amount;
  }

  lock(id: number): LockState {
    const lock = this.locks[id - 1];
    if (!lock) throw new RangeError(`unknown lock ${id}`);
    return lock;
  }

  /** The curve's bias for `amount` after `elapsed` seconds: floor(A·(C + L·T + Q·T²) / 1e18). */
  bias(amount: bigint, elapsed: number): bigint {
    const { C, L, Q, maxTime } = this.curve;
    const T = BigInt(Math.min(Math.max(elapsed, 0), maxTime));
    const v = amount * (C + L * T + Q * T * T);
    return v <= 0n ? 0n : v / WAD;
  }

  /**
   * `escrow.votingPowerAt(tokenId, t)` as the chain answers it at a block with time `now`:
   * 0 before the lock's start and from its exit checkpoint on; 0 while the deposit point is not
   * warm (`now > writtenTs + warmup`, the block time, not t); otherwise the curve from
   * max(start, the start of the season in force at t).
   */
  votingPowerAt(lock: LockState, t: number, now: number = t): bigint {
    if (lock.amount === 0n || t < lock.start) return 0n;
    if (lock.exitQueuedAt !== 0 && t >= lock.exitCheckpoint) return 0n;
    if (!(now > lock.writtenTs + this.curve.warmup)) return 0n;
    const anchor = Math.max(lock.start, this.seasonStartAt(t));
    return this.bias(lock.amount, t - anchor);
  }

  /** `voter.isVoting(tokenId)` at `ts`: votes cast in the season current at `ts`. */
  isVoting(lock: LockState, ts: number = this.now): boolean {
    return lock.votes.length > 0 && lock.voteSeason === this.seasonIndexAt(ts);
  }

  /** Locks of an account that are not exiting. */
  liveLocks(account: Account): LockState[] {
    const out: LockState[] = [];
    for (const id of account.tokens) {
      const lock = this.lock(id);
      if (lock.exitQueuedAt === 0) out.push(lock);
    }
    return out;
  }

  /** Vote share of every gauge right now (current season). */
  voteShares(): number[] {
    const total = this.totalCast;
    return this.gaugeTotals.map((g) => (total === 0n ? 0 : Number((g * 1_000_000n) / total) / 1_000_000));
  }

  /** The views expected at the window end `windowEnd` of simulated epoch `index` (read at a block with that time). */
  report(index: number, windowEnd: number, block: number): EpochReport {
    const votingPowerAt = new Map<number, bigint>();
    for (const lock of this.locks) if (lock.writtenTs <= windowEnd) votingPowerAt.set(lock.id, this.votingPowerAt(lock, windowEnd, windowEnd));
    return {
      index,
      epoch: Math.floor(windowEnd / EPOCH),
      windowEnd,
      block,
      seasonIndex: this.seasonIndexAt(windowEnd),
      votingPowerAt,
      gaugeVotes: this.gaugeTotalsAt(windowEnd),
      totalVotingPowerCast: this.totalCastAt(windowEnd),
      totalLocked: this.totalLocked,
    };
  }
}
