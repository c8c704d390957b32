/**
 * The production layout on PostgreSQL: one `ponder start --schema A --views-schema B` indexer
 * and two `ponder serve --schema B` API replicas on the same database. Every replica must
 * answer the analytics endpoints exactly like the indexer (same status, same body).
 *
 * Needs PostgreSQL: `DATABASE_URL` (CI: `eval "$(bash .ci/postgres.sh)"`), or the server
 * binaries installed locally (a throwaway cluster is started). Skipped, with the reason, only
 * when neither is there and `CI` is not set; in CI it fails instead.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresServer, type TestDatabase, createTestDatabase, findPostgres, withClient } from "../../devnet/postgres";
import { type Chain, startChain } from "../../devnet/harness/chain";
import { type PonderProcess, spawnPonder } from "../../devnet/harness/ponderProcess";

const pg: PostgresServer = await findPostgres();
if (!pg.url) {
  if (process.env.CI) throw new Error(`PostgreSQL is required in CI: ${pg.reason}`);
  console.warn(`[postgres e2e] skipped: ${pg.reason}`);
}

const suffix = randomBytes(3).toString("hex");
const INDEX_SCHEMA = `ve_lens_idx_${suffix}`;
const VIEWS_SCHEMA = `ve_lens_${suffix}`;

let chain: Chain;
let db: TestDatabase;
let indexer: PonderProcess;
let replicas: PonderProcess[] = [];

interface Answer {
  status: number;
  type: string;
  body: string;
}

async function ask(base: string, path: string, graphql?: string): Promise<Answer> {
  const res = graphql
    ? await fetch(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query: graphql }),
      })
    : await fetch(`${base}${path}`);
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() };
}

/** The body as a JSON value when it is JSON, else the text. */
function parsed(a: Answer): unknown {
  if (!a.type.includes("json")) return a.body;
  try {
    return JSON.parse(a.body);
  } catch {
    return a.body;
  }
}

describe.skipIf(!pg.url)("production layout on PostgreSQL: indexer + 2 serve replicas", () => {
  beforeAll(async () => {
    chain = await startChain({ scenario: "small" });
    db = await createTestDatabase(pg.url!, "replicas");
    indexer = await spawnPonder({
      command: "start",
      name: "indexer",
      manifestPath: chain.manifestPath,
      databaseUrl: db.url,
      schema: INDEX_SCHEMA,
      viewsSchema: VIEWS_SCHEMA,
    });
    await indexer.waitReady(300_000);
    await indexer.waitForBlock(chain.manifest.headBlock, 120_000);
    // Views are published once the backfill is done; give them a moment to appear.
    for (let i = 0; i < 100; i++) {
      const views = await withClient(db.url, (c) =>
        c.query("SELECT count(*)::int AS n FROM information_schema.views WHERE table_schema = $1", [VIEWS_SCHEMA]),
      );
      if (Number(views.rows[0]!.n) > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    replicas = await Promise.all(
      [1, 2].map((i) =>
        spawnPonder({ command: "serve", name: `replica ${i}`, manifestPath: chain.manifestPath, databaseUrl: db.url, schema: VIEWS_SCHEMA }),
      ),
    );
    await Promise.all(replicas.map((r) => r.waitReady(120_000)));
  });

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await indexer?.stop();
    await db?.drop();
    await chain?.stop();
    await pg.stop();
  });

  it("publishes the views schema for the replicas", async () => {
    const { rows } = await withClient(db.url, (c) =>
      c.query("SELECT table_name FROM information_schema.views WHERE table_schema = $1 ORDER BY 1", [VIEWS_SCHEMA]),
    );
    const names = rows.map((r) => String(r.table_name));
    expect(names).toContain("epoch_metric");
    expect(names).toContain("epoch");
  });

  it("answers the analytics endpoints identically on the indexer and both replicas", async () => {
    const epochs = JSON.parse((await ask(indexer.url, "/api/v1/epochs")).body) as { id: number; finalized: boolean; live: boolean; voters: number }[];
    expect(Array.isArray(epochs)).toBe(true);
    const finalized = [...epochs].reverse().find((e) => e.finalized && e.voters > 0);
    expect(finalized, "a finalized epoch with voters").toBeDefined();
    // the scenario ends inside an epoch's voting window: exactly one epoch is live, the last one
    const lives = epochs.filter((e) => e.live);
    expect(lives.map((e) => e.id), "exactly one live epoch").toHaveLength(1);
    const live = lives[0];
    expect(live).toBe(epochs[epochs.length - 1]);
    const gauges = JSON.parse((await ask(indexer.url, `/api/v1/gauges?epoch=${finalized!.id}`)).body) as { address?: string; gauge?: string }[];
    const gauge = gauges[0]?.address ?? gauges[0]?.gauge;

    const finalizedCast = JSON.parse((await ask(indexer.url, `/api/v1/concentration?epoch=${finalized!.id}&scope=CAST_VOTES`)).body) as { n: number; finalized: boolean };
    expect(finalizedCast.finalized).toBe(true);
    expect(finalizedCast.n).toBeGreaterThan(0);

    const graphql = (q: string) => ["/graphql", q] as const;
    const queries: (readonly [string, string?])[] = [
      ["/api/v1/status"],
      ["/api/v1/epochs"],
      ["/api/v1/epochs?format=csv"],
      ["/api/v1/seasons"],
      ["/api/v1/vaults"],
      [`/api/v1/concentration?epoch=${finalized!.id}&scope=CAST_VOTES`],
      [`/api/v1/concentration?epoch=${finalized!.id}&scope=ELIGIBLE_POWER&points=11`],
      [`/api/v1/concentration?epoch=${live!.id}&scope=CAST_VOTES`],
      [`/api/v1/concentration?epoch=${live!.id}&scope=BR_HOLDINGS&format=csv`],
      ["/api/v1/concentration/series?scope=CAST_VOTES"],
      [`/api/v1/distribution?epoch=${finalized!.id}&scope=CAST_VOTES&first=5`],
      [`/api/v1/influence?epoch=${finalized!.id}`],
      [`/api/v1/gauges?epoch=${live!.id}`],
      ...(gauge ? [[`/api/v1/concentration?epoch=${finalized!.id}&scope=GAUGE_VOTERS&gauge=${gauge}`] as const] : []),
      graphql(`{ concentration(epoch: ${finalized!.id}, scope: CAST_VOTES) { epoch finalized n total gini nakamoto50 hhi top10Share lorenz(points: 5) { x y } } }`),
      graphql(`{ concentration(epoch: ${live!.id}, scope: CAST_VOTES) { epoch live n total gini nakamoto33 theil entropy } }`),
      graphql("{ epochs { id season finalized castPower participation voters } seasons { number startEpoch } }"),
      graphql(`{ concentrationSeries(scope: LOCKED_BR) { points { epoch gini } } }`),
    ];
    for (const [path, query] of queries) {
      const label = query ? `${path} ${query.slice(0, 60)}` : path;
      const fromIndexer = await ask(indexer.url, path, query);
      expect(fromIndexer.status, `${label} on the indexer: ${fromIndexer.body.slice(0, 300)}`).toBe(200);
      if (query) expect(JSON.parse(fromIndexer.body).errors, `${label}: ${fromIndexer.body.slice(0, 300)}`).toBeUndefined();
      for (const replica of replicas) {
        const got = await ask(replica.url, path, query);
        // Same status, type and JSON value; for JSON the key order is not compared here
        // (a GraphQL answer should keep the query's field order: a difference is reported).
        expect({ ...got, body: parsed(got) }, `${label} on ${replica.name}`).toEqual({ ...fromIndexer, body: parsed(fromIndexer) });
        if (got.body !== fromIndexer.body) console.warn(`[postgres e2e] ${label} on ${replica.name}: same JSON value, different text (key order)`);
      }
    }
  });

  it("the health monitor runs on the indexer and on the replicas (through the views) and says healthy", async () => {
    for (const p of [indexer, ...replicas]) {
      let report: { status?: string; indexedBlock?: number; head?: number } = {};
      let status = 0;
      // The first check runs 2 s after start-up; a replica reads `_ponder_meta` through the views.
      for (let i = 0; i < 50 && report.status !== "healthy"; i++) {
        const res = await fetch(`${p.url}/api/v1/health`);
        status = res.status;
        report = (await res.json()) as typeof report;
        if (report.status !== "healthy") await new Promise((r) => setTimeout(r, 200));
      }
      expect({ status, health: report.status }, `${p.name}: ${JSON.stringify(report)}`).toEqual({ status: 200, health: "healthy" });
      expect(report.indexedBlock, p.name).toBe(chain.manifest.headBlock);
      expect(report.head, p.name).toBeGreaterThanOrEqual(chain.manifest.headBlock);
    }
  });

  it("keeps the replicas stateless: a replica restarted mid-run answers the same", async () => {
    const path = "/api/v1/concentration/series?scope=ELIGIBLE_POWER";
    const before = await ask(replicas[0]!.url, path);
    await replicas[0]!.stop();
    replicas[0] = await spawnPonder({ command: "serve", name: "replica 1 (restarted)", manifestPath: chain.manifestPath, databaseUrl: db.url, schema: VIEWS_SCHEMA });
    await replicas[0].waitReady(120_000);
    expect(await ask(replicas[0].url, path)).toEqual(before);
    expect(await ask(indexer.url, path)).toEqual(before);
  });
});
