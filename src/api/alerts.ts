/**
 * Alerts on the Ponder API: loads the indexed rows the rules read, evaluates them
 * (`src/alerts/rules.ts`, pure) and serves the result.
 *
 * - `alertsApp(store)`: Hono sub-app with `GET /api/v1/alerts` and `GET /api/v1/alerts/stream`
 *   (mount with `app.route("/", alertsApp(store))`).
 * - `listAlerts(store, { since, first, after })`: one page of alerts, for GraphQL.
 *
 * The rows come through an {@link AlertStore} (src/api/queries/alertStore.ts), the same kind of
 * read-only door the rest of the API uses; this module never touches the database itself.
 *
 * The rule configuration is read once, when the API is built: a bad file stops the start-up
 * with an `AlertsConfigError` naming the rule and field. Evaluation results are cached per
 * indexed state (the `indexer_state` row, which changes with every block the indexer
 * closes epochs on), so alerts are recomputed once per new indexed block, not per request.
 */
import { loadAlertsConfig, type AlertsConfig } from "../alerts/config";
import { createAlertsApp } from "../alerts/http";
import { type AlertPage, type AlertQuery, AlertQueryError, checkAlertQuery, pageAlerts } from "../alerts/page";
import { evaluateAlerts } from "../alerts/rules";
import type { Alert, AlertInput, EntityMetricRow } from "../alerts/types";
import { InvalidParameterError } from "./errors";
import type { AlertStore } from "./queries/alertStore";

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
export async function loadAlertInput(store: AlertStore, config: AlertsConfig = alertsConfig): Promise<AlertInput> {
  const rules = config.rules.filter((r) => r.enabled);
  const scopes = new Set<string>();
  for (const r of rules) {
    if (r.type === "nakamoto" || r.type === "topShare" || r.type === "giniRise") scopes.add(r.scope);
    if (r.type === "gaugeDominance") scopes.add("GAUGE_VOTERS");
  }
  const [epochs, metrics, vaults, vesting] = await Promise.all([
    store.epochs(),
    store.metrics([...scopes]),
    rules.some((r) => r.type === "vaultTvlDrop") ? store.vaultEpochs() : Promise.resolve([]),
    rules.some((r) => r.type === "unlock") ? store.vesting() : Promise.resolve([]),
  ]);

  const dominance = rules.filter((r) => r.type === "gaugeDominance");
  const minShare = Math.min(...dominance.map((r) => r.threshold));
  const candidates = metrics.filter((row) => row.scope === "GAUGE_VOTERS" && row.gauge !== "" && row.top1Share > minShare);
  const votes: AlertInput["votes"][number][] = [];
  for (const row of candidates) votes.push(...(await store.gaugeVotes(row.epoch, row.gauge)));

  const entityMetrics: EntityMetricRow[] = [];
  if (entityMetricSource) {
    const entityScopes = new Set(rules.flatMap((r) => (r.type === "entityNakamoto" ? [r.scope] : [])));
    for (const scope of entityScopes) entityMetrics.push(...(await entityMetricSource(scope, epochs.map((e) => e.id))));
  }
  return { entityMetrics, epochs, metrics, votes, vaults, vesting };
}

/** Per store and configuration: the indexed state the alerts were evaluated on. */
const caches = new WeakMap<AlertStore, { key: string; config: AlertsConfig; alerts: Promise<Alert[]> }>();

/** All current alerts, ordered by (ts, id); recomputed when the indexed state changes. */
export async function currentAlerts(store: AlertStore, config: AlertsConfig = alertsConfig): Promise<Alert[]> {
  const key = await store.stateKey();
  if (key === undefined) return [];
  let cache = caches.get(store);
  if (cache?.key !== key || cache.config !== config) {
    const alerts = loadAlertInput(store, config).then((input) => evaluateAlerts(input, config));
    cache = { key, config, alerts };
    caches.set(store, cache);
    alerts.catch(() => {
      if (caches.get(store)?.alerts === alerts) caches.delete(store);
    });
  }
  return cache.alerts;
}

/**
 * One page of alerts with `ts >= since`, ordered by (ts, id).
 * @throws InvalidParameterError (400) for a bad `since`, `first` or `after`.
 * @example const alerts = await listAlerts(store, { since: 0, first: 50 });
 */
export async function listAlerts(store: AlertStore, query: AlertQuery = {}): Promise<Alert[]> {
  return (await listAlertPage(store, query)).alerts;
}

/** Like {@link listAlerts}, with `pageInfo` (`hasNextPage`, `endCursor` for `after`). */
export async function listAlertPage(store: AlertStore, query: AlertQuery = {}): Promise<AlertPage> {
  try {
    checkAlertQuery(query);
  } catch (error) {
    if (error instanceof AlertQueryError) throw new InvalidParameterError(error.parameter, error.detail);
    throw error;
  }
  return pageAlerts(await currentAlerts(store), query);
}

/** `GET /api/v1/alerts` and `GET /api/v1/alerts/stream` over `store`; mount with `app.route("/", alertsApp(store))`. */
export function alertsApp(store: AlertStore) {
  return createAlertsApp(() => currentAlerts(store));
}
