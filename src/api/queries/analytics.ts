/**
 * The analytics behind GraphQL and REST: one method per query, taking validated arguments
 * (see `args.ts`) and returning JSON-ready views (`views.ts`; amounts as decimal strings).
 *
 * Epoch kinds:
 * - stored: the chain passed the epoch's window end; its snapshot rows and `epochMetric` are read.
 *   `finalized` once the chain passed the epoch end; answers about it never change.
 * - live: the current epoch before its window end; computed from the live tables with
 *   `computeConcentration` and cached until the next indexed block.
 *
 * The pieces: `context.ts` (store, caches, indexing position, epoch resolution),
 * `populations.ts` (the amounts a metric is computed over), `epochViews.ts`, and one module per
 * group of answers: `indexAnswers.ts`, `concentrationAnswers.ts`, `steeringAnswers.ts`,
 * `supplyAnswers.ts`, `accounts.ts`.
 *
 * @example
 * const analytics = createAnalytics(store, { history });
 * const view = await analytics.concentration({ epoch: 12, scope: "CAST_VOTES" });
 */
import { createAccountQueries } from "./accounts";
import { concentrationAnswers } from "./concentrationAnswers";
import { type AnalyticsOptions, createContext } from "./context";
import { indexAnswers } from "./indexAnswers";
import { steeringAnswers } from "./steeringAnswers";
import type { AnalyticsStore } from "./store";
import { supplyAnswers } from "./supplyAnswers";

export type { AlertSource, AnalyticsOptions } from "./context";
export { decodeCursor, encodeCursor, sortDistribution } from "./distribution";

export type Analytics = ReturnType<typeof createAnalytics>;

/** Builds the analytics service over a store. */
export function createAnalytics(store: AnalyticsStore, options: AnalyticsOptions = {}) {
  const ctx = createContext(store, options);
  const core = { ...indexAnswers(ctx), ...concentrationAnswers(ctx), ...steeringAnswers(ctx), ...supplyAnswers(ctx) };
  const accounts = createAccountQueries({
    store,
    history: options.history,
    blockTimestamp: options.blockTimestamp,
    status: core.status,
    rankOf: core.rankOf,
    epochVotes: core.epochVotes,
    alerts: core.alerts,
  });
  return { ...core, ...accounts };
}
