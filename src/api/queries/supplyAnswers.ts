/**
 * Answers about supply and the vaults: the unlock schedule of the vesting allocations, the
 * vaults, and a vault's TVL per epoch with its stickiness after incentive drops.
 */
import { type VestingSchedule, vestedAmount } from "../../domain/vesting";
import { InvalidParameterError, NotFoundError } from "../errors";
import type { UnlockScheduleView, VaultTvlView, VaultView } from "../views";
import type { AnalyticsContext } from "./context";
import { str } from "./distribution";
import type { AllocationRecord } from "./store";
import { unlockSchedule } from "./unlockSchedule";
import { ratio, vaultStickiness } from "./vaultStickiness";

/** The vesting schedule of an indexed allocation. */
function scheduleOf(a: AllocationRecord): VestingSchedule {
  return { start: a.start, cliff: a.cliff, duration: a.duration, tgeBps: BigInt(a.tgeBps), total: a.total };
}

export function supplyAnswers(ctx: AnalyticsContext) {
  return {
    async unlockSchedule(args: { from?: number; to?: number; step: number }): Promise<UnlockScheduleView> {
      const pos = await ctx.position();
      const [allocations, releases, supply] = await Promise.all([
        ctx.store.allocations(),
        ctx.store.releases(),
        ctx.store.supplyPoints(),
      ]);
      const asOf = pos.checkpoint.timestamp;
      const schedule = unlockSchedule(
        allocations.map((a) => ({ name: a.name, address: a.address, schedule: scheduleOf(a) })),
        supply.map((s) => ({ ts: s.ts, circulatingSupply: s.circulatingSupply })),
        { from: args.from, to: args.to, step: args.step, asOf },
      );
      return {
        asOf,
        totalAllocated: str(schedule.totalAllocated),
        allocations: allocations.map((a) => {
          const vested = vestedAmount(scheduleOf(a), BigInt(asOf));
          return {
            name: a.name,
            address: a.address,
            beneficiary: a.beneficiary,
            start: Number(a.start),
            cliff: Number(a.cliff),
            duration: Number(a.duration),
            tgeBps: a.tgeBps,
            total: str(a.total),
            released: str(a.released),
            vested: str(vested),
            percentUnlocked: ratio(vested, a.total),
            releases: releases.filter((r) => r.wallet === a.address).map((r) => ({ ts: r.timestamp, amount: str(r.amount) })),
          };
        }),
        points: schedule.points.map((p) => ({
          ts: p.ts,
          projected: p.projected,
          unlocked: str(p.unlocked),
          locked: str(p.locked),
          percentUnlocked: p.percentUnlocked,
          circulatingSupply: p.circulatingSupply === null ? null : str(p.circulatingSupply),
        })),
        upcoming: schedule.upcoming.map((u) => ({ ts: u.ts, allocation: u.allocation, amount: str(u.amount) })),
      };
    },

    async vaults(): Promise<VaultView[]> {
      const vaults = await ctx.store.vaults();
      return vaults.map((v) => ({ ...v, totalAssets: str(v.totalAssets), totalShares: str(v.totalShares) }));
    },

    async vaultTvl(args: { vault: string; fromEpoch?: number; toEpoch?: number; lag: number; drop: number }): Promise<VaultTvlView> {
      if (args.fromEpoch !== undefined && args.toEpoch !== undefined && args.toEpoch < args.fromEpoch) {
        throw new InvalidParameterError("toEpoch", `must be >= fromEpoch (fromEpoch=${args.fromEpoch}, toEpoch=${args.toEpoch})`);
      }
      const pos = await ctx.position();
      const vaults = await ctx.store.vaults();
      const vault = vaults.find((v) => v.address === args.vault);
      if (!vault) {
        throw new NotFoundError(
          "vault",
          `unknown vault ${args.vault}: indexed vaults are ${vaults.map((v) => v.address).join(", ") || "none"}`,
        );
      }
      const rows = await ctx.store.vaultEpochs(vault.address);
      const castByEpoch = new Map(pos.stored.map((e) => [e.id, e.castPower]));
      const finalizedByEpoch = new Map(pos.stored.map((e) => [e.id, e.finalized]));
      const samples = rows.map((r) => {
        const cast = castByEpoch.get(r.epoch);
        const gaugeShare =
          r.votesAtWindowEnd === null || cast === undefined ? null : cast === 0n ? 0 : ratio(r.votesAtWindowEnd, cast);
        return { row: r, gaugeShare };
      });
      const sticky = vaultStickiness(
        samples.map((s) => ({ epoch: s.row.epoch, tvl: s.row.tvlAtWindowEnd, gaugeShare: s.gaugeShare })),
        args.lag,
        args.drop,
      );
      const inRange = (e: number) =>
        (args.fromEpoch === undefined || e >= args.fromEpoch) && (args.toEpoch === undefined || e <= args.toEpoch);
      const events = sticky.events.filter((e) => inRange(e.epoch));
      return {
        vault: vault.address,
        name: vault.name,
        lag: args.lag,
        drop: args.drop,
        stickiness: events.length === 0 ? null : events.reduce((acc, e) => acc + e.retained, 0) / events.length,
        events: events.map((e) => ({ ...e, tvlAtDrop: str(e.tvlAtDrop), tvlAfterLag: str(e.tvlAfterLag) })),
        points: samples
          .filter((s) => inRange(s.row.epoch))
          .map((s) => ({
            epoch: s.row.epoch,
            finalized: finalizedByEpoch.get(s.row.epoch) ?? false,
            tvl: s.row.tvlAtWindowEnd === null ? null : str(s.row.tvlAtWindowEnd),
            tvlAtEpochEnd: s.row.tvlAtEpochEnd === null ? null : str(s.row.tvlAtEpochEnd),
            deposits: str(s.row.deposits),
            withdrawals: str(s.row.withdrawals),
            gaugeVotes: s.row.votesAtWindowEnd === null ? null : str(s.row.votesAtWindowEnd),
            gaugeShare: s.gaugeShare,
          })),
      };
    },
  };
}
