/** Gauge voter: gauges, standing votes (Voted / Reset) and their history. */
import { ponder } from "ponder:registry";
import { gauge, standingVote, voteEvent } from "ponder:schema";
import { closeEpochs } from "./epochs";
import { lower, seasonAt } from "./state";

ponder.on("SimpleGaugeVoter:Voted", async ({ event, context }) => {
  const state = await closeEpochs(context, event.block);
  const a = event.args;
  const g = lower(a.gauge);
  const voter = lower(a.voter);
  const values = {
    voter,
    amount: a.votingPowerCastForGauge,
    season: seasonAt(state, event.block.timestamp),
    epoch: Number(a.epoch),
    ts: a.timestamp,
  };
  await context.db
    .insert(standingVote)
    .values({ tokenId: a.tokenId, gauge: g, ...values })
    .onConflictDoUpdate(values);
  await context.db.insert(voteEvent).values({
    id: event.id,
    kind: "voted",
    voter,
    gauge: g,
    epoch: Number(a.epoch),
    tokenId: a.tokenId,
    amount: a.votingPowerCastForGauge,
    totalInGauge: a.totalVotingPowerInGauge,
    totalInContract: a.totalVotingPowerInContract,
    timestamp: a.timestamp,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
    logIndex: event.log.logIndex,
  });
});

ponder.on("SimpleGaugeVoter:Reset", async ({ event, context }) => {
  const state = await closeEpochs(context, event.block);
  const a = event.args;
  const g = lower(a.gauge);
  const voter = lower(a.voter);
  // The row stays with amount 0: a store delete always costs a database round trip.
  const values = { voter, amount: 0n, season: seasonAt(state, event.block.timestamp), epoch: Number(a.epoch), ts: a.timestamp };
  await context.db
    .insert(standingVote)
    .values({ tokenId: a.tokenId, gauge: g, ...values })
    .onConflictDoUpdate(values);
  await context.db.insert(voteEvent).values({
    id: event.id,
    kind: "reset",
    voter,
    gauge: g,
    epoch: Number(a.epoch),
    tokenId: a.tokenId,
    amount: a.votingPowerRemovedFromGauge,
    totalInGauge: a.totalVotingPowerInGauge,
    totalInContract: a.totalVotingPowerInContract,
    timestamp: a.timestamp,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
    logIndex: event.log.logIndex,
  });
});

ponder.on("SimpleGaugeVoter:GaugeCreated", async ({ event, context }) => {
  await closeEpochs(context, event.block);
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
  await closeEpochs(context, event.block);
  await context.db.update(gauge, { address: lower(event.args.gauge) }).set({ active: true });
});

ponder.on("SimpleGaugeVoter:GaugeDeactivated", async ({ event, context }) => {
  await closeEpochs(context, event.block);
  await context.db.update(gauge, { address: lower(event.args.gauge) }).set({ active: false });
});

ponder.on("SimpleGaugeVoter:GaugeMetadataUpdated", async ({ event, context }) => {
  await closeEpochs(context, event.block);
  await context.db.update(gauge, { address: lower(event.args.gauge) }).set({ metadataURI: event.args.metadataURI });
});
