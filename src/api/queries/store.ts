/**
 * The data the analytics API reads, as plain records (amounts `bigint`, timestamps `number`).
 *
 * {@link AnalyticsStore} is the only door to the database: `ponderStore.ts` implements it with
 * read-only drizzle selects over Ponder's tables; tests can implement it in memory.
 */
import type { VoterTerm } from "../../domain/chainRules";
import type { MetricScope } from "../../domain/scopes";
import type { CurveConstants } from "../../domain/votingPower";
import type { StoredEpochRow, StoredMetricRow } from "../../domain/snapshot";
import type { VestingAllocationRow } from "../../domain/vesting";

/** Latest indexed block, from Ponder's `_ponder_checkpoint`. */
export interface Checkpoint {
  blockNumber: number;
  timestamp: number;
  /**
   * The indexed position, to compare for equality: Ponder's latest checkpoint of every chain
   * with the version of its row (a write that returns to an earlier checkpoint is a new id).
   * Through a views schema (`ponder serve` replicas) rows have no version: the checkpoint alone.
   */
  id: string;
}

export interface IndexerStateRecord {
  lastClosedEpoch: number;
  lastFinalizedEpoch: number;
  firstEpoch: number;
  /** Announced season starts (ascending). */
  seasonStarts: bigint[];
  /** The curve's warmup in force (s). */
  warmup: bigint;
  totalLocked: bigint;
  brTotalSupply: bigint;
}

/** A stored epoch row (src/domain/snapshot.ts) with its times as numbers (seconds). */
export type EpochRecord = Omit<StoredEpochRow, "startTs" | "endTs" | "windowEnd"> & { startTs: number; endTs: number; windowEnd: number };

/** Stored concentration metrics of one (epoch, scope, gauge); gauge '' when none. */
export type MetricRecord = StoredMetricRow;

/** One member of a distribution: an owner (or a gauge, for scope GAUGES) and its amount. */
export interface Holding {
  owner: string;
  amount: bigint;
}

export interface LockRecord {
  tokenId: bigint;
  owner: string;
  amount: bigint;
  startTs: bigint;
  /** Deposit block time (the warmup starts here). */
  writtenTs: bigint;
  status: string;
  exitQueuedAt: bigint | null;
  /** The exit's zero point (weekly checkpoint after `beginWithdrawal`), null if never queued. */
  exitCheckpointTs: bigint | null;
}

/** The deployment's rules stored with the index (`chain_rules`). */
export interface ChainRulesRecord {
  curve: CurveConstants;
  voters: VoterTerm[];
}

export interface VoteRecord {
  tokenId: bigint;
  voter: string;
  gauge: string;
  amount: bigint;
}

/** The key of a standing vote: one row per token and gauge. */
export interface VoteKey {
  tokenId: bigint;
  gauge: string;
}

/** A standing vote row as the live mirror keeps it: every season and contract, zero amounts included. */
export interface StandingVoteRow extends VoteRecord {
  season: number;
  voterContract: string;
  /** Block of the write that left the row as it is. */
  block: number;
}

/** Standing vote rows read in one snapshot of the database, with two bounds of that snapshot. */
export interface StandingVoteRead {
  /**
   * The lowest of Ponder's latest, finalized and safe checkpoints' blocks: every write or revert
   * committed after the read is in a block at or above it (-1 before the first checkpoint).
   */
  bound: number;
  /** The latest indexed block of the snapshot (-1 before the first checkpoint). */
  latest: number;
  rows: StandingVoteRow[];
  /** Keys asked for (`held`) that have no row any more. */
  gone: VoteKey[];
  /** With a `check`: the rows written in blocks >= `fromBlock`, counted and summed by `voteDigest`. */
  window?: VoteWindow;
}

/** Rows counted and their `voteDigest`s summed modulo 2^52. */
export interface VoteWindow {
  count: number;
  digest: number;
}

export interface GaugeRecord {
  address: string;
  metadataURI: string;
  active: boolean;
}

export interface EpochGaugeRecord {
  gauge: string;
  votes: bigint;
  voters: number;
}

export interface SeasonRecord {
  number: number;
  startTs: number;
  startEpoch: number;
}

export type AllocationRecord = VestingAllocationRow;

export interface ReleaseRecord {
  wallet: string;
  amount: bigint;
  timestamp: number;
}

export interface SupplyRecord {
  epoch: number;
  moment: string;
  ts: number;
  totalSupply: bigint;
  circulatingSupply: bigint;
}

export interface VaultRecord {
  address: string;
  name: string;
  asset: string;
  gauge: string;
  totalAssets: bigint;
  totalShares: bigint;
}

export interface VaultEpochRecord {
  epoch: number;
  deposits: bigint;
  withdrawals: bigint;
  tvlAtWindowEnd: bigint | null;
  tvlAtEpochEnd: bigint | null;
  votesAtWindowEnd: bigint | null;
}

/** Read-only access to the indexed data. Every list is in a stable order. */
export interface AnalyticsStore {
  /** Latest indexed block, null before the first checkpoint. */
  checkpoint(): Promise<Checkpoint | null>;
  indexerState(): Promise<IndexerStateRecord | null>;
  /** Stored epochs (window end passed) with from <= id <= to, ascending. */
  epochs(from?: number, to?: number): Promise<EpochRecord[]>;
  /** Stored metrics of a scope (and gauge, '' for none) for from <= epoch <= to, ascending. */
  metrics(scope: MetricScope, gauge: string, from?: number, to?: number): Promise<MetricRecord[]>;
  /** Snapshot population of a stored epoch, amounts summed per owner (zeros left out). */
  storedAmounts(epoch: number, scope: MetricScope, gauge: string): Promise<Holding[]>;
  /** Snapshot standing votes of stored epochs from..to. */
  storedVotes(fromEpoch: number, toEpoch: number): Promise<(VoteRecord & { epoch: number })[]>;
  /** Per-gauge totals of a stored epoch. */
  storedGauges(epoch: number): Promise<EpochGaugeRecord[]>;
  /** Live locks that are not exited. */
  liveLocks(): Promise<LockRecord[]>;
  /**
   * Standing vote rows in one snapshot: every row (`fromBlock` null); or the rows written in
   * blocks >= `fromBlock` and the rows of `held`'s keys as they are now, leaving out every row
   * equal to its `held` version, with the `held` keys that have no row any more; or, with a
   * `check` (and no `held`), the rows written in blocks > `check.upTo` and the `window` of the
   * rows written in blocks >= `fromBlock`.
   */
  standingVotes(fromBlock: number | null, held: readonly StandingVoteRow[], check?: { upTo: number }): Promise<StandingVoteRead>;
  /** The deployment's rules read at start-up, null before the indexer wrote them. */
  chainRules(): Promise<ChainRulesRecord | null>;
  /** Live BR balances > 0 of unlabelled holders. */
  liveHoldings(): Promise<Holding[]>;
  gauges(): Promise<GaugeRecord[]>;
  seasons(): Promise<SeasonRecord[]>;
  allocations(): Promise<AllocationRecord[]>;
  releases(): Promise<ReleaseRecord[]>;
  supplyPoints(): Promise<SupplyRecord[]>;
  vaults(): Promise<VaultRecord[]>;
  vaultEpochs(vault: string, from?: number, to?: number): Promise<VaultEpochRecord[]>;
}
