/**
 * Alerts on the Ponder API: loads the indexed rows the rules read, evaluates them
 * (`src/alerts/rules.ts`, pure) and serves the result.
 *
 * - `alerts`: Hono sub-app with `GET /api/v1/alerts` and `GET /api/v1/alerts/stream`
 *   (mount with `app.route("/", alerts)`).
 * - `listAlerts(db, { since, first, after })`: one page of alerts, for GraphQL.
 *
 * The rule configuration is read once, when the API is built: a bad file stops the start-up
 * with an `AlertsConfigError` naming the rule and field. Evaluation results are cached per
 * indexed state (the `indexer_state` row, which changes with every block the indexer
 * closes epochs on), so alerts are recomputed once per new indexed block, not per request.
 */
import { db as apiDb } from "ponder:api";
import * as schema from "ponder:schema";
import { and, eq, inArray } from "ponder";
import { loadAlertsConfig, type AlertsConfig } from "../alerts/config.js";
import { createAlertsApp } from "../alerts/http.js";
import { type AlertPage, type AlertQuery, AlertQueryError, checkAlertQuery, pageAlerts } from "../alerts/page.js";
import { evaluateAlerts } from "../alerts/rules.js";
import type { Alert, AlertInput, EntityMetricRow, MetricRow } from "../alerts/types.js";
import { InvalidParameterError } from "./errors.js";

type ApiDb = typeof apiDb;

const loaded = loadAlertsConfig();
/** The rule configuration in force (validated at start-up). */
export const alertsConfig: AlertsConfig = loaded.config;
console.log(`ve-lens alerts: ${alertsConfig.rules.filter((r) => r.enabled).length} rules from ${loaded.source}`);

/** Entity-level Nakamoto of stored epochs (set by the API's entry point: the clustering lives with the analytics). */
export type EntityMetricSource = (scope: string, epochs: readonly number[]) => Promise<EntityMetricRow[]>;
let entityMetricSource: EntityMetricSource | undefined;

/** Gives `entityNakamoto` rules their numbers (without it they never fire). */
export function setEntityMetricSource(source: EntityMetricSource): void {
  entityMetricSource = source;
}

/** Reads every row the rules need. Vote rows only for gauges a dominance rule may fire on. */
export async function loadAlertInput(db: ApiDb, config: AlertsConfig = alertsConfig): Promise<AlertInput> {
  const rules = config.rules.filter((r) => r.enabled);
  const scopes = new Set<string>();
  for (const r of rules) {
    if (r.type === "nakamoto" || r.type === "topShare" || r.type === "giniRise") scopes.add(r.scope);
    if (r.type === "gaugeDominance") scopes.add("GAUGE_VOTERS");
  }
  const m = schema.epochMetric;
  const [epochs, metrics, vaultEpochs, vaults, vesting] = await Promise.all([
    db
      .select({
        id: schema.epoch.id,
        startTs: schema.epoch.startTs,
        windowEnd: schema.epoch.windowEnd,
        season: schema.epoch.season,
        finalized: schema.epoch.finalized,
        eligiblePower: schema.epoch.eligiblePower,
        castPower: schema.epoch.castPower,
        circulatingSupply: schema.epoch.circulatingSupply,
      })
      .from(schema.epoch),
    scopes.size === 0
      ? Promise.resolve([] as MetricRow[])
      : db
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
          .where(inArray(m.scope, [...scopes] as (typeof schema.epochMetric.scope._.data)[])),
    rules.some((r) => r.type === "vaultTvlDrop") ? db.select().from(schema.vaultEpoch) : Promise.resolve([]),
    db.select({ address: schema.vault.address, name: schema.vault.name }).from(schema.vault),
    rules.some((r) => r.type === "unlock") ? db.select().from(schema.vestingAllocation) : Promise.resolve([]),
  ]);

  const dominance = rules.filter((r) => r.type === "gaugeDominance");
  const minShare = Math.min(...dominance.map((r) => r.threshold));
  const candidates = metrics.filter((row) => row.scope === "GAUGE_VOTERS" && row.gauge !== "" && row.top1Share > minShare);
  const votes: AlertInput["votes"][number][] = [];
  for (const row of candidates) {
    const rows = await db
      .select({ epoch: schema.epochVote.epoch, gauge: schema.epochVote.gauge, voter: schema.epochVote.voter, amount: schema.epochVote.amount })
      .from(schema.epochVote)
      .where(and(eq(schema.epochVote.epoch, row.epoch), eq(schema.epochVote.gauge, row.gauge as `0x${string}`)));
    votes.push(...rows);
  }

  const entityMetrics: EntityMetricRow[] = [];
  if (entityMetricSource) {
    const entityScopes = new Set(rules.flatMap((r) => (r.type === "entityNakamoto" ? [r.scope] : [])));
    for (const scope of entityScopes) entityMetrics.push(...(await entityMetricSource(scope, epochs.map((e) => e.id))));
  }

  const vaultName = new Map(vaults.map((v) => [v.address, v.name]));
  return {
    entityMetrics,
    epochs,
    metrics,
    votes,
    vaults: vaultEpochs.map((v) => ({
      vault: v.vault,
      name: vaultName.get(v.vault) ?? v.vault,
      epoch: v.epoch,
      tvlAtWindowEnd: v.tvlAtWindowEnd,
      tvlAtEpochEnd: v.tvlAtEpochEnd,
    })),
    vesting: vesting.map((w) => ({
      address: w.address,
      name: w.name,
      start: w.start,
      cliff: w.cliff,
      duration: w.duration,
      tgeBps: w.tgeBps,
      total: w.total,
    })),
  };
}

let cache: { key: string; alerts: Promise<Alert[]> } | undefined;

/** All current alerts, ordered by (ts, id); recomputed when the indexed state changes. */
export async function currentAlerts(db: ApiDb = apiDb): Promise<Alert[]> {
  const [state] = await db.select().from(schema.indexerState).where(eq(schema.indexerState.id, 0));
  if (!state) return [];
  const key = JSON.stringify(state, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  if (cache?.key !== key) {
    const alerts = loadAlertInput(db).then((input) => evaluateAlerts(input, alertsConfig));
    cache = { key, alerts };
    alerts.catch(() => {
      if (cache?.alerts === alerts) cache = undefined;
    });
  }
  return cache.alerts;
}

/**
 * One page of alerts with `ts >= since`, ordered by (ts, id).
 * @throws InvalidParameterError (400) for a bad `since`, `first` or `after`.
 * @example const alerts = await listAlerts(db, { since: 0, first: 50 });
 */
export async function listAlerts(db: ApiDb, query: AlertQuery = {}): Promise<Alert[]> {
  return (await listAlertPage(db, query)).alerts;
}

/** Like {@link listAlerts}, with `pageInfo` (`hasNextPage`, `endCursor` for `after`). */
export async function listAlertPage(db: ApiDb, query: AlertQuery = {}): Promise<AlertPage> {
  try {
    checkAlertQuery(query);
  } catch (error) {
    if (error instanceof AlertQueryError) throw new InvalidParameterError(error.parameter, error.detail);
    throw error;
  }
  return pageAlerts(await currentAlerts(db), query);
}

/** `GET /api/v1/alerts` and `GET /api/v1/alerts/stream`; mount with `app.route("/", alerts)`. */
export const alerts = createAlertsApp(() => currentAlerts(apiDb));

export default alerts;
