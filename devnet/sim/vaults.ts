/**
 * brBTC vaults. Each vault's gauge steers emissions to it; depositors follow the gauge's vote
 * share with a lag (`vaults.lagEpochs`), closing part of the gap to a target TVL each epoch.
 * Sticky depositors never leave, so part of the TVL stays after incentives drop. Vaults earn a
 * small yield (BTCB donated to the vault), which raises the share price. A little churn
 * happens every epoch whatever the target.
 */
import type { Rng } from "../rng";
import type { EpochInfo, SimContext } from "./context";
import { type Account, SATS, toFloat, units } from "./model";

/** Donates the epoch's yield to every vault (epoch-start block). */
export async function accrueYield(ctx: SimContext): Promise<void> {
  const bps = BigInt(ctx.scenario.vaults.yieldBpsPerEpoch);
  for (const v of ctx.model.vaults) {
    const amount = (v.assets * bps) / 10_000n;
    if (amount > 0n) await ctx.actions.donateYield(v.index, amount);
  }
}

/** Target TVL of each vault (BTC) from the vote share `lagEpochs` epochs ago. */
export function targetTvl(ctx: SimContext, epoch: EpochInfo): number[] {
  const { baseTvlBtc, tvlPerVoteShareBtc, lagEpochs } = ctx.scenario.vaults;
  const snapshot = ctx.model.snapshots[epoch.index - lagEpochs];
  return ctx.model.vaults.map((v) => baseTvlBtc + tvlPerVoteShareBtc * (snapshot ? (snapshot[v.gauge] ?? 0) : 0));
}

async function depositTicket(ctx: SimContext, depositor: Account, vault: number, btc: number): Promise<void> {
  const assets = units(btc, 8);
  if (assets < SATS / 1000n) return;
  if (depositor.btc < assets) {
    // Bridged in: mint a round amount of BTCB covering the deposit.
    const need = assets - depositor.btc;
    const rounded = ((need + SATS / 10n - 1n) / (SATS / 10n)) * (SATS / 10n);
    await ctx.actions.mintBtc(depositor, rounded);
  }
  await ctx.actions.deposit(depositor, vault, assets);
}

/** A deposit size (BTC): heavy-tailed, scaled to the vault's target so a gap takes a few dozen tickets. */
function ticketSize(rng: Rng, target: number): number {
  const scale = Math.max(0.02, target / 60);
  return Math.min(target / 3, scale * 0.4 * rng.pareto(1.3) * (0.5 + rng.float()));
}

/** Week-2 vault flows towards each vault's target, plus churn. */
export async function vaultFlows(ctx: SimContext, epoch: EpochInfo): Promise<void> {
  const { model, depositors } = ctx;
  if (depositors.length === 0) return;
  const rng = ctx.rng.vaults;
  const targets = targetTvl(ctx, epoch);
  const resp = ctx.scenario.vaults.responsiveness;
  for (const v of model.vaults) {
    const tvl = toFloat(v.assets, 8);
    const gap = ((targets[v.index] as number) - tvl) * resp * (0.7 + 0.6 * rng.float());
    if (gap > 0) {
      let remaining = gap;
      let guard = 0;
      while (remaining > 0.001 && guard++ < 200) {
        const size = Math.min(remaining, ticketSize(rng, targets[v.index] as number));
        await depositTicket(ctx, rng.pick(depositors), v.index, size);
        remaining -= size;
      }
    } else if (gap < 0) {
      let remaining = -gap;
      const leavers = rng.shuffle(depositors.filter((d) => !d.sticky && (d.shares[v.index] ?? 0n) > 0n));
      for (const d of leavers) {
        if (remaining <= 0) break;
        const held = d.shares[v.index] as bigint;
        const shares = rng.chance(0.6) ? held : held / 2n;
        if (shares === 0n) continue;
        const assets = await ctx.actions.redeem(d, v.index, shares);
        remaining -= toFloat(assets, 8);
      }
    }
    // Churn: a couple of small deposits and one withdrawal whatever the target.
    const churnIn = rng.int(1, 2);
    for (let i = 0; i < churnIn; i++) await depositTicket(ctx, rng.pick(depositors), v.index, ticketSize(rng, targets[v.index] as number) / 4);
    const positions = depositors.filter((d) => !d.sticky && (d.shares[v.index] ?? 0n) > 0n);
    if (positions.length > 0) {
      const d = rng.pick(positions);
      const held = d.shares[v.index] as bigint;
      const shares = rng.chance(0.5) ? held : held / 3n;
      if (shares > 0n) await ctx.actions.redeem(d, v.index, shares);
    }
  }
}
