/**
 * The HTTP API (wiring only):
 *
 * | path                | what                                                            |
 * | ------------------- | --------------------------------------------------------------- |
 * | `/`                 | dashboard (reads the REST API)                                  |
 * | `/graphql`          | analytics GraphQL (POST; GraphiQL on GET)                       |
 * | `/graphiql/assets/*` | GraphiQL's files, served from node_modules (no CDN)            |
 * | `/api/v1/...`       | REST for the same data, `?format=csv`, OpenAPI at `/api/v1/openapi.json` |
 * | `/api/v1/alerts`    | alerts (and `/api/v1/alerts/stream`, Server-Sent Events)        |
 * | `/ponder/graphql`   | Ponder's generated GraphQL over every table (GraphiQL on GET)   |
 * | `/sql/*`            | read-only SQL over HTTP for `@ponder/client` (refused SQL: 400) |
 * | `/api/v1/export/:table` | bulk export of the per-epoch tables and lock history (CSV, Parquet) |
 * | `/api/v1/health`    | the health monitor's report (503 once the index no longer matches the chain) |
 *
 * Ponder adds `/health`, `/ready`, `/status` and `/metrics`.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql } from "ponder";
import { getProfile } from "../config/load";
import { alertsApp, listAlerts, setEntityMetricSource } from "./alerts";
import { createDashboardApp } from "./dashboard";
import { createGraphiqlAssetsApp, graphiqlPage } from "./graphiql";
import { MAX_BODY_BYTES, createGraphqlApp } from "./graphql";
import { healthGate, startHealthMonitor } from "./health";
import { createAnalytics } from "./queries/analytics";
import { createBlockTimestamps } from "./queries/blockTimestamps";
import { createPonderHistoryStore } from "./queries/ponderHistoryStore";
import { createPonderStore } from "./queries/ponderStore";
import { createPonderAlertStore } from "./queries/ponderAlertStore";
import { createEntityQueries, labelsFromEnv } from "./queries/entities";
import { createPonderEntityStore } from "./queries/entityStore";
import { createExportApp } from "./export";
import { createRestApp } from "./rest";
import { followGeneration, responseCacheBytes, responseCacheFromEnv, servedFromCache } from "./responseCache";
import { LiveResponses } from "./liveResponses";
import { freshRead } from "./freshRead";
import type { AnalyticsStore } from "./queries/store";
import { indexGeneration } from "./queries/indexGeneration";
import { getTableName, getViewName, isTable, isView } from "drizzle-orm";
import { apiLimitsFromEnv } from "./apiLimits";
import { requestGate } from "./requestGate";
import { sqlOverHttp } from "./sql";
import { viewEpochFilter } from "./viewFilter";
import { ponderSqlExecutor } from "./sqlExecutor";

const profile = getProfile();
const ponderStore = createPonderStore(db, schema);
// every reader of the indexed position shares one checkpoint read at a time, never one begun before it asked
const store: AnalyticsStore = { ...ponderStore, checkpoint: freshRead(() => ponderStore.checkpoint()) };
const history = createPonderHistoryStore(db, schema);
const alertStore = createPonderAlertStore(db, schema, store);
const analytics = createAnalytics(store, {
  listAlerts: (args) => listAlerts(alertStore, args),
  history,
  blockTimestamp: createBlockTimestamps(profile.rpc[0]!),
  // clustered at read time, once per indexed block; labels file: VE_LENS_ENTITY_LABELS (optional)
  entities: createEntityQueries(createPonderEntityStore(db, schema), {
    block: async () => (await store.checkpoint())?.blockNumber ?? 0,
    labels: labelsFromEnv(),
  }),
});

// entityNakamoto alert rules read the address-vs-entity uplift of every stored epoch
setEntityMetricSource(async (scope, epochs) =>
  Promise.all(
    epochs.map(async (epoch) => {
      const u = await analytics.uplift({ epoch, scope: scope as never });
      return { epoch, scope, n: u.address.n, addressNakamoto50: u.address.nakamoto50, entityN: u.entity.n, entityNakamoto50: u.entity.nakamoto50 };
    }),
  ),
);

const monitor = startHealthMonitor({
  db,
  chainId: profile.chainId,
  rpcUrl: profile.rpc[0]!,
  indexedBlock: async () => (await store.checkpoint())?.blockNumber,
});

const sqlExecutor = ponderSqlExecutor();
const limits = apiLimitsFromEnv(process.env, sqlExecutor.dialect); // VE_LENS_SQL*, VE_LENS_MAX_CONCURRENT, ... (src/api/apiLimits.ts)
const gate = requestGate(limits.gate); // fair queue for database reads: 429 per client, 503 after VE_LENS_DB_WAIT_MS
const schemaViews = Object.entries(schema).filter(([, v]) => isView(v)) as [string, Parameters<typeof getViewName>[0]][]; // per epoch: epochLockPower, epochVote, epochHolding
const sqlViews = new Set(schemaViews.map(([, v]) => getViewName(v)));
const viewFields = new Set(schemaViews.map(([name]) => `${name.charAt(0).toLowerCase()}${name.slice(1)}s`)); // Ponder's plural field names
const sqlTables = new Set<string>([...(Object.values(schema) as unknown[]).filter(isTable).map((t) => getTableName(t)), ...sqlViews, "_ponder_checkpoint"]);

// finalized answers kept serialized (REST and GraphQL concentration), per build of the index: src/api/responseCache.ts
const responses = responseCacheFromEnv(process.env);
followGeneration(responses, indexGeneration(db, () => store.checkpoint()));
// answers about the live state (REST and GraphQL concentration), per indexed position: src/api/liveResponses.ts
const live = new LiveResponses(async () => (await store.checkpoint())?.id ?? null, responseCacheBytes(process.env) / 4);

const app = new Hono();

app.use("*", healthGate(() => monitor)); // 503 instead of stale numbers after an unrecoverable reorg

// stored answers read no database (live ones: the shared checkpoint read): served before the admission control below
for (const path of ["/graphql", "/api/v1/*"]) app.use(path, servedFromCache(responses, { maxBodyBytes: MAX_BODY_BYTES, live }));
for (const path of ["/graphql", "/ponder/graphql", "/sql/db", "/api/v1/*"]) {
  app.use(path, (c, next) => (c.req.path === "/api/v1/alerts/stream" ? next() : gate(c, next))); // the stream is long-lived
}
// refused SQL: 400 BAD_SQL / SQL_BUDGET naming the limit; reads the real tables on PGlite too
app.use("/sql/*", sqlOverHttp({ limits: limits.sql, tables: sqlTables, views: sqlViews, executor: sqlExecutor, live: client({ db, schema }) }));
app.get("/ponder/graphql", graphiqlPage({ title: "Ponder GraphQL", endpoint: "/ponder/graphql" })); // Ponder's own page uses a CDN
app.use("/ponder/graphql", viewEpochFilter(viewFields)); // 400 VIEW_EPOCH for a view read over every epoch
app.use("/ponder/graphql", graphql({ db, schema }));
app.route("/", createGraphqlApp(analytics, { responses, live }));
app.route("/", createGraphiqlAssetsApp());
app.route("/", alertsApp(alertStore)); // before the REST app, whose catch-all answers unknown /api/v1 paths
app.route("/api/v1", createExportApp(history)); // binary answers: its own sub-app
app.route("/api/v1", createRestApp(analytics, { responses, live }));
app.route("/", createDashboardApp());

export default app;
