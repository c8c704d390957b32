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
import { HeldRow } from "../db/heldRow";

export type State = typeof indexerState.$inferSelect;
export type AnyContext = Context;
export interface BlockRef {
  number: bigint;
  timestamp: bigint;
}
/** What the state row's holder needs of an event: its id (Ponder's checkpoint) and its block. */
export interface EventRef {
  id: string;
  block: BlockRef & { hash: Hex };
}

/** Id of the single `indexerState` row. */
export const STATE_ID = 0;

export const ZERO_ADDRESS: Hex = "0x0000000000000000000000000000000000000000";

/** Lowercases an address from an event. */
export const lower = (a: string): Hex => a.toLowerCase() as Hex;

/** The state row as the last event read or wrote it (`heldRow.ts` says when it is still the table's). */
const heldState = new HeldRow<State>();

/**
 * A plain, frozen copy of a row Ponder's store returned: the store answers a copy-on-write view
 * of its cached row, which it changes in place on the next update and which clones the whole row
 * whenever a handler reads `seasonStarts` through it.
 */
function plainState(row: State): State {
  // Written out, not spread: a spread of the store's view goes through its traps for every key.
  return Object.freeze({
    id: row.id,
    lastClosedEpoch: row.lastClosedEpoch,
    lastFinalizedEpoch: row.lastFinalizedEpoch,
    firstEpoch: row.firstEpoch,
    seasonStarts: Object.freeze([...row.seasonStarts]) as bigint[],
    brTotalSupply: row.brTotalSupply,
    totalLocked: row.totalLocked,
    warmup: row.warmup,
    firstBlock: row.firstBlock,
  });
}

/**
 * The state row, created on the first indexed event: epochs whose window ended before it are
 * skipped (nothing was indexed for them). The warmup starts as the chain's `warmupPeriod()` read
 * at start-up; `WarmupSet` events update it. Read from the store once per block; later events
 * of the block take the row held (see `heldRow.ts`). Its writes go through {@link setState}.
 */
export async function getState(context: AnyContext, event: EventRef): Promise<State> {
  const held = heldState.at(event.id, event.block.hash);
  if (held) return held;
  const found = await context.db.find(indexerState, { id: STATE_ID });
  if (found) return heldState.hold(plainState(found), event.id, event.block.hash);
  const { block } = event;
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
  return heldState.hold(plainState(row), event.id, event.block.hash);
}

/** Writes `values` to the state row at `event` and returns the row written (every write of the row goes through here). */
export async function setState(context: AnyContext, event: EventRef, values: Partial<Omit<State, "id">>): Promise<State> {
  const row = await context.db.update(indexerState, { id: STATE_ID }).set(values);
  return heldState.hold(plainState(row), event.id, event.block.hash);
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
