/**
 * The indexer's health monitor: polls the index and the chain, feeds the pure decision of
 * src/health/verdict.ts, and acts once the index is no longer a view of the chain (a reorg
 * deeper than Ponder's finality window, which Ponder 0.16.10 survives by stalling on the
 * abandoned branch while it keeps serving it):
 * - logs one ERROR line naming the reason and what to do;
 * - `GET /api/v1/health` answers 503 with the reason, and every ve-lens data route answers 503
 *   `INDEXER_UNHEALTHY` instead of stale numbers ({@link healthGate});
 * - in the indexer process (`ponder start`) it sets `is_ready` to 0 in `_ponder_meta`, so
 *   Ponder's `/ready` (and the replicas' `/ready`, which read the same row through the views)
 *   answers 503, and then exits with code {@link UNHEALTHY_EXIT_CODE} so a supervisor can
 *   rebuild the index in a fresh database (docs/PRODUCTION.md). `VE_LENS_EXIT_ON_UNHEALTHY=0`
 *   keeps the process up (it still refuses to serve numbers).
 *
 * Checks start once Ponder reports ready (the backfill is done). Chain reads go straight to
 * the first RPC URL with a short timeout and no retries; a failed read is no symptom.
 */
import type { Context, MiddlewareHandler } from "hono";
import { sql } from "ponder";
import { createPublicClient, http } from "viem";
import { rowsOf } from "../db/rows";
import { z } from "zod";
import { type HealthState, type Observation, initialHealth, observe } from "../health/verdict";

/** Exit code of an indexer that stopped because its index no longer matches the chain (EX_SOFTWARE). */
export const UNHEALTHY_EXIT_CODE = 70;

/** Time between the verdict and the exit, in which `/ready` answers 503 so load balancers drain the indexer. */
export const UNHEALTHY_EXIT_DELAY_MS = 2_000;

const HealthEnv = z.object({
  VE_LENS_EXIT_ON_UNHEALTHY: z.enum(["0", "1"], { message: 'VE_LENS_EXIT_ON_UNHEALTHY must be "0" or "1"' }).default("1"),
  VE_LENS_HEALTH_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(2_000),
  VE_LENS_HEALTH_STALL_MS: z.coerce.number().int().min(1_000).default(120_000),
});

/** Reads the monitor's settings; a bad value stops the start with a message naming it. */
export function healthSettings(env: Record<string, string | undefined> = process.env) {
  const parsed = HealthEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([k, v]) => k in HealthEnv.shape && v !== "")));
  if (!parsed.success) throw new Error(`health monitor settings: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** The Ponder command this process runs (`start`, `serve`, `dev`), from its arguments. */
export function ponderCommand(argv: string[] = process.argv): string | undefined {
  return argv.slice(2).find((a) => a === "start" || a === "serve" || a === "dev");
}

/** The `--schema` this process indexes into or serves (Ponder's flag or `DATABASE_SCHEMA`), `public` by default. */
export function ponderSchema(argv: string[] = process.argv, env = process.env): string {
  const i = argv.indexOf("--schema");
  const inline = argv.find((a) => a.startsWith("--schema="));
  return (i >= 0 ? argv[i + 1] : inline?.slice("--schema=".length)) ?? env.DATABASE_SCHEMA ?? "public";
}

type Execute = { execute(query: unknown): Promise<unknown> };

export interface HealthMonitorOptions {
  // biome-ignore lint: Ponder's read-only drizzle db
  db: Execute & any;
  chainId: number;
  rpcUrl: string;
  /** Latest indexed block, from Ponder's checkpoint. */
  indexedBlock: () => Promise<number | undefined>;
}

export interface HealthReport {
  status: "healthy" | "unhealthy" | "starting";
  reason?: string;
  detail?: string;
  indexedBlock?: number;
  head?: number;
  finalizedBlock?: number;
  checkedAt?: string;
}

export interface HealthMonitor {
  report(): HealthReport;
  state(): HealthState;
  stop(): void;
}

/** Starts polling; one monitor per process. */
export function startHealthMonitor(options: HealthMonitorOptions): HealthMonitor {
  const settings = healthSettings();
  const command = ponderCommand();
  const isIndexer = command === "start";
  const rules = { confirmations: 2, aheadGraceMs: 5_000, stallMs: settings.VE_LENS_HEALTH_STALL_MS, maxLagBlocks: 100 };
  const client = createPublicClient({ transport: http(options.rpcUrl, { timeout: 3_000, retryCount: 0 }) });
  const { db } = options;
  let state: HealthState = initialHealth();
  let ready = false;
  let checkedAt: number | undefined;
  let busy = false;
  let acted = false;

  const isReady = async () => {
    const rows = rowsOf<{ value: { is_ready?: number } | string }>(await db.execute(sql`SELECT value FROM _ponder_meta WHERE key = 'app'`));
    const value = rows[0]?.value;
    const parsed = typeof value === "string" ? (JSON.parse(value) as { is_ready?: number }) : value;
    return parsed?.is_ready === 1;
  };

  const finalizedCheck = async (indexed: number): Promise<Observation["finalized"]> => {
    const rows = rowsOf<{ number: string | number; hash: string }>(
      await db.execute(
        sql`SELECT number, hash FROM ponder_sync.blocks WHERE chain_id = ${options.chainId} AND number <= ${indexed} ORDER BY number DESC LIMIT 1`,
      ),
    );
    const row = rows[0];
    if (!row) return undefined;
    const number = Number(row.number);
    let chainHash: string | null | undefined;
    try {
      const block = await client.getBlock({ blockNumber: BigInt(number) });
      chainHash = block.hash;
    } catch (err) {
      chainHash = (err as Error).name === "BlockNotFoundError" ? null : undefined;
    }
    return { number, storedHash: row.hash, chainHash };
  };

  const act = async (s: Extract<HealthState, { status: "unhealthy" }>) => {
    acted = true;
    const exit = isIndexer && settings.VE_LENS_EXIT_ON_UNHEALTHY === "1";
    console.error(
      `ERROR ve-lens: the index no longer matches the chain (${s.reason}): ${s.detail}. ` +
        "Ponder cannot recover from this: rebuild the index in a fresh database (docs/PRODUCTION.md, \"Failure modes\"). " +
        (exit ? `Exiting with code ${UNHEALTHY_EXIT_CODE} in ${UNHEALTHY_EXIT_DELAY_MS / 1000} s.` : "Data routes answer 503 until the index is rebuilt."),
    );
    if (isIndexer) {
      // Reaches into Ponder 0.16.10: its `/ready` reads `_ponder_meta.value.is_ready`, and its
      // heartbeat only rewrites `heartbeat_at`, so setting 0 here makes `/ready` answer 503.
      const database = (globalThis as { PONDER_DATABASE?: { adminQB?: { raw?: Execute } } }).PONDER_DATABASE;
      const schema = `"${ponderSchema().replaceAll('"', '""')}"`;
      try {
        await database?.adminQB?.raw?.execute(
          sql`UPDATE ${sql.raw(schema)}._ponder_meta SET value = jsonb_set(value, '{is_ready}', '0') WHERE key = 'app'`,
        );
      } catch (err) {
        console.error(`ERROR ve-lens: could not mark the index unready in _ponder_meta: ${(err as Error).message}`);
      }
    }
    if (exit) setTimeout(() => process.exit(UNHEALTHY_EXIT_CODE), UNHEALTHY_EXIT_DELAY_MS);
  };

  const tick = async () => {
    if (busy || acted) return;
    busy = true;
    try {
      if (!ready) ready = await isReady();
      if (!ready) return;
      const indexed = await options.indexedBlock();
      const head = await client.getBlockNumber().then(Number, () => undefined);
      const finalized = indexed === undefined ? undefined : await finalizedCheck(indexed);
      const at = performance.now();
      state = observe(state, { at, indexedBlock: indexed, head, finalized }, rules);
      checkedAt = Date.now();
      if (state.status === "unhealthy") await act(state);
    } catch (err) {
      // A database read failed (e.g. during shutdown): no verdict from this tick.
      if (process.env.VE_LENS_VERBOSE) console.warn(`ve-lens health check skipped: ${(err as Error).message}`);
    } finally {
      busy = false;
    }
  };

  const timer = setInterval(() => void tick(), settings.VE_LENS_HEALTH_INTERVAL_MS);
  timer.unref();

  return {
    state: () => state,
    report(): HealthReport {
      const last = state.last;
      const base = {
        indexedBlock: last?.indexedBlock,
        head: last?.head,
        finalizedBlock: last?.finalized?.number,
        checkedAt: checkedAt === undefined ? undefined : new Date(checkedAt).toISOString(),
      };
      if (state.status === "unhealthy") return { status: "unhealthy", reason: state.reason, detail: state.detail, ...base };
      // "healthy" is a verdict: it needs one finished observation, not only Ponder's readiness
      // (a report read while the first check is under way would be healthy with no block).
      return { status: ready && last !== undefined ? "healthy" : "starting", ...base };
    },
    stop: () => clearInterval(timer),
  };
}

/**
 * Middleware for the ve-lens routes: while the index is unhealthy, data routes answer 503
 * `INDEXER_UNHEALTHY` (GraphQL: an `errors` list), never numbers from the abandoned branch.
 * `/api/v1/health` answers the report itself.
 */
export function healthGate(monitor: () => HealthMonitor | undefined): MiddlewareHandler {
  return async (c: Context, next) => {
    const m = monitor();
    const path = c.req.path;
    if (path === "/api/v1/health") {
      const report = m?.report() ?? { status: "starting" as const };
      return c.json(report, report.status === "unhealthy" ? 503 : 200);
    }
    const report = m?.report();
    if (report?.status !== "unhealthy") return next();
    const detail = `the index no longer matches the chain (${report.reason}): ${report.detail}`;
    if (path.startsWith("/graphql") || path.startsWith("/ponder/graphql")) {
      return c.json({ errors: [{ message: detail, extensions: { code: "INDEXER_UNHEALTHY" } }] }, 503);
    }
    if (path.startsWith("/api/") || path.startsWith("/sql")) {
      return c.json({ error: "INDEXER_UNHEALTHY", detail }, 503);
    }
    return next();
  };
}
