/**
 * {@link AlertStore} over Ponder's tables: the vault and vesting rows come through the API's
 * {@link AnalyticsStore} (one reader of those tables); what only the rules need (the state key,
 * metrics of a set of scopes over every gauge, one gauge's votes, whole epoch rows with their
 * times as bigints) is read here with read-only drizzle selects on the `db` of `ponder:api`.
 */
import { and, eq, inArray, type ReadonlyDrizzle } from "ponder";
import type * as Schema from "../../../ponder.schema";
import type { AlertStore } from "./alertStore";
import type { AnalyticsStore } from "./store";

type Tables = typeof Schema;
// biome-ignore lint: the drizzle type of Ponder's read-only db over our tables
type Db = ReadonlyDrizzle<any>;

export function createPonderAlertStore(db: Db, t: Tables, store: Pick<AnalyticsStore, "vaults" | "vaultEpochs" | "allocations">): AlertStore {
  return {
    async stateKey() {
      const [state] = await db.select().from(t.indexerState).where(eq(t.indexerState.id, 0));
      return state ? JSON.stringify(state, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) : undefined;
    },
    // whole rows: the rules' EpochRow is a Pick of the stored epoch row
    epochs: () => db.select().from(t.epoch),
    async metrics(scopes) {
      if (scopes.length === 0) return [];
      const m = t.epochMetric;
      return db
        .select({
          epoch: m.epoch,
          scope: m.scope,
          gauge: m.gauge,
          n: m.n,
          total: m.total,
          gini: m.gini,
          nakamoto50: m.nakamoto50,
          top1Share: m.top1Share,
          top5Share: m.top5Share,
          top10Share: m.top10Share,
        })
        .from(m)
        .where(inArray(m.scope, [...scopes] as (typeof m.scope._.data)[]));
    },
    gaugeVotes: (epoch, gauge) =>
      db
        .select({ epoch: t.epochVote.epoch, gauge: t.epochVote.gauge, voter: t.epochVote.voter, amount: t.epochVote.amount })
        .from(t.epochVote)
        .where(and(eq(t.epochVote.epoch, epoch), eq(t.epochVote.gauge, gauge as `0x${string}`))),
    async vaultEpochs() {
      const vaults = await store.vaults();
      const series = await Promise.all(vaults.map((v) => store.vaultEpochs(v.address)));
      return vaults.flatMap((v, i) =>
        series[i]!.map((r) => ({ vault: v.address, name: v.name, epoch: r.epoch, tvlAtWindowEnd: r.tvlAtWindowEnd, tvlAtEpochEnd: r.tvlAtEpochEnd })),
      );
    },
    vesting: () => store.allocations(),
  };
}
