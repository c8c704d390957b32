/**
 * A Ponder child process for the reliability suite, the Postgres end-to-end test and the
 * benchmarks: `ponder start` or `ponder serve` on a devnet manifest, on Postgres or PGlite, in
 * any project root (the floor benchmark app has its own), with what those need beyond
 * `devnet/ponder.ts`: `serve`, `--views-schema`, `kill -9`, the child's pid and peak RSS,
 * Prometheus metrics and the whole log.
 *
 * @example
 * const p = await spawnPonder({ command: "start", manifestPath, schema: "a", databaseUrl });
 * await p.waitReady();
 * p.kill9();
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { freePort } from "../anvil";
import { indexingCodeHash } from "../ponder";

/** The repository root. */
export const REPO_ROOT = resolve(import.meta.dirname, "..", "..");
const PONDER_BIN = join(REPO_ROOT, "node_modules", "ponder", "dist", "esm", "bin", "ponder.js");

export interface SpawnPonderOptions {
  command: "start" | "serve";
  /** Devnet manifest (`VE_LENS_MANIFEST`). */
  manifestPath: string;
  /** Database schema (`--schema`). */
  schema: string;
  /** `--views-schema` (start only). */
  viewsSchema?: string;
  /** Postgres database URL; PGlite in `pgliteDir` when omitted. */
  databaseUrl?: string;
  /** PGlite directory (`VE_LENS_PGLITE_DIR`), start only. */
  pgliteDir?: string;
  /** Project root with `ponder.config.ts` (default: the repository). */
  root?: string;
  /** HTTP port (default: a free one). */
  port?: number;
  /** More env for the child; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Options for node itself, before Ponder's script (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** Called with each output line. */
  onLog?: (line: string) => void;
  /** Label for error messages. */
  name?: string;
}

export interface PonderExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface PonderProcess {
  name: string;
  pid: number;
  /**
   * Hash of the indexing code when the process was spawned. Two indexes are comparable only
   * when it is the same (the code can change between two runs).
   */
  codeHash: string;
  url: string;
  port: number;
  /** Every output line so far (the last 20 000). */
  lines(): string[];
  logTail(n?: number): string;
  /** True once a line matched. */
  logged(pattern: RegExp): boolean;
  /** Resolves with the exit code and signal. */
  exited: Promise<PonderExit>;
  exit(): PonderExit | undefined;
  /** GET `path` (status and text; status 0 when not listening). */
  get(path: string, timeoutMs?: number): Promise<{ status: number; text: string }>;
  waitReady(timeoutMs?: number): Promise<void>;
  /** Latest indexed block from `/status`, undefined before the first checkpoint. */
  indexedBlock(): Promise<number | undefined>;
  waitForBlock(n: number, timeoutMs?: number): Promise<number>;
  /** Prometheus metrics, `name{labels}` → value. */
  metrics(): Promise<Map<string, number>>;
  /** Peak resident set size of the Ponder process (VmHWM), bytes; 0 off Linux. */
  peakRssBytes(): number;
  /** SIGTERM, wait for the exit; SIGKILL after `graceMs` (default 20 s). */
  stop(graceMs?: number): Promise<PonderExit>;
  /** SIGKILL, wait for the exit. */
  kill9(): Promise<PonderExit>;
}

/** Ponder exited or did not reach a state in time; the message ends with its log. */
export class PonderHarnessError extends Error {
  override name = "PonderHarnessError";
}

const running = new Set<ChildProcess>();
let hookInstalled = false;
function installExitHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  const killAll = () => {
    for (const child of running) child.kill("SIGKILL");
  };
  process.once("exit", killAll);
  // A signal ends the process without "exit": kill the children, then let the signal do its work.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      killAll();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads a `/proc/<pid>/status` field in bytes (Linux), 0 elsewhere. */
export function procStatusBytes(pid: number, field: "VmHWM" | "VmRSS"): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const m = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Parses Prometheus text: `name{labels} value` lines into a map. */
export function parsePrometheus(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || line.trim() === "") continue;
    const i = line.lastIndexOf(" ");
    const value = Number(line.slice(i + 1));
    if (Number.isFinite(value)) out.set(line.slice(0, i), value);
  }
  return out;
}

/** Sum of all samples whose name (before `{`) is `name`, only those with the label `label` (`key="value"`) if given. */
export function metricSum(metrics: Map<string, number>, name: string, label?: string): number {
  let sum = 0;
  for (const [k, v] of metrics) {
    if (!(k === name || k.startsWith(`${name}{`))) continue;
    if (label === undefined || k.slice(name.length).includes(label)) sum += v;
  }
  return sum;
}

/**
 * Asserts that the processes ran the same indexing code, so that their content can be compared.
 * @throws PonderHarnessError naming the processes whose code differs
 */
export function assertSameCode(processes: PonderProcess[]): void {
  const codes = new Set(processes.map((p) => p.codeHash));
  if (codes.size > 1) {
    throw new PonderHarnessError(
      `the indexing code changed between these runs, their content cannot be compared: ${processes.map((p) => `${p.name}=${p.codeHash}`).join(", ")}`,
    );
  }
}

/** Spawns Ponder; resolves once the child is spawned (not listening yet). */
export async function spawnPonder(options: SpawnPonderOptions): Promise<PonderProcess> {
  const port = options.port ?? (await freePort());
  const root = options.root ?? REPO_ROOT;
  const name = options.name ?? `ponder ${options.command} ${options.schema}`;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !["DATABASE_URL", "DATABASE_PRIVATE_URL", "DATABASE_SCHEMA", "VE_LENS_PGLITE_DIR"].includes(k)) env[k] = v;
  }
  Object.assign(env, {
    PONDER_TELEMETRY_DISABLED: "1",
    VE_LENS_PROFILE: "devnet",
    VE_LENS_MANIFEST: isAbsolute(options.manifestPath) ? options.manifestPath : resolve(options.manifestPath),
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  });
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.pgliteDir) env.VE_LENS_PGLITE_DIR = options.pgliteDir;
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const args = [...(options.nodeArgs ?? []), PONDER_BIN, options.command, "--root", root, "--schema", options.schema, "--port", String(port), "--hostname", "127.0.0.1"];
  if (options.viewsSchema) args.push("--views-schema", options.viewsSchema);
  const codeHash = indexingCodeHash(root);
  installExitHook();
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const lines: string[] = [];
  let exitInfo: PonderExit | undefined;
  const exited = new Promise<PonderExit>((done) => {
    child.once("exit", (code, signal) => {
      exitInfo = { code, signal };
      running.delete(child);
      done(exitInfo);
    });
  });
  let partial = "";
  const onData = (chunk: Buffer) => {
    const parts = (partial + chunk.toString("utf8")).split("\n");
    partial = parts.pop() ?? "";
    for (const line of parts) {
      if (line.trim() === "") continue;
      lines.push(line);
      if (lines.length > 20_000) lines.shift();
      options.onLog?.(line);
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);

  const url = `http://127.0.0.1:${port}`;
  const logTail = (n = 40) => lines.slice(-n).join("\n");
  const fail = (what: string) =>
    new PonderHarnessError(
      `${name}: ${what}${exitInfo ? ` (exited with ${exitInfo.code ?? exitInfo.signal})` : ""}\n--- log ---\n${logTail()}`,
    );
  const get = async (path: string, timeoutMs = 5_000) => {
    try {
      const res = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
      return { status: res.status, text: await res.text() };
    } catch {
      return { status: 0, text: "" };
    }
  };
  const indexedBlock = async () => {
    const { status, text } = await get("/status");
    if (status !== 200) return undefined;
    try {
      const chains = Object.values(JSON.parse(text) as Record<string, { block?: { number?: number } }>);
      const n = chains[0]?.block?.number;
      return typeof n === "number" ? n : undefined;
    } catch {
      return undefined;
    }
  };
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, procStatusBytes(child.pid ?? 0, "VmHWM"));
  }, 250);
  sampler.unref();
  void exited.then(() => clearInterval(sampler));

  const waitExit = async (signal: NodeJS.Signals, graceMs: number) => {
    if (exitInfo) return exitInfo;
    peak = Math.max(peak, procStatusBytes(child.pid ?? 0, "VmHWM"));
    child.kill(signal);
    const timer = setTimeout(() => {
      if (!exitInfo) child.kill("SIGKILL");
    }, graceMs);
    const info = await exited;
    clearTimeout(timer);
    return info;
  };

  return {
    name,
    codeHash,
    pid: child.pid ?? -1,
    url,
    port,
    lines: () => lines.slice(),
    logTail,
    logged: (pattern) => lines.some((l) => pattern.test(l)),
    exited,
    exit: () => exitInfo,
    get,
    async waitReady(timeoutMs = 600_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (exitInfo) throw fail("exited before it was ready");
        if ((await get("/ready")).status === 200) return;
        if (Date.now() > deadline) throw fail(`not ready after ${timeoutMs} ms`);
        await sleep(200);
      }
    },
    indexedBlock,
    async waitForBlock(n, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (exitInfo) throw fail(`exited before indexing block ${n}`);
        const got = await indexedBlock();
        if (got !== undefined && got >= n) return got;
        if (Date.now() > deadline) throw fail(`indexed block ${got ?? "none"} of ${n} after ${timeoutMs} ms`);
        await sleep(100);
      }
    },
    async metrics() {
      const { status, text } = await get("/metrics");
      return status === 200 ? parsePrometheus(text) : new Map();
    },
    peakRssBytes: () => Math.max(peak, procStatusBytes(child.pid ?? 0, "VmHWM")),
    stop: (graceMs = 20_000) => waitExit("SIGTERM", graceMs),
    kill9: () => waitExit("SIGKILL", 0),
  };
}
