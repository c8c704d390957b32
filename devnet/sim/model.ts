/**
 * The simulator's model of the chain: balances, locks, votes, vaults. It mirrors the contracts'
 * integer arithmetic exactly, so the simulator knows beforehand that each transaction succeeds
 * and what it does (token ids, voting power, shares) without reading the chain.
 */
import type { Scenario } from "../scenario";
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
  start: number;
  exitQueuedAt: number;
  exitDate: number;
  /** When the holder will withdraw (>= exitDate). */
  withdrawAt: number;
  withdrawn: boolean;
  /** Season of the standing votes (they count only while it is the current season). */
  voteSeason: number;
  votes: GaugeVoteEntry[];
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
  /** Season start timestamps (season n starts at seasonStarts[n-1]). */
  readonly seasonStarts: number[] = [];
  /** Vote totals of the current season, per gauge. */
  gaugeTotals: bigint[] = [];
  totalCast = 0n;
  totalLocked = 0n;
  /** Vote share of each gauge at each finished epoch's snapshot (window end). */
  readonly snapshots: number[][] = [];
  /** Counters of what happened, for the run summary. */
  readonly counts: Record<string, number> = {};

  constructor(readonly scenario: Scenario) {}

  count(what: string, n = 1): void {
    this.counts[what] = (this.counts[what] ?? 0) + n;
  }

  get season(): number {
    return this.seasonStarts.length;
  }

  lock(id: number): LockState {
    const lock = this.locks[id - 1];
    if (!lock) throw new RangeError(`unknown lock ${id}`);
    return lock;
  }

  /** `EscrowCurve.votingPowerAt` for a lock at `ts`. */
  votingPowerAt(lock: LockState, ts: number): bigint {
    const { maxMultiplierBps, growthPeriod, warmup } = this.scenario.curve;
    if (lock.amount === 0n || ts < lock.start + warmup) return 0n;
    if (lock.exitQueuedAt !== 0 && ts >= lock.exitQueuedAt) return 0n;
    let anchor = lock.start;
    for (let i = this.seasonStarts.length - 1; i >= 0; i--) {
      const s = this.seasonStarts[i] as number;
      if (s <= ts) {
        if (s > anchor) anchor = s;
        break;
      }
    }
    const elapsed = Math.min(ts - anchor, growthPeriod);
    return lock.amount + (lock.amount * BigInt(maxMultiplierBps - 10_000) * BigInt(elapsed)) / (BigInt(growthPeriod) * BPS);
  }

  /** `SimpleGaugeVoter.isVoting`: standing votes of the current season. */
  isVoting(lock: LockState): boolean {
    return lock.voteSeason === this.season && lock.votes.length > 0;
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
}
