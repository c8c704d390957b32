/**
 * Starts and stops `ponder start` on a devnet manifest (used by `npm start`, the tests and the
 * benchmarks).
 *
 * Each run gets its own PGlite directory (a fresh `mkdtemp` one unless `databaseDir` is given):
 * PGlite has no lock, so a directory must never be shared by two processes, and Ponder's sync
 * cache is keyed by chain id only, so a regenerated chain needs a fresh database
 * ({@link databaseDirFor} keys directories by genesis hash, scenario hash and indexing code).
 * `DATABASE_URL` / `DATABASE_PRIVATE_URL` are removed from the child's env unless passed in
 * `env` (then Ponder uses that Postgres database instead of PGlite).
 *
 * @example
 * const ponder = await startPonder({ manifestPath: ".ve-lens/devnet.json" });
 * await ponder.waitReady(120_000);
 * await ponder.waitForBlock(manifest.headBlock);
 * // ... query `${ponder.url}/graphql` ...
 * await ponder.stop();
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { freePort } from "./anvil";
import { hashSources } from "./chainCache";
import { PROJECT_ROOT, veLensHome } from "./home";
import { checkPgliteIndex } from "./indexCheck";

export interface StartPonderOptions {
  /** Manifest of the chain to index (`VE_LENS_MANIFEST`). */
  manifestPath: string;
  /** PGlite directory; a fresh temporary one when omitted. */
  databaseDir?: string;
  /** HTTP port; a free one when omitted. */
  port?: number;
  /** Database schema (`--schema`), default `ve_lens`. */
  schema?: string;
  /** Extra env for the child (`DATABASE_URL` here switches to Postgres). */
  env?: Record<string, string | undefined>;
  /** Called with every output line of the child. */
  onLog?: (line: string) => void;
  /**
   * When given, a reused PGlite directory is self-checked first (src/health/integrity.ts): on a
   * failure this is called with the failed invariants and the directory is emptied, so Ponder
   * rebuilds the index from scratch instead of resuming it.
   */
  onSelfCheckFailure?: (failures: string[]) => void;
}

export interface PonderInstance {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** The PGlite directory in use (undefined with Postgres). */
  databaseDir: string | undefined;
  /** Resolves once `/ready` answers 200 (historical backfill done). */
  waitReady(timeoutMs?: number, onProgress?: (indexedBlock: number) => void): Promise<void>;
  /** Resolves once `/status` reports block `n` (or later) indexed; returns the indexed block. */
  waitForBlock(n: number, timeoutMs?: number): Promise<number>;
  /** The latest indexed block from `/status` (undefined before the first checkpoint). */
  indexedBlock(): Promise<number | undefined>;
  /** Last lines of output (for error messages). */
  logTail(lines?: number): string;
  /** SIGTERM, then wait for the exit (SIGKILL after `graceMs`, default 20 s). */
  stop(graceMs?: number): Promise<void>;
  /** Resolves with the exit code (or signal) whenever the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Ponder exited or did not get ready in time; the message carries the end of its log. */
export class PonderProcessError extends Error {
  override name = "PonderProcessError";
}


/** Files whose content defines what an index contains (besides its chain). */
export const INDEXING_SOURCES = ["ponder.config.ts", "ponder.schema.ts", "abis", "src/indexing", "src/domain", "src/metrics"];

/** sha256 (hex, 12 chars) of the indexing code: a new build never reuses an old database. */
export function indexingCodeHash(root = PROJECT_ROOT): string {
  return hashSources(root, INDEXING_SOURCES).slice(0, 12);
}

/**
 * Database directory for a chain: `<home>/db/<genesis>-<scenario>-<seed>-<code>`, where `home` is
 * the state folder (`.ve-lens` in the project root unless `VE_LENS_HOME` says otherwise).
 * A regenerated chain (new genesis hash) or changed indexing code gets a new directory.
 * @example databaseDirFor(await readManifest()) // ".../.ve-lens/db/3f1a...-9c2e...-1-a1b2..."
 */
export function databaseDirFor(
  manifest: { genesisHash: string; scenarioHash: string; seed: number },
  home = veLensHome(),
): string {
  const g = manifest.genesisHash.replace(/^0x/, "").slice(0, 16);
  const s = manifest.scenarioHash.replace(/^0x/, "").slice(0, 16);
  return join(home, "db", `${g}-${s}-${manifest.seed}-${indexingCodeHash()}`);
}


async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // plain text
  }
  return { status: res.status, body };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Clears the schema lock a stopped Ponder left in its PGlite directory. Ponder 0.16.10 does not
 * always release it on SIGTERM, and the next start then waits for the heartbeat to expire
 * (8–17 s here). Safe only while no other process uses the directory, which the `<dir>.lock`
 * claim made just before guarantees. A directory without a database is left alone.
 */
export async function releaseStaleSchemaLock(databaseDir: string, schema: string): Promise<boolean> {
  if (!existsSync(join(databaseDir, "PG_VERSION"))) return false;
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite(databaseDir);
  try {
    const table = `"${schema.replaceAll('"', '""')}"._ponder_meta`;
    const found = await db.query<{ exists: boolean }>(
      "select to_regclass($1) is not null as exists",
      [table],
    );
    if (!found.rows[0]?.exists) return false;
    const updated = await db.query(
      `update ${table} set value = jsonb_set(value, '{is_locked}', to_jsonb(0)) where key = 'app' and (value->>'is_locked')::int = 1`,
    );
    return (updated.affectedRows ?? 0) > 0;
  } finally {
    await db.close();
  }
}

/**
 * Spawns `ponder start --schema <schema> --port <port>` in the project root on the manifest.
 * Resolves once the HTTP server is spawned (not ready: use `waitReady`).
 */
export async function startPonder(options: StartPonderOptions): Promise<PonderInstance> {
  const port = options.port ?? (await freePort());
  const schema = options.schema ?? "ve_lens";
  const passed = options.env ?? {};
  const usesPostgres = Boolean(passed.DATABASE_URL || passed.DATABASE_PRIVATE_URL);
  const databaseDir = usesPostgres
    ? undefined
    : (options.databaseDir ?? mkdtempSync(join(tmpdir(), "ve-lens-pglite-")));
  const lockPath = databaseDir ? `${databaseDir.replace(/[\\/]+$/, "")}.lock` : undefined;
  if (lockPath) claimDatabaseDir(lockPath);
  if (databaseDir && options.onSelfCheckFailure) {
    const failures = await checkPgliteIndex(databaseDir, schema);
    if (failures.length > 0) {
      options.onSelfCheckFailure(failures);
      rmSync(databaseDir, { recursive: true, force: true });
      mkdirSync(databaseDir, { recursive: true });
    }
  }
  if (databaseDir) await releaseStaleSchemaLock(databaseDir, schema);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && k !== "DATABASE_URL" && k !== "DATABASE_PRIVATE_URL") env[k] = v;
  }
  const manifestPath = isAbsolute(options.manifestPath) ? options.manifestPath : resolve(options.manifestPath);
  Object.assign(env, {
    PONDER_TELEMETRY_DISABLED: "1",
    VE_LENS_PROFILE: "devnet",
    VE_LENS_MANIFEST: manifestPath,
    ...(databaseDir ? { VE_LENS_PGLITE_DIR: databaseDir } : {}),
    NO_COLOR: "1",
  });
  for (const [k, v] of Object.entries(passed)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }

  const bin = join(PROJECT_ROOT, "node_modules", "ponder", "dist", "esm", "bin", "ponder.js");
  const child: ChildProcess = spawn(process.execPath, [bin, "start", "--schema", schema, "--port", String(port)], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tail: string[] = [];
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((done) => {
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      done();
    });
  });
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line.trim() === "") continue;
      tail.push(line);
      if (tail.length > 200) tail.shift();
      options.onLog?.(line);
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  running.add(child);
  installExitHook();
  if (lockPath) {
    mkdirSync(dirname(lockPath), { recursive: true });
    writeFileSync(lockPath, String(child.pid ?? process.pid));
  }
  void exitPromise.then(() => {
    running.delete(child);
    if (lockPath) rmSync(lockPath, { force: true });
  });

  const url = `http://127.0.0.1:${port}`;
  const logTail = (lines = 40) => tail.slice(-lines).join("\n");
  const fail = (what: string) =>
    new PonderProcessError(
      `${what}${exited ? ` (ponder exited with ${exited.code ?? exited.signal})` : ""}\n--- ponder log ---\n${logTail()}`,
    );

  const indexedBlock = async (): Promise<number | undefined> => {
    try {
      const { status, body } = await getJson(`${url}/status`);
      if (status !== 200 || typeof body !== "object" || body === null) return undefined;
      const chains = Object.values(body as Record<string, { block?: { number?: number } }>);
      const n = chains[0]?.block?.number;
      return typeof n === "number" ? n : undefined;
    } catch {
      return undefined;
    }
  };

  return {
    url,
    port,
    databaseDir,
    logTail,
    indexedBlock,
    async waitReady(timeoutMs = 300_000, onProgress) {
      const deadline = Date.now() + timeoutMs;
      let lastReported = -1;
      let lastPoll = 0;
      for (;;) {
        if (exited) throw fail("ponder exited before it was ready");
        try {
          const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(5_000) });
          await res.text();
          if (res.status === 200) return;
        } catch {
          // not listening yet
        }
        if (onProgress && Date.now() - lastPoll > 2_000) {
          lastPoll = Date.now();
          const n = await indexedBlock();
          if (n !== undefined && n !== lastReported) {
            lastReported = n;
            onProgress(n);
          }
        }
        if (Date.now() > deadline) throw fail(`ponder not ready after ${timeoutMs} ms`);
        await sleep(200);
      }
    },
    async waitForBlock(n, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (exited) throw fail(`ponder exited before indexing block ${n}`);
        const got = await indexedBlock();
        if (got !== undefined && got >= n) return got;
        if (Date.now() > deadline) throw fail(`ponder indexed block ${got ?? "none"} of ${n} after ${timeoutMs} ms`);
        await sleep(100);
      }
    },
    exited: exitPromise.then(() => exited!),
    async stop(graceMs = 20_000) {
      if (exited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => {
        if (!exited) child.kill("SIGKILL");
      }, graceMs);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}

/**
 * PGlite has no lock of its own: two processes on one directory lose tables. A `<dir>.lock`
 * file holds the pid of the Ponder using the directory; a live pid refuses the start.
 */
function claimDatabaseDir(lockPath: string): void {
  if (!existsSync(lockPath)) return;
  const pid = Number(readFileSync(lockPath, "utf8").trim());
  let alive = false;
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      alive = false;
    }
  }
  if (alive) throw new PonderProcessError(`database directory is in use by process ${pid} (${lockPath})`);
  rmSync(lockPath, { force: true });
}

const running = new Set<ChildProcess>();
let hookInstalled = false;
function installExitHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  process.once("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
}
