/**
 * The health monitor and gate of src/api/health.ts against a real anvil and a PGlite database
 * shaped like Ponder's: healthy while the block stored as final is the chain's, then, once it is
 * not, 503 on every data route, an ERROR line, and in the indexer process an exit with code 70.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { Hono } from "hono";
import { createPublicClient, http } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnvilInstance, startAnvil } from "../../devnet/anvil";
import { type HealthMonitor, UNHEALTHY_EXIT_CODE, healthGate, healthSettings, ponderCommand, ponderSchema, startHealthMonitor } from "../../src/api/health";
import { type HealthDb, openHealthDb } from "./healthDb";

const CHAIN = 31337;
const WRONG_HASH = `0x${"ab".repeat(32)}`;

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 50));
}

/** A Hono app with the gate in front of stand-ins for the data routes and the dashboard. */
function gatedApp(monitor: () => HealthMonitor | undefined) {
  const app = new Hono();
  app.use("*", healthGate(monitor));
  app.get("/api/v1/epochs", (c) => c.json([{ id: 1 }]));
  app.post("/graphql", (c) => c.json({ data: { epochs: [] } }));
  app.post("/ponder/graphql", (c) => c.json({ data: {} }));
  app.get("/sql/*", (c) => c.json({ rows: [] }));
  app.get("/", (c) => c.html("<h1>dashboard</h1>"));
  return app;
}

describe("healthSettings", () => {
  it("defaults, ignores empty values and coerces numbers", () => {
    expect(healthSettings({})).toEqual({ VE_LENS_EXIT_ON_UNHEALTHY: "1", VE_LENS_HEALTH_INTERVAL_MS: 2_000, VE_LENS_HEALTH_STALL_MS: 120_000 });
    expect(healthSettings({ VE_LENS_EXIT_ON_UNHEALTHY: "", VE_LENS_HEALTH_INTERVAL_MS: "250", VE_LENS_HEALTH_STALL_MS: "1000", OTHER: "x" })).toEqual({
      VE_LENS_EXIT_ON_UNHEALTHY: "1",
      VE_LENS_HEALTH_INTERVAL_MS: 250,
      VE_LENS_HEALTH_STALL_MS: 1_000,
    });
    expect(healthSettings({ VE_LENS_EXIT_ON_UNHEALTHY: "0" }).VE_LENS_EXIT_ON_UNHEALTHY).toBe("0");
  });

  it.each([
    [{ VE_LENS_EXIT_ON_UNHEALTHY: "yes" }, /VE_LENS_EXIT_ON_UNHEALTHY: VE_LENS_EXIT_ON_UNHEALTHY must be "0" or "1"/],
    [{ VE_LENS_HEALTH_INTERVAL_MS: "99" }, /^health monitor settings: VE_LENS_HEALTH_INTERVAL_MS: /],
    [{ VE_LENS_HEALTH_INTERVAL_MS: "600001" }, /VE_LENS_HEALTH_INTERVAL_MS/],
    [{ VE_LENS_HEALTH_INTERVAL_MS: "1.5e3x" }, /VE_LENS_HEALTH_INTERVAL_MS/],
    [{ VE_LENS_HEALTH_STALL_MS: "999" }, /VE_LENS_HEALTH_STALL_MS/],
  ])("refuses %o naming the variable", (env, message) => {
    expect(() => healthSettings(env)).toThrow(message);
  });
});

describe("ponderCommand and ponderSchema", () => {
  it("read the command and the schema from the arguments or DATABASE_SCHEMA", () => {
    expect(ponderCommand(["node", "ponder", "--root", ".", "start"])).toBe("start");
    expect(ponderCommand(["node", "ponder", "serve", "--port", "1"])).toBe("serve");
    expect(ponderCommand(["node", "ponder", "codegen"])).toBeUndefined();
    expect(ponderCommand(["start", "ponder"])).toBeUndefined(); // the first two are node and the script
    expect(ponderSchema(["node", "ponder", "start", "--schema", "a"], {})).toBe("a");
    expect(ponderSchema(["node", "ponder", "start", "--schema=b"], { DATABASE_SCHEMA: "c" })).toBe("b");
    expect(ponderSchema(["node", "ponder", "start"], { DATABASE_SCHEMA: "c" })).toBe("c");
    expect(ponderSchema(["node", "ponder", "start"], {})).toBe("public");
  });
});

describe("health monitor and gate over a real chain and database", () => {
  let anvil: AnvilInstance;
  let store: HealthDb;
  let monitor: HealthMonitor | undefined;
  let block1Hash: string;
  const saved = process.env.VE_LENS_HEALTH_INTERVAL_MS;

  beforeAll(async () => {
    // in this process the monitor must never believe it is the indexer (it would exit)
    expect(ponderCommand()).not.toBe("start");
    anvil = await startAnvil();
    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    await client.request({ method: "anvil_mine" as never, params: ["0x3"] as never });
    block1Hash = (await client.getBlock({ blockNumber: 1n })).hash;
    store = await openHealthDb();
    process.env.VE_LENS_HEALTH_INTERVAL_MS = "100";
  }, 120_000);

  afterAll(async () => {
    monitor?.stop();
    if (saved === undefined) delete process.env.VE_LENS_HEALTH_INTERVAL_MS;
    else process.env.VE_LENS_HEALTH_INTERVAL_MS = saved;
    await store?.close();
    await anvil?.stop();
  }, 60_000);

  it("answers 'starting' and passes every route through before there is a monitor or Ponder is ready", async () => {
    const none = gatedApp(() => undefined);
    const health = await none.request("/api/v1/health");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "starting" });
    const notReady = await openHealthDb(false);
    const waiting = startHealthMonitor({ db: notReady.db, chainId: CHAIN, rpcUrl: anvil.rpcUrl, indexedBlock: async () => 1 });
    try {
      await new Promise((r) => setTimeout(r, 300)); // a few ticks; the report must stay 'starting'
      expect(waiting.report()).toMatchObject({ status: "starting", indexedBlock: undefined });
      const app = gatedApp(() => waiting);
      expect(await (await app.request("/api/v1/health")).json()).toMatchObject({ status: "starting" });
      expect((await app.request("/api/v1/epochs")).status).toBe(200);
    } finally {
      waiting.stop();
      await notReady.close();
    }
  });

  it("stays 'starting' while Ponder is ready but the first check has not finished", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const ready = await openHealthDb();
    const slow = startHealthMonitor({
      db: ready.db,
      chainId: CHAIN,
      rpcUrl: anvil.rpcUrl,
      indexedBlock: async () => {
        await gate;
        return 1;
      },
    });
    try {
      await new Promise((r) => setTimeout(r, 300)); // the first tick is parked in indexedBlock()
      expect(slow.report()).toMatchObject({ status: "starting", indexedBlock: undefined });
      release();
      await until(() => slow.report().status === "healthy");
      expect(slow.report()).toMatchObject({ status: "healthy", indexedBlock: 1 });
    } finally {
      slow.stop();
      await ready.close();
    }
  });

  it("is healthy while the final block's hash is the chain's: data routes answer", async () => {
    await store.storeFinal(CHAIN, 1, block1Hash);
    monitor = startHealthMonitor({ db: store.db, chainId: CHAIN, rpcUrl: anvil.rpcUrl, indexedBlock: async () => 1 });
    await until(() => monitor!.report().finalizedBlock === 1);
    const app = gatedApp(() => monitor);
    const health = await app.request("/api/v1/health");
    expect(health.status).toBe(200);
    const report = await health.json();
    expect(report).toMatchObject({ status: "healthy", indexedBlock: 1, finalizedBlock: 1 });
    expect(report.head).toBeGreaterThanOrEqual(3);
    expect(Number.isNaN(Date.parse(report.checkedAt))).toBe(false);
    const epochs = await app.request("/api/v1/epochs");
    expect(epochs.status).toBe(200);
    expect(await epochs.json()).toEqual([{ id: 1 }]);
  });

  it("turns unhealthy once the chain no longer has the final block's hash: 503 on every data route", async () => {
    await store.storeFinal(CHAIN, 1, WRONG_HASH);
    await until(() => monitor!.report().status === "unhealthy");
    const app = gatedApp(() => monitor);
    const health = await app.request("/api/v1/health");
    expect(health.status).toBe(503);
    const report = await health.json();
    expect(report).toMatchObject({ status: "unhealthy", reason: "finalized-block-replaced", finalizedBlock: 1 });
    expect(report.detail).toBe(
      `block 1 was indexed as final with hash ${WRONG_HASH}, the chain now has ${block1Hash}: a reorg deeper than the finality window`,
    );
    const detail = `the index no longer matches the chain (finalized-block-replaced): ${report.detail}`;
    const rest = await app.request("/api/v1/epochs");
    expect(rest.status).toBe(503);
    expect(await rest.json()).toEqual({ error: "INDEXER_UNHEALTHY", detail });
    const sql = await app.request("/sql/db?sql=x");
    expect(sql.status).toBe(503);
    expect(await sql.json()).toEqual({ error: "INDEXER_UNHEALTHY", detail });
    for (const path of ["/graphql", "/ponder/graphql"]) {
      const gql = await app.request(path, { method: "POST", body: "{}" });
      expect(gql.status, path).toBe(503);
      expect(await gql.json()).toEqual({ errors: [{ message: detail, extensions: { code: "INDEXER_UNHEALTHY" } }] });
    }
    // pages that show no indexed numbers still load
    expect((await app.request("/")).status).toBe(200);
    // unhealthy is final: the right hash back does not heal it
    await store.storeFinal(CHAIN, 1, block1Hash);
    await new Promise((r) => setTimeout(r, 300));
    expect(monitor!.report().status).toBe("unhealthy");
  });

  it("refuses to start with a bad setting, naming it", () => {
    process.env.VE_LENS_HEALTH_INTERVAL_MS = "5";
    try {
      expect(() => startHealthMonitor({ db: store.db, chainId: CHAIN, rpcUrl: anvil.rpcUrl, indexedBlock: async () => 1 })).toThrow(
        /health monitor settings: VE_LENS_HEALTH_INTERVAL_MS/,
      );
    } finally {
      process.env.VE_LENS_HEALTH_INTERVAL_MS = "100";
    }
  });

  /** Runs the fixture as an indexer process (`... start`) and returns how it ended. */
  async function runIndexerProcess(exitOnUnhealthy: "0" | "1") {
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "healthExit.fixture.ts"), "start"], {
      env: { ...process.env, HEALTH_RPC_URL: anvil.rpcUrl, VE_LENS_HEALTH_INTERVAL_MS: "100", VE_LENS_EXIT_ON_UNHEALTHY: exitOnUnhealthy },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((done) => child.once("exit", (c) => done(c)));
    return { code, stdout, stderr };
  }

  it("in the indexer process: one ERROR line, then exit code 70", async () => {
    const { code, stdout, stderr } = await runIndexerProcess("1");
    expect(code, stderr).toBe(UNHEALTHY_EXIT_CODE);
    expect(UNHEALTHY_EXIT_CODE).toBe(70);
    expect(stdout).toMatch(/^REPORT \{"status":"unhealthy","reason":"finalized-block-replaced"/m);
    const errors = stderr.split("\n").filter((l) => l.startsWith("ERROR ve-lens:"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^ERROR ve-lens: the index no longer matches the chain \(finalized-block-replaced\): block 1 was indexed as final with hash 0x(ab){32}/);
    expect(errors[0]).toContain("rebuild the index in a fresh database");
    expect(errors[0]).toMatch(/Exiting with code 70 in 2 s\.$/);
  });

  it("in the indexer process with VE_LENS_EXIT_ON_UNHEALTHY=0: the same ERROR line, and the process stays up", async () => {
    const { code, stdout, stderr } = await runIndexerProcess("0");
    // the fixture exits 0 itself, twice the exit delay after the verdict: the monitor did not exit
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^REPORT \{"status":"unhealthy"/m);
    const errors = stderr.split("\n").filter((l) => l.startsWith("ERROR ve-lens:"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Data routes answer 503 until the index is rebuilt\.$/);
  });
});
