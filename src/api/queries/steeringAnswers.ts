/**
 * Answers about who steers emissions in an epoch: emission steering and persistence of the
 * largest voters, the gauges' totals, and every vote.
 */
import { emissionSteering, participation, persistence } from "../../metrics/index";
import type { GaugeView, InfluenceView } from "../views";
import type { AnalyticsContext } from "./context";
import { str } from "./distribution";
import { epochView } from "./epochViews";
import { liveVotes } from "./populations";
import type { VoteRecord } from "./store";
import { ratio } from "./vaultStickiness";

export function steeringAnswers(ctx: AnalyticsContext) {
  return {
    async influence(args: { epoch: number; top: number; k: number }): Promise<InfluenceView> {
      const { ref, pos } = await ctx.resolveEpoch(args.epoch);
      return ctx.cached(ref, pos, `influence:${ref.id}:${args.top}:${args.k}`, async () => {
        const votes = ref.kind === "stored" ? await ctx.store.storedVotes(ref.id, ref.id) : await liveVotes(ctx, pos);
        const steering = emissionSteering(votes, args.top);
        const epoch = await epochView(ctx, ref, pos);
        const turnout = participation({
          castPower: BigInt(epoch.castPower),
          eligiblePower: BigInt(epoch.eligiblePower),
          voters: epoch.voters,
          eligibleOwners: epoch.eligibleOwners,
        });
        // previous epochs, most recent first (only indexed ones)
        const firstPrev = Math.max(0, ref.id - args.k);
        const history = args.k === 0 || ref.id === 0 ? [] : await ctx.store.storedVotes(firstPrev, ref.id - 1);
        const previous: Map<string, bigint>[] = [];
        for (let id = ref.id - 1; id >= firstPrev; id--) {
          if (!pos.stored.some((e) => e.id === id)) break;
          const map = new Map<string, bigint>();
          for (const v of history) if (v.epoch === id) map.set(v.voter, (map.get(v.voter) ?? 0n) + v.amount);
          previous.push(map);
        }
        const current = new Map<string, bigint>();
        for (const v of votes) current.set(v.voter, (current.get(v.voter) ?? 0n) + v.amount);
        const persist = persistence(current, previous, args.k);
        return {
          epoch: ref.id,
          finalized: ref.finalized,
          live: ref.kind === "live",
          top: args.top,
          total: str(steering.total),
          topShare: steering.topNShare,
          topVoters: steering.topVoters.map((v) => ({ voter: v.voter, amount: str(v.amount), share: v.share })),
          gauges: steering.gauges.map((g) => ({
            gauge: g.gauge,
            total: str(g.total),
            voters: g.voters,
            topShare: g.topNShare,
            topVoter: g.topVoter,
            topVoterAmount: str(g.topVoterAmount),
            topVoterShare: g.topVoterShare,
          })),
          mostCaptured: steering.mostCaptured
            ? { ...steering.mostCaptured, total: str(steering.mostCaptured.total) }
            : null,
          participation: {
            powerShare: turnout.powerShare,
            voterShare: turnout.voterShare,
            castPower: epoch.castPower,
            eligiblePower: epoch.eligiblePower,
            voters: epoch.voters,
            eligibleOwners: epoch.eligibleOwners,
          },
          persistence: {
            k: args.k,
            kUsed: persist.kUsed,
            share: persist.share,
            currentPower: str(persist.currentPower),
            persistentPower: str(persist.persistentPower),
            currentVoters: persist.currentVoters,
            persistentVoters: persist.persistentVoters,
          },
        };
      });
    },

    async gauges(args: { epoch: number }): Promise<GaugeView[]> {
      const { ref, pos } = await ctx.resolveEpoch(args.epoch);
      return ctx.cached(ref, pos, `gauges:${ref.id}`, async () => {
        const [known, vaults] = await Promise.all([ctx.store.gauges(), ctx.store.vaults()]);
        let totals: { gauge: string; votes: bigint; voters: number }[];
        if (ref.kind === "stored") {
          totals = await ctx.store.storedGauges(ref.id);
        } else {
          const byGauge = new Map<string, { votes: bigint; voters: Set<string> }>();
          for (const v of await liveVotes(ctx, pos)) {
            const entry = byGauge.get(v.gauge) ?? { votes: 0n, voters: new Set<string>() };
            entry.votes += v.amount;
            entry.voters.add(v.voter);
            byGauge.set(v.gauge, entry);
          }
          totals = [...byGauge].map(([gauge, e]) => ({ gauge, votes: e.votes, voters: e.voters.size }));
        }
        const all = totals.reduce((acc, g) => acc + g.votes, 0n);
        const meta = new Map(known.map((g) => [g.address, g]));
        const vaultOf = new Map(vaults.map((v) => [v.gauge, v.address]));
        return totals
          .filter((g) => g.votes > 0n)
          .sort((a, b) => (a.votes > b.votes ? -1 : a.votes < b.votes ? 1 : a.gauge < b.gauge ? -1 : 1))
          .map((g) => ({
            epoch: ref.id,
            gauge: g.gauge,
            metadataURI: meta.get(g.gauge)?.metadataURI ?? null,
            active: meta.get(g.gauge)?.active ?? null,
            vault: vaultOf.get(g.gauge) ?? null,
            votes: str(g.votes),
            share: ratio(g.votes, all),
            voters: g.voters,
          }));
      });
    },

    /** Every vote of an epoch: its stored snapshot, or the live standing votes. */
    async epochVotes(epoch: number): Promise<VoteRecord[]> {
      const { ref, pos } = await ctx.resolveEpoch(epoch);
      return ref.kind === "stored" ? ctx.cached(ref, pos, `votes:${ref.id}`, () => ctx.store.storedVotes(ref.id, ref.id)) : liveVotes(ctx, pos);
    },
  };
}
