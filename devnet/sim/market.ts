/**
 * Exchange flows: holders buy from and sell to exchange hot wallets, and newcomers arrive by
 * buying. Exchanges only ever transfer; they never lock or vote.
 */
import type { EpochInfo, SimContext } from "./context";
import { type Account, WAD, roundDown, units } from "./model";

/**
 * One round of trading (two per epoch). Newcomers: the inactive holders arrive evenly over the
 * run; traders: a share of the active holders buys or sells.
 */
export async function tradeRound(ctx: SimContext, epoch: EpochInfo, round: number): Promise<void> {
  const { scenario, exchanges, holders, actions } = ctx;
  if (exchanges.length === 0) return;
  const rng = ctx.rng.market;
  const epochsLeft = Math.max(1, scenario.time.epochs + 1 - epoch.index);
  const inactive = holders.filter((h) => !h.active);
  const arrivals = rng.sample(inactive, Math.ceil(inactive.length / epochsLeft / 2));
  const active = holders.filter((h) => h.active);
  const traders = rng.sample(active, Math.round((active.length * scenario.exchanges.tradersPerEpoch) / 2));
  // Median genesis holding, for sizing buys.
  const avg = Number(BigInt(scenario.token.supply) * BigInt(scenario.holders.floatShareBps)) / 10_000 / Math.max(1, holders.length);

  const pickExchange = (): Account => exchanges[rng.weightedIndex(exchanges.map((e) => Number(e.br / WAD) + 1))] as Account;
  const buy = async (h: Account, size: number, why: string): Promise<void> => {
    const venue = pickExchange();
    let amount = roundDown(units(size), rng.chance(0.5) ? 2 : 5);
    const cap = venue.br / 50n;
    if (amount > cap) amount = cap;
    if (amount >= WAD) await actions.transferBr(venue, h, amount, why);
  };

  for (const h of arrivals) await buy(h, avg * h.weight * (0.2 + rng.float()), `buy in (round ${round})`);
  for (const h of traders) {
    const sells = h.br > WAD && rng.chance(h.locker ? 0.3 : 0.5);
    if (sells) {
      const fraction = rng.chance(0.4) ? 1 : 0.2 + rng.float() * 0.6;
      let amount = fraction === 1 ? h.br : roundDown((h.br * BigInt(Math.round(fraction * 1e6))) / 1_000_000n, 3);
      if (amount > h.br) amount = h.br;
      if (amount > 0n) await actions.transferBr(h, pickExchange(), amount, "sell");
    } else {
      await buy(h, avg * Math.sqrt(h.weight) * (0.1 + rng.float()), "buy");
    }
  }
}
