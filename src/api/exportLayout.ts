/**
 * The layout of the bulk export (`GET /api/v1/export/{table}`): for each exported table its
 * columns in order, their type and unit. One definition: the CSV header, the Parquet schema and
 * docs/API.md follow it.
 *
 * Types: `int32` (Parquet INT32), `int64` (INT64: block numbers, unix seconds), `uint` (a uint256:
 * Parquet STRING of its decimal digits, since it does not fit 64 bits), `address` (STRING, 0x +
 * 40 lowercase hex), `string` (STRING), `bool` (BOOLEAN), `double` (DOUBLE).
 */
import { METRIC_SCOPES } from "../domain/scopes";
import type { ExportTable } from "./queries/historyStore";

export type ExportType = "int32" | "int64" | "uint" | "address" | "string" | "bool" | "double";

export interface ExportColumn {
  name: string;
  type: ExportType;
  nullable?: boolean;
  /** Unit or meaning. */
  doc: string;
}

const c = (name: string, type: ExportType, doc: string, nullable = false): ExportColumn => ({ name, type, doc, nullable });
const BR = "BR base units (18 decimals)";
const POWER = "voting power, base units (18 decimals)";

/** Columns of every exported table, in file order. */
export const EXPORT_LAYOUT: Record<ExportTable, ExportColumn[]> = {
  epoch: [
    c("id", "int32", "epoch number = floor(startTs / 1209600)"),
    c("startTs", "int64", "epoch start, unix s"),
    c("windowStart", "int64", "voting opens (start + 1 h), unix s"),
    c("windowEnd", "int64", "snapshot moment (start + 1 week − 1 h), unix s"),
    c("endTs", "int64", "next epoch start, unix s"),
    c("season", "int32", "season in force at window end (0 = none)"),
    c("voterContract", "address", "the escrow's gauge voter at window end (only its votes count)", true),
    c("warmup", "int64", "the curve's warmup in force at window end, s"),
    c("seasonAnchor", "int64", "start of the season in force at window end (0 = none), unix s"),
    c("closed", "bool", "snapshot written (always true)"),
    c("closedBlock", "int64", "first indexed block at/after window end"),
    c("finalized", "bool", "the chain passed the epoch end"),
    c("finalizedBlock", "int64", "block that finalized it", true),
    c("eligiblePower", "uint", `Σ power at window end, ${POWER}`),
    c("castPower", "uint", `Σ standing votes of the season, ${POWER}`),
    c("lockedBr", "uint", `Σ locked amount of locks not exited, ${BR}`),
    c("activeLocks", "int32", "locks active"),
    c("queuedLocks", "int32", "locks queued for exit"),
    c("eligibleLocks", "int32", "locks with power > 0"),
    c("eligibleOwners", "int32", "owners with power > 0"),
    c("voters", "int32", "distinct voter addresses"),
    c("votingTokens", "int32", "distinct voting tokens"),
    c("gaugesVoted", "int32", "gauges with votes"),
    c("totalSupply", "uint", `BR minted − burned, ${BR}`),
    c("circulatingSupply", "uint", `totalSupply minus vesting, contract and burn balances, ${BR}`),
    c("lockedSupply", "uint", `BR held by the escrow, ${BR}`),
    c("vestingBalance", "uint", `BR still in vesting wallets, ${BR}`),
    c("vestedUnreleased", "uint", `vested but not released, ${BR}`),
    c("exchangeBalance", "uint", `BR on exchange-labelled addresses, ${BR}`),
    c("holders", "int32", "holders with balance > 0"),
  ],
  epochLockPower: [
    c("epoch", "int32", "epoch number"),
    c("tokenId", "uint", "veNFT id"),
    c("owner", "address", "lock owner (exit ticket holder while queued)"),
    c("amount", "uint", `locked, ${BR}`),
    c("power", "uint", `votingPowerAt(tokenId, windowEnd), ${POWER}`),
    c("status", "string", "active | queued"),
  ],
  epochVote: [
    c("epoch", "int32", "epoch number"),
    c("tokenId", "uint", "veNFT id"),
    c("gauge", "address", "gauge"),
    c("voter", "address", "voting address"),
    c("amount", "uint", `votes for the gauge at window end, ${POWER}`),
  ],
  epochGauge: [
    c("epoch", "int32", "epoch number"),
    c("gauge", "address", "gauge"),
    c("votes", "uint", `Σ votes at window end, ${POWER}`),
    c("voters", "int32", "distinct voter addresses"),
    c("tokens", "int32", "distinct tokens"),
  ],
  epochMetric: [
    c("epoch", "int32", "epoch number"),
    c("scope", "string", METRIC_SCOPES.join(" | ")),
    c("gauge", "string", "gauge address for GAUGE_VOTERS, empty otherwise"),
    c("n", "int32", "participants with amount > 0"),
    c("total", "uint", "Σ amounts, base units of the scope"),
    c("gini", "double", "Gini coefficient, 0..1"),
    c("nakamoto33", "int32", "smallest number holding > 33%"),
    c("nakamoto50", "int32", "smallest number holding > 50%"),
    c("nakamoto66", "int32", "smallest number holding > 66%"),
    c("hhi", "double", "Herfindahl–Hirschman index on shares, 0..1"),
    c("effectiveN", "double", "1 / hhi"),
    c("theil", "double", "Theil index"),
    c("entropy", "double", "normalised Shannon entropy, 0..1"),
    c("top1Share", "double", "share of the largest, 0..1"),
    c("top5Share", "double", "share of the 5 largest, 0..1"),
    c("top10Share", "double", "share of the 10 largest, 0..1"),
    c("palma", "double", "top 10% share / bottom 40% share", true),
  ],
  epochHolding: [
    c("epoch", "int32", "epoch number"),
    c("holder", "address", "BR holder"),
    c("balance", "uint", `balance at window end, ${BR}`),
    c("label", "string", "exchange | vesting | contract | burn", true),
  ],
  lockEvent: [
    c("id", "string", "event id (chain order within a block)"),
    c("tokenId", "uint", "veNFT id"),
    c("kind", "string", "deposit | exitQueued | exit | withdraw | transfer"),
    c("account", "address", "deposit/withdraw: depositor; exitQueued: holder; transfer: new owner", true),
    c("amount", "uint", `deposit: locked; withdraw: returned; exit: fee; ${BR}`, true),
    c("totalLocked", "uint", `escrow totalLocked after the event (deposit/withdraw), ${BR}`, true),
    c("exitDate", "int64", "exitQueued: earliest withdraw, unix s", true),
    c("blockNumber", "int64", "block"),
    c("timestamp", "int64", "block time, unix s"),
    c("epoch", "int32", "epoch of the block time"),
    c("txHash", "string", "transaction hash"),
  ],
};
