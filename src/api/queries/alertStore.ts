/**
 * The rows the alert rules read (src/alerts/types.ts), through a read-only door to the database
 * like {@link AnalyticsStore}: `ponderAlertStore.ts` implements it over Ponder's tables; tests can
 * implement it in memory. src/api/alerts.ts decides which rows the enabled rules need.
 */
import type { EpochRow, MetricRow, VaultEpochRow, VestingRow, VoteRow } from "../../alerts/types";

export interface AlertStore {
  /** Changes whenever the indexer commits new state (the `indexer_state` row); undefined before its first event. */
  stateKey(): Promise<string | undefined>;
  /** Every stored epoch. */
  epochs(): Promise<EpochRow[]>;
  /** Stored metrics of these scopes, every epoch and gauge. */
  metrics(scopes: readonly string[]): Promise<MetricRow[]>;
  /** Standing votes per voter on one gauge at one epoch's window end. */
  gaugeVotes(epoch: number, gauge: string): Promise<VoteRow[]>;
  /** Per-epoch TVL of every vault, with the vault's name. */
  vaultEpochs(): Promise<VaultEpochRow[]>;
  /** The vesting wallets' schedules. */
  vesting(): Promise<VestingRow[]>;
}
