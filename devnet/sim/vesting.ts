/**
 * Vesting: one wallet per allocation (team, investors, ecosystem, community, foundation) with a
 * TGE share, a cliff and a linear stream. Beneficiaries release every epoch at the epoch start
 * and then act on what they received: distributors airdrop to holders (new ones arrive this
 * way), sellers send to exchanges, lockers lock and vote, holders keep it.
 */
import type { Scenario } from "../scenario";
import { EPOCH } from "../scenario";
import type { Rng } from "../rng";
import type { Hex } from "./calls";
import type { SimContext } from "./context";
import { type Account, type Model, type VestingState, WAD, roundDown } from "./model";
import { assignVoterTraits, deriveAddress, newAccount, splitByWeights } from "./population";

/** A vesting allocation as the deployer needs it (addresses filled in after deployment). */
export interface VestingPlan {
  name: string;
  beneficiary: Account;
  start: number;
  cliff: number;
  duration: number;
  tgeBps: number;
  total: bigint;
}

/** Creates the beneficiaries and the schedule of every allocation, starting at `start` (the TGE). */
export function planVesting(model: Model, scenario: Scenario, seed: number, start: number, rng: Rng): VestingPlan[] {
  const supply = BigInt(scenario.token.supply) * WAD;
  return scenario.vesting.map((v, i) => {
    const beneficiary = newAccount(model, deriveAddress(seed, scenario.name, `beneficiary-${v.name}`, i), "beneficiary", v.name);
    if (v.behaviour === "lock") {
      beneficiary.locker = true;
      beneficiary.whale = true;
      beneficiary.lockFraction = v.actShare;
      assignVoterTraits(beneficiary, scenario, rng, model.gauges.length);
      beneficiary.voter = "loyal";
      beneficiary.earlyBird = true;
      // Protocol-aligned wallets back the brBTC vaults.
      const vaultGauge = model.gauges.find((g) => g.kind === "vault");
      if (vaultGauge) beneficiary.favouriteGauge = vaultGauge.index;
    }
    return {
      name: v.name,
      beneficiary,
      start,
      cliff: v.cliffEpochs * EPOCH,
      duration: v.durationEpochs * EPOCH,
      tgeBps: v.tgeBps,
      total: (supply * BigInt(v.shareBps)) / 10_000n,
    };
  });
}

/** Registers the deployed wallets in the model. */
export function registerVestingWallets(model: Model, scenario: Scenario, plans: VestingPlan[], addresses: Hex[]): void {
  plans.forEach((p, i) => {
    const spec = scenario.vesting[i];
    if (!spec) throw new RangeError(`no vesting spec ${i}`);
    model.vesting.push({
      name: p.name,
      address: addresses[i] as Hex,
      beneficiary: p.beneficiary,
      start: p.start,
      cliff: p.cliff,
      duration: p.duration,
      tgeBps: p.tgeBps,
      total: p.total,
      released: 0n,
      behaviour: spec.behaviour,
      actShare: spec.actShare,
    });
  });
}

/** Every beneficiary releases what has vested (at the epoch-start block). */
export async function releaseVested(ctx: SimContext): Promise<void> {
  for (const wallet of ctx.model.vesting) await ctx.actions.release(wallet);
}

/** Beneficiaries act on their free balance (in the distribution block). */
export async function actOnReleases(ctx: SimContext): Promise<void> {
  const rng = ctx.rng.vesting;
  for (const wallet of ctx.model.vesting) {
    const b = wallet.beneficiary;
    const budget = roundDown((b.br * BigInt(Math.round(wallet.actShare * 1e6))) / 1_000_000n, 4);
    if (budget < WAD) continue;
    switch (wallet.behaviour) {
      case "distribute":
        await airdrop(ctx, wallet, budget, rng);
        break;
      case "sell": {
        if (ctx.exchanges.length === 0) break;
        const venues = rng.sample(ctx.exchanges, Math.min(2, ctx.exchanges.length));
        const parts = splitByWeights(budget, venues.map(() => 0.5 + rng.float()));
        for (let i = 0; i < venues.length; i++) {
          if ((parts[i] as bigint) > 0n) await ctx.actions.transferBr(b, venues[i] as Account, parts[i] as bigint, `${wallet.name} sells`);
        }
        break;
      }
      case "lock": // locks through the locking planner, every epoch
      case "hold":
        break;
    }
  }
}

/** Community and ecosystem airdrops: a few percent of holders, half of them new, Pareto-sized. */
async function airdrop(ctx: SimContext, wallet: VestingState, budget: bigint, rng: Rng): Promise<void> {
  const holders = ctx.holders;
  const k = Math.max(3, Math.round(holders.length * 0.02));
  const inactive = holders.filter((h) => !h.active);
  const newcomers = rng.sample(inactive, Math.min(inactive.length, Math.floor(k / 2)));
  const picked = new Set(newcomers);
  const active = holders.filter((h) => h.active && !picked.has(h));
  const regulars = rng.sample(active, Math.max(0, k - newcomers.length));
  const recipients = [...newcomers, ...regulars];
  if (recipients.length === 0) return;
  const parts = splitByWeights(
    budget,
    recipients.map((h) => Math.sqrt(h.weight) * (0.5 + rng.float())),
  );
  for (let i = 0; i < recipients.length; i++) {
    const amount = parts[i] as bigint;
    if (amount > 0n) await ctx.actions.transferBr(wallet.beneficiary, recipients[i] as Account, amount, `${wallet.name} airdrop`);
  }
}
