/**
 * Answers about the index itself: its position, the epochs and seasons it holds, and the alerts
 * (cached per indexed block).
 */
import type { AlertView, EpochView, SeasonView, StatusView } from "../views";
import type { AnalyticsContext } from "./context";
import { epochView } from "./epochViews";

export function indexAnswers(ctx: AnalyticsContext) {
  return {
    /** Indexing position: latest block, live epoch, last closed and finalized epochs. */
    async status(): Promise<StatusView> {
      const pos = await ctx.position();
      const finalized = pos.stored.filter((e) => e.finalized);
      return {
        block: pos.checkpoint.blockNumber,
        timestamp: pos.checkpoint.timestamp,
        liveEpoch: pos.liveEpoch,
        lastClosedEpoch: pos.stored[pos.stored.length - 1]?.id ?? null,
        lastFinalizedEpoch: finalized[finalized.length - 1]?.id ?? null,
      };
    },

    /** Whether every epoch in [from, to] is finalized (so an answer about them is immutable). */
    async allFinalized(from: number, to: number): Promise<boolean> {
      const pos = await ctx.position();
      for (let id = from; id <= to; id++) {
        const record = pos.stored.find((e) => e.id === id);
        if (!record?.finalized) return false;
      }
      return true;
    },

    async epochs(args: { from?: number; to?: number }): Promise<EpochView[]> {
      const pos = await ctx.position();
      return Promise.all(ctx.rangeOf(pos, args.from, args.to).map((ref) => epochView(ctx, ref, pos)));
    },

    async epoch(id: number): Promise<EpochView> {
      const { ref, pos } = await ctx.resolveEpoch(id);
      return epochView(ctx, ref, pos);
    },

    async seasons(): Promise<SeasonView[]> {
      const seasons = await ctx.store.seasons();
      return seasons.map((s, i) => ({
        number: s.number,
        startTs: s.startTs,
        startEpoch: s.startEpoch,
        endTs: seasons[i + 1]?.startTs ?? null,
      }));
    },

    async alerts(args: { since?: number; first: number }): Promise<AlertView[]> {
      if (!ctx.options.listAlerts) return [];
      const pos = await ctx.position();
      return ctx.blockCache.get(pos.checkpoint.id, `alerts:${args.since}:${args.first}`, () =>
        ctx.options.listAlerts!(args),
      );
    },
  };
}
