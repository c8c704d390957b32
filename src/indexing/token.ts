/** BR token: transfers, live balances, total supply, vesting-wallet funding. */
import { ponder } from "ponder:registry";
import { account, brTransfer, holdingSpan, vestingAllocation } from "ponder:schema";
import { epochOf, firstWindowAfter } from "../domain/epochs";
import { closeEpochs } from "./epochs";
import { noteHoldingWrites } from "./liveRows";
import type { HoldingRow } from "../domain/snapshot";
import { type AnyContext, type EventRef, ZERO_ADDRESS, labelFor, lower, setState, vestingWalletOf } from "./state";
import { newVestingAllocation } from "./vesting";

/**
 * Moves `address`'s live balance by `delta`. When an epoch snapshot has seen the balance being
 * replaced (the row's `fromEpoch` is before the first window end this block counts for), that
 * balance becomes a `holdingSpan`, so `epochHolding` keeps it for those epochs. Returns the live
 * balance written, for the live copy (`noteHoldingWrites`, once per event).
 */
async function addBalance(context: AnyContext, address: `0x${string}`, delta: bigint, event: EventRef): Promise<HoldingRow> {
  const ts = event.block.timestamp;
  const from = firstWindowAfter(ts);
  const label = labelFor(context, address);
  // One store call writes the row, new or moved; the balance it replaces is copied out first.
  let replaced: { brBalance: bigint; fromEpoch: number; label: typeof label } | undefined;
  await context.db
    .insert(account)
    .values({ address, brBalance: delta, label, firstSeenTs: ts, updatedTs: ts, fromEpoch: from })
    .onConflictDoUpdate((row) => {
      replaced = { brBalance: row.brBalance, fromEpoch: row.fromEpoch, label: row.label };
      return { brBalance: row.brBalance + delta, updatedTs: ts, fromEpoch: from };
    });
  if (replaced && replaced.fromEpoch < from && replaced.brBalance > 0n) {
    await context.db.insert(holdingSpan).values({ holder: address, fromEpoch: replaced.fromEpoch, toEpoch: from - 1, balance: replaced.brBalance, label: replaced.label });
  }
  return replaced ? { address, brBalance: replaced.brBalance + delta, label: replaced.label } : { address, brBalance: delta, label };
}

ponder.on("BRToken:Transfer", async ({ event, context }) => {
  const state = await closeEpochs(context, event);
  const from = lower(event.args.from);
  const to = lower(event.args.to);
  const value = event.args.value;
  const ts = event.block.timestamp;
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
  });
  if (from === ZERO_ADDRESS || to === ZERO_ADDRESS) {
    const delta = (from === ZERO_ADDRESS ? value : 0n) - (to === ZERO_ADDRESS ? value : 0n);
    if (delta !== 0n) {
      await setState(context, event, { brTotalSupply: state.brTotalSupply + delta });
    }
  }
  const written: HoldingRow[] = [];
  if (from !== ZERO_ADDRESS) written.push(await addBalance(context, from, -value, event));
  if (to !== ZERO_ADDRESS) written.push(await addBalance(context, to, value, event));
  // Both balances in one note: a second note in the same event would count the block again.
  await noteHoldingWrites(context, event, written);
  // A vesting wallet's allocation is balance + released: only incoming BR changes it.
  const wallet = vestingWalletOf(to);
  if (wallet && from !== to) {
    await context.db
      .insert(vestingAllocation)
      .values({ ...newVestingAllocation(wallet), total: value })
      .onConflictDoUpdate((row) => ({ total: row.total + value }));
  }
});
