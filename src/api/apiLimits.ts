/**
 * The API's budgets, read once from the environment and validated with zod (a bad value stops
 * the server with a message naming the variable):
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | `VE_LENS_SQL` | `on` | `off` answers every `/sql/*` request with 404 `SQL_DISABLED` |
 * | `VE_LENS_SQL_MAX_COST` | `20000` | highest planner cost (`EXPLAIN`) a `/sql` query may have |
 * | `VE_LENS_SQL_MAX_ROWS` | `10000` | most rows a `/sql` query may return |
 * | `VE_LENS_SQL_TIMEOUT_MS` | `5000` | statement timeout of a `/sql` query (PostgreSQL) |
 * | `VE_LENS_SQL_MAX_REGEX` | `64` | longest regular-expression pattern in a `/sql` query |
 * | `VE_LENS_MAX_CONCURRENT` | `1` on PGlite, `2` on PostgreSQL | data requests served at once; the others wait in a fair queue |
 * | `VE_LENS_CLIENT_CONCURRENCY` | `16` | data requests one client may have running or waiting (429 beyond) |
 * | `VE_LENS_DB_WAIT_MS` | `5000` | longest wait for a turn before a 503 |
 * | `VE_LENS_TRUST_PROXY` | `0` | `1`: a client is the first `X-Forwarded-For` address, not the socket's |
 *
 * @example
 * const limits = apiLimitsFromEnv(process.env);
 * limits.sql.maxCost; // 20000
 */
import { z } from "zod";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const flag = (fallback: "0" | "1") => z.enum(["0", "1"]).default(fallback).transform((v) => v === "1");

const EnvSchema = z.object({
  VE_LENS_SQL: z.enum(["on", "off"]).default("on"),
  VE_LENS_SQL_MAX_COST: positiveInt(20_000),
  VE_LENS_SQL_MAX_ROWS: positiveInt(10_000),
  VE_LENS_SQL_TIMEOUT_MS: positiveInt(5_000),
  VE_LENS_SQL_MAX_REGEX: positiveInt(64),
  VE_LENS_MAX_CONCURRENT: z.coerce.number().int().positive().optional(),
  VE_LENS_CLIENT_CONCURRENCY: positiveInt(16),
  VE_LENS_DB_WAIT_MS: positiveInt(5_000),
  VE_LENS_TRUST_PROXY: flag("0"),
});

export interface ApiLimits {
  sql: { enabled: boolean; maxCost: number; maxRows: number; timeoutMs: number; maxRegexLength: number };
  gate: { maxConcurrent: number; perClient: number; maxWaitMs: number; trustProxy: boolean };
}

export class ApiLimitsError extends Error {
  override name = "ApiLimitsError";
}

/**
 * Reads and validates the budgets; unset variables take their defaults. On PGlite the database
 * runs in the API's own thread, so by default one data request runs at a time. On PostgreSQL two:
 * under 50 clients of the costliest requests (`npm run test:load`), four at once kept the server's
 * one thread so busy that `/ready` and cached answers waited behind them (p99 266–376 ms); with
 * two the others wait in the gate instead and those stay under 60 ms, for 10% fewer requests a
 * second.
 */
export function apiLimitsFromEnv(env: Record<string, string | undefined>, dialect: "pglite" | "postgres" = "postgres"): ApiLimits {
  const picked = Object.fromEntries(Object.keys(EnvSchema.shape).map((k) => [k, env[k] === "" ? undefined : env[k]]));
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiLimitsError(`invalid ${String(issue.path[0])}=${JSON.stringify(picked[String(issue.path[0])])}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    sql: {
      enabled: e.VE_LENS_SQL === "on",
      maxCost: e.VE_LENS_SQL_MAX_COST,
      maxRows: e.VE_LENS_SQL_MAX_ROWS,
      timeoutMs: e.VE_LENS_SQL_TIMEOUT_MS,
      maxRegexLength: e.VE_LENS_SQL_MAX_REGEX,
    },
    gate: {
      maxConcurrent: e.VE_LENS_MAX_CONCURRENT ?? (dialect === "pglite" ? 1 : 2),
      perClient: e.VE_LENS_CLIENT_CONCURRENCY,
      maxWaitMs: e.VE_LENS_DB_WAIT_MS,
      trustProxy: e.VE_LENS_TRUST_PROXY,
    },
  };
}
