/**
 * The per-account and point-in-time data the accounts API reads: BR transfers, lock histories,
 * WarmupSet changes and per-epoch rows of one owner, plus the bulk export of the per-epoch tables.
 *
 * Like {@link AnalyticsStore} this is a read-only door to the database (`ponderHistoryStore.ts`
 * implements it over Ponder's tables; tests implement it in memory). Every list is bounded by the
 * caller (`limit`) and in a stable order.
 */

import type { LockRecord } from "./store";

/** A moment of the chain: a block (all of its events included) or a timestamp (events at or before it). */
export type Moment = { block: number; timestamp: number } | { block: null; timestamp: number };

export interface AccountRecord {
  address: string;
  brBalance: bigint;
  label: string | null;
  firstSeenTs: number;
  updatedTs: number;
}

export interface BrTransferRecord {
  blockNumber: number;
  timestamp: number;
  txHash: string;
  logIndex: number;
  from: string;
  to: string;
  value: bigint;
}

/** A lock with everything the index keeps of it: the live view's fields and its exit and creation. */
export interface LockDetailRecord extends LockRecord {
  exitDate: bigint | null;
  exitedAt: bigint | null;
  fee: bigint | null;
  returned: bigint | null;
  createdBlock: bigint;
}

export type LockEventKind = "deposit" | "exitQueued" | "exit" | "withdraw" | "transfer";

export interface LockEventRecord {
  tokenId: bigint;
  kind: LockEventKind;
  account: string | null;
  amount: bigint | null;
  exitDate: bigint | null;
  blockNumber: number;
  timestamp: number;
  /** Ponder event id: orders events of one block. */
  id: string;
}

export interface WarmupChangeRecord {
  warmup: bigint;
  /** The warmup just before this change. */
  previous: bigint;
  blockNumber: number;
  timestamp: number;
}

export interface SeasonStartRecord {
  number: number;
  startTs: bigint;
  startBlock: number;
}

export interface OwnerEpochPowerRecord {
  epoch: number;
  tokenId: bigint;
  amount: bigint;
  power: bigint;
  status: string;
}

export interface OwnerEpochVoteRecord {
  epoch: number;
  tokenId: bigint;
  gauge: string;
  amount: bigint;
}

/** Tables of the bulk export (names as in `ponder.schema.ts`). */
export const EXPORT_TABLES = ["epoch", "epochLockPower", "epochVote", "epochGauge", "epochMetric", "epochHolding", "lockEvent"] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export interface HistoryStore {
  /** The `account` row (live balance), null when BR never touched the address. */
  account(address: string): Promise<AccountRecord | null>;
  /** BR transfers from or to the address, newest first, at most `limit`. */
  brTransfers(address: string, limit: number): Promise<BrTransferRecord[]>;
  /** Number of BR transfers from or to the address. */
  brTransferCount(address: string): Promise<number>;
  /** Σ received − Σ sent over the BR transfers at or before the moment. */
  brBalanceAt(address: string, at: Moment): Promise<bigint>;
  /** Token ids whose history names the address (deposit, transfer, exit queue, withdraw) or that it holds now. */
  tokenIdsOf(address: string, limit: number): Promise<bigint[]>;
  /** The locks with these ids (any order). */
  locks(tokenIds: readonly bigint[]): Promise<LockDetailRecord[]>;
  /** The lock events of these tokens in chain order. */
  lockEvents(tokenIds: readonly bigint[]): Promise<LockEventRecord[]>;
  /** WarmupSet history, in chain order. */
  warmupChanges(): Promise<WarmupChangeRecord[]>;
  /** The warmup read from the chain at start-up (in force throughout when no WarmupSet is indexed), null before it was written. */
  startupWarmup(): Promise<bigint | null>;
  /** Season starts with the block that announced them, ascending. */
  seasonStarts(): Promise<SeasonStartRecord[]>;
  /** The owner's rows of `epochLockPower` for from <= epoch <= to. */
  ownerEpochPowers(owner: string, from: number, to: number): Promise<OwnerEpochPowerRecord[]>;
  /** The voter's rows of `epochVote` for from <= epoch <= to. */
  voterEpochVotes(voter: string, from: number, to: number): Promise<OwnerEpochVoteRecord[]>;
  /** Rows of an exported table with fromEpoch <= epoch <= toEpoch in its key order, at most `limit`. */
  exportRows(table: ExportTable, fromEpoch: number, toEpoch: number, limit: number): Promise<Record<string, unknown>[]>;
  /** Number of rows {@link exportRows} would give without a limit. */
  exportCount(table: ExportTable, fromEpoch: number, toEpoch: number): Promise<number>;
}
