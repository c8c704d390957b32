/**
 * `npm run bench`: the ve-lens benchmarks, appended to bench/RESULTS.md.
 *
 *   npm run bench                 # full: the `large` scenario (simulated once, then cached; simulated
 *                                 # again and served by the simulating anvil where its dump cannot be loaded)
 *   npm run bench -- --quick      # a few minutes: the `small` scenario, short load runs, a 2,000-voter
 *                                 # live epoch, the metrics on 1,000,000 amounts (3 runs); every target row
 *
 * Options: `--scenario NAME` (preset or file), `--only metrics,start,backfill,api`, `--no-write`
 * (print only), `--duration SECONDS` (per load run), `--connections N`, `--live-voters N`,
 * `--backfill-runs N` (rounds of floor then ve-lens, each on fresh databases; the ratios are the
 * medians of the rounds' own ratios; default 3 with `--quick`, else 1),
 * `--pg-stats` (the local PostgreSQL cluster runs `pg_stat_statements`: each backfill reports the
 * statements its database spent longest on), `--cpu-prof DIR` (both indexers run under
 * `node --cpu-prof`, their profiles written to DIR/ve-lens-N and DIR/floor-N for run N when they
 * stop; read one with `npx tsx bench/cpuprofile.ts FILE`), `--cache-mib N` (Ponder's indexing cache
 * budget, `PONDER_CACHE_BYTES`, for both indexers; Ponder's default is a fifth of the heap limit).
 *
 * What it measures, on a fresh database per app (PostgreSQL when `DATABASE_URL` is set or the
 * server binaries are installed, else PGlite):
 * 1. the metrics module on 1,000,000 amounts (`bench/metrics.bench.ts`);
 * 2. a first `npm start` (`devnet/start.ts` with an empty state folder, so the `default` world is
 *    simulated and indexed on PGlite from nothing): seconds until it says ready, per step;
 * 3. backfill throughput (events/s) of ve-lens and of the floor app (`bench/floor/`: the same
 *    sources, handlers that only store raw logs), their ratio, each indexer's peak RSS and CPU time, over
 *    `--backfill-runs` rounds (single runs of the ratio ranged from 1.03x to 1.69x on a 2-core machine);
 * 4. API latency (p50/p99) and throughput (RPS) under autocannon: GraphQL and REST
 *    `concentration` on a finalized epoch and on the live epoch, beside two ceilings (Ponder's
 *    own `/health` on the same server, and a trivial Hono route in its own process). Before
 *    the load, a crowd of new voters (bench/crowd.ts) brings the live epoch to `--live-voters`
 *    (50,000) while the indexer follows the chain; during the load the chain keeps moving (up
 *    to a block a second, 20 re-votes each), so the live epoch's numbers change under the load;
 *    after it, the live epoch is closed: empty blocks mined one at a time, the indexing time of
 *    the block whose EpochTick snapshots every voter against the median ordinary block.
 * Numbers go to bench/RESULTS.md with the machine, versions and date; nothing is typed by hand.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { getHeapStatistics } from "node:v8";
import { join, relative, resolve } from "node:path";
import autocannon from "autocannon";
import { anvilBinaryPath, freePort, startAnvil } from "../devnet/anvil";
import { DEVNET_DEFAULTS } from "../src/config/profile";
import { windowEnd } from "../src/domain/epochs";
import { type PostgresServer, type TestDatabase, createTestDatabase, findPostgres, withClient } from "../devnet/postgres";
import { type Chain, startChain } from "../devnet/harness/chain";
import { type Crowd, type Ticker, addCrowd, mineCrowdFinalized, startTicker } from "./crowd";
import { RpcClient } from "../devnet/sim/rpc";
import { type PonderProcess, metricSum, spawnPonder } from "../devnet/harness/ponderProcess";

const ROOT = resolve(import.meta.dirname, "..");
const RESULTS = join(ROOT, "bench", "RESULTS.md");

// ------------------------------------------------------------------------------------ options
interface Options {
  quick: boolean;
  scenario: string;
  only: Set<string>;
  write: boolean;
  duration: number;
  connections: number;
  /** Voters the live epoch gets before the load (a crowd is added when it has fewer). */
  liveVoters: number;
  /** Rounds of the backfill pair (floor, then ve-lens). */
  backfillRuns: number;
  /** Directory for the indexers' CPU profiles (`--cpu-prof`; one folder per app), if any. */
  cpuProfDir?: string;
  /** The database's time per statement, per backfill (`--pg-stats`: `pg_stat_statements` on the local cluster). */
  pgStats: boolean;
  /** Ponder's indexing cache budget for both indexers, MiB (`--cache-mib`); Ponder's own default when absent. */
  cacheMiB?: number;
}

/** The parts of a run, in the order they run. */
const PARTS = ["metrics", "start", "backfill", "api"];

function parseOptions(argv: string[]): Options {
  const quick = argv.includes("--quick");
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const only = new Set((value("--only") ?? PARTS.join(",")).split(",").map((s) => s.trim()));
  for (const o of only) {
    if (!PARTS.includes(o)) throw new Error(`--only: unknown part "${o}" (${PARTS.join(", ")})`);
  }
  return {
    quick,
    scenario: value("--scenario") ?? (quick ? "small" : "large"),
    only,
    write: !argv.includes("--no-write"),
    duration: Number(value("--duration") ?? (quick ? 5 : 20)),
    connections: Number(value("--connections") ?? 10),
    liveVoters: Number(value("--live-voters") ?? (quick ? 2_000 : 50_000)),
    backfillRuns: positiveInteger("--backfill-runs", value("--backfill-runs") ?? (quick ? "3" : "1")),
    cpuProfDir: value("--cpu-prof") === undefined ? undefined : resolve(value("--cpu-prof")!),
    pgStats: argv.includes("--pg-stats"),
    cacheMiB: value("--cache-mib") === undefined ? undefined : positiveInteger("--cache-mib", value("--cache-mib")!),
  };
}

function positiveInteger(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: expected a positive integer, got "${text}"`);
  return n;
}

/**
 * The code a run measured: the commit, and the paths changed on top of it (`git status
 * --porcelain`; the results file this bench writes aside), so a run of uncommitted code does not
 * read as a run of its commit.
 * @example commitText("4b39949", " M src/indexing/escrow.ts\n") // "4b39949 with uncommitted changes to src/indexing/escrow.ts"
 */
export function commitText(head: string, porcelain: string): string {
  const changed = porcelain
    .split("\n")
    .filter((line) => line.length > 3)
    .map((line) => line.slice(3).split(" -> ").at(-1)!)
    .filter((path) => path !== relative(ROOT, RESULTS));
  if (changed.length === 0) return head;
  const more = changed.length > 5 ? ` and ${changed.length - 5} more` : "";
  return `${head} with uncommitted changes to ${changed.slice(0, 5).join(", ")}${more}`;
}

const log = (m: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

// ------------------------------------------------------------------------------------ machine
function machine() {
  const ponder = JSON.parse(readFileSync(join(ROOT, "node_modules", "ponder", "package.json"), "utf8")) as { version: string };
  let anvil = "unknown";
  try {
    anvil = execFileSync(anvilBinaryPath(), ["--version"], { encoding: "utf8" }).split("\n")[0]!.trim();
  } catch {
    // keep unknown
  }
  let commit = "unknown";
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    commit = commitText(head, execFileSync("git", ["status", "--porcelain"], { cwd: ROOT, encoding: "utf8" }));
  } catch {
    // not a git checkout
  }
  return {
    date: new Date().toISOString(),
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    ponder: ponder.version,
    anvil,
    commit,
    /** 1-minute load average when the run started (other work on the machine skews the numbers). */
    loadAtStart: round(loadavg()[0] ?? 0, 2),
  };
}

// ------------------------------------------------------------------------------------ backfill
/** `Contract:Event` names ve-lens handles (log events only), read from src/indexing. */
function handledLogEvents(): string[] {
  const dir = join(ROOT, "src", "indexing");
  const names = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    for (const m of readFileSync(join(dir, file), "utf8").matchAll(/ponder\.on\(\s*["'`]([A-Za-z0-9_]+:[A-Za-z0-9_]+)["'`]/g)) {
      const name = m[1]!;
      if (!name.endsWith(":setup") && !name.endsWith(":block")) names.add(name);
    }
  }
  return [...names].sort();
}

/** Milliseconds of a Ponder duration like "1m 31s", "45s", "980ms", "1h 02m 03s". */
export function parsePonderDuration(text: string): number | undefined {
  let ms = 0;
  let matched = false;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*(h|ms|m|s)\b/g)) {
    matched = true;
    const n = Number(m[1]);
    ms += m[2] === "h" ? n * 3_600_000 : m[2] === "m" ? n * 60_000 : m[2] === "s" ? n * 1000 : n;
  }
  return matched ? ms : undefined;
}

/**
 * Milliseconds of Ponder's backfill: from its "Started backfill indexing" line to its "Completed
 * backfill indexing" line, by the lines' own clock (HH:MM:SS.mmm), or else the duration the
 * completion line prints (rounded to whole seconds above 10 s).
 */
export function backfillMillis(lines: readonly string[]): number | undefined {
  const started = lines.find((l) => /Started backfill indexing/.test(l));
  const completed = lines.find((l) => /Completed backfill indexing/.test(l));
  if (!completed) return undefined;
  const clock = (l: string | undefined) => {
    const m = l?.match(/^(\d\d):(\d\d):(\d\d)\.(\d{3})\b/);
    return m ? ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]) : undefined;
  };
  const [t0, t1] = [clock(started), clock(completed)];
  if (t0 !== undefined && t1 !== undefined) return t1 >= t0 ? t1 - t0 : t1 + 86_400_000 - t0;
  return parsePonderDuration(completed.slice(completed.lastIndexOf("(")));
}

export interface BackfillResult {
  app: string;
  /** Which run of the pair this is (1-based; `--backfill-runs`). */
  run: number;
  database: string;
  events: number;
  blocks: number;
  /** Spawn to `/ready` 200 (includes build and start-up). */
  wallSeconds: number;
  /** Ponder's "Completed backfill indexing" duration. */
  backfillSeconds: number;
  eventsPerSecond: number;
  peakRssMiB: number;
  /**
   * CPU time of the indexer's process (user + system, every thread) from its server's first
   * answer, right after the build, to `/ready`: the backfill's own work, without the waits on anvil
   * and the database that its wall time includes. Undefined when Ponder's process metrics were
   * not read.
   */
  cpuSeconds?: number;
  /** Where the indexing time went, from Ponder's own metrics at `/ready`. */
  split: TimeSplit;
  /** The statements the database spent longest on during this backfill (`--pg-stats`). */
  statements?: StatementTime[];
}

/** One normalized statement's totals in `pg_stat_statements`. */
export interface StatementTime {
  query: string;
  calls: number;
  rows: number;
  seconds: number;
}

/** Settings of a local cluster that records its statements' times. */
const PG_STATS_SETTINGS = ["shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=all", "pg_stat_statements.max=10000"];

/** The `top` statements `database` spent longest on, by `pg_stat_statements` (whitespace folded, text cut at 140 characters). */
async function statementTimes(serverUrl: string, database: string, top = 8): Promise<StatementTime[]> {
  const { rows } = await withClient(serverUrl, (c) =>
    c.query<{ query: string; calls: string; rows: string; ms: number }>(
      `SELECT left(regexp_replace(s.query, '\\s+', ' ', 'g'), 140) AS query, s.calls, s.rows, s.total_exec_time AS ms
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = $1 ORDER BY s.total_exec_time DESC LIMIT $2`,
      [database, top],
    ),
  );
  return rows.map((r) => ({ query: r.query.trim(), calls: Number(r.calls), rows: Number(r.rows), seconds: round(r.ms / 1000, 2) }));
}

/** Seconds Ponder's metrics attribute to its backfill steps, handlers, cache flushes (per table) and raw SQL reads. */
export interface TimeSplit {
  /**
   * Wall time of each step of Ponder's backfill loop, summed over its batches: `prefetch`, `begin`,
   * `index` (the handlers, one event after the other), `load` (writing the cache at the batch's
   * end), `finalize` (the checkpoint). Fetching from the RPC runs beside them.
   */
  steps: Record<string, number>;
  /** Σ handler durations (store calls made inside a handler included). */
  handlerSeconds: number;
  /** The events whose handlers took longest in total, longest first. */
  handlerEvents: { event: string; seconds: number; count: number }[];
  /** The tables with the longest flushes, longest first. */
  flushTables: { table: string; seconds: number }[];
  /** Σ `context.db.sql` executions (Ponder's parse of each query and the flush before it not included). */
  rawSqlSeconds: number;
  /**
   * Store reads Ponder's cache could not answer, by table, most first: `miss` (a query of its own,
   * once the table's rows were evicted from the cache) and `prefetch` (rows loaded before a batch).
   */
  cacheMisses: { table: string; miss: number; prefetch: number }[];
  /** Σ the handlers' store calls (`find`, `insert`, `update`, `delete`, `sql`: `ponder_indexing_store_queries_total`). */
  storeCalls: number;
  /** The tables and methods the handlers called most, most first. */
  storeCallsBy: { table: string; method: string; calls: number }[];
}

/** The labelled samples of the metric `name` in a `/metrics` scrape, each with its labels (`{ table: "lock", method: "flush" }`); values with escaped quotes are not expected. */
export function samplesOf(metrics: Map<string, number>, name: string): { labels: Record<string, string>; value: number }[] {
  const out: { labels: Record<string, string>; value: number }[] = [];
  for (const [k, value] of metrics) {
    if (!k.startsWith(`${name}{`) || !k.endsWith("}")) continue;
    const labels: Record<string, string> = {};
    for (const m of k.slice(name.length + 1, -1).matchAll(/(\w+)="([^"]*)"/g)) labels[m[1]!] = m[2]!;
    out.push({ labels, value });
  }
  return out;
}

/** {@link TimeSplit} of a `/metrics` scrape (durations there are in milliseconds). */
export function timeSplit(metrics: Map<string, number>, top = 3): TimeSplit {
  const byEvent = new Map<string, { ms: number; count: number }>();
  for (const part of ["sum", "count"] as const) {
    for (const { labels, value } of samplesOf(metrics, `ponder_indexing_function_duration_${part}`)) {
      if (labels.event === undefined) continue;
      const e = byEvent.get(labels.event) ?? { ms: 0, count: 0 };
      if (part === "sum") e.ms += value;
      else e.count += value;
      byEvent.set(labels.event, e);
    }
  }
  const byTable = new Map<string, number>();
  for (const { labels, value } of samplesOf(metrics, "ponder_indexing_cache_query_duration_sum")) {
    if (labels.method !== "flush") continue;
    const table = labels.table ?? "?";
    byTable.set(table, (byTable.get(table) ?? 0) + value);
  }
  const steps: Record<string, number> = {};
  for (const { labels, value } of samplesOf(metrics, "ponder_historical_transform_duration")) {
    if (labels.step !== undefined) steps[labels.step] = round((steps[labels.step] ?? 0) + value / 1000, 2);
  }
  return {
    steps,
    handlerSeconds: round(metricSum(metrics, "ponder_indexing_function_duration_sum") / 1000, 2),
    handlerEvents: [...byEvent]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, top)
      .map(([event, e]) => ({ event, seconds: round(e.ms / 1000, 2), count: e.count })),
    flushTables: [...byTable]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([table, ms]) => ({ table, seconds: round(ms / 1000, 2) })),
    rawSqlSeconds: round(metricSum(metrics, "ponder_indexing_store_raw_sql_duration_sum") / 1000, 2),
    cacheMisses: cacheMisses(metrics).slice(0, top),
    storeCalls: metricSum(metrics, "ponder_indexing_store_queries_total"),
    storeCallsBy: storeCallsBy(metrics).slice(0, top + 2),
  };
}

/** Ponder's `ponder_indexing_store_queries_total` by table and method, most calls first (ties by name). */
function storeCallsBy(metrics: Map<string, number>): TimeSplit["storeCallsBy"] {
  return samplesOf(metrics, "ponder_indexing_store_queries_total")
    .filter(({ value }) => value !== 0)
    .map(({ labels, value }) => ({ table: labels.table ?? "?", method: labels.method ?? "?", calls: value }))
    .sort((a, b) => b.calls - a.calls || `${a.table} ${a.method}`.localeCompare(`${b.table} ${b.method}`));
}

/** Ponder's `ponder_indexing_cache_requests_total` of the `miss` and `prefetch` types, by table, most misses first. */
function cacheMisses(metrics: Map<string, number>): TimeSplit["cacheMisses"] {
  const byTable = new Map<string, { miss: number; prefetch: number }>();
  for (const { labels, value } of samplesOf(metrics, "ponder_indexing_cache_requests_total")) {
    const type = labels.type;
    if (type !== "miss" && type !== "prefetch") continue;
    const table = labels.table ?? "?";
    const t = byTable.get(table) ?? { miss: 0, prefetch: 0 };
    t[type] += value;
    byTable.set(table, t);
  }
  return [...byTable]
    .filter(([, t]) => t.miss + t.prefetch > 0)
    .sort((a, b) => b[1].miss - a[1].miss || b[1].prefetch - a[1].prefetch)
    .map(([table, t]) => ({ table, ...t }));
}

interface Db {
  kind: "postgres" | "pglite";
  /** The PostgreSQL database's name. */
  name?: string;
  target: { databaseUrl?: string; pgliteDir?: string };
  close(): Promise<void>;
}

async function freshDatabase(pg: PostgresServer, label: string, tmp: string): Promise<Db> {
  if (pg.url) {
    const db: TestDatabase = await createTestDatabase(pg.url, label);
    return { kind: "postgres", name: db.name, target: { databaseUrl: db.url }, close: () => db.drop() };
  }
  return { kind: "pglite", target: { pgliteDir: join(tmp, label) }, close: async () => {} };
}

/** The process's CPU seconds (user + system) in Ponder's metrics (prom-client's process metrics). */
function processCpuSeconds(metrics: Map<string, number>): number {
  return metricSum(metrics, "process_cpu_user_seconds_total") + metricSum(metrics, "process_cpu_system_seconds_total");
}

/**
 * The process's CPU seconds at the first answer of its `/metrics` (polled every 50 ms; the server
 * starts when the build ends, with the indexing), or undefined if it never answers with them
 * before the process is ready or gone.
 */
async function firstCpuReading(ponder: PonderProcess): Promise<number | undefined> {
  let gone = false;
  void ponder.exited.then(() => {
    gone = true;
  });
  const deadline = performance.now() + 600_000;
  while (performance.now() < deadline && !gone) {
    const metrics = await ponder.metrics();
    if (metrics.has("process_cpu_user_seconds_total")) return processCpuSeconds(metrics);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

async function backfill(
  app: "ve-lens" | "floor",
  run: number,
  chain: Chain,
  db: Db,
  extraEnv: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<{ result: BackfillResult; ponder: PonderProcess }> {
  const t0 = performance.now();
  const ponder = await spawnPonder({
    command: "start",
    name: app,
    root: app === "floor" ? join(ROOT, "bench", "floor") : ROOT,
    manifestPath: chain.manifestPath,
    schema: app === "floor" ? "bench_floor" : "bench_velens",
    ...db.target,
    env: extraEnv,
    nodeArgs,
  });
  const cpuAtServer = await firstCpuReading(ponder);
  let lastLog = 0;
  const progress = setInterval(async () => {
    if (performance.now() - lastLog < 30_000) return;
    lastLog = performance.now();
    const m = await ponder.metrics();
    log(
      `  ${app}: ${metricSum(m, "ponder_historical_completed_blocks")}/${metricSum(m, "ponder_historical_total_blocks")} blocks fetched, ` +
        `${metricSum(m, "ponder_indexing_completed_events")} events indexed, RSS ${Math.round(ponder.peakRssBytes() / 2 ** 20)} MiB peak`,
    );
  }, 5_000);
  try {
    await ponder.waitReady(4 * 3_600_000);
  } finally {
    clearInterval(progress);
  }
  const wallSeconds = (performance.now() - t0) / 1000;
  const metrics = await ponder.metrics();
  let events = 0;
  for (const { labels, value } of samplesOf(metrics, "ponder_indexing_completed_events")) {
    const event = labels.event;
    if (event !== undefined && !event.endsWith(":setup") && !event.endsWith(":block")) events += value;
  }
  const backfillMs = backfillMillis(ponder.lines());
  const backfillSeconds = backfillMs !== undefined ? backfillMs / 1000 : wallSeconds;
  return {
    ponder,
    result: {
      app,
      run,
      database: db.kind,
      events,
      blocks: metricSum(metrics, "ponder_historical_total_blocks"),
      wallSeconds: round(wallSeconds, 1),
      backfillSeconds: round(backfillSeconds, 2),
      eventsPerSecond: Math.round(events / backfillSeconds),
      peakRssMiB: Math.round(ponder.peakRssBytes() / 2 ** 20),
      cpuSeconds: cpuAtServer === undefined ? undefined : round(processCpuSeconds(metrics) - cpuAtServer, 2),
      split: timeSplit(metrics),
    },
  };
}

// ------------------------------------------------------------------------------------ API load
export interface LoadResult {
  target: string;
  p50ms: number;
  p90ms: number;
  p99ms: number;
  maxMs: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function load(
  name: string,
  url: string,
  opts: Options,
  request: { method?: "GET" | "POST"; body?: string; headers?: Record<string, string> } = {},
): Promise<LoadResult> {
  // Warm-up (caches, JIT), then the measured run.
  await autocannon({ url, connections: opts.connections, duration: 2, ...request });
  const r = await autocannon({ url, connections: opts.connections, duration: opts.duration, ...request });
  return {
    target: name,
    p50ms: r.latency.p50,
    p90ms: r.latency.p90,
    p99ms: r.latency.p99,
    maxMs: r.latency.max,
    rps: Math.round(r.requests.average),
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

async function startCeiling(): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(ROOT, "bench", "ceiling.ts")], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error("ceiling server did not start in 30 s")), 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      const m = chunk.toString().match(/listening (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    });
    child.once("exit", (code) => reject(new Error(`ceiling server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/ceiling`,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}

interface ApiReport {
  finalizedEpoch: number;
  liveEpoch: number;
  liveVoters: number;
  runs: LoadResult[];
  /** Where the indexer was when the load ran. */
  indexedBlock?: number;
  headBlock?: number;
  /** Seconds from `/ready` until the indexer reached the head (or gave up waiting). */
  liveSeconds?: number;
  /** The crowd added to the live epoch (bench/crowd.ts), and how long the indexer took to follow it. */
  crowd?: { voters: number; blocks: number; txs: number; lockedBr: number; chainSeconds: number; indexedSeconds: number; reached: boolean; settleBlocks?: number };
  /** The live epoch closed after the load. */
  close?: EpochClose;
  /** The blocks mined during the load runs, and how far the indexer was behind when they ended. */
  ticker?: { intervalMs: number; votesPerBlock: number; blocks: number; votes: number; seconds: number; lagAtEnd: number };
}

/** The moving chain during the load runs: up to a block a second, 20 re-votes each. */
const TICKER = { intervalMs: 1_000, votesPerBlock: 20 } as const;

async function chainHead(rpcUrl: string): Promise<number> {
  const res = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
  });
  return Number(((await res.json()) as { result: string }).result);
}

/** Waits until the indexer has indexed `block` or `timeoutMs` passed; where it got and how long it took. */
async function waitForBlock(ponder: PonderProcess, block: number, timeoutMs: number): Promise<{ indexed: number; seconds: number }> {
  const t0 = performance.now();
  let indexed = (await ponder.indexedBlock()) ?? 0;
  while (indexed < block && performance.now() - t0 < timeoutMs) {
    await new Promise((r) => setTimeout(r, 1_000));
    const now = (await ponder.indexedBlock()) ?? 0;
    if (Math.floor(now / 50) !== Math.floor(indexed / 50)) log(`  indexed block ${now} of ${block} after ${Math.round((performance.now() - t0) / 1000)} s`);
    indexed = now;
  }
  return { indexed, seconds: round((performance.now() - t0) / 1000, 1) };
}

async function liveEpochVoters(url: string): Promise<number> {
  const epochs = (await (await fetch(`${url}/api/v1/epochs`)).json()) as { live: boolean; voters: number }[];
  return epochs.find((e) => e.live)?.voters ?? 0;
}

async function apiBench(ponder: PonderProcess, opts: Options): Promise<ApiReport> {
  const epochs = (await (await fetch(`${ponder.url}/api/v1/epochs`)).json()) as { id: number; finalized: boolean; live: boolean; voters: number }[];
  const finalized = [...epochs].reverse().find((e) => e.finalized && e.voters > 0);
  const live = epochs.find((e) => e.live) ?? epochs[epochs.length - 1];
  if (!finalized || !live) throw new Error(`no finalized or live epoch in /api/v1/epochs: ${JSON.stringify(epochs).slice(0, 300)}`);
  const gql = (epoch: number) =>
    JSON.stringify({ query: `{ concentration(epoch: ${epoch}, scope: CAST_VOTES) { epoch n total gini nakamoto33 nakamoto50 nakamoto66 hhi effectiveN top1Share top10Share } }` });
  const post = (body: string) => ({ method: "POST" as const, body, headers: { "content-type": "application/json", accept: "application/json" } });
  // Sanity: the queries answer without errors.
  for (const epoch of [finalized.id, live.id]) {
    const res = await fetch(`${ponder.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: gql(epoch) });
    const body = (await res.json()) as { errors?: unknown };
    if (res.status !== 200 || body.errors) throw new Error(`concentration(epoch: ${epoch}) failed: ${JSON.stringify(body).slice(0, 300)}`);
  }
  const runs: LoadResult[] = [];
  const ceiling = await startCeiling();
  try {
    log(`  load: ${opts.connections} connections, ${opts.duration} s per target`);
    // /health right before and after the finalized runs: the indexer shares the event loop, so
    // the ratio compares runs made under the same background work
    runs.push(await load("ceiling: Ponder /health (same server), before", `${ponder.url}/health`, opts));
    runs.push(await load(`GraphQL concentration, finalized epoch ${finalized.id}`, `${ponder.url}/graphql`, opts, post(gql(finalized.id))));
    runs.push(await load(`REST concentration, finalized epoch ${finalized.id}`, `${ponder.url}/api/v1/concentration?epoch=${finalized.id}&scope=CAST_VOTES`, opts));
    runs.push(await load("ceiling: Ponder /health (same server), after", `${ponder.url}/health`, opts));
    runs.push(await load(`GraphQL concentration, live epoch ${live.id}`, `${ponder.url}/graphql`, opts, post(gql(live.id))));
    runs.push(await load(`REST concentration, live epoch ${live.id}`, `${ponder.url}/api/v1/concentration?epoch=${live.id}&scope=CAST_VOTES`, opts));
    runs.push(await load("ceiling: trivial Hono route (own process)", ceiling.url, opts));
  } finally {
    await ceiling.stop();
  }
  return { finalizedEpoch: finalized.id, liveEpoch: live.id, liveVoters: live.voters, runs };
}

// ------------------------------------------------------------------------------------ metrics module
function metricsBench(quick: boolean): Record<string, unknown> {
  const out = execFileSync(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(ROOT, "bench", "metrics.bench.ts")], {
    cwd: ROOT,
    encoding: "utf8",
    // quick: still 1,000,000 amounts (the target's size), fewer runs, only the measured functions
    env: { ...process.env, BENCH_N: "1000000", BENCH_RUNS: quick ? "3" : "5", BENCH_CORE: quick ? "1" : "0" },
    maxBuffer: 16 * 2 ** 20,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out.slice(out.indexOf("{"))) as Record<string, unknown>;
}

// ------------------------------------------------------------------------------------ first npm start
interface FirstStart {
  /** Seconds from spawn until `npm start` said ready (API and dashboard up). */
  readySeconds: number;
  /** Seconds each step took, in order (compile, chain, manifest, index). */
  steps: { title: string; seconds: number }[];
  /** The simulator's own account of its RPC time (seconds), from its last progress line. */
  simulatorRpc?: { send: number; mine: number; verify: number };
  /** The floor app indexing the chain `npm start` made, on PGlite as well, after `npm start` stopped. */
  floor?: { spawnToHeadSeconds: number; backfillSeconds: number } | { error: string };
}

/**
 * `npm start` (devnet/start.ts) with an empty state folder: the `default` world simulated and
 * indexed on PGlite from nothing. Compiled contracts are cached in the repository beside the
 * state folder; the report's first step says what compiling cost in this run.
 */
async function firstStart(tmp: string): Promise<FirstStart> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !["DATABASE_URL", "DATABASE_SCHEMA", "VE_LENS_SCENARIO"].includes(k)) env[k] = v;
  Object.assign(env, { VE_LENS_HOME: join(tmp, "first-start"), PORT: String(await freePort()), VE_LENS_RPC_PORT: String(await freePort()), PONDER_TELEMETRY_DISABLED: "1", NO_COLOR: "1" });
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(ROOT, "devnet", "start.ts")], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const lines: string[] = [];
  try {
    const readySeconds = await new Promise<number>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`npm start: not ready after 20 min; last lines: ${lines.slice(-5).join(" | ")}`)), 20 * 60_000);
      let buffered = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        let i: number;
        while ((i = buffered.indexOf("\n")) >= 0) {
          const line = buffered.slice(0, i);
          buffered = buffered.slice(i + 1);
          lines.push(line);
          if (/ ready in /.test(line)) {
            clearTimeout(timer);
            done((performance.now() - t0) / 1000);
          }
        }
      });
      child.stderr?.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n")));
      void exited.then(() => {
        clearTimeout(timer);
        fail(new Error(`npm start exited before it was ready; last lines: ${lines.slice(-5).join(" | ")}`));
      });
    });
    // "[ve-lens 12.3s] step 2/5: title": a step lasts until the next one begins
    const marks = lines.flatMap((l) => {
      const m = l.match(/^\[ve-lens ([\d.]+)s\] step \d+\/\d+: (.*)$/);
      return m ? [{ at: Number(m[1]), title: m[2]! }] : [];
    });
    const steps = marks.slice(0, -1).map((m, i) => ({ title: m.title, seconds: round(marks[i + 1]!.at - m.at, 1) }));
    const rpcLine = lines
      .map((l) => l.match(/rpc time: send ([\d.]+)s, mine ([\d.]+)s, verify ([\d.]+)s/))
      .filter((m) => m !== null)
      .pop();
    const simulatorRpc = rpcLine ? { send: Number(rpcLine[1]), mine: Number(rpcLine[2]), verify: Number(rpcLine[3]) } : undefined;
    return { readySeconds: round(readySeconds, 1), steps, simulatorRpc };
  } finally {
    if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
  }
}

/**
 * The floor app (bare Ponder storing raw logs) on the chain a first `npm start` simulated, on
 * PGlite as `npm start` uses: spawn until it has indexed the head block, as `npm start`'s index
 * step measures. The chain is served again from the state `npm start` cached, with nothing else
 * running.
 */
async function floorOnFirstStartChain(tmp: string): Promise<{ spawnToHeadSeconds: number; backfillSeconds: number }> {
  const chainsDir = join(tmp, "first-start", "chains");
  const [key] = readdirSync(chainsDir);
  if (!key) throw new Error(`no chain cached under ${chainsDir}`);
  const { readManifest, writeManifest } = await import("../src/config/manifest");
  const anvil = await startAnvil({ loadState: join(chainsDir, key, "anvil-state.json") });
  try {
    const manifest = { ...(await readManifest(join(chainsDir, key, "devnet.json"))), rpcUrl: anvil.rpcUrl };
    const manifestPath = join(tmp, "first-start-floor.json");
    await writeManifest(manifestPath, manifest);
    const t0 = performance.now();
    const ponder = await spawnPonder({
      command: "start",
      name: "floor",
      root: join(ROOT, "bench", "floor"),
      manifestPath,
      schema: "bench_floor",
      pgliteDir: join(tmp, "first-start-floor-pglite"),
      env: { VE_LENS_FLOOR_EVENTS: handledLogEvents().join(",") },
    });
    try {
      await ponder.waitReady(30 * 60_000);
      await ponder.waitForBlock(manifest.headBlock, 10 * 60_000);
      const spawnToHeadSeconds = (performance.now() - t0) / 1000;
      return { spawnToHeadSeconds: round(spawnToHeadSeconds, 1), backfillSeconds: round((backfillMillis(ponder.lines()) ?? Number.NaN) / 1000, 2) };
    } finally {
      await ponder.stop();
    }
  } finally {
    await anvil.stop();
  }
}

// ------------------------------------------------------------------------------------ epoch close
interface EpochClose {
  epoch: number;
  voters: number;
  /** Blocks mined one at a time, each waited for, before and after the window end. */
  blocks: number;
  /** Seconds from a block's mining until it was indexed: the median before the window end, and the close block. */
  ordinaryMedianSeconds: number;
  closeSeconds: number;
  /** `context.db.sql` reads made from the window-end block on: 0 when the close took the live rows held in memory. */
  rawSqlReads: number;
}

/**
 * Closes the live epoch on the live path. Mines ordinary empty blocks one at a time, timing each
 * from the moment `evm_mine` returned until the indexer has it; then sets the next block's time
 * to the epoch's window end and mines one block at a time until the EpochTick block handler has
 * run again (its first run at or past the window end snapshots every voter). The close block's
 * time, less the median ordinary block's, is what the close adds to the indexer's work. Few
 * blocks: on a chain of 50,000 voters without pruned history, anvil keeps a state copy per block.
 */
async function epochCloseBench(ponder: PonderProcess, rpcUrl: string, epoch: number, voters: number): Promise<EpochClose> {
  const ticks = async () => metricSum(await ponder.metrics(), "ponder_indexing_completed_events", 'event="EpochTick:block"');
  const rawReads = async () => metricSum(await ponder.metrics(), "ponder_indexing_store_raw_sql_duration_count");
  let readsBefore = 0;
  const rpc = new RpcClient(rpcUrl);
  const mineOne = async (): Promise<number> => {
    await rpc.request("evm_mine");
    const t0 = performance.now();
    const head = await chainHead(rpcUrl);
    while (((await ponder.indexedBlock()) ?? 0) < head) {
      if (performance.now() - t0 > 900_000) throw new Error(`epoch close: block ${head} not indexed after 15 min`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return (performance.now() - t0) / 1000;
  };
  const before: number[] = [];
  const after: number[] = [];
  try {
    for (let i = 0; i < ORDINARY_BLOCKS; i++) before.push(await mineOne());
    const ticksBefore = await ticks();
    readsBefore = await rawReads();
    await rpc.request("evm_setNextBlockTimestamp", [`0x${windowEnd(epoch).toString(16)}`]);
    while ((await ticks()) === ticksBefore) {
      if (after.length > DEVNET_DEFAULTS.epochTickInterval) throw new Error(`epoch close: no EpochTick in ${after.length} blocks`);
      after.push(await mineOne());
    }
  } finally {
    rpc.close();
  }
  const epochs = (await (await fetch(`${ponder.url}/api/v1/epochs`)).json()) as { id: number; live: boolean }[];
  const closed = epochs.find((e) => e.id === epoch);
  if (!closed || closed.live) throw new Error(`epoch close: epoch ${epoch} is not stored after its window end`);
  before.sort((a, b) => a - b);
  return {
    epoch,
    voters,
    blocks: before.length + after.length,
    ordinaryMedianSeconds: round(before[Math.floor(before.length / 2)]!, 3),
    closeSeconds: round(after[after.length - 1]!, 3),
    rawSqlReads: (await rawReads()) - readsBefore,
  };
}

/** Ordinary blocks timed before the window end. */
const ORDINARY_BLOCKS = 9;

// ------------------------------------------------------------------------------------ report
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
/** A count or rate with thousands separators. */
const fmt = (x: number) => x.toLocaleString("en-US");

function table(headers: string[], rows: (string | number)[][]): string {
  return [`| ${headers.join(" | ")} |`, `| ${headers.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

/** The ve-lens / floor ratios of each run that has both apps, in run order, and their medians. */
export interface BackfillRatios {
  /** Each run's ratios; `cpu` when both apps' CPU seconds were read. */
  runs: { run: number; time: number; rss: number; cpu?: number }[];
  /** Median over the runs of ve-lens's backfill time over the floor's. */
  time?: number;
  /** Median over the runs (those with both readings) of ve-lens's backfill CPU seconds over the floor's. */
  cpu?: number;
  /** Median over the runs of ve-lens's peak RSS over the floor's. */
  rss?: number;
  /**
   * Median of ve-lens's backfill times over the median of the floor's, over the same complete
   * runs. When the machine's speed drifts between runs, each run's own ratio moves with it and
   * the median of those ratios can differ from this one by 0.1x: the report gives both.
   */
  pooledTime?: number;
  /** The floor's backfill times over the complete runs, fastest and slowest (seconds): the machine's drift. */
  floorRange?: { min: number; max: number };
}

/** Median of `xs` (the mean of the two middle values when their count is even); undefined when empty. */
export function median(xs: readonly number[]): number | undefined {
  if (!xs.length) return undefined;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Pairs each run's floor and ve-lens results and takes the ratios within each run, so every ratio
 * compares two backfills made minutes apart under the same machine load; the target compares the
 * medians (ratios rounded to 2 decimals).
 */
export function backfillRatios(results: readonly BackfillResult[]): BackfillRatios {
  const runs: BackfillRatios["runs"] = [];
  const floorTimes: number[] = [];
  const veLensTimes: number[] = [];
  for (const run of [...new Set(results.map((b) => b.run))].sort((a, b) => a - b)) {
    const floor = results.find((b) => b.run === run && b.app === "floor");
    const vl = results.find((b) => b.run === run && b.app === "ve-lens");
    if (!floor || !vl || floor.backfillSeconds <= 0 || floor.peakRssMiB <= 0) continue;
    const cpu = vl.cpuSeconds !== undefined && floor.cpuSeconds !== undefined && floor.cpuSeconds > 0 ? vl.cpuSeconds / floor.cpuSeconds : undefined;
    runs.push({ run, time: vl.backfillSeconds / floor.backfillSeconds, rss: vl.peakRssMiB / floor.peakRssMiB, ...(cpu === undefined ? {} : { cpu }) });
    floorTimes.push(floor.backfillSeconds);
    veLensTimes.push(vl.backfillSeconds);
  }
  const time = median(runs.map((x) => x.time));
  const rss = median(runs.map((x) => x.rss));
  const cpu = median(runs.flatMap((x) => (x.cpu === undefined ? [] : [x.cpu])));
  const floorMedian = median(floorTimes);
  const veLensMedian = median(veLensTimes);
  return {
    runs: runs.map((x) => ({ run: x.run, time: round(x.time), rss: round(x.rss), ...(x.cpu === undefined ? {} : { cpu: round(x.cpu) }) })),
    time: time === undefined ? undefined : round(time),
    ...(cpu === undefined ? {} : { cpu: round(cpu) }),
    rss: rss === undefined ? undefined : round(rss),
    pooledTime: floorMedian === undefined || veLensMedian === undefined ? undefined : round(veLensMedian / floorMedian),
    floorRange: floorTimes.length ? { min: Math.min(...floorTimes), max: Math.max(...floorTimes) } : undefined,
  };
}

interface Report {
  machine: ReturnType<typeof machine>;
  options: Options;
  chain?: { scenario: string; headBlock: number; simulatedSeconds?: number; stale?: string };
  backfill?: BackfillResult[];
  api?: ApiReport;
  metrics?: Record<string, unknown>;
  firstStart?: FirstStart;
  errors: string[];
}

function markdown(r: Report): string {
  const m = r.machine;
  const lines: string[] = [];
  lines.push(`## ${m.date.slice(0, 16).replace("T", " ")} UTC — ${r.options.quick ? "quick" : "full"} run, scenario \`${r.options.scenario}\``);
  lines.push("");
  lines.push(
    `Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB memory; Node ${m.node}, Ponder ${m.ponder}, ${m.anvil}; commit ${m.commit}.` +
      ` Load average at start: ${m.loadAtStart}, at end: ${round(loadavg()[0] ?? 0, 2)}.` +
      (r.chain ? ` Chain: ${r.chain.headBlock} blocks${r.chain.simulatedSeconds !== undefined ? ` (simulated in ${round(r.chain.simulatedSeconds, 0)} s)` : r.chain.stale ? " (cached, made by an earlier simulator version)" : " (cached)"}.` : ""),
  );
  lines.push("");
  if (r.firstStart) {
    lines.push("### First `npm start` (empty state folder: the `default` world simulated and indexed on PGlite)");
    lines.push("");
    lines.push(table(["step", "seconds"], [...r.firstStart.steps.map((st) => [st.title, st.seconds]), ["**spawn → ready**", `**${r.firstStart.readySeconds}**`]]));
    lines.push("");
    const rpc = r.firstStart.simulatorRpc;
    if (rpc) lines.push(`The simulator's RPC time: sending transactions ${rpc.send} s, anvil mining blocks ${rpc.mine} s, checking them ${rpc.verify} s.`, "");
    const fl = r.firstStart.floor;
    const indexStep = r.firstStart.steps.find((st) => st.title.startsWith("index with Ponder"));
    if (fl && "error" in fl) lines.push(`The floor app on the same chain: ${fl.error}`, "");
    else if (fl) {
      lines.push(
        `The floor app (bare Ponder storing raw logs) on the same chain, also on PGlite: spawn → head block indexed ${fl.spawnToHeadSeconds} s (backfill ${fl.backfillSeconds} s)` +
          (indexStep ? `; \`npm start\`'s index step took ${indexStep.seconds} s, ${round(indexStep.seconds / fl.spawnToHeadSeconds)}x the floor's.` : "."),
        "",
      );
    }
  }
  if (r.backfill?.length) {
    lines.push("### Backfill");
    lines.push("");
    lines.push(`Ponder's indexing cache budget, the same for both indexers: ${cacheBudgetText(r.options.cacheMiB)}.`);
    lines.push("");
    const many = new Set(r.backfill.map((b) => b.run)).size > 1;
    lines.push(
      table(
        [...(many ? ["run"] : []), "app", "database", "events", "blocks", "backfill (s)", "events/s", "spawn → ready (s)", "peak RSS (MiB)", "CPU, server up → ready (s)"],
        r.backfill.map((b) => [
          ...(many ? [b.run] : []),
          b.app,
          b.database,
          b.events,
          b.blocks,
          b.backfillSeconds,
          b.eventsPerSecond,
          b.wallSeconds,
          b.peakRssMiB,
          b.cpuSeconds ?? "-",
        ]),
      ),
    );
    lines.push("");
    const ratios = backfillRatios(r.backfill);
    if (ratios.time !== undefined) {
      lines.push(
        `ve-lens / floor backfill time: **${ratios.time}x** (target ≤ ${BACKFILL_RATIO_TARGET}x: ${ratios.time <= BACKFILL_RATIO_TARGET ? "met" : "not met"})` +
          (ratios.runs.length > 1
            ? `, the median of ${ratios.runs.length} runs: ${ratios.runs.map((x) => `${x.time}x`).join(", ")}; peak RSS ${ratios.runs.map((x) => `${x.rss}x`).join(", ")} (median ${ratios.rss}x).` +
                ` The ratio of the two apps' median backfill times: ${ratios.pooledTime}x (the floor's own backfill ranged ${ratios.floorRange?.min}–${ratios.floorRange?.max} s over these runs).`
            : "."),
      );
    }
    if (ratios.cpu !== undefined) {
      const cpuRuns = ratios.runs.flatMap((x) => (x.cpu === undefined ? [] : [`${x.cpu}x`]));
      lines.push("");
      lines.push(
        `The indexer process's CPU time (user + system, from its server's first answer after the build to \`/ready\`), ve-lens / floor: **${ratios.cpu}x**` +
          (cpuRuns.length > 1 ? `, the median of ${cpuRuns.length} runs: ${cpuRuns.join(", ")}.` : ".") +
          " It leaves out the waits on anvil and the database that the wall time includes; the verdict stays on the wall time.",
      );
    }
    lines.push("");
    lines.push(
      "Where the backfill's time went, by Ponder's own metrics (seconds): the steps of its backfill loop (`index` runs the handlers, `load` writes the cache at each batch's end);" +
        " the handlers' own durations, the longest by event (events handled), and their raw SQL reads; flushes per table (tables flush concurrently on PostgreSQL, so these overlap);" +
        " store reads the cache could not answer (a query each, after Ponder evicted the table's rows from its cache) and rows prefetched before a batch, by table;" +
        " the handlers' store calls (each costs Ponder's own bookkeeping: the floor makes one per event), and the tables and methods called most.",
    );
    lines.push("");
    lines.push(
      table(
        [...(many ? ["run"] : []), "app", "prefetch", "index", "load", "handlers", "longest handlers (events)", "raw SQL reads", "longest table flushes", "cache misses / prefetched rows", "store calls (per event)", "most called"],
        r.backfill.map((b) => [
          ...(many ? [b.run] : []),
          b.app,
          b.split.steps.prefetch ?? "-",
          b.split.steps.index ?? "-",
          b.split.steps.load ?? "-",
          b.split.handlerSeconds,
          b.split.handlerEvents.map((e) => `${e.event} ${e.seconds} (${fmt(e.count)})`).join(", ") || "-",
          b.split.rawSqlSeconds,
          b.split.flushTables.map((t) => `${t.table} ${t.seconds}`).join(", ") || "-",
          b.split.cacheMisses.map((t) => `${t.table} ${fmt(t.miss)} / ${fmt(t.prefetch)}`).join(", ") || "none",
          `${fmt(b.split.storeCalls)} (${b.events > 0 ? round(b.split.storeCalls / b.events, 2) : "-"})`,
          b.split.storeCallsBy.map((c) => `${c.table} ${c.method} ${fmt(c.calls)}`).join(", ") || "-",
        ]),
      ),
    );
    lines.push("");
    const profiled = r.backfill.filter((b) => b.statements?.length);
    if (profiled.length > 0) {
      lines.push("The statements the database spent longest on during each backfill (`--pg-stats`, `pg_stat_statements`; seconds of execution, summed over calls):");
      lines.push("");
      lines.push(
        table(
          ["run", "app", "seconds", "calls", "rows", "statement"],
          profiled.flatMap((b) => b.statements!.map((st) => [b.run, b.app, st.seconds, st.calls, st.rows, `\`${st.query.replaceAll("|", "\\|").replaceAll("`", "'")}\``])),
        ),
      );
      lines.push("");
    }
  }
  if (r.api) {
    lines.push(`### API (autocannon, ${r.options.connections} connections, ${r.options.duration} s per target, load generator on the same machine)`);
    lines.push("");
    lines.push(`Live epoch ${r.api.liveEpoch} has ${r.api.liveVoters} voters.`);
    const c = r.api.crowd;
    if (c) {
      lines.push(
        "",
        `Before the load, ${c.voters} new voters locked (${c.lockedBr} BR) and voted in the live epoch: ${c.txs} transactions in ${c.blocks} blocks, mined in ${c.chainSeconds} s;` +
          ` the indexer ${c.reached ? "followed them" : "had not followed them"} ${c.indexedSeconds} s after the first of those blocks was mined.` +
          (c.settleBlocks !== undefined
            ? ` Then ${c.settleBlocks} empty blocks, so that Ponder finalized the crowd's blocks (writing them to its sync store) before the load rather than during it.`
            : ""),
      );
    }
    const t = r.api.ticker;
    if (t) {
      lines.push(
        "",
        `During the load the chain kept moving: ${t.blocks} blocks in ${t.seconds} s (one every ${t.intervalMs / 1000} s at most, ${t.votesPerBlock} re-votes each, ${t.votes} votes); the indexer was ${t.lagAtEnd} blocks behind the head when the load ended.`,
      );
    }
    if (r.api.headBlock !== undefined && !c) {
      lines.push(
        "",
        `Indexer at block ${r.api.indexedBlock} of ${r.api.headBlock} during the load; the live path took ${r.api.liveSeconds} s after \`/ready\`${r.api.indexedBlock! < r.api.headBlock ? " and had not reached the head" : ""}.`,
      );
    }
    lines.push("");
    lines.push(
      table(
        ["target", "p50 (ms)", "p90 (ms)", "p99 (ms)", "max (ms)", "RPS", "requests", "non-2xx", "errors"],
        r.api.runs.map((x) => [x.target, x.p50ms, x.p90ms, x.p99ms, x.maxMs, x.rps, x.requests, x.non2xx, x.errors]),
      ),
    );
    lines.push("");
    const cl = r.api.close;
    if (cl) {
      lines.push(
        `Epoch close on the live path (${cl.blocks} empty blocks mined one at a time): before epoch ${cl.epoch}'s window end a block was indexed ${cl.ordinaryMedianSeconds} s after it was mined (median); the block whose EpochTick snapshot ${cl.voters} voters took ${cl.closeSeconds} s: the close added ${round(cl.closeSeconds - cl.ordinaryMedianSeconds, 2)} s.` +
          ` From the window end on, the indexer made ${cl.rawSqlReads} SQL read${cl.rawSqlReads === 1 ? "" : "s"} (\`context.db.sql\`; 0 when the close takes the live rows held in memory, 1 when it reads the tables).`,
        "",
      );
    }
  }
  if (r.metrics) {
    const d = r.metrics as { n: number; datasets: Record<string, { computeConcentration?: { medianMs: number }; sortAmounts?: { medianMs: number } }> };
    lines.push(`### Metrics module (${fmt(d.n)} amounts, median of runs)`);
    lines.push("");
    lines.push(
      table(
        ["dataset", "computeConcentration (ms)", "sortAmounts (ms)"],
        Object.entries(d.datasets).map(([k, v]) => [k, v.computeConcentration?.medianMs ?? "-", v.sortAmounts?.medianMs ?? "-"]),
      ),
    );
    lines.push("");
  }
  lines.push(...targetLines(r));
  if (r.errors.length) {
    lines.push("### Errors");
    lines.push("");
    for (const e of r.errors) lines.push(`- ${e.split("\n")[0]}`);
    lines.push("");
  }
  return lines.join("\n");
}

/** Targets of the performance issue: backfill and peak RSS against the floor, first start, epoch close. */
const BACKFILL_RATIO_TARGET = 1.15;
const RSS_RATIO_TARGET = 1.15;
const FIRST_START_TARGET_S = 30;
const CLOSE_TARGET_S = 0.5;
const FINALIZED_P99_TARGET_MS = 10;

/**
 * The cache budget a backfill ran with: `--cache-mib`, or Ponder 0.16.10's default (a fifth of
 * V8's heap limit rounded up to 64 MiB, `PONDER_CACHE_BYTES` unset). The indexers run on this
 * process's Node binary and machine with no heap flag, so their heap limit is this process's.
 */
export function cacheBudgetText(cacheMiB: number | undefined, heapLimitBytes = getHeapStatistics().heap_size_limit): string {
  if (cacheMiB !== undefined) return `${fmt(cacheMiB)} MiB (\`--cache-mib\`)`;
  return `${fmt(Math.ceil(heapLimitBytes / 2 ** 20 / 5 / 64) * 64)} MiB (Ponder's default: a fifth of the heap limit)`;
}

/**
 * The target row of a finalized epoch's load run beside the `/health` runs of the same server:
 * RPS against their mean, and the run's p99 beside the lower of theirs. `/health` is Ponder's own
 * route on the same process, machine and moving chain (the load generator shares the cores): the
 * server's ceiling. A p99 target below the ceiling's own p99 cannot be met by any route there,
 * which the verdict says.
 */
export function finalizedTargetRow(label: string, run: LoadResult | undefined, healthRuns: readonly LoadResult[]): string[] {
  const target = `>= 50%, p99 < ${FINALIZED_P99_TARGET_MS} ms`;
  if (!run || healthRuns.length === 0) return [label, "not measured in this run", target, "-"];
  const healthRps = Math.round(healthRuns.reduce((a, x) => a + x.rps, 0) / healthRuns.length);
  const healthP99 = Math.min(...healthRuns.map((x) => x.p99ms));
  const share = healthRps > 0 ? run.rps / healthRps : 0;
  const met = share >= 0.5 && run.p99ms < FINALIZED_P99_TARGET_MS && run.non2xx === 0 && run.errors === 0;
  const measured = `${fmt(run.rps)} vs ${fmt(healthRps)} (${Math.round(share * 100)}%), p99 ${run.p99ms} ms (\`/health\`: ${healthP99} ms)`;
  const verdict = met ? "met" : healthP99 >= FINALIZED_P99_TARGET_MS ? `not met; \`/health\` itself has p99 ${healthP99} ms here` : "not met";
  return [label, measured, target, verdict];
}

/** The performance targets, one row each, from this run's numbers (ratios within the run). */
export function targetLines(r: Report): string[] {
  const rows: (string | number)[][] = [];
  const verdict = (ok: boolean | undefined) => (ok === undefined ? "-" : ok ? "met" : "not met");
  const runOf = (prefix: string) => r.api?.runs.find((x) => x.target.startsWith(prefix));
  const healthRuns = r.api?.runs.filter((x) => x.target.startsWith("ceiling: Ponder /health")) ?? [];
  for (const [label, prefix] of [
    ["GraphQL `concentration`, finalized epoch: RPS vs Ponder's `/health` on the same server (mean of the runs before and after)", "GraphQL concentration, finalized"],
    ["REST `concentration`, finalized epoch: RPS vs `/health`", "REST concentration, finalized"],
  ] as const) {
    rows.push(finalizedTargetRow(label, runOf(prefix), healthRuns));
  }
  const liveRuns = [runOf("GraphQL concentration, live"), runOf("REST concentration, live")].filter((x) => x !== undefined);
  const voters = r.api?.liveVoters;
  rows.push([
    voters !== undefined
      ? `live epoch with ${fmt(voters)} voters${r.api?.ticker ? ", chain moving" : ""}: p99 (GraphQL / REST)`
      : "live epoch, chain moving: p99 (GraphQL / REST)",
    liveRuns.length
      ? `${liveRuns.map((x) => x.p99ms).join(" / ")} ms${liveRuns.some((x) => x.non2xx + x.errors > 0) ? ` (non-2xx or errors: ${liveRuns.map((x) => x.non2xx + x.errors).join(" / ")})` : ""}`
      : "not measured in this run",
    "< 25 ms with 50,000 voters",
    liveRuns.length ? verdict((voters ?? 0) >= 50_000 && liveRuns.every((x) => x.p99ms < 25 && x.non2xx === 0 && x.errors === 0)) : "-",
  ]);
  const metrics = r.metrics as { n: number; datasets: Record<string, { computeConcentration?: { medianMs: number } }> } | undefined;
  if (metrics) {
    const [worstName, worst] = Object.entries(metrics.datasets)
      .map(([k, v]) => [k, v.computeConcentration?.medianMs ?? 0] as const)
      .reduce((a, b) => (b[1] > a[1] ? b : a));
    rows.push([`all metrics on ${fmt(metrics.n)} amounts, worst dataset`, `${worstName}: ${worst} ms`, "<= 400 ms on 1,000,000", metrics.n >= 1_000_000 ? verdict(worst <= 400) : "-"]);
  } else rows.push(["all metrics on 1,000,000 amounts, worst dataset", "not measured in this run", "<= 400 ms", "-"]);
  const backfillLabel = `backfill time vs the raw-log floor, \`${r.options.scenario}\``;
  const ratios = backfillRatios(r.backfill ?? []);
  const ofRuns = ratios.runs.length > 1 ? ` (median of ${ratios.runs.length} runs)` : "";
  const pooled = ratios.runs.length > 1 ? `; ${ratios.pooledTime}x as the ratio of the medians` : "";
  const cpu = ratios.cpu !== undefined ? `; CPU time ${ratios.cpu}x` : "";
  rows.push([backfillLabel, ratios.time !== undefined ? `${ratios.time}x${ofRuns}${pooled}${cpu}` : "not measured in this run", `<= ${BACKFILL_RATIO_TARGET}x`, verdict(ratios.time === undefined ? undefined : ratios.time <= BACKFILL_RATIO_TARGET)]);
  const vl = r.backfill?.filter((b) => b.app === "ve-lens").at(-1);
  const fl = r.backfill?.filter((b) => b.app === "floor").at(-1);
  rows.push([
    "peak RSS of the indexer during backfill vs the floor's",
    vl
      ? `ve-lens ${fmt(vl.peakRssMiB)} MiB${fl ? `, floor ${fmt(fl.peakRssMiB)} MiB` : ""}${ratios.runs.length > 1 ? " in the last run" : ""}${ratios.rss !== undefined ? ` (${ratios.rss}x${ofRuns})` : ""}`
      : "not measured in this run",
    `<= ${RSS_RATIO_TARGET}x`,
    verdict(ratios.rss === undefined ? undefined : ratios.rss <= RSS_RATIO_TARGET),
  ]);
  const fs = r.firstStart;
  rows.push(["first `npm start`, `default` (empty state folder)", fs ? `${fs.readySeconds} s` : "not measured in this run", `< ${FIRST_START_TARGET_S} s`, verdict(fs === undefined ? undefined : fs.readySeconds < FIRST_START_TARGET_S)]);
  const cl = r.api?.close;
  const added = cl ? round(cl.closeSeconds - cl.ordinaryMedianSeconds, 2) : undefined;
  rows.push([
    `an epoch close on the live path${cl ? ` (${fmt(cl.voters)} voters)` : ""}: time it adds to indexing`,
    cl ? `${added} s (the close block ${cl.closeSeconds} s, an ordinary block ${cl.ordinaryMedianSeconds} s)` : "not measured in this run",
    `< ${CLOSE_TARGET_S} s at 50,000 voters`,
    cl ? verdict(cl.voters >= 50_000 && added! < CLOSE_TARGET_S) : "-",
  ]);
  return ["### Targets", "", table(["what", "measured", "target", ""], rows), ""];
}

// ------------------------------------------------------------------------------------ main
async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const report: Report = { machine: machine(), options: opts, errors: [] };
  log(`${opts.quick ? "quick" : "full"} run on scenario "${opts.scenario}" (${[...opts.only].join(", ")})`);
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const tmp = mkdtempSync(join(tmpdir(), "ve-lens-bench-"));
  let chain: Chain | undefined;
  let pg: PostgresServer | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  try {
    if (opts.only.has("metrics")) {
      log("metrics module");
      try {
        report.metrics = metricsBench(opts.quick);
      } catch (e) {
        report.errors.push(`metrics: ${(e as Error).message}`);
      }
    }
    if (opts.only.has("start")) {
      log("first npm start (empty state folder)");
      try {
        report.firstStart = await firstStart(tmp);
        log(`  ready in ${report.firstStart.readySeconds} s (${report.firstStart.steps.map((st) => `${st.title}: ${st.seconds} s`).join(", ")})`);
        log("  the floor app on the same chain, on PGlite");
        try {
          report.firstStart.floor = await floorOnFirstStartChain(tmp);
          log(`  floor: head indexed ${report.firstStart.floor.spawnToHeadSeconds} s after spawn`);
        } catch (e) {
          report.firstStart.floor = { error: (e as Error).message.split("\n")[0]! };
        }
      } catch (e) {
        report.errors.push(`first npm start: ${(e as Error).message}`);
      }
    }
    if (opts.only.has("backfill") || opts.only.has("api")) {
      log(`chain: scenario ${opts.scenario} (simulated once, then cached)`);
      // The live-epoch crowd adds 100k transactions on top of the chain, and anvil keeps a copy of
      // the state per block unless its history is pruned: tens of GiB by the epoch close.
      const anvilArgs = opts.only.has("api") && opts.liveVoters > 0 ? ["--prune-history"] : [];
      // `serveSimulated`: where the cached dump does not fit in memory to load (the `large`
      // world's 6.6 GB on 23.5 GiB), the chain is simulated again and measured on that anvil.
      chain = await startChain({ scenario: opts.scenario, allowStale: true, serveSimulated: true, anvilArgs, log: (l) => (l.startsWith("{") ? undefined : log(`  ${l}`)) });
      report.chain = {
        scenario: opts.scenario,
        headBlock: await chainHead(chain.rpcUrl),
        simulatedSeconds: chain.simulatedMs !== undefined ? chain.simulatedMs / 1000 : undefined,
        stale: chain.stale,
      };
      pg = await findPostgres(process.env, opts.pgStats ? PG_STATS_SETTINGS : []);
      log(`database: ${pg.url ? `PostgreSQL (${pg.source})` : `PGlite (${pg.reason})`}`);
      if (opts.pgStats) {
        if (!pg.url) throw new Error(`--pg-stats needs PostgreSQL: ${pg.reason}`);
        await withClient(pg.url, (c) => c.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"));
      }
      const events = handledLogEvents();
      report.backfill = [];
      let veLens: PonderProcess | undefined;
      // Rounds of the pair, floor first: only the last round's ve-lens stays up, for the API load.
      const runs = opts.only.has("backfill") ? opts.backfillRuns : 1;
      for (let run = 1; run <= runs; run++) {
        for (const app of ["floor", "ve-lens"] as const) {
          if (app === "floor" && !opts.only.has("backfill")) continue;
          const db = await freshDatabase(pg, `bench_${app.replace("-", "")}_${run}`, tmp);
          cleanups.push(() => db.close());
          log(`backfill: ${app}${runs > 1 ? ` (run ${run} of ${runs})` : ""}`);
          try {
            // the load generator is one client with `connections` sockets: let them all in (the default
            // per-client limit of 2 answers the rest 429, which would be measured as fast answers)
            const env: Record<string, string> = { VE_LENS_FLOOR_EVENTS: events.join(","), VE_LENS_CLIENT_CONCURRENCY: String(opts.connections) };
            if (opts.cacheMiB !== undefined) env.PONDER_CACHE_BYTES = String(opts.cacheMiB * 2 ** 20);
            const nodeArgs = opts.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${join(opts.cpuProfDir, `${app}-${run}`)}`] : [];
            const { result, ponder } = await backfill(app, run, chain, db, env, nodeArgs).catch(async (e: unknown) => {
              // Right after the `large` world's 43-minute simulation, anvil once left a start-up read
              // unanswered for 40 s (Ponder gives up after 10 s): a start-up that timed out on the
              // chain's RPC is tried once more, 30 s later. Nothing was indexed before it failed.
              const message = (e as Error).message;
              if (!message.includes("exited before it was ready") || !message.includes("TimeoutError")) throw e;
              log(`  ${app}: its start-up timed out on the chain's RPC; starting it once more in 30 s`);
              await new Promise((done) => setTimeout(done, 30_000));
              return backfill(app, run, chain!, db, env, nodeArgs);
            });
            report.backfill.push(result);
            log(`  ${app}: ${result.events} events in ${result.backfillSeconds} s = ${result.eventsPerSecond} events/s, peak RSS ${result.peakRssMiB} MiB`);
            if (opts.pgStats && pg.url && db.name) {
              result.statements = await statementTimes(pg.url, db.name);
              for (const st of result.statements) log(`    ${st.seconds} s, ${st.calls} calls, ${st.rows} rows: ${st.query}`);
            }
            if (app === "ve-lens" && run === runs) veLens = ponder;
            else await ponder.stop();
            cleanups.push(async () => void (await ponder.stop()));
          } catch (e) {
            const message = (e as Error).message;
            const firstError = message.split("\n").find((l) => /Error|ERROR/.test(l) && !l.includes("exited before")) ?? "";
            report.errors.push(`backfill ${app} (run ${run}): ${message.split("\n")[0]} ${firstError.slice(0, 300)}`);
            process.stdout.write(`${message}\n`);
          }
        }
      }
      if (opts.only.has("api") && veLens) {
        log("API load");
        try {
          // The newest 30 blocks go through Ponder's live path, one block at a time; wait for them,
          // but measure anyway if they take long (the report says where the indexer was).
          const head = await chainHead(chain.rpcUrl);
          const reached = await waitForBlock(veLens, head, 900_000);
          log(`  indexed block ${reached.indexed} of ${head} (${reached.seconds} s after ready)`);
          const api: ApiReport = { finalizedEpoch: 0, liveEpoch: 0, liveVoters: 0, runs: [], indexedBlock: reached.indexed, headBlock: head, liveSeconds: reached.seconds };
          let ticker: Ticker | undefined;
          let crowd: Crowd | undefined;
          const before = await liveEpochVoters(veLens.url);
          if (reached.indexed >= head && before < opts.liveVoters) {
            log(`  crowd: the live epoch has ${before} voters, adding ${opts.liveVoters - before}`);
            const t0 = performance.now();
            crowd = await addCrowd({ rpcUrl: chain.rpcUrl, manifest: chain.manifest, voters: opts.liveVoters - before, log: (l) => log(`  ${l}`) });
            const chainSeconds = (performance.now() - t0) / 1000;
            const followed = await waitForBlock(veLens, crowd.lastBlock, 1_800_000);
            api.crowd = {
              voters: crowd.voters.length,
              blocks: crowd.blocks,
              txs: crowd.txs,
              lockedBr: Number(crowd.locked / 10n ** 18n),
              chainSeconds: round(chainSeconds, 1),
              indexedSeconds: round((performance.now() - t0) / 1000, 1),
              reached: followed.indexed >= crowd.lastBlock,
            };
            log(`  crowd indexed: block ${followed.indexed} of ${crowd.lastBlock}, ${api.crowd.indexedSeconds} s after the first crowd block`);
            // The indexer's progress metric can run a moment ahead of what the API reads.
            let after = await liveEpochVoters(veLens.url);
            for (let i = 0; i < 60 && after < opts.liveVoters; i++) {
              await new Promise((r) => setTimeout(r, 1_000));
              after = await liveEpochVoters(veLens.url);
            }
            log(`  the live epoch has ${after} voters`);
            if (after < opts.liveVoters) report.errors.push(`crowd: the live epoch has ${after} voters after the crowd, expected at least ${opts.liveVoters}`);
            const settled = await mineCrowdFinalized(crowd);
            const tip = await chainHead(chain.rpcUrl);
            const caught = await waitForBlock(veLens, tip, 900_000);
            api.crowd.settleBlocks = settled;
            log(`  ${settled} empty blocks mined so that Ponder finalizes the crowd's blocks before the load; indexed block ${caught.indexed} of ${tip}`);
            api.indexedBlock = caught.indexed;
            api.headBlock = tip;
            ticker = startTicker(crowd, TICKER);
          }
          try {
            Object.assign(api, await apiBench(veLens, opts));
          } finally {
            if (ticker) {
              const t = await ticker.stop();
              const tip = await chainHead(chain.rpcUrl);
              const indexed = (await veLens.indexedBlock()) ?? 0;
              api.ticker = { ...TICKER, blocks: t.blocks, votes: t.votes, seconds: round(t.seconds, 0), lagAtEnd: tip - indexed };
              for (const e of t.errors) report.errors.push(`ticker: ${e}`);
            }
            crowd?.rpc.close();
          }
          report.api = api;
          log(`  epoch close: epoch ${api.liveEpoch}, ${api.liveVoters} voters`);
          try {
            api.close = await epochCloseBench(veLens, chain.rpcUrl, api.liveEpoch, api.liveVoters);
            log(`  a block took ${api.close.ordinaryMedianSeconds} s to index before the window end (median), ${api.close.closeSeconds} s across it`);
          } catch (e) {
            const anvil = chain.anvil.exitStatus();
            report.errors.push(`epoch close: ${(e as Error).message}${anvil ? ` (anvil exited: ${anvil}${anvil === "signal SIGKILL" ? ", out of memory?" : ""})` : ""}`);
            // what the indexer said last: an exit (e.g. the health monitor's verdict) names its reason there
            log(`  epoch close failed; the indexer's last log lines:\n${veLens.logTail(20)}`);
          }
        } catch (e) {
          const anvil = chain.anvil.exitStatus();
          report.errors.push(`api: ${(e as Error).message}${anvil ? ` (anvil exited: ${anvil}${anvil === "signal SIGKILL" ? ", out of memory?" : ""})` : ""}`);
        }
      }
    }
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    await chain?.stop();
    await pg?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  const md = markdown(report);
  process.stdout.write(`\n${md}\n`);
  if (opts.write) {
    if (!existsSync(RESULTS)) {
      writeFileSync(
        RESULTS,
        "# Benchmark results\n\nAppended by `npm run bench` (bench/run.ts); never edited by hand. Newest last.\n\n",
      );
    }
    appendFileSync(RESULTS, `${md}\n`);
    log(`appended to ${RESULTS.slice(ROOT.length + 1)}`);
  }
  if (report.errors.length) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("bench/run.ts")) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}
