/** Vesting wallets: configured schedules and `ERC20Released` of BR. */
import { ponder } from "ponder:registry";
import { vestingAllocation, vestingRelease } from "ponder:schema";
import type { VestingWalletConfig } from "../config/profile";
import { epochOf } from "../domain/epochs";
import { closeEpochs } from "./epochs";
import { getProfile } from "../config/load";
import { lower, vestingWalletOf } from "./state";

/** A `vestingAllocation` row for a configured wallet with nothing funded or released yet. */
export function newVestingAllocation(w: VestingWalletConfig) {
  return {
    address: w.address,
    name: w.name,
    beneficiary: w.beneficiary,
    start: w.start,
    cliff: w.cliff,
    duration: w.duration,
    tgeBps: w.tgeBps,
    total: 0n,
    released: 0n,
  };
}

ponder.on("VestingWallet:setup", async ({ context }) => {
  for (const w of getProfile().vestingWallets) {
    await context.db.insert(vestingAllocation).values(newVestingAllocation(w)).onConflictDoNothing();
  }
});

ponder.on("VestingWallet:ERC20Released", async ({ event, context }) => {
  await closeEpochs(context, event);
  const wallet = vestingWalletOf(lower(event.log.address));
  const br = lower(context.contracts.BRToken.address as string);
  if (!wallet || lower(event.args.token) !== br) return;
  const amount = event.args.amount;
  await context.db
    .insert(vestingAllocation)
    .values({ ...newVestingAllocation(wallet), released: amount })
    .onConflictDoUpdate((row) => ({ released: row.released + amount }));
  await context.db.insert(vestingRelease).values({
    id: event.id,
    wallet: wallet.address,
    beneficiary: wallet.beneficiary,
    amount,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    epoch: epochOf(event.block.timestamp),
    txHash: event.transaction.hash,
  });
});
