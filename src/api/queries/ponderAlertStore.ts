/**
 * {@link AlertStore} over Ponder's tables: read-only drizzle selects on the `db` of `ponder:api`
 * (the tables passed in, no import of Ponder's virtual modules).
 */
import { and, eq, inArray, type ReadonlyDrizzle } from "ponder";
import type * as Schema from "../../../ponder.schema";
import type { AlertStore } from "./alertStore";

type Tables = typeof Schema;
// biome-ignore lint: the drizzle type of Ponder's read-only db over our tables
type Db = ReadonlyDrizzle<any>;

export function createPonderAlertStore(db: Db, t: Tables): AlertStore {
  return {
    async stateKey() {
      const [state] = await db.select().from(t.indexerState).where(eq(t.indexerState.id, 0));
      return state ? JSON.stringify(state, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) : undefined;
    },
    epochs: () =>
      db
        .select({
          id: t.epoch.id,
          startTs: t.epoch.startTs,
          windowEnd: t.epoch.windowEnd,
          season: t.epoch.season,
          finalized: t.epoch.finalized,
          eligiblePower: t.epoch.eligiblePower,
          castPower: t.epoch.castPower,
          circulatingSupply: t.epoch.circulatingSupply,
        })
        .from(t.epoch),
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
      const [rows, vaults] = await Promise.all([
        db.select().from(t.vaultEpoch),
        db.select({ address: t.vault.address, name: t.vault.name }).from(t.vault),
      ]);
      const name = new Map(vaults.map((v: { address: string; name: string }) => [v.address, v.name]));
      return rows.map((v: typeof t.vaultEpoch.$inferSelect) => ({
        vault: v.vault,
        name: name.get(v.vault) ?? v.vault,
        epoch: v.epoch,
        tvlAtWindowEnd: v.tvlAtWindowEnd,
        tvlAtEpochEnd: v.tvlAtEpochEnd,
      }));
    },
    // whole rows: the rules' VestingRow is a Pick of the allocation row
    vesting: () => db.select().from(t.vestingAllocation),
  };
}
