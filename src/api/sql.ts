/**
 * A guard around Ponder's `client()` middleware (`/sql/*`, used by `@ponder/client`).
 *
 * Ponder answers SQL it refuses (not read-only, unknown function, malformed `sql` parameter)
 * with a 500 whose plain-text body is the raw error message, which can contain file paths of
 * the server. Those answers become 400 `{ error: "BAD_SQL", detail }` with a short reason
 * stripped of paths and stack lines. Successful answers (superjson, or the Server-Sent Events
 * stream of `/sql/live`) are passed through untouched and unbuffered; a 503 (live queries not
 * available yet, too many live queries) is kept: it is not the client's fault.
 */
import type { Context, MiddlewareHandler } from "hono";
import superjson from "superjson";
import { type ApiLimits } from "./apiLimits";
import { SqlRefusedError, checkPlan, checkSqlTree, parseSelect } from "./sqlGate";

/** Longest `detail` returned. */
const MAX_DETAIL = 200;
const FALLBACK = "the SQL query was rejected";

/** A short, path-free reason from an error message or body text. */
export function sqlErrorDetail(raw: string): string {
  const firstLine =
    raw
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== "" && !/^at\s/.test(l)) ?? "";
  const cleaned = firstLine
    // file URLs and absolute or relative paths with at least two segments (POSIX or Windows)
    .replace(/(?:file:\/\/)?(?:[A-Za-z]:)?(?:\.{0,2}[\\/][\w.@+-]+){2,}(?::\d+)*/g, "<path>")
    .replace(/\s*\(<path>\)/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (cleaned === "" || cleaned === "<path>") return FALLBACK;
  return cleaned.length > MAX_DETAIL ? `${cleaned.slice(0, MAX_DETAIL - 1)}…` : cleaned;
}

function badSql(detail: string): Response {
  return new Response(JSON.stringify({ error: "BAD_SQL", detail }), {
    status: 400,
    headers: { "Content-Type": "application/json; charset=UTF-8", "Cache-Control": "no-store" },
  });
}

/** Wraps `inner` (Ponder's `client({ db, schema })`): its 500s and throws become 400 BAD_SQL. */
export function guardSql(inner: MiddlewareHandler): MiddlewareHandler {
  return async (c: Context, next) => {
    let res: Response | void;
    try {
      res = await inner(c, next);
    } catch (error) {
      return badSql(sqlErrorDetail(error instanceof Error ? error.message : String(error)));
    }
    if (!res) return; // not a /sql path Ponder answers: it called next()
    if (res.status >= 500 && res.status !== 503) {
      const text = await res.text().catch(() => "");
      return badSql(sqlErrorDetail(text));
    }
    return res;
  };
}

/**
 * SQL over HTTP (`/sql/db`, the protocol of `@ponder/client`), answered by ve-lens itself so
 * that every query is correct and bounded on both databases:
 *
 * - **Correct.** On PGlite, Ponder 0.16.10 flushes large update batches through a temporary
 *   table named like the target table (`CREATE TEMP TABLE "account" ...`, then `TRUNCATE`) in
 *   the one session the API shares; PostgreSQL searches `pg_temp` first, so an unqualified
 *   `account` read the emptied temporary table. Each query runs in its own transaction with
 *   `SET LOCAL search_path TO "<schema>", pg_temp`: the real tables come first, and Ponder's
 *   session is unchanged once the transaction ends (PGlite runs one transaction at a time).
 * - **Bounded.** The query must pass {@link checkSqlTree} (read-only SELECT, known tables, no
 *   cross join, no backtracking regular expression, every per-epoch view filtered to a few
 *   epochs), then the planner's estimate
 *   (`EXPLAIN (FORMAT JSON)`) must stay within the cost and row budget: on PGlite no timer can
 *   interrupt a running statement, so this gate is what bounds it. On PostgreSQL the transaction
 *   is read-only and has a `statement_timeout` too. A refused query gets 400
 *   `{ error: "SQL_BUDGET" | "BAD_SQL", limit, detail, table? }`.
 *
 * `/sql/live` (Server-Sent Events) passes the same checks, then goes to Ponder's `client()`
 * middleware on PostgreSQL; on PGlite it is refused (Ponder re-runs live queries in the shared
 * session, where they would read the shadowing temporary tables).
 */

/** The query `@ponder/client` sends: `superjson.stringify({ sql, params, typings })`. */
interface ClientQuery {
  sql: string;
  params: unknown[];
  typings?: unknown[];
}

/** The database behind `/sql`: how to explain and run one query inside a read-only transaction. */
export interface SqlExecutor {
  dialect: "pglite" | "postgres";
  /** Runs `check(explain)` and then the query, in one read-only transaction; returns the raw result. */
  run(query: ClientQuery, check: (explain: unknown) => void, timeoutMs: number): Promise<{ rows: unknown[] }>;
}

function jsonAnswer(status: number, body: object): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=UTF-8", "Cache-Control": "no-store" },
  });
}

function refusedAnswer(error: SqlRefusedError): Response {
  const kind = error.limit === "BAD_SQL" || error.limit === "UNKNOWN_TABLE" ? "BAD_SQL" : "SQL_BUDGET";
  return jsonAnswer(400, { error: kind, limit: error.limit, detail: sqlErrorDetail(error.message), ...(error.table ? { table: error.table } : {}) });
}

function parseClientQuery(raw: string | undefined): ClientQuery {
  if (raw === undefined) throw new SqlRefusedError("BAD_SQL", 'missing "sql" query parameter');
  let parsed: unknown;
  try {
    parsed = superjson.parse(raw);
  } catch {
    throw new SqlRefusedError("BAD_SQL", 'the "sql" parameter is not superjson of { sql, params }');
  }
  const q = parsed as Partial<ClientQuery> | null;
  if (!q || typeof q !== "object" || typeof q.sql !== "string" || (q.params !== undefined && !Array.isArray(q.params)))
    throw new SqlRefusedError("BAD_SQL", 'the "sql" parameter must be { sql: string, params: array }');
  return { sql: q.sql, params: q.params ?? [], typings: q.typings };
}

/** The serialisable form of a result row set (bigints as strings, as JSON cannot hold them). */
function jsonSafe(result: unknown): unknown {
  return JSON.parse(JSON.stringify(result, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

export interface SqlOverHttpOptions {
  limits: ApiLimits["sql"];
  /** Tables and views a query may read. */
  tables: ReadonlySet<string>;
  /** The per-epoch views among them: each read must be filtered to a few epochs. */
  views?: ReadonlySet<string>;
  executor: SqlExecutor;
  /** Ponder's `client({ db, schema })`, for `/sql/live` on PostgreSQL. */
  live?: MiddlewareHandler;
}

/** The `/sql/*` middleware: checks, budget, correct execution. */
export function sqlOverHttp(options: SqlOverHttpOptions): MiddlewareHandler {
  const { limits, tables, executor } = options;
  const budget = { maxCost: limits.maxCost, maxRows: limits.maxRows };

  const checked = async (raw: string | undefined): Promise<ClientQuery> => {
    const query = parseClientQuery(raw);
    checkSqlTree(await parseSelect(query.sql), query.params, { tables, views: options.views, maxRegexLength: limits.maxRegexLength });
    return query;
  };

  return async (c, next) => {
    const path = c.req.path;
    if (path !== "/sql/db" && path !== "/sql/live") return next();
    if (!limits.enabled) return jsonAnswer(404, { error: "SQL_DISABLED", detail: "SQL over HTTP is turned off on this server (VE_LENS_SQL=off); use /graphql or /api/v1" });
    try {
      const query = await checked(c.req.query("sql"));
      if (path === "/sql/live") {
        if (executor.dialect === "pglite" || !options.live)
          return jsonAnswer(400, { error: "SQL_LIVE_UNAVAILABLE", detail: "live SQL queries are not served on the embedded database (PGlite); poll /sql/db instead" });
        await executor.run(query, (explain) => {
          checkPlan(explain, budget);
          throw new ExplainOnly();
        }, limits.timeoutMs).catch((e) => {
          if (!(e instanceof ExplainOnly)) throw e;
        });
        return guardSql(options.live)(c, next);
      }
      const result = await executor.run(query, (explain) => void checkPlan(explain, budget), limits.timeoutMs);
      if (result.rows.length > limits.maxRows)
        throw new SqlRefusedError("RESULT_ROWS", `the query returned ${result.rows.length} rows; the limit is ${limits.maxRows} (add a LIMIT or paginate)`);
      return jsonAnswer(200, jsonSafe(result) as object);
    } catch (error) {
      if (error instanceof SqlRefusedError) return refusedAnswer(error);
      const message = error instanceof Error ? error.message : String(error);
      if (/statement timeout|canceling statement/i.test(message))
        return refusedAnswer(new SqlRefusedError("TIMEOUT", `the query ran longer than ${limits.timeoutMs} ms and was stopped`));
      return badSql(sqlErrorDetail(message));
    }
  };
}

/** Ends a transaction after its EXPLAIN (the `/sql/live` check). */
class ExplainOnly extends Error {}
