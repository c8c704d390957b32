/**
 * Gauge voter: gauges, standing votes (Voted / Reset) and their history. The escrow can replace
 * its voter (`setVoter`, no event): an event counts only while its emitter is the escrow's voter
 * (the terms read at start-up, `ChainRules.voters`); votes kept by a replaced voter stop counting.
 */
import { ponder } from "ponder:registry";
import { gauge, standingVote, voteEvent } from "ponder:schema";
import { voterAt } from "../domain/chainRules";
import { firstWindowAfter } from "../domain/epochs";
import type { Hex } from "../config/profile";
import { closeEpochs } from "./epochs";
import { noteVoteWrite } from "./liveRows";
import { getChainRules } from "../config/load";
import { type AnyContext, type BlockRef, type EventRef, lower, seasonAt } from "./state";

interface VoteEventLike extends EventRef {
  args: {
    voter: Hex;
    gauge: Hex;
    epoch: bigint;
    tokenId: bigint;
    totalVotingPowerInGauge: bigint;
    totalVotingPowerInContract: bigint;
    timestamp: bigint;
  };
  transaction: { hash: Hex };
  log: { logIndex: number; address: Hex };
}

/** Whether the emitter of `event` was the escrow's voter at its block. */
function fromEscrowVoter(event: { block: BlockRef; log: { address: Hex } }): boolean {
  return voterAt(getChainRules().voters, Number(event.block.number))?.address === lower(event.log.address);
}

/**
 * `Voted` and `Reset` share their fields: the standing vote of (token, gauge) becomes `standing`
 * (a Reset leaves the row with amount 0, since a store delete always costs a database round
 * trip), keyed to the season in force at the block (the clock's `currentSeasonIndex()`), and the
 * event joins the history with its own `amount`, and with the vote it replaces when an epoch
 * snapshot has seen it (the `replaced*` columns, which the `epochVote` view reads).
 */
async function recordVote(context: AnyContext, event: VoteEventLike, kind: "voted" | "reset", amount: bigint, standing: bigint) {
  if (!fromEscrowVoter(event)) return;
  const state = await closeEpochs(context, event);
  const a = event.args;
  const g = lower(a.gauge);
  const voter = lower(a.voter);
  const voterContract = lower(event.log.address);
  const fromEpoch = firstWindowAfter(event.block.timestamp);
  const season = seasonAt(state, event.block.timestamp);
  // One store call writes the row, new or replaced; the vote it replaces is copied out first. The
  // same row is the update (Ponder lets an update set the primary key to the value it has).
  // Rows are written out, not spread: on Node 20 `{ ...key, ...values }` took 9–14 µs per row
  // here, the same row written out 0.05 µs (`npx tsx bench/objectSpread.ts`), and this runs per vote.
  const row = { tokenId: a.tokenId, gauge: g, voter, amount: standing, season, voterContract, epoch: Number(a.epoch), ts: a.timestamp, blockNumber: event.block.number, fromEpoch };
  let replaced: { fromEpoch: number; voter: Hex; amount: bigint; season: number; voterContract: Hex } | undefined;
  await context.db
    .insert(standingVote)
    .values(row)
    .onConflictDoUpdate((old) => {
      replaced = { fromEpoch: old.fromEpoch, voter: old.voter, amount: old.amount, season: old.season, voterContract: old.voterContract };
      return row;
    });
  await noteVoteWrite(context, event, { tokenId: a.tokenId, gauge: g, voter, amount: standing, season, voterContract });
  // A vote an epoch snapshot has seen keeps its epochs on the event that replaced it (the
  // `replaced*` columns; null when no window end saw it), written in the same row as the event.
  const seen = replaced !== undefined && replaced.fromEpoch < fromEpoch && replaced.amount > 0n ? replaced : undefined;
  await context.db.insert(voteEvent).values({
    id: event.id,
    kind,
    voter,
    gauge: g,
    epoch: Number(a.epoch),
    tokenId: a.tokenId,
    amount,
    totalInGauge: a.totalVotingPowerInGauge,
    totalInContract: a.totalVotingPowerInContract,
    timestamp: a.timestamp,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
    logIndex: event.log.logIndex,
    replacedFromEpoch: seen?.fromEpoch ?? null,
    replacedToEpoch: seen === undefined ? null : fromEpoch - 1,
    replacedVoter: seen?.voter ?? null,
    replacedAmount: seen?.amount ?? null,
    replacedSeason: seen?.season ?? null,
    replacedVoterContract: seen?.voterContract ?? null,
  });
}

ponder.on("SimpleGaugeVoter:Voted", async ({ event, context }) => {
  const cast = event.args.votingPowerCastForGauge;
  await recordVote(context, event, "voted", cast, cast);
});

ponder.on("SimpleGaugeVoter:Reset", async ({ event, context }) => {
  await recordVote(context, event, "reset", event.args.votingPowerRemovedFromGauge, 0n);
});

ponder.on("SimpleGaugeVoter:GaugeCreated", async ({ event, context }) => {
  if (!fromEscrowVoter(event)) return;
  await closeEpochs(context, event);
  await context.db
    .insert(gauge)
    .values({
      address: lower(event.args.gauge),
      creator: lower(event.args.creator),
      metadataURI: event.args.metadataURI,
      active: true,
      createdAt: event.block.timestamp,
      createdBlock: event.block.number,
    })
    .onConflictDoUpdate({ metadataURI: event.args.metadataURI, active: true });
});

ponder.on("SimpleGaugeVoter:GaugeActivated", async ({ event, context }) => {
  if (!fromEscrowVoter(event)) return;
  await closeEpochs(context, event);
  await context.db.update(gauge, { address: lower(event.args.gauge) }).set({ active: true });
});

ponder.on("SimpleGaugeVoter:GaugeDeactivated", async ({ event, context }) => {
  if (!fromEscrowVoter(event)) return;
  await closeEpochs(context, event);
  await context.db.update(gauge, { address: lower(event.args.gauge) }).set({ active: false });
});

ponder.on("SimpleGaugeVoter:GaugeMetadataUpdated", async ({ event, context }) => {
  if (!fromEscrowVoter(event)) return;
  await closeEpochs(context, event);
  await context.db.update(gauge, { address: lower(event.args.gauge) }).set({ metadataURI: event.args.metadataURI });
});
