/**
 * Self-checks of an embedded index before it is reopened (`npm start` resuming a PGlite
 * directory): the invariants of src/health/integrity.ts, read straight from the directory while
 * no indexer has it open. A directory without the schema (the indexer was stopped before its
 * first migration) has nothing to check.
 *
 * @example
 * const failures = await checkPgliteIndex(".ve-lens/db/…", "ve_lens");
 * if (failures.length > 0) rebuild();
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { integrityChecks, integrityFailure } from "../src/health/integrity";

type Query = (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** Runs every check through `query`; the lines of those that fail (none without the schema's tables). */
async function runChecks(schema: string, query: Query): Promise<string[]> {
  const found = await query("SELECT to_regclass($1) IS NOT NULL AS ok", [`"${schema.replaceAll('"', '""')}".indexer_state`]);
  if (!found.rows[0]?.ok) return [];
  const failures: string[] = [];
  for (const check of integrityChecks(schema)) {
    const failure = integrityFailure(check, (await query(check.sql)).rows);
    if (failure) failures.push(failure);
  }
  return failures;
}

/** The failed invariants of `schema` in the PGlite directory `dir` (empty when all hold). */
export async function checkPgliteIndex(dir: string, schema: string): Promise<string[]> {
  if (!existsSync(join(dir, "PG_VERSION"))) return [];
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite(dir);
  try {
    return await runChecks(schema, (sql, params) => db.query<Record<string, unknown>>(sql, params));
  } finally {
    await db.close();
  }
}

/** The failed invariants of `schema` in the PostgreSQL database at `url`, read in one snapshot (none without the schema). */
export async function checkPostgresIndex(url: string, schema: string): Promise<string[]> {
  const { withClient } = await import("./postgres");
  return withClient(url, async (client) => {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      return await runChecks(schema, (sql, params) => client.query<Record<string, unknown>>(sql, params));
    } finally {
      await client.query("ROLLBACK");
    }
  });
}
