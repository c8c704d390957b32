/**
 * Answers about the concentration of one population: its metrics (by address or by entity),
 * the entity uplift, the Lorenz curve, the series over epochs, the ranked distribution, an
 * owner's rank, and the entities themselves.
 */
import { entityUplift } from "../../entities/index";
import { lorenzCurve, seasonDrift } from "../../metrics/index";
import type { MetricScope } from "../../domain/scopes";
import type { ConcentrationSeriesView, ConcentrationView, DistributionView } from "../views";
import type { AnalyticsContext } from "./context";
import { decodeCursor, encodeCursor, indexAfter, metricsView, str } from "./distribution";
import { liveEpochView } from "./epochViews";
import { checkGauge, concentrationOf, distributionOf, entityConcentrationOf, entityQueries } from "./populations";
import { ratio } from "./vaultStickiness";

export function concentrationAnswers(ctx: AnalyticsContext) {
  return {
    async concentration(args: { epoch: number; scope: MetricScope; gauge?: string; points?: number; by?: "ADDRESS" | "ENTITY" }): Promise<ConcentrationView> {
      const gauge = checkGauge(args.scope, args.gauge);
      const { ref, pos } = await ctx.resolveEpoch(args.epoch);
      if (args.by === "ENTITY") return entityConcentrationOf(ctx, ref, pos, args.scope, gauge, args.points);
      const view = await concentrationOf(ctx, ref, pos, args.scope, gauge);
      if (args.points !== undefined) {
        const dist = await distributionOf(ctx, ref, pos, args.scope, gauge);
        view.lorenz = lorenzCurve(
          dist.map((h) => h.amount),
          args.points,
        );
      }
      return view;
    },

    /** Address-level vs entity-level Nakamoto-50, Gini and top-1 share of one population. */
    async uplift(args: { epoch: number; scope: MetricScope; gauge?: string }) {
      const gauge = checkGauge(args.scope, args.gauge);
      const { ref, pos } = await ctx.resolveEpoch(args.epoch);
      const [dist, keyOf] = await Promise.all([distributionOf(ctx, ref, pos, args.scope, gauge), entityQueries(ctx).keyOf()]);
      return { epoch: ref.id, scope: args.scope, gauge: gauge === "" ? null : gauge, finalized: ref.finalized, ...entityUplift(dist, keyOf) };
    },

    /** An entity by id, or the entity of an address, with every member's evidence. */
    async entity(id: string) {
      return entityQueries(ctx).entity(id);
    },

    /** Every entity (two or more addresses, or labelled), largest first. */
    async entities() {
      return entityQueries(ctx).entities();
    },

    /** The entity id of an address (null: in no entity). */
    async entityIdOf(address: string): Promise<string | null> {
      return ctx.options.entities ? ctx.options.entities.entityIdOf(address) : null;
    },

    /** Lorenz curve of one population (GraphQL's `Concentration.lorenz`). */
    async lorenz(args: { epoch: number; scope: MetricScope; gauge: string | null; points?: number }) {
      const { ref, pos } = await ctx.resolveEpoch(args.epoch);
      const dist = await distributionOf(ctx, ref, pos, args.scope, args.gauge ?? "");
      return lorenzCurve(
        dist.map((h) => h.amount),
        args.points,
      );
    },

    async concentrationSeries(args: {
      scope: MetricScope;
      fromEpoch?: number;
      toEpoch?: number;
      gauge?: string;
    }): Promise<ConcentrationSeriesView> {
      const gauge = checkGauge(args.scope, args.gauge);
      const pos = await ctx.position();
      const refs = ctx.rangeOf(pos, args.fromEpoch, args.toEpoch, ["fromEpoch", "toEpoch"]);
      const storedIds = refs.filter((r) => r.kind === "stored").map((r) => r.id);
      const rows =
        storedIds.length === 0
          ? []
          : await ctx.store.metrics(args.scope, gauge, Math.min(...storedIds), Math.max(...storedIds));
      const byEpoch = new Map(rows.map((r) => [r.epoch, r]));
      const points = await Promise.all(
        refs.map(async (ref) => {
          const row = byEpoch.get(ref.id);
          const head = {
            epoch: ref.id,
            scope: args.scope,
            gauge: gauge === "" ? null : gauge,
            finalized: ref.finalized,
            live: ref.kind === "live",
          };
          const view: ConcentrationView = row ? { ...head, ...metricsView(row) } : await concentrationOf(ctx, ref, pos, args.scope, gauge);
          const season = ref.kind === "stored" ? ref.record.season : (await liveEpochView(ctx, pos, ref.id)).season;
          return { ...view, season };
        }),
      );
      const seasons = seasonDrift(points.map((p) => ({ epoch: p.epoch, season: p.season, value: p.gini }))).map((s) => ({
        season: s.season,
        firstEpoch: s.firstEpoch,
        lastEpoch: s.lastEpoch,
        change: s.change,
        jump: s.jump,
      }));
      return { scope: args.scope, gauge: gauge === "" ? null : gauge, points, seasons };
    },

    async distribution(args: {
      epoch: number;
      scope: MetricScope;
      gauge?: string;
      first: number;
      after?: string;
    }): Promise<DistributionView> {
      const gauge = checkGauge(args.scope, args.gauge);
      const cursor = args.after === undefined ? undefined : decodeCursor(args.after);
      const { ref, pos } = await ctx.resolveEpoch(args.epoch);
      const dist = await distributionOf(ctx, ref, pos, args.scope, gauge);
      const total = dist.reduce((acc, h) => acc + h.amount, 0n);
      const start = cursor === undefined ? 0 : indexAfter(dist, cursor);
      const page = dist.slice(start, start + args.first);
      const last = page[page.length - 1];
      return {
        epoch: ref.id,
        scope: args.scope,
        gauge: gauge === "" ? null : gauge,
        finalized: ref.finalized,
        live: ref.kind === "live",
        total: str(total),
        totalCount: dist.length,
        items: page.map((h, i) => ({ rank: start + i + 1, owner: h.owner, amount: str(h.amount), share: ratio(h.amount, total) })),
        pageInfo: { endCursor: last ? encodeCursor(last) : null, hasNextPage: start + page.length < dist.length },
      };
    },

    /** The owner's rank in one population of an epoch (null when not in it). */
    async rankOf(epoch: number, scope: MetricScope, gauge: string, owner: string) {
      const { ref, pos } = await ctx.resolveEpoch(epoch);
      const dist = await distributionOf(ctx, ref, pos, scope, gauge);
      const index = dist.findIndex((h) => h.owner === owner);
      if (index < 0) return null;
      return { amount: dist[index]!.amount, rank: index + 1, of: dist.length, total: dist.reduce((acc, h) => acc + h.amount, 0n) };
    },
  };
}
