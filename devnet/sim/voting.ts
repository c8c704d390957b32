/**
 * Gauge voting. Every gauge offers an off-chain incentive per epoch (a mean-reverting log
 * random walk with occasional campaigns); voters weight gauges by incentive^sensitivity, so
 * votes flip towards gauges that offer more. A minority votes every epoch (re-voting emits
 * Reset then Voted), most vote sporadically and let their votes stand, some never vote; a few
 * reset explicitly. Votes are frozen amounts (floor(weight·power/Σweights) at the vote). After a
 * season start the old season's votes no longer count (every token shows "not voting"), so
 * voters come back.
 */
import type { Rng } from "../rng";
import type { EpochInfo, SimContext } from "./context";
import type { Account, GaugeState, LockState } from "./model";

/** Moves every gauge's incentive level to this epoch's value. */
export function updateIncentives(ctx: SimContext): void {
  const rng = ctx.rng.voting;
  for (const g of ctx.model.gauges) {
    g.drift = 0.6 * g.drift + g.volatility * rng.normal();
    if (rng.chance(0.08)) g.drift += 0.8 + rng.float(); // an incentive campaign
    g.incentive = g.baseIncentive * Math.exp(g.drift);
  }
}

/** The owner's gauge changes scheduled for this epoch's start: creations, (de)activations, metadata updates. */
export async function applyGaugeLifecycle(ctx: SimContext, epoch: EpochInfo): Promise<void> {
  for (const g of ctx.model.gauges) {
    const spec = ctx.scenario.gauges[g.index];
    if (!spec) continue;
    if (epoch.index > 0 && spec.createdAtEpoch === epoch.index) await ctx.actions.createGauge(g);
    if (spec.deactivatedAtEpoch === epoch.index) await ctx.actions.deactivateGauge(g);
    if (spec.reactivatedAtEpoch === epoch.index) await ctx.actions.activateGauge(g);
    if (spec.metadataUpdatedAtEpoch === epoch.index) await ctx.actions.updateGaugeMetadata(g, `${g.metadataURI.replace(/\/v\d+$/, "")}/v2`);
  }
}

/** A voter's split: 1..maxGaugesPerVote gauges picked by incentive, weights following incentives. */
export function chooseAllocation(ctx: SimContext, voter: Account, rng: Rng): { gauge: number; weight: number }[] {
  const gauges = ctx.model.gauges;
  const beta = ctx.scenario.voting.incentiveSensitivity;
  const max = Math.min(ctx.scenario.voting.maxGaugesPerVote, gauges.length);
  let k = 1;
  while (k < max && rng.chance(voter.whale ? 0.6 : 0.35)) k++;
  const attraction = gauges.map((g: GaugeState) => (g.active ? g.incentive ** beta : 0));
  const chosen: number[] = [];
  if (voter.favouriteGauge >= 0 && gauges[voter.favouriteGauge]?.active) chosen.push(voter.favouriteGauge);
  while (chosen.length < k) {
    const w = attraction.map((a, i) => (chosen.includes(i) ? 0 : a));
    if (!w.some((x) => x > 0)) break;
    chosen.push(rng.weightedIndex(w));
  }
  const total = chosen.reduce((s, i) => s + (attraction[i] as number), 0);
  return chosen.map((i) => ({
    gauge: i,
    weight: Math.max(1, Math.round((1000 * (attraction[i] as number) * (0.7 + 0.6 * rng.float())) / total)),
  }));
}

export type SlotAction =
  | { kind: "vote"; lock: LockState; allocation: { gauge: number; weight: number }[]; why: string }
  | { kind: "reset"; lock: LockState }
  | { kind: "exit"; lock: LockState };

/**
 * Plans the epoch's voting actions per vote slot. `exiting` tokens neither vote nor reset
 * (their exit is planned separately and added by the caller).
 */
export function planVotes(ctx: SimContext, epoch: EpochInfo, slotTimes: readonly number[], exiting: Set<LockState>): SlotAction[][] {
  const rng = ctx.rng.voting;
  const { model, scenario } = ctx;
  const slots: SlotAction[][] = slotTimes.map(() => []);
  const voters = [...ctx.holders, ...ctx.beneficiaries].filter((a) => a.tokens.length > 0);
  for (const voter of voters) {
    const locks = model.liveLocks(voter).filter((l) => !exiting.has(l));
    if (locks.length === 0) continue;
    const anyStanding = locks.some((l) => model.isVoting(l, epoch.start));
    let votes = false;
    if (voter.voter === "loyal") votes = true;
    else if (voter.voter === "sporadic") {
      const p = scenario.voting.sporadicProbability;
      votes = rng.chance(epoch.seasonStart || !anyStanding ? Math.min(0.9, p * 2.5) : p);
    }
    if (votes) {
      const slot = voter.earlyBird ? rng.int(0, Math.min(2, slotTimes.length - 1)) : rng.weightedIndex(slotTimes.map((_, i) => (i === slotTimes.length - 1 ? 3 : 2)));
      // Tokens still warming up at the chosen slot vote in the first slot where they have power.
      const allocation = chooseAllocation(ctx, voter, rng);
      if (allocation.length === 0) continue; // every gauge is inactive
      for (const lock of locks) {
        let s = slot;
        while (s < slotTimes.length && model.votingPowerAt(lock, slotTimes[s] as number) === 0n) s++;
        if (s < slotTimes.length) {
          (slots[s] as SlotAction[]).push({ kind: "vote", lock, allocation, why: `${voter.voter}, epoch ${epoch.epoch}` });
        }
      }
    } else {
      for (const lock of locks) {
        if (model.isVoting(lock, epoch.start) && rng.chance(scenario.voting.resetProbability)) {
          (slots[rng.int(0, slotTimes.length - 1)] as SlotAction[]).push({ kind: "reset", lock });
        }
      }
    }
  }
  return slots;
}

/** Runs one slot's actions in a shuffled order (votes, resets and exits interleave as on a real chain). */
export async function executeSlot(ctx: SimContext, actions: SlotAction[], startExit: (lock: LockState) => Promise<void>): Promise<void> {
  const rng = ctx.rng.voting;
  rng.shuffle(actions);
  for (const a of actions) {
    if (a.kind === "vote") {
      if (a.lock.exitQueuedAt !== 0) continue;
      await ctx.actions.vote(a.lock, a.allocation, a.why);
    } else if (a.kind === "reset") {
      if (ctx.model.isVoting(a.lock, ctx.actions.engine.now)) await ctx.actions.reset(a.lock, "voter steps back");
    } else {
      await startExit(a.lock);
    }
  }
}
