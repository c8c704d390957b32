/**
 * Runs `/sql` queries on the database Ponder opened for the API (the same handles Ponder's own
 * `client()` middleware uses: `globalThis.PONDER_DATABASE` and the namespace's schema).
 *
 * - PGlite: one transaction (PGlite runs one at a time, so Ponder's writes wait for it) with
 *   `SET TRANSACTION READ ONLY` and `SET LOCAL search_path TO "<schema>", pg_temp`, so the real
 *   tables win over the temporary tables of the same name that Ponder's flush leaves behind.
 * - PostgreSQL: a read-only transaction on Ponder's read-only pool with a
 *   `SET LOCAL statement_timeout`; errors leave the transaction's callback as values, since
 *   Ponder's query builder retries a callback that throws.
 * In both, `EXPLAIN (FORMAT JSON)` of the query runs first and `check` sees its plan; rows come
 * back in the shape Ponder's middleware returns them (the driver's raw result, row objects).
 *
 * @example
 * const executor = ponderSqlExecutor();
 * await executor.run({ sql: "select count(*) from account", params: [] }, checkBudget, 5000);
 */
import type { SqlExecutor } from "./sql";

interface PgliteTx {
  query(sql: string, params?: unknown[], options?: object): Promise<{ rows: unknown[] }>;
}
interface PonderDatabaseGlobal {
  driver: { dialect: string; instance?: { transaction<T>(fn: (tx: PgliteTx) => Promise<T>): Promise<T> } };
  readonlyQB: {
    raw: {
      transaction<T>(fn: (tx: DrizzleTx) => Promise<T>, config?: { accessMode?: "read only" }): Promise<T>;
    };
  };
}
interface DrizzleTx {
  _: { session: { prepareQuery(q: object, fields: undefined, name: undefined, arrayMode: boolean): { execute(): Promise<unknown> } } };
}

/** PGlite's type OIDs that drizzle (and so Ponder's middleware) keeps as text. */
const TEXT_PARSERS = Object.fromEntries([1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182].map((oid) => [oid, (v: string) => v]));

/** Planner switches turned back on for `/sql` queries (transaction-local). */
const PLANNER_SETTINGS = ["enable_seqscan", "enable_sort", "enable_nestloop", "enable_hashjoin", "enable_mergejoin", "enable_hashagg", "enable_material", "enable_indexscan", "enable_bitmapscan"];

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The executor over Ponder's database; call inside the Ponder API (after `ponder:api` loaded). */
export function ponderSqlExecutor(): SqlExecutor {
  const g = globalThis as unknown as { PONDER_DATABASE?: PonderDatabaseGlobal; PONDER_NAMESPACE_BUILD?: { schema: string } };
  const database = g.PONDER_DATABASE;
  const schema = g.PONDER_NAMESPACE_BUILD?.schema;
  if (!database || !schema) throw new Error("the SQL executor needs Ponder's database (run it inside the Ponder API)");

  if (database.driver.dialect === "pglite" || database.driver.dialect === "pglite_test") {
    const instance = database.driver.instance!;
    return {
      dialect: "pglite",
      run: (query, check) =>
        instance.transaction(async (tx) => {
          await tx.query("SET TRANSACTION READ ONLY");
          await tx.query(`SET LOCAL search_path TO ${quoteIdent(schema)}, pg_temp`);
          // the indexer's session turns some plan types off, which makes EXPLAIN's costs meaningless
          for (const setting of PLANNER_SETTINGS) await tx.query(`SET LOCAL ${setting} = on`);
          const explain = await tx.query(`EXPLAIN (FORMAT JSON) ${query.sql}`, query.params);
          check((explain.rows[0] as Record<string, unknown>)?.["QUERY PLAN"]);
          return tx.query(query.sql, query.params, { rowMode: "object", parsers: TEXT_PARSERS });
        }),
    };
  }

  return {
    dialect: "postgres",
    run: async (query, check, timeoutMs) => {
      // Ponder's query builder retries a transaction whose callback throws (9 times, with
      // backoff): a refused plan or a statement timeout thrown inside took 64 s to answer. So
      // nothing is thrown inside; the outcome is rethrown once the transaction has ended.
      const outcome = await database.readonlyQB.raw.transaction(
        async (tx): Promise<{ ok: true; result: { rows: unknown[] } } | { ok: false; error: unknown }> => {
          const run = (sql: string, params: unknown[] = [], typings: unknown[] = []) =>
            tx._.session.prepareQuery({ sql, params, typings }, undefined, undefined, false).execute() as Promise<{ rows: unknown[] }>;
          try {
            await run(`SET LOCAL statement_timeout = ${Math.floor(timeoutMs)}`);
            const explain = await run(`EXPLAIN (FORMAT JSON) ${query.sql}`, query.params, query.typings);
            check((explain.rows[0] as Record<string, unknown>)?.["QUERY PLAN"]);
            return { ok: true, result: await run(query.sql, query.params, query.typings) };
          } catch (error) {
            return { ok: false, error }; // a failed statement leaves the transaction aborted: its COMMIT rolls back
          }
        },
        { accessMode: "read only" },
      );
      if (!outcome.ok) throw outcome.error;
      return outcome.result;
    },
  };
}
