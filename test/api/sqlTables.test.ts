/**
 * `/sql` returns what the tables hold, on the embedded database (PGlite), where Ponder's flush
 * leaves temporary tables named like the real ones in the session the API shares. For every
 * ve-lens table: count(*) and every row through `/sql` (the raw `@ponder/client` protocol) equal
 * Ponder's GraphQL while live blocks are being indexed, and equal the database read directly
 * once the indexer has stopped. Real anvil, real `ponder start`, real PGlite, real HTTP.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTableColumns, getTableName, isTable } from "drizzle-orm";
import { getTableConfig } from "drizzle-orm/pg-core";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../ponder.schema";
import { type Chain, startChain } from "../../devnet/harness/chain";
import { createVoteDriver } from "../reliability/harness/liveVotes";
import { type PonderProcess, spawnPonder } from "../../devnet/harness/ponderProcess";

const SCHEMA = "sqltables";
const tables = (Object.values(schema) as unknown[]).filter(isTable).map((t) => {
  const columns = Object.entries(getTableColumns(t)).map(([js, col]) => ({ js, sql: col.name }));
  const config = getTableConfig(t);
  const pk = config.primaryKeys[0]?.columns.map((c) => c.name) ?? columns.filter(({ js }) => getTableColumns(t)[js]!.primary).map((c) => c.sql);
  const js = Object.entries(schema).find(([, v]) => v === t)![0];
  return { name: getTableName(t), js, columns, pk };
});

let chain: Chain;
let ponder: PonderProcess;
let dir: string;

beforeAll(async () => {
  chain = await startChain({ scenario: "small" });
  dir = mkdtempSync(join(tmpdir(), "ve-lens-sqltables-"));
  ponder = await spawnPonder({ command: "start", manifestPath: chain.manifestPath, schema: SCHEMA, pgliteDir: join(dir, "pglite"), env: { DATABASE_URL: undefined } });
  await ponder.waitReady(300_000);
  await ponder.waitForBlock(chain.manifest.headBlock, 120_000);
}, 600_000);

afterAll(async () => {
  await ponder?.stop();
  await chain?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function sqlRows(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const url = `${ponder.url}/sql/db?sql=${encodeURIComponent(superjson.stringify({ sql, params, typings: [] }))}`;
  const res = await fetch(url);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`/sql ${sql}: ${res.status} ${text}`);
  return (JSON.parse(text) as { rows: Record<string, unknown>[] }).rows;
}

async function graphql<T>(query: string): Promise<T> {
  const res = await fetch(`${ponder.url}/ponder/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors[0]!.message}`);
  return body.data!;
}

const plural = (js: string) => `${js}s`;
/** One value as text; arrays in PostgreSQL's text form (`{1,2}`), which `/sql` keeps as Ponder's middleware does. */
const norm = (v: unknown): string =>
  v === null || v === undefined ? "null" : Array.isArray(v) ? `{${v.map(norm).join(",")}}` : typeof v === "object" ? JSON.stringify(v) : String(v);

/** Every row of `t` as sorted canonical strings, from rows keyed by SQL column names. */
const canonical = (t: (typeof tables)[number], rows: Record<string, unknown>[]) =>
  rows.map((r) => t.columns.map((c) => `${c.sql}=${norm(r[c.sql])}`).join("|")).sort();

async function sqlTable(t: (typeof tables)[number]): Promise<string[]> {
  const rows: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += 5000) {
    const page = await sqlRows(`select * from "${t.name}" order by ${t.pk.map((c) => `"${c}"`).join(", ")} limit 5000 offset ${offset}`);
    rows.push(...page);
    if (page.length < 5000) return canonical(t, rows);
  }
}

async function graphqlTable(t: (typeof tables)[number]): Promise<string[]> {
  const rows: Record<string, unknown>[] = [];
  let after: string | null = null;
  for (;;) {
    const args: string = `limit: 1000${after ? `, after: ${JSON.stringify(after)}` : ""}`;
    const data: Record<string, { items: Record<string, unknown>[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> = await graphql(
      `{ ${plural(t.js)}(${args}) { items { ${t.columns.map((c) => c.js).join(" ")} } pageInfo { hasNextPage endCursor } } }`,
    );
    const page = data[plural(t.js)]!;
    rows.push(...page.items.map((item) => Object.fromEntries(t.columns.map((c) => [c.sql, item[c.js]]))));
    if (!page.pageInfo.hasNextPage) return canonical(t, rows);
    after = page.pageInfo.endCursor;
  }
}

async function counts(): Promise<{ sql: Record<string, number>; graphql: Record<string, number> }> {
  const sql: Record<string, number> = {};
  for (const t of tables) sql[t.name] = Number((await sqlRows(`select count(*) as n from "${t.name}"`))[0]!.n);
  const data = await graphql<Record<string, { totalCount: number }>>(`{ ${tables.map((t) => `${plural(t.js)} { totalCount }`).join(" ")} }`);
  return { sql, graphql: Object.fromEntries(tables.map((t) => [t.name, data[plural(t.js)]!.totalCount])) };
}

describe("/sql on PGlite reads the real tables", () => {
  it("counts and rows equal Ponder's GraphQL while live blocks are indexed", async () => {
    expect(tables.length).toBeGreaterThan(10);
    const votes = await createVoteDriver(chain.rpcUrl, chain.manifest, 7);
    let compared = 0;
    const mismatches: string[] = [];
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 3; i++) await votes.castVote();
      const head = (await votes.head()).number;
      await ponder.waitForBlock(head, 60_000);
      // a vote now and then keeps Ponder's flush running while we read
      const before = await ponder.indexedBlock();
      const c = await counts();
      const after = await ponder.indexedBlock();
      if (before !== after) continue;
      compared += 1;
      for (const t of tables) if (c.sql[t.name] !== c.graphql[t.name]) mismatches.push(`round ${round} ${t.name}: sql ${c.sql[t.name]} graphql ${c.graphql[t.name]}`);
    }
    expect(compared, "rounds in which the index stood still while counting").toBeGreaterThanOrEqual(4);
    expect(mismatches).toEqual([]);
    const updated = await counts();
    expect(updated.sql.account, "accounts are updated in bulk and must not read 0").toBeGreaterThan(0);
    expect(updated.sql.standing_vote).toBeGreaterThan(0);
    for (const t of tables) {
      const [viaSql, viaGraphql] = [await sqlTable(t), await graphqlTable(t)];
      expect(viaSql.length, `${t.name}: rows through /sql`).toBe(updated.graphql[t.name]);
      expect(viaSql, `${t.name}: rows through /sql equal GraphQL's`).toEqual(viaGraphql);
    }
  }, 600_000);

  it("rows equal the database read directly once the indexer stopped", async () => {
    const block = await ponder.indexedBlock();
    expect(block).toBeGreaterThan(chain.manifest.headBlock);
    const viaSql = new Map<string, string[]>();
    for (const t of tables) viaSql.set(t.name, await sqlTable(t));
    await ponder.stop();
    const { PGlite } = await import("@electric-sql/pglite");
    const db = new PGlite(join(dir, "pglite"));
    try {
      let nonEmpty = 0;
      for (const t of tables) {
        const direct = canonical(t, (await db.query<Record<string, unknown>>(`select * from "${SCHEMA}"."${t.name}"`)).rows);
        if (direct.length > 0) nonEmpty += 1;
        expect(viaSql.get(t.name), `${t.name}: /sql equals the table`).toEqual(direct);
      }
      expect(nonEmpty).toBeGreaterThan(10);
    } finally {
      await db.close();
    }
  }, 600_000);
});
