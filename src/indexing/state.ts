/**
 * Shared handler helpers: the `indexerState` singleton, season lookup and address labels.
 * No handler registration and no side effect at import.
 */
import type { Context } from "ponder:registry";
import { indexerState } from "ponder:schema";
import type { AccountLabel, Hex } from "../config/profile";
import { labelOf, labelledAddresses } from "../config/profile";
import { epochOf, windowEnd } from "../domain/epochs";
import { seasonOf } from "../domain/seasons";
import type { CurveEvaluation } from "../domain/votingPower";
import { getChainRules, getProfile } from "../config/load";

export type State = typeof indexerState.$inferSelect;
export type AnyContext = Context;
export interface BlockRef {
  number: bigint;
  timestamp: bigint;
}

/** Id of the single `indexerState` row. */
export const STATE_ID = 0;

export const ZERO_ADDRESS: Hex = "0x0000000000000000000000000000000000000000";

/** Lowercases an address from an event. */
export const lower = (a: string): Hex => a.toLowerCase() as Hex;

/**
 * The state row, created on the first indexed event: epochs whose window ended before it are
 * skipped (nothing was indexed for them). The warmup starts as the chain's `warmupPeriod()` read
 * at start-up; `WarmupSet` events update it.
 */
export async function getState(context: AnyContext, block: BlockRef): Promise<State> {
  const found = await context.db.find(indexerState, { id: STATE_ID });
  if (found) return found;
  const e0 = epochOf(block.timestamp);
  const row: State = {
    id: STATE_ID,
    lastClosedEpoch: block.timestamp >= windowEnd(e0) ? e0 : e0 - 1,
    lastFinalizedEpoch: e0 - 1,
    firstEpoch: e0,
    seasonStarts: [],
    brTotalSupply: 0n,
    totalLocked: 0n,
    warmup: getChainRules().warmup,
    firstBlock: block.number,
  };
  await context.db.insert(indexerState).values(row);
  return row;
}

/** Season in force at `ts`: the number of announced starts at or before it (the clock's `seasonIndexAt`). */
export function seasonAt(state: State, ts: bigint): number {
  return seasonOf(ts, state.seasonStarts);
}

/** How a block at `now` evaluates the curve under the indexed state. */
export function curveEvaluation(state: State, now: bigint): CurveEvaluation {
  return { now, warmup: state.warmup, seasonStarts: state.seasonStarts, curve: getChainRules().curve };
}

let contractAddresses: Hex[] | undefined;

/** The escrow and its companions, as resolved at start-up (the voter as configured in the profile). */
function escrowContracts(): Hex[] {
  if (!contractAddresses) {
    const c = getProfile().contracts;
    contractAddresses = [c.VotingEscrow, c.Lock, c.ExitQueue, c.SimpleGaugeVoter, c.EscrowCurve]
      .filter((r) => r !== undefined)
      .map((r) => lower(r.address));
  }
  return contractAddresses;
}

/**
 * Configured label of `address` (the escrow and its companions, as resolved at start-up, are
 * `contract`; the voter is matched by address only when it emits, so it is taken from the profile).
 */
export function labelFor(_context: AnyContext, address: Hex): AccountLabel | null {
  return labelOf(address, getProfile(), escrowContracts());
}

/** Every address {@link labelFor} labels (the configuration fixes them), lowercased, each once. */
export function labelledAccounts(): Hex[] {
  return labelledAddresses(getProfile(), escrowContracts());
}

/** Whether `address` is a configured vesting wallet. */
export function vestingWalletOf(address: Hex) {
  return getProfile().vestingWallets.find((w) => w.address === address);
}

/** Configured vault at `address`, if any. */
export function vaultOf(address: Hex) {
  return getProfile().vaults.find((v) => v.address === address);
}
