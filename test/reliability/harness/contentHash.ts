/**
 * A content hash of every ve-lens table in a database schema, read directly from the database:
 * per table, md5 over the rows' text forms in sorted order (so row order and insertion history
 * do not matter), then sha256 over `table:count:md5` lines in table-name order.
 * Ponder's own tables (`_ponder_*`, `_reorg__*`: names starting with `_`) are left out, as
 * are ve-lens's bookkeeping tables ({@link BOOKKEEPING_TABLES}) and tables named in `exclude`.
 *
 * @example
 * const a = await contentHashPostgres(dbUrl, "run_a");
 * const b = await contentHashPostgres(dbUrl, "run_b");
 * expect(a.tables).toEqual(b.tables);
 */
import { createHash } from "node:crypto";
import { withClient } from "../../../devnet/postgres";

export interface ContentHash {
  /** sha256 over all tables. */
  hash: string;
  /** Per table: row count and md5 of the sorted rows. */
  tables: Record<string, { rows: number; md5: string }>;
}

type Query = (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/**
 * Tables that hold no data, only the indexer's bookkeeping: `live_write_count` counts blocks with
 * live writes, a history no self-check can verify, which a restart inside a block or a torn write
 * on PGlite (kill -9) could leave differing from an uninterrupted run's; only its changes within
 * one process matter (ponder.schema.ts).
 */
export const BOOKKEEPING_TABLES = ["live_write_count"];

const quote = (id: string) => `"${id.replaceAll('"', '""')}"`;

async function hashWith(query: Query, schema: string, exclude: string[]): Promise<ContentHash> {
  const { rows } = await query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name",
    [schema],
  );
  const names = rows
    .map((r) => String(r.table_name))
    .filter((n) => !n.startsWith("_") && !BOOKKEEPING_TABLES.includes(n) && !exclude.includes(n));
  const tables: ContentHash["tables"] = {};
  for (const name of names) {
    const r = await query(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C"), '')) AS md5 FROM ${quote(schema)}.${quote(name)} t`,
    );
    tables[name] = { rows: Number(r.rows[0]!.rows), md5: String(r.rows[0]!.md5) };
  }
  const h = createHash("sha256");
  for (const name of Object.keys(tables).sort()) h.update(`${name}:${tables[name]!.rows}:${tables[name]!.md5}\n`);
  return { hash: h.digest("hex"), tables };
}

/** Content hash of `schema` in the Postgres database at `url`. */
export function contentHashPostgres(url: string, schema: string, exclude: string[] = []): Promise<ContentHash> {
  return withClient(url, (client) => hashWith((sql, params) => client.query(sql, params), schema, exclude));
}

/** Content hash of `schema` in a PGlite directory (no process may have it open). */
export async function contentHashPglite(directory: string, schema: string, exclude: string[] = []): Promise<ContentHash> {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite(directory);
  try {
    return await hashWith(async (sql, params) => ({ rows: (await db.query<Record<string, unknown>>(sql, params)).rows }), schema, exclude);
  } finally {
    await db.close();
  }
}

/** Tables whose hashes differ between two content hashes (for assertion messages). */
export function diffTables(a: ContentHash, b: ContentHash): string[] {
  const names = new Set([...Object.keys(a.tables), ...Object.keys(b.tables)]);
  return [...names]
    .sort()
    .filter((n) => a.tables[n]?.md5 !== b.tables[n]?.md5)
    .map((n) => `${n}: ${a.tables[n]?.rows ?? "-"} rows vs ${b.tables[n]?.rows ?? "-"} rows`);
}
