/**
 * Shared handler helpers: the `indexerState` singleton, season lookup and address labels.
 * No handler registration and no side effect at import.
 */
import type { Context } from "ponder:registry";
import { indexerState } from "ponder:schema";
import type { AccountLabel, Hex } from "../domain/config";
import { labelOf } from "../domain/config";
import { epochOf, windowEnd } from "../domain/epochs";
import { seasonOf } from "../domain/seasons";
import { getProfile } from "./profile";

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
 * skipped (nothing was indexed for them).
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
    currentSeason: 0,
    currentSeasonStart: 0n,
    brTotalSupply: 0n,
    totalLocked: 0n,
    warmup: getProfile().curve.warmup,
    firstBlock: block.number,
  };
  await context.db.insert(indexerState).values(row);
  return row;
}

/** Season in force at `ts` (events: the latest indexed `SeasonStarted`; config: the list). */
export function seasonAt(state: State, ts: bigint): number {
  const profile = getProfile();
  return profile.seasonSource === "config" ? seasonOf(ts, profile.seasonStarts) : state.currentSeason;
}

/** Season starts for the curve at a moment after every indexed event. */
export function seasonStartsOf(state: State): bigint[] {
  const profile = getProfile();
  if (profile.seasonSource === "config") return profile.seasonStarts;
  return state.currentSeason > 0 ? [state.currentSeasonStart] : [];
}

let contractAddresses: Hex[] | undefined;

/** Configured label of `address` (the escrow and its companions are `contract`). */
export function labelFor(context: AnyContext, address: Hex): AccountLabel | null {
  if (!contractAddresses) {
    const list: Hex[] = [];
    const contracts = context.contracts as Record<string, { address?: unknown }>;
    for (const name of ["VotingEscrow", "Lock", "ExitQueue", "SimpleGaugeVoter", "EscrowCurve"]) {
      const a = contracts[name]?.address;
      if (typeof a === "string") list.push(lower(a));
    }
    contractAddresses = list;
  }
  return labelOf(address, getProfile(), contractAddresses);
}

/** Whether `address` is a configured vesting wallet. */
export function vestingWalletOf(address: Hex) {
  return getProfile().vestingWallets.find((w) => w.address === address);
}

/** Configured vault at `address`, if any. */
export function vaultOf(address: Hex) {
  return getProfile().vaults.find((v) => v.address === address);
}
