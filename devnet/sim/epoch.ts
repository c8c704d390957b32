/**
 * One epoch of activity, block by block (S = the epoch start):
 *
 * | time               | block                                                                 |
 * | ------------------ | --------------------------------------------------------------------- |
 * | S                  | gauge changes (when scheduled), releases, vault yield (always mined)   |
 * | S + 10 min         | beneficiaries act (airdrops, sales), exchange trades                   |
 * | S + 30 min         | locks (they start at S + 1 w: power from the next epoch's window)      |
 * | S + 1 h … S + 6 d 20 h | vote slots: votes, re-votes, resets, exits                         |
 * | S + 1 w − 1 h      | the window end: an empty block, so the chain's views can be read there |
 * | S + 1 w + 1 h      | week 2: `newSeason()` when the next epoch starts a season, vault flows, exits of non-voting tokens |
 * | S + 1 w + 2 d      | late locks (they start at S + 2 w), exchange trades                    |
 *
 * Queued exits are withdrawn in the first block after their holder's withdrawal time. The
 * live epoch (the one after the last full epoch) stops after `time.liveVoteSlots` vote slots.
 * Before the first epoch, {@link runGenesisWeek} plays the deployment week (G = S − 1 w):
 * the genesis airdrop at G + 1 min and the first locks at G + 30 min, which start at S.
 */
import { DAY, VOTE_SLOT_OFFSETS, WEEK, windowEndOf } from "../scenario";
import type { EpochInfo, SimContext } from "./context";
import { fundEntityRoots, fundEntityWallets, lateLockEntityWallets, lockEntityRoots, lockEntityWallets, planEntityVotes } from "./entities";
import { executeLocks, planExits, planLocks, startExit, withdrawDue } from "./locking";
import { tradeRound } from "./market";
import type { Account } from "./model";
import { distributeGenesis } from "./population";
import { actOnReleases, releaseVested } from "./vesting";
import { accrueYield, vaultFlows } from "./vaults";
import { type SlotAction, applyGaugeLifecycle, executeSlot, planVotes, updateIncentives } from "./voting";

/**
 * The deployment week before the first epoch (`first` is the first epoch; its start S): the
 * genesis airdrop, then the first locks (they start at S, warm long before S + 1 h).
 */
export async function runGenesisWeek(ctx: SimContext, first: EpochInfo, genesisHolders: Account[]): Promise<void> {
  const { engine } = ctx.actions;
  const G = first.start - WEEK;
  await engine.open(G + 60);
  await distributeGenesis(ctx, genesisHolders);
  await fundEntityRoots(ctx);
  await engine.close(true);
  const locks = planLocks(ctx, first);
  await engine.open(G + 1_800);
  await executeLocks(ctx, [...locks.early, ...locks.late]);
  await lockEntityRoots(ctx);
  await engine.close();
}

export async function runEpoch(ctx: SimContext, epoch: EpochInfo): Promise<void> {
  const { engine } = ctx.actions;
  const S = epoch.start;

  await engine.open(S);
  ctx.model.now = S;
  await applyGaugeLifecycle(ctx, epoch);
  updateIncentives(ctx);
  await releaseVested(ctx);
  await accrueYield(ctx);
  await withdrawDue(ctx, engine.now);
  await engine.close(true);

  await engine.open(S + 600);
  await actOnReleases(ctx);
  await tradeRound(ctx, epoch, 1);
  await fundEntityWallets(ctx, epoch);
  await withdrawDue(ctx, engine.now);
  await engine.close();

  const locks = planLocks(ctx, epoch);
  await engine.open(S + 1_800);
  await executeLocks(ctx, locks.early);
  await lockEntityWallets(ctx, epoch);
  await withdrawDue(ctx, engine.now);
  await engine.close();

  const slotCount = epoch.live ? ctx.scenario.time.liveVoteSlots : VOTE_SLOT_OFFSETS.length;
  const slotTimes = VOTE_SLOT_OFFSETS.slice(0, slotCount).map((o) => S + o);
  const lateTs = S + WEEK + 3_600;
  const exits = planExits(ctx, epoch, slotTimes, lateTs);
  const exiting = new Set([...exits.inSlot.keys(), ...exits.late]);
  const slots = planVotes(ctx, epoch, slotTimes, exiting);
  planEntityVotes(ctx, epoch, slotTimes, exiting, slots);
  for (const [lock, s] of exits.inSlot) (slots[s] as SlotAction[]).push({ kind: "exit", lock });
  for (let s = 0; s < slotCount; s++) {
    await engine.open(slotTimes[s] as number);
    await withdrawDue(ctx, engine.now);
    await executeSlot(ctx, slots[s] as SlotAction[], (lock) => startExit(ctx, lock));
    await engine.close();
  }
  if (epoch.live) return;

  // The window end: an empty block at exactly S + 1w − 1h; the epoch's numbers are read there.
  const windowEnd = windowEndOf(S);
  await engine.open(windowEnd);
  const block = (await engine.close(true)) as number;
  ctx.model.now = windowEnd;
  ctx.model.snapshots[epoch.index] = ctx.model.voteShares();
  ctx.model.reports[epoch.index] = ctx.model.report(epoch.index, windowEnd, block);

  // Week 2: settlement; the clock is told to start the next epoch's season (it starts at the next checkpoint, S + 2w).
  await engine.open(lateTs);
  if (epoch.nextSeasonStart) await ctx.actions.newSeason();
  await withdrawDue(ctx, engine.now);
  for (const lock of exits.late) await startExit(ctx, lock);
  await vaultFlows(ctx, epoch);
  await engine.close(true);

  await engine.open(S + WEEK + 2 * DAY);
  await executeLocks(ctx, locks.late);
  await lateLockEntityWallets(ctx, epoch);
  await tradeRound(ctx, epoch, 2);
  await withdrawDue(ctx, engine.now);
  await engine.close();
}
