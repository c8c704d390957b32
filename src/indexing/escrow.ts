/** Escrow, veNFT and exit queue: the lock lifecycle, seasons and the curve's warmup. */
import { ponder } from "ponder:registry";
import { indexerState, lock, lockEvent, season } from "ponder:schema";
import { epochOf } from "../domain/epochs";
import { closeEpochs } from "./epochs";
import { getProfile } from "./profile";
import { STATE_ID, ZERO_ADDRESS, lower } from "./state";

type LockEventKind = "deposit" | "exitQueued" | "exit" | "withdraw" | "transfer";

function history(
  event: { id: string; block: { number: bigint; timestamp: bigint }; transaction: { hash: `0x${string}` } },
  tokenId: bigint,
  kind: LockEventKind,
  fields: { account?: `0x${string}`; amount?: bigint; totalLocked?: bigint; exitDate?: bigint } = {},
) {
  return {
    id: event.id,
    tokenId,
    kind,
    account: fields.account ?? null,
    amount: fields.amount ?? null,
    totalLocked: fields.totalLocked ?? null,
    exitDate: fields.exitDate ?? null,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    epoch: epochOf(event.block.timestamp),
    txHash: event.transaction.hash,
  };
}

ponder.on("VotingEscrow:Deposit", async ({ event, context }) => {
  await closeEpochs(context, event.block);
  const { depositor, tokenId, startTs, value, newTotalLocked } = event.args;
  await context.db
    .insert(lock)
    .values({
      tokenId,
      owner: lower(depositor),
      amount: value,
      startTs,
      status: "active",
      createdBlock: event.block.number,
    })
    .onConflictDoUpdate({ amount: value, startTs, status: "active" });
  await context.db.update(indexerState, { id: STATE_ID }).set({ totalLocked: newTotalLocked });
  await context.db
    .insert(lockEvent)
    .values(history(event, tokenId, "deposit", { account: lower(depositor), amount: value, totalLocked: newTotalLocked }));
});

ponder.on("VotingEscrow:Withdraw", async ({ event, context }) => {
  await closeEpochs(context, event.block);
  const { depositor, tokenId, value, ts, newTotalLocked } = event.args;
  await context.db
    .update(lock, { tokenId })
    .set((row) => ({ status: "exited", exitedAt: ts, returned: value, fee: row.fee ?? row.amount - value }));
  await context.db.update(indexerState, { id: STATE_ID }).set({ totalLocked: newTotalLocked });
  await context.db
    .insert(lockEvent)
    .values(history(event, tokenId, "withdraw", { account: lower(depositor), amount: value, totalLocked: newTotalLocked }));
});

ponder.on("VotingEscrow:SeasonStarted", async ({ event, context }) => {
  await closeEpochs(context, event.block);
  if (getProfile().seasonSource !== "events") return;
  const n = Number(event.args.season);
  const startTs = event.args.startTs;
  await context.db
    .insert(season)
    .values({ number: n, startTs, startEpoch: epochOf(startTs), startBlock: event.block.number })
    .onConflictDoNothing();
  // Standing votes of earlier seasons stop counting without events: rows keep their season.
  await context.db.update(indexerState, { id: STATE_ID }).set({ currentSeason: n, currentSeasonStart: startTs });
});

ponder.on("Lock:Transfer", async ({ event, context }) => {
  await closeEpochs(context, event.block);
  const from = lower(event.args.from);
  const to = lower(event.args.to);
  const tokenId = event.args.tokenId;
  const escrow = lower(context.contracts.VotingEscrow.address as string);
  if (from === ZERO_ADDRESS) {
    // Mint (before `Deposit`): the NFT recipient owns the lock.
    await context.db
      .insert(lock)
      .values({ tokenId, owner: to, amount: 0n, startTs: event.block.timestamp, status: "active", createdBlock: event.block.number })
      .onConflictDoUpdate({ owner: to });
    return;
  }
  // Burn at withdraw, or the move into the escrow at beginWithdrawal: the holder stays the owner.
  if (to === ZERO_ADDRESS || to === escrow) return;
  await context.db.update(lock, { tokenId }).set({ owner: to });
  await context.db.insert(lockEvent).values(history(event, tokenId, "transfer", { account: to }));
});

ponder.on("ExitQueue:ExitQueued", async ({ event, context }) => {
  await closeEpochs(context, event.block);
  const { tokenId, holder, exitDate } = event.args;
  await context.db
    .update(lock, { tokenId })
    .set({ status: "queued", owner: lower(holder), exitQueuedAt: event.block.timestamp, exitDate });
  await context.db.insert(lockEvent).values(history(event, tokenId, "exitQueued", { account: lower(holder), exitDate }));
});

ponder.on("ExitQueue:Exit", async ({ event, context }) => {
  await closeEpochs(context, event.block);
  const { tokenId, fee } = event.args;
  await context.db.update(lock, { tokenId }).set({ fee });
  await context.db.insert(lockEvent).values(history(event, tokenId, "exit", { amount: fee }));
});

ponder.on("EscrowCurve:WarmupSet", async ({ event, context }) => {
  await closeEpochs(context, event.block);
  await context.db.update(indexerState, { id: STATE_ID }).set({ warmup: BigInt(event.args.warmup) });
});
