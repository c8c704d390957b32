/** Row builders for the alert rule tests: sensible defaults, override what the test is about. */
import type { Alert, AlertInput, EpochRow, MetricRow, VaultEpochRow, VestingRow, VoteRow } from "../../src/alerts/types";

export const EPOCH = 1_209_600n;
export const WEEK = 604_800n;

export function epochRow(id: number, over: Partial<EpochRow> = {}): EpochRow {
  return {
    id,
    startTs: BigInt(id) * EPOCH,
    windowEnd: BigInt(id) * EPOCH + WEEK - 3600n,
    season: 1,
    finalized: true,
    eligiblePower: 1000n,
    castPower: 1000n,
    circulatingSupply: 1_000_000n,
    ...over,
  };
}

export function metricRow(epoch: number, over: Partial<MetricRow> = {}): MetricRow {
  return {
    epoch,
    scope: "CAST_VOTES",
    gauge: "",
    n: 50,
    total: 1000n,
    gini: 0.3,
    nakamoto50: 10,
    top1Share: 0.05,
    top5Share: 0.2,
    top10Share: 0.35,
    ...over,
  };
}

export function voteRow(epoch: number, gauge: string, voter: string, amount: bigint): VoteRow {
  return { epoch, gauge, voter, amount };
}

export function vaultRow(vault: string, epoch: number, tvlAtEpochEnd: bigint | null, tvlAtWindowEnd: bigint | null = tvlAtEpochEnd): VaultEpochRow {
  return { vault, name: "brBTC Core", epoch, tvlAtWindowEnd, tvlAtEpochEnd };
}

export function vestingRow(over: Partial<VestingRow> = {}): VestingRow {
  return { address: "0x00000000000000000000000000000000000000aa", name: "team", start: 0n, cliff: 0n, duration: 1n, tgeBps: 0, total: 0n, ...over };
}

export function input(over: Partial<AlertInput> = {}): AlertInput {
  return { epochs: [], metrics: [], votes: [], vaults: [], vesting: [], ...over };
}

/** An alert with the given ts and id (left-padded to 32 hex characters). */
export function sampleAlert(ts: number, id: string, over: Partial<Alert> = {}): Alert {
  return {
    id: id.padStart(32, "0"),
    rule: "p",
    type: "participation",
    severity: "warning",
    epoch: Math.floor(ts / 1_209_600),
    season: 1,
    ts,
    subject: "",
    provisional: false,
    title: "t",
    message: "m",
    value: 0.1,
    threshold: 0.3,
    details: {},
    ...over,
  };
}
