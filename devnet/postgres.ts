/**
 * PostgreSQL for tests and benchmarks: a server to talk to, and a fresh database per test.
 *
 * {@link findPostgres} uses `DATABASE_URL` when it is a postgres URL (CI exports one from
 * `.ci/postgres.sh`); otherwise, when the PostgreSQL server binaries are installed, it starts a
 * throwaway cluster in a temporary directory on 127.0.0.1 (as the `postgres` user when running
 * as root, like `.ci/postgres.sh`); otherwise it answers `undefined` with the reason.
 * {@link createTestDatabase} makes a database with a random name and drops it afterwards.
 *
 * @example
 * const pg = await findPostgres();
 * if (pg.url) {
 *   const db = await createTestDatabase(pg.url);
 *   // ... DATABASE_URL=db.url ponder start ...
 *   await db.drop();
 *   await pg.stop();
 * }
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./anvil";

/** A PostgreSQL server, or the reason there is none. */
export interface PostgresServer {
  /** `postgres://user@host:port/db` of a database on the server, or undefined. */
  url: string | undefined;
  /** Why `url` is undefined (for skip messages). */
  reason?: string;
  /** Where the URL came from. */
  source: "env" | "local-cluster" | "none";
  /** Stops the server if this process started it (no-op for `DATABASE_URL`). */
  stop(): Promise<void>;
}

/** A database made for one test. */
export interface TestDatabase {
  name: string;
  /** URL of the new database (same server, user and password as the base URL). */
  url: string;
  /** Drops the database, ending its other sessions first. */
  drop(): Promise<void>;
}

/** Thrown when a throwaway cluster cannot be created or started. */
export class PostgresStartError extends Error {
  override name = "PostgresStartError";
}

const isPostgresUrl = (url: string | undefined): url is string =>
  url !== undefined && /^postgres(ql)?:\/\//.test(url);

/** Directory of `initdb`/`pg_ctl`/`postgres`: the newest `/usr/lib/postgresql/<v>/bin`, else PATH. */
export function postgresBinDir(): string | undefined {
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const dir = join(base, v, "bin");
      if (["initdb", "pg_ctl", "postgres"].every((b) => existsSync(join(dir, b)))) return dir;
    }
  }
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  const initdb = which.stdout.trim();
  if (which.status === 0 && initdb) return initdb.slice(0, initdb.lastIndexOf("/"));
  return undefined;
}

/** Runs a cluster command as `postgres` when we are root (the server refuses to run as root). */
function runAsOwner(bin: string, args: string[]): void {
  const asRoot = userInfo().uid === 0;
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  const result = spawnSync(cmd, argv, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new PostgresStartError(`${bin.split("/").pop()} ${args[0] ?? ""} failed: ${(result.stderr || result.stdout || String(result.error)).trim()}`);
  }
}

/**
 * Starts a throwaway cluster (initdb + pg_ctl) on 127.0.0.1 with trust authentication.
 * `settings` are extra server settings (`name=value`, each passed as `-c`). `stop()` shuts it
 * down and deletes its directory.
 * @throws PostgresStartError when the binaries are missing or the server does not start.
 */
export async function startLocalCluster(settings: readonly string[] = []): Promise<{ url: string; dir: string; stop(): Promise<void> }> {
  const bin = postgresBinDir();
  if (!bin) throw new PostgresStartError("PostgreSQL server binaries (initdb, pg_ctl) are not installed");
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), "ve-lens-pg-"));
  chmodSync(dir, 0o755);
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  try {
    runAsOwner(join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C"]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const options = [
      "-c listen_addresses=127.0.0.1",
      `-c port=${port}`,
      `-c unix_socket_directories=${dir}`,
      "-c max_connections=200",
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      ...settings.map((setting) => `-c ${setting}`),
    ].join(" ");
    try {
      runAsOwner(join(bin, "pg_ctl"), ["start", "-D", data, "-l", join(dir, "server.log"), "-w", "-t", "60", "-o", options]);
    } catch (error) {
      lastError = error;
      continue;
    }
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      try {
        runAsOwner(join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "immediate", "-w"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const stopNow = () => {
      if (stopped) return;
      stopped = true;
      spawnSync(asRoot ? "runuser" : join(bin, "pg_ctl"), asRoot ? ["-u", "postgres", "--", join(bin, "pg_ctl"), "stop", "-D", data, "-m", "immediate"] : ["stop", "-D", data, "-m", "immediate"]);
      rmSync(dir, { recursive: true, force: true });
    };
    process.once("exit", stopNow);
    // A signal ends the process without "exit": stop the server, then let the signal do its work.
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      process.once(signal, () => {
        stopNow();
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    }
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dir, stop };
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError instanceof Error ? lastError : new PostgresStartError(String(lastError));
}

/**
 * A PostgreSQL server for this process: `DATABASE_URL` when it is a postgres URL, else a
 * throwaway local cluster when the binaries are installed, else `{ url: undefined, reason }`.
 * Env: `VE_LENS_NO_LOCAL_PG=1` skips the local cluster. `settings` apply to a local cluster only.
 */
export async function findPostgres(env: Record<string, string | undefined> = process.env, settings: readonly string[] = []): Promise<PostgresServer> {
  if (isPostgresUrl(env.DATABASE_URL)) {
    const url = env.DATABASE_URL;
    try {
      await withClient(url, (c) => c.query("select 1"));
      return { url, source: "env", stop: async () => {} };
    } catch (error) {
      return { url: undefined, source: "none", reason: `DATABASE_URL does not answer: ${(error as Error).message}`, stop: async () => {} };
    }
  }
  if (env.VE_LENS_NO_LOCAL_PG === "1") {
    return { url: undefined, source: "none", reason: "DATABASE_URL is not set and VE_LENS_NO_LOCAL_PG=1", stop: async () => {} };
  }
  if (!postgresBinDir()) {
    return {
      url: undefined,
      source: "none",
      reason: "DATABASE_URL is not set and PostgreSQL is not installed (run `eval \"$(bash .ci/postgres.sh)\"`)",
      stop: async () => {},
    };
  }
  try {
    const cluster = await startLocalCluster(settings);
    return { url: cluster.url, source: "local-cluster", stop: cluster.stop };
  } catch (error) {
    return { url: undefined, source: "none", reason: (error as Error).message, stop: async () => {} };
  }
}

/** Opens one connection, runs `fn`, closes it. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** `url` with its database name replaced by `database`. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Creates a database with a random name (`velens_<prefix>_<hex>`) on the server of `baseUrl`.
 * @example const db = await createTestDatabase(process.env.DATABASE_URL!, "replicas");
 */
export async function createTestDatabase(baseUrl: string, prefix = "test"): Promise<TestDatabase> {
  const safePrefix = prefix.toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, 20);
  const name = `velens_${safePrefix}_${randomBytes(5).toString("hex")}`;
  await withClient(baseUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  let dropped = false;
  return {
    name,
    url: databaseUrl(baseUrl, name),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await withClient(baseUrl, async (c) => {
        await c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
        await c.query(`DROP DATABASE IF EXISTS "${name}"`);
      });
    },
  };
}
