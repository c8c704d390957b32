/** BR token: transfers, live balances, total supply, vesting-wallet funding. */
import { ponder } from "ponder:registry";
import { account, brTransfer, vestingAllocation } from "ponder:schema";
import { type BalanceMove, balanceMoves } from "../domain/balanceMoves";
import { epochOf, firstWindowAfter } from "../domain/epochs";
import { closeEpochs } from "./epochs";
import { noteHoldingWrites } from "./liveRows";
import type { HoldingRow } from "../domain/snapshot";
import type { Hex } from "../config/profile";
import { type AnyContext, type EventRef, ZERO_ADDRESS, labelFor, lower, setState, vestingWalletOf } from "./state";
import { newVestingAllocation } from "./vesting";

/** A balance a transfer replaced that an epoch snapshot had seen: held at the window ends from `fromEpoch` on. */
interface HeldBalance {
  fromEpoch: number;
  balance: bigint;
  label: HoldingRow["label"];
}

/**
 * Moves the live balances of `moves` (distinct addresses). Returns the live balances written, for
 * the live copy (`noteHoldingWrites`, once per event), and each balance replaced that an epoch
 * snapshot had seen (the row's `fromEpoch` is before the first window end this block counts for),
 * which the transfer's row keeps so that `epochHolding` has it for those epochs.
 *
 * One store call writes every balance: each call costs Ponder its own bookkeeping (a metric, its
 * lock, a copy of the row handed back), and a transfer is most of a backfill's balance writes.
 */
async function moveBalances(
  context: AnyContext,
  moves: readonly BalanceMove[],
  event: EventRef,
): Promise<{ written: HoldingRow[]; held: Map<Hex, HeldBalance> }> {
  const held = new Map<Hex, HeldBalance>();
  if (moves.length === 0) return { written: [], held };
  const ts = event.block.timestamp;
  const from = firstWindowAfter(ts);
  const deltas = new Map(moves.map((m) => [m.address, m.delta]));
  const fresh = moves.map((m) => ({ address: m.address, brBalance: m.delta, label: labelFor(context, m.address), firstSeenTs: ts, updatedTs: ts, fromEpoch: from }));
  // The balances replaced, copied out as Ponder hands each existing row to the update.
  const replaced = new Map<Hex, { brBalance: bigint; fromEpoch: number; label: HoldingRow["label"] }>();
  await context.db
    .insert(account)
    .values(fresh)
    .onConflictDoUpdate((row) => {
      const address = row.address;
      replaced.set(address, { brBalance: row.brBalance, fromEpoch: row.fromEpoch, label: row.label });
      return { brBalance: row.brBalance + deltas.get(address)!, updatedTs: ts, fromEpoch: from };
    });
  const written: HoldingRow[] = [];
  for (const row of fresh) {
    const old = replaced.get(row.address);
    if (old === undefined) {
      written.push({ address: row.address, brBalance: row.brBalance, label: row.label });
      continue;
    }
    if (old.fromEpoch < from && old.brBalance > 0n) held.set(row.address, { fromEpoch: old.fromEpoch, balance: old.brBalance, label: old.label });
    written.push({ address: row.address, brBalance: old.brBalance + row.brBalance, label: old.label });
  }
  return { written, held };
}

ponder.on("BRToken:Transfer", async ({ event, context }) => {
  const state = await closeEpochs(context, event);
  const from = lower(event.args.from);
  const to = lower(event.args.to);
  const value = event.args.value;
  const ts = event.block.timestamp;
  if (from === ZERO_ADDRESS || to === ZERO_ADDRESS) {
    const delta = (from === ZERO_ADDRESS ? value : 0n) - (to === ZERO_ADDRESS ? value : 0n);
    if (delta !== 0n) {
      await setState(context, event, { brTotalSupply: state.brTotalSupply + delta });
    }
  }
  const { written, held } = await moveBalances(context, balanceMoves(from, to, value, ZERO_ADDRESS), event);
  // Both balances in one note: a second note in the same event would count the block again.
  await noteHoldingWrites(context, event, written);
  // A transfer to oneself moves one balance, kept as the sender's.
  const sender = held.get(from);
  const receiver = from === to ? undefined : held.get(to);
  await context.db.insert(brTransfer).values({
    id: event.id,
    from,
    to,
    value,
    blockNumber: event.block.number,
    timestamp: ts,
    epoch: epochOf(ts),
    txHash: event.transaction.hash,
    logIndex: event.log.logIndex,
    heldToEpoch: sender === undefined && receiver === undefined ? null : firstWindowAfter(ts) - 1,
    senderHeldFromEpoch: sender?.fromEpoch ?? null,
    senderHeldBalance: sender?.balance ?? null,
    senderHeldLabel: sender?.label ?? null,
    receiverHeldFromEpoch: receiver?.fromEpoch ?? null,
    receiverHeldBalance: receiver?.balance ?? null,
    receiverHeldLabel: receiver?.label ?? null,
  });
  // A vesting wallet's allocation is balance + released: only incoming BR changes it.
  const wallet = vestingWalletOf(to);
  if (wallet && from !== to) {
    await context.db
      .insert(vestingAllocation)
      .values({ ...newVestingAllocation(wallet), total: value })
      .onConflictDoUpdate((row) => ({ total: row.total + value }));
  }
});
