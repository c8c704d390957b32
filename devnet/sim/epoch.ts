/**
 * One epoch of activity, block by block (S = the epoch start):
 *
 * | time               | block                                                                 |
 * | ------------------ | --------------------------------------------------------------------- |
 * | S                  | season start and gauge changes (when scheduled), releases, vault yield |
 * | S + 10 min         | beneficiaries act (airdrops, sales), exchange trades                   |
 * | S + 30 min         | locks                                                                  |
 * | S + 1 h … S + 6 d 20 h | vote slots: votes, re-votes, resets, exits (reset, then queue)     |
 * | S + 1 w + 1 h      | week 2: vault flows, exits of non-voting tokens                        |
 * | S + 1 w + 2 d      | late locks, exchange trades                                            |
 *
 * Queued exits are withdrawn in the first block after their holder's withdrawal time. The
 * live epoch (the one after the last full epoch) stops after `time.liveVoteSlots` vote slots.
 */
import { DAY, VOTE_SLOT_OFFSETS, WEEK } from "../scenario";
import type { EpochInfo, SimContext } from "./context";
import { executeLocks, planExits, planLocks, startExit, withdrawDue } from "./locking";
import { tradeRound } from "./market";
import type { Account } from "./model";
import { distributeGenesis } from "./population";
import { actOnReleases, releaseVested } from "./vesting";
import { accrueYield, vaultFlows } from "./vaults";
import { type SlotAction, applyGaugeLifecycle, executeSlot, planVotes, updateIncentives } from "./voting";

export async function runEpoch(ctx: SimContext, epoch: EpochInfo, genesisHolders: Account[] = []): Promise<void> {
  const { engine } = ctx.actions;
  const S = epoch.start;

  // Epoch start. The deployment's blocks sit at the first epoch's start, so its first block follows a minute later.
  await engine.open(epoch.index === 0 ? S + 60 : S);
  if (epoch.seasonStart && epoch.index > 0) await ctx.actions.startSeason();
  await applyGaugeLifecycle(ctx, epoch);
  updateIncentives(ctx);
  if (epoch.index === 0) await distributeGenesis(ctx, genesisHolders);
  await releaseVested(ctx);
  await accrueYield(ctx);
  await withdrawDue(ctx, engine.now);
  await engine.close(true);

  await engine.open(S + 600);
  await actOnReleases(ctx);
  await tradeRound(ctx, epoch, 1);
  await withdrawDue(ctx, engine.now);
  await engine.close();

  const locks = planLocks(ctx, epoch);
  await engine.open(S + 1_800);
  await executeLocks(ctx, locks.early);
  await withdrawDue(ctx, engine.now);
  await engine.close();

  const slotCount = epoch.live ? ctx.scenario.time.liveVoteSlots : VOTE_SLOT_OFFSETS.length;
  const slotTimes = VOTE_SLOT_OFFSETS.slice(0, slotCount).map((o) => S + o);
  const lateTs = S + WEEK + 3_600;
  const exits = planExits(ctx, epoch, slotTimes, lateTs);
  const exiting = new Set([...exits.inSlot.keys(), ...exits.late]);
  const slots = planVotes(ctx, epoch, slotTimes, exiting);
  for (const [lock, s] of exits.inSlot) (slots[s] as SlotAction[]).push({ kind: "exit", lock });
  for (let s = 0; s < slotCount; s++) {
    await engine.open(slotTimes[s] as number);
    await withdrawDue(ctx, engine.now);
    await executeSlot(ctx, slots[s] as SlotAction[], (lock) => startExit(ctx, lock));
    await engine.close();
  }
  if (epoch.live) return;
  ctx.model.snapshots[epoch.index] = ctx.model.voteShares();

  // Week 2: settlement.
  await engine.open(lateTs);
  await withdrawDue(ctx, engine.now);
  for (const lock of exits.late) await startExit(ctx, lock);
  await vaultFlows(ctx, epoch);
  await engine.close(true);

  await engine.open(S + WEEK + 2 * DAY);
  await executeLocks(ctx, locks.late);
  await tradeRound(ctx, epoch, 2);
  await withdrawDue(ctx, engine.now);
  await engine.close();
}
