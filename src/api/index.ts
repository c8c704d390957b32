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
import { getProfile } from "../indexing/profile";
import { alerts, listAlerts, setEntityMetricSource } from "./alerts";
import { createDashboardApp } from "./dashboard";
import { createGraphiqlAssetsApp, graphiqlPage } from "./graphiql";
import { createGraphqlApp } from "./graphql";
import { healthGate, startHealthMonitor } from "./health";
import { createAnalytics } from "./queries/analytics";
import { createBlockTimestamps } from "./queries/blockTimestamps";
import { createPonderHistoryStore } from "./queries/ponderHistoryStore";
import { createPonderStore } from "./queries/ponderStore";
import { createEntityQueries, labelsFromEnv } from "./queries/entities";
import { createPonderEntityStore } from "./queries/entityStore";
import { createExportApp } from "./export";
import { createRestApp } from "./rest";
import { guardSql } from "./sql";

const profile = getProfile();
const store = createPonderStore(db, schema);
const history = createPonderHistoryStore(db, schema);
const analytics = createAnalytics(store, {
  listAlerts: (args) => listAlerts(db, args),
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

const app = new Hono();

app.use("*", healthGate(() => monitor)); // 503 instead of stale numbers after an unrecoverable reorg

app.use("/sql/*", guardSql(client({ db, schema }))); // refused SQL: 400 BAD_SQL, no server paths
app.get("/ponder/graphql", graphiqlPage({ title: "Ponder GraphQL", endpoint: "/ponder/graphql" })); // Ponder's own page uses a CDN
app.use("/ponder/graphql", graphql({ db, schema }));
app.route("/", createGraphqlApp(analytics));
app.route("/", createGraphiqlAssetsApp());
app.route("/", alerts); // before the REST app, whose catch-all answers unknown /api/v1 paths
app.route("/api/v1", createExportApp(history)); // binary answers: its own sub-app
app.route("/api/v1", createRestApp(analytics));
app.route("/", createDashboardApp());

export default app;
