/**
 * `npm start` as a user runs it: simulate, index and serve the `small` scenario, stop on Ctrl-C
 * with nothing left running, start again from the cached chain and index, and start with another
 * seed, which must get a fresh database and serve the new chain's numbers (Ponder's sync cache is
 * keyed by chain id alone, so an old database would silently give the old chain's rows).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { http, createPublicClient } from "viem";
import { afterAll, describe, expect, it } from "vitest";
import { VotingEscrowAbi } from "../../abis";
import { freePort } from "../../devnet/anvil";
import { readManifest } from "../../src/config/manifest";

const root = resolve(import.meta.dirname, "../..");
const home = mkdtempSync(join(tmpdir(), "ve-lens-start-"));
const children = new Set<ChildProcess>();

interface Run {
  child: ChildProcess;
  output: () => string;
  apiUrl: string;
  rpcPort: number;
  exited: Promise<number | null>;
}

async function startRun(seed: number): Promise<Run> {
  const apiPort = await freePort();
  const rpcPort = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "devnet/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      VE_LENS_HOME: home,
      VE_LENS_SCENARIO: "small",
      VE_LENS_SEED: String(seed),
      PORT: String(apiPort),
      VE_LENS_RPC_PORT: String(rpcPort),
      DATABASE_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
    // A process group of its own, as in a terminal: Ctrl-C there signals every process of it.
    detached: true,
  });
  children.add(child);
  let out = "";
  child.stdout?.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr?.on("data", (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  void exited.then(() => children.delete(child));
  const deadline = Date.now() + 300_000;
  while (!out.includes("ready in")) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`npm start not ready in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => out, apiUrl: `http://127.0.0.1:${apiPort}`, rpcPort, exited };
}

/**
 * SIGINT to `npm start` alone (`terminal`: false), or to its whole process group (Ponder and
 * anvil as well), which is what Ctrl-C in a terminal does.
 */
async function stopRun(run: Run, { terminal }: { terminal: boolean }): Promise<number | null> {
  if (terminal) process.kill(-(run.child.pid as number), "SIGINT");
  else run.child.kill("SIGINT");
  return run.exited;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("error", () => done(false));
  });
}

async function epochsJson(apiUrl: string): Promise<unknown> {
  const res = await fetch(`${apiUrl}/api/v1/epochs`);
  expect(res.status).toBe(200);
  return res.json();
}

/** The index's live totalLocked (Ponder's table GraphQL) and the chain's own `totalLocked()`. */
async function totalLocked(run: Run): Promise<{ indexed: bigint; chain: bigint }> {
  const res = await fetch(`${run.apiUrl}/ponder/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ indexerState(id: 0) { totalLocked } }" }),
  });
  const body = (await res.json()) as { data: { indexerState: { totalLocked: string } } };
  const manifest = await readManifest(join(home, "devnet.json"));
  const client = createPublicClient({ transport: http(manifest.rpcUrl) });
  const chain = await client.readContract({
    address: manifest.contracts.VotingEscrow.address,
    abi: VotingEscrowAbi,
    functionName: "totalLocked",
  });
  return { indexed: BigInt(body.data.indexerState.totalLocked), chain };
}

afterAll(async () => {
  for (const child of children) process.kill(-(child.pid as number), "SIGTERM");
  await new Promise((r) => setTimeout(r, 1_000));
  rmSync(home, { recursive: true, force: true });
});

describe("npm start", () => {
  let firstEpochs: unknown;
  let firstLocked: bigint;

  it("simulates, indexes and serves the scenario, writes the manifest, and stops cleanly on a terminal's Ctrl-C", async () => {
    const run = await startRun(1);
    const out = run.output();
    expect(out).toContain("start anvil and simulate the scenario");
    expect(out).toContain("fresh index");
    expect(out).toMatch(/step 5\/5: serve/);

    const manifest = await readManifest(join(home, "devnet.json"));
    expect(manifest.chainId).toBe(31337);
    expect(manifest.scenario).toBe("small");
    expect(manifest.seed).toBe(1);
    expect(manifest.rpcUrl).toBe(`http://127.0.0.1:${run.rpcPort}`);
    for (const ref of Object.values(manifest.contracts)) {
      expect(ref.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
      expect(ref.startBlock).toBeGreaterThan(0);
    }

    firstEpochs = await epochsJson(run.apiUrl);
    expect(Array.isArray(firstEpochs) && firstEpochs.length).toBeGreaterThanOrEqual(4);
    const locked = await totalLocked(run);
    expect(locked.indexed).toBe(locked.chain);
    expect(locked.chain).toBeGreaterThan(0n);
    firstLocked = locked.chain;

    expect(await stopRun(run, { terminal: true })).toBe(0);
    expect(run.output()).toContain("stopped");
    // The anvil that simulated served the chain, and wrote it to the cache when it stopped.
    expect(run.output()).toContain("writing the chain's state");
    expect(run.output()).not.toContain("no cached chain");
    expect(await portOpen(run.rpcPort)).toBe(false);
    expect(await portOpen(Number(new URL(run.apiUrl).port))).toBe(false);
  });

  it("starts again from the cached chain and resumes the index with the same numbers", async () => {
    const run = await startRun(1);
    const out = run.output();
    expect(out).toContain("start anvil from the cached chain");
    expect(out).toContain("resuming the existing index");
    expect(await epochsJson(run.apiUrl)).toEqual(firstEpochs);
    expect(await stopRun(run, { terminal: false })).toBe(0);
  });

  it("a new simulation (another seed) gets a fresh database and serves the new chain's numbers", async () => {
    const run = await startRun(2);
    const out = run.output();
    expect(out).toContain("start anvil and simulate the scenario");
    expect(out).toContain("fresh index");
    const epochs = await epochsJson(run.apiUrl);
    expect(epochs).not.toEqual(firstEpochs);
    const locked = await totalLocked(run);
    expect(locked.indexed).toBe(locked.chain);
    expect(locked.chain).not.toBe(firstLocked);
    expect(await stopRun(run, { terminal: false })).toBe(0);
    expect(run.output()).toContain("writing the chain's state");
    expect(run.output()).not.toContain("no cached chain");
  });
});
