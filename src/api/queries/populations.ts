/**
 * The populations the metrics are computed over, for a stored epoch (its snapshot rows) or the
 * live one (the live tables at the indexed block): amounts per owner sorted into a
 * {@link Distribution}, their concentration, and the same grouped by entity.
 *
 * @example
 * const dist = await distributionOf(ctx, ref, pos, "CAST_VOTES", "");
 */
import { voterAt } from "../../domain/chainRules";
import { seasonOf } from "../../domain/seasons";
import { votingPowerAt } from "../../domain/votingPower";
import { groupByEntity } from "../../entities/index";
import { computeConcentration, lorenzCurve } from "../../metrics/index";
import type { MetricScope } from "../../domain/scopes";
import { InvalidParameterError, NotReadyError } from "../errors";
import type { ConcentrationView } from "../views";
import type { AnalyticsContext, EpochRef, Position } from "./context";
import { type Distribution, metricsView, sortDistribution } from "./distribution";
import type { EntityQueries } from "./entities";
import type { VoteFilter, VoteScope } from "./liveVotes";
import type { Holding, VoteRecord } from "./store";

const isVoteScope = (scope: MetricScope): scope is VoteScope => scope === "CAST_VOTES" || scope === "GAUGES" || scope === "GAUGE_VOTERS";

export async function seasonStarts(ctx: AnalyticsContext): Promise<bigint[]> {
  return (await ctx.store.seasons()).map((s) => BigInt(s.startTs));
}

/** The season in force at the checkpoint and the escrow's voter then (null: none), read once per indexed position. */
function voteFilter(ctx: AnalyticsContext, pos: Position): Promise<VoteFilter | null> {
  return ctx.blockCache.get(pos.checkpoint.id, "voteFilter", async () => {
    const [starts, rules] = await Promise.all([seasonStarts(ctx), ctx.store.chainRules()]);
    const voter = rules ? (voterAt(rules.voters, pos.checkpoint.blockNumber)?.address ?? null) : null;
    return voter === null ? null : { season: seasonOf(BigInt(pos.checkpoint.timestamp), starts), voterContract: voter.toLowerCase() };
  });
}

/** The standing votes that count at the checkpoint: the season in force, held by the escrow's voter then. */
export async function liveVotes(ctx: AnalyticsContext, pos: Position): Promise<VoteRecord[]> {
  const filter = await voteFilter(ctx, pos);
  return filter === null ? [] : ctx.liveVotes.votes(pos.checkpoint.id, filter);
}

/** A vote scope's distribution at the checkpoint, kept sorted from block to block. */
async function liveVoteDistribution(ctx: AnalyticsContext, pos: Position, scope: VoteScope, gauge: string): Promise<Distribution> {
  const filter = await voteFilter(ctx, pos);
  return filter === null ? [] : ctx.liveVotes.distribution(pos.checkpoint.id, filter, scope, gauge);
}

/** The live amounts of a scope that is not a vote scope (those follow the votes: {@link liveVoteDistribution}). */
async function liveAmounts(ctx: AnalyticsContext, pos: Position, scope: Exclude<MetricScope, VoteScope>): Promise<Holding[]> {
  switch (scope) {
    case "ELIGIBLE_POWER": {
      const [locks, rules] = await Promise.all([ctx.store.liveLocks(), ctx.store.chainRules()]);
      if (!rules || !pos.state) return [];
      // As a block at the checkpoint evaluates `votingPowerAt(id, now)`.
      const now = BigInt(pos.checkpoint.timestamp);
      const evaluation = { now, warmup: pos.state.warmup, seasonStarts: pos.state.seasonStarts, curve: rules.curve };
      return locks.map((l) => ({
        owner: l.owner,
        amount: votingPowerAt(
          { amount: l.amount, start: l.startTs, writtenTs: l.writtenTs, exitCheckpointTs: l.exitCheckpointTs },
          now,
          evaluation,
        ),
      }));
    }
    case "LOCKED_BR":
      return (await ctx.store.liveLocks()).map((l) => ({ owner: l.owner, amount: l.amount }));
    case "BR_HOLDINGS":
      return ctx.store.liveHoldings();
  }
}

export function checkGauge(scope: MetricScope, gauge: string | undefined): string {
  if (scope === "GAUGE_VOTERS") {
    if (gauge === undefined) throw new InvalidParameterError("gauge", "required when scope is GAUGE_VOTERS");
    return gauge;
  }
  if (gauge !== undefined) throw new InvalidParameterError("gauge", `only used with scope GAUGE_VOTERS, not ${scope}`);
  return "";
}

export async function distributionOf(ctx: AnalyticsContext, ref: EpochRef, pos: Position, scope: MetricScope, gauge: string): Promise<Distribution> {
  return ctx.cached(ref, pos, `dist:${ref.id}:${scope}:${gauge}`, async () =>
    ref.kind === "stored"
      ? sortDistribution(await ctx.store.storedAmounts(ref.id, scope, gauge))
      : isVoteScope(scope)
        ? liveVoteDistribution(ctx, pos, scope, gauge)
        : sortDistribution(await liveAmounts(ctx, pos, scope)),
  );
}

/** The metrics of one population (a fresh object: callers may add `lorenz`). */
export async function concentrationOf(ctx: AnalyticsContext, ref: EpochRef, pos: Position, scope: MetricScope, gauge: string): Promise<ConcentrationView> {
  const view = await ctx.cached(ref, pos, `conc:${ref.id}:${scope}:${gauge}`, async (): Promise<ConcentrationView> => {
    const head = { epoch: ref.id, scope, gauge: gauge === "" ? null : gauge, finalized: ref.finalized, live: ref.kind === "live" };
    if (ref.kind === "stored") {
      const [row] = await ctx.store.metrics(scope, gauge, ref.id, ref.id);
      if (row) return { ...head, ...metricsView(row) };
    }
    // live epoch, or no stored row (e.g. a gauge without votes): compute from the population
    return { ...head, ...metricsOf(await distributionOf(ctx, ref, pos, scope, gauge)) };
  });
  return { ...view };
}

/**
 * The metrics of a distribution, computed once per distribution: a live vote distribution is
 * the same array from block to block until a vote changes it (`SortedDistribution.rows()`).
 */
const metricsByDistribution = new WeakMap<Distribution, ReturnType<typeof metricsView>>();
function metricsOf(dist: Distribution): ReturnType<typeof metricsView> {
  let metrics = metricsByDistribution.get(dist);
  if (metrics === undefined) {
    metrics = metricsView(computeConcentration(dist.map((h) => h.amount)));
    metricsByDistribution.set(dist, metrics);
  }
  return metrics;
}

export function entityQueries(ctx: AnalyticsContext): EntityQueries {
  if (!ctx.options.entities) throw new NotReadyError("entity clustering is not configured on this server");
  return ctx.options.entities;
}

/** The population grouped by entity (an address in no entity is its own). */
export async function entityDistributionOf(ctx: AnalyticsContext, ref: EpochRef, pos: Position, scope: MetricScope, gauge: string): Promise<Distribution> {
  const [dist, keyOf] = await Promise.all([distributionOf(ctx, ref, pos, scope, gauge), entityQueries(ctx).keyOf()]);
  return sortDistribution(groupByEntity(dist, keyOf));
}

/** Concentration of one population by entity (computed at read time: the clustering can grow with every block). */
export async function entityConcentrationOf(ctx: AnalyticsContext, ref: EpochRef, pos: Position, scope: MetricScope, gauge: string, points?: number): Promise<ConcentrationView> {
  const dist = await entityDistributionOf(ctx, ref, pos, scope, gauge);
  const amounts = dist.map((h) => h.amount);
  const head = { epoch: ref.id, scope, gauge: gauge === "" ? null : gauge, finalized: ref.finalized, live: ref.kind === "live", by: "ENTITY" as const };
  const view: ConcentrationView = { ...head, ...metricsView(computeConcentration(amounts)) };
  if (points !== undefined) view.lorenz = lorenzCurve(amounts, points);
  return view;
}
