/**
 * Types of the alert rules: the indexed rows they read (plain objects, the subset of the
 * `ponder.schema.ts` columns a rule needs) and the alerts they produce.
 *
 * Everything here is data: no Ponder, no database, no clock.
 */
import type { StoredEpochRow, StoredMetricRow } from "../domain/snapshot";
import type { VestingAllocationRow } from "../domain/vesting";

/**
 * The columns of an `epoch` row the rules read: one epoch whose window end the chain has passed.
 * `windowEnd` is the alert timestamp of every alert about it; `finalized` (the chain passed the
 * epoch end) makes those alerts final.
 */
export type EpochRow = Pick<StoredEpochRow, "id" | "startTs" | "windowEnd" | "season" | "finalized" | "eligiblePower" | "castPower" | "circulatingSupply">;

/** The columns of an `epochMetric` row the rules read (`gauge` is '' except for scope GAUGE_VOTERS). */
export type MetricRow = Pick<StoredMetricRow, "epoch" | "scope" | "gauge" | "n" | "total" | "gini" | "nakamoto50" | "top1Share" | "top5Share" | "top10Share">;

/** An `epochVote` row: standing votes of one token for one gauge at window end. */
export interface VoteRow {
  epoch: number;
  gauge: string;
  voter: string;
  amount: bigint;
}

/** A `vaultEpoch` row joined with the vault's configured name. */
export interface VaultEpochRow {
  vault: string;
  name: string;
  epoch: number;
  /** `totalAssets` at window end; null until the window closes. */
  tvlAtWindowEnd: bigint | null;
  /** `totalAssets` at epoch end; null until the epoch is finalized. */
  tvlAtEpochEnd: bigint | null;
}

/** The columns of a `vestingAllocation` row the rules read (schedule of one vesting wallet). */
export type VestingRow = Pick<VestingAllocationRow, "address" | "name" | "start" | "cliff" | "duration" | "tgeBps" | "total">;

/** Address-level vs entity-level Nakamoto-50 of one stored epoch and scope. */
export interface EntityMetricRow {
  epoch: number;
  scope: string;
  n: number;
  addressNakamoto50: number;
  entityN: number;
  entityNakamoto50: number;
}

/** Everything the rules read. Order of the arrays does not matter. */
export interface AlertInput {
  epochs: readonly EpochRow[];
  metrics: readonly MetricRow[];
  /** Vote rows; only needed to name the dominant voter of a gauge (see `gaugeDominance`). */
  votes: readonly VoteRow[];
  vaults: readonly VaultEpochRow[];
  vesting: readonly VestingRow[];
  /** Entity-level Nakamoto per epoch and scope (only for `entityNakamoto` rules; absent: they never fire). */
  entityMetrics?: readonly EntityMetricRow[];
}

export type Severity = "info" | "warning" | "critical";

/**
 * One alert. JSON-safe: amounts are decimal strings, shares are numbers in [0, 1].
 *
 * `id` is a hash of (rule id, epoch, subject) only, so the same condition has the same id
 * whatever the order of indexing, across restarts and re-indexing, and while it moves from
 * provisional to final.
 */
export interface Alert {
  /** 32 hex characters: sha256("ve-lens/alert/v1" | rule | epoch | subject), truncated. */
  id: string;
  /** Id of the rule in the configuration. */
  rule: string;
  /** Rule type (`nakamoto`, `topShare`, ...). */
  type: string;
  severity: Severity;
  epoch: number;
  season: number;
  /** Unix seconds: the epoch's window end (its snapshot moment). Alerts are ordered by (ts, id). */
  ts: number;
  /** What the alert is about: "" for the whole epoch, else a gauge, vault or vesting wallet address. */
  subject: string;
  /** True while the epoch is not finalized; the same id becomes final (false) later. */
  provisional: boolean;
  /** One line, plain text. */
  title: string;
  /** A readable sentence with the numbers, plain text. */
  message: string;
  /** The measured value the threshold was compared with. */
  value: number;
  threshold: number;
  /** Extra facts (addresses, amounts as decimal strings). */
  details: Record<string, string | number>;
}
