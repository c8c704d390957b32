/**
 * Locking and exits. Many small lockers and a few large ones (whales and the locking vesting
 * beneficiaries lock most of what they hold); some holders lock several times. A lock starts at
 * the next weekly checkpoint. Exits go through the queue: the owner approves the escrow for the
 * veNFT; a token voting in the current season exits with `resetVotesAndBeginWithdrawal` in the
 * voting window, any other with `beginWithdrawal`; the exit needs voting power and `minLock`
 * since the lock's start, and the holder withdraws after the exit date.
 */
import type { EpochInfo, SimContext } from "./context";
import { type Account, type LockState, WAD, roundDown } from "./model";

/** Who locks in this epoch, and in which block (early: after the epoch start; late: in week 2). */
export interface LockPlan {
  early: Account[];
  late: Account[];
}

export function planLocks(ctx: SimContext, epoch: EpochInfo): LockPlan {
  const rng = ctx.rng.locking;
  const plan: LockPlan = { early: [], late: [] };
  const candidates = [...ctx.holders, ...ctx.beneficiaries];
  for (const a of candidates) {
    if (!a.locker || !a.active) continue;
    const hasLocks = a.tokens.length > 0;
    let wants = false;
    if (a.kind === "beneficiary") wants = true;
    else if (!hasLocks) wants = epoch.index >= a.firstLockEpoch;
    else wants = rng.chance(ctx.scenario.locking.relockProbability * (a.whale ? 1.5 : 1));
    if (!wants) continue;
    (rng.chance(epoch.live ? 1 : 0.65) ? plan.early : plan.late).push(a);
  }
  return plan;
}

/** Locks a share of the account's free balance, often a round number. */
export async function lockShare(ctx: SimContext, account: Account): Promise<LockState | null> {
  const rng = ctx.rng.locking;
  const fraction = account.tokens.length === 0 ? account.lockFraction : account.lockFraction * (0.3 + rng.float() * 0.7);
  let amount = (account.br * BigInt(Math.round(fraction * 1e6))) / 1_000_000n;
  if (rng.chance(0.55)) amount = roundDown(amount, rng.chance(0.5) ? 1 : 2);
  if (amount < WAD) return null;
  return ctx.actions.createLock(account, amount);
}

export async function executeLocks(ctx: SimContext, accounts: Account[]): Promise<void> {
  for (const a of accounts) await lockShare(ctx, a);
}

/** Exits started this epoch: voting tokens reset first in a vote slot; the others exit in week 2. */
export interface ExitPlan {
  /** Token → vote slot index where it is reset (if voting) and queued. */
  inSlot: Map<LockState, number>;
  /** Tokens queued in the week-2 block. */
  late: LockState[];
}

export function planExits(ctx: SimContext, epoch: EpochInfo, slotTimes: readonly number[], lateTs: number): ExitPlan {
  const rng = ctx.rng.locking;
  const { minLock } = ctx.scenario.exitQueue;
  const plan: ExitPlan = { inSlot: new Map(), late: [] };
  for (const lock of ctx.model.locks) {
    if (lock.exitQueuedAt !== 0) continue;
    const p = ctx.scenario.exits.probabilityPerEpoch * (lock.owner.whale ? 0.4 : 1) * (lock.owner.kind === "beneficiary" ? 0 : 1);
    if (!rng.chance(p)) continue;
    const earliest = lock.start + minLock;
    if (ctx.model.isVoting(lock, epoch.start) || epoch.live) {
      const slots = slotTimes.map((t, i) => (t >= earliest ? i : -1)).filter((i) => i >= 0);
      if (slots.length > 0) plan.inSlot.set(lock, rng.pick(slots));
    } else if (lateTs >= earliest) {
      plan.late.push(lock);
    }
  }
  return plan;
}

/** Queues the token's exit (resetting its current-season votes in the same call when it votes). */
export async function startExit(ctx: SimContext, lock: LockState): Promise<void> {
  const delayDays = ctx.rng.locking.int(0, ctx.scenario.exits.withdrawDelayMaxDays);
  await ctx.actions.beginWithdrawal(lock, delayDays * 86_400 + ctx.rng.locking.int(0, 3_600));
}

/** Withdraws every queued lock whose holder wants out by `ts`. */
export async function withdrawDue(ctx: SimContext, ts: number): Promise<void> {
  for (const lock of ctx.model.locks) {
    if (lock.exitQueuedAt !== 0 && !lock.withdrawn && lock.withdrawAt <= ts) await ctx.actions.withdraw(lock);
  }
}
