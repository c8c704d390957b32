/**
 * `kill -9` never leaves wrong numbers behind.
 *
 * On PGlite and on PostgreSQL (each with its own anvil on the `default` chain):
 * (a) the backfill killed at 11 points in one chain of restarts on the same database: once while
 *     Ponder fetches RPC data, then each time the index passes the block that closed one of ten
 *     epochs spread over the whole backfill. A batch of Ponder's backfill spans tens of blocks, so
 *     each kill lands in the batch after an epoch close, usually inside one holding the next
 *     close. The final content hash equals an uninterrupted run's. On PGlite each restart reopens
 *     the index as `npm start` does (self-checks, and a rebuild from scratch when one fails; the
 *     run prints how often that happened); PostgreSQL must resume without one.
 * (b) then live: votes arrive a block at a time, the indexer is killed while it follows them and
 *     restarted; its content equals a fresh index of the same chain.
 * `npm start` (embedded PGlite, the `default` chain):
 * (c) a `kill -9` of its whole process group (anvil too) while it indexes, then `npm start`
 *     again: the index it resumes (or rebuilds, when a self-check names what the kill left
 *     behind) equals an uninterrupted `npm start`'s;
 * (d) an index corrupted while stopped fails its self-checks at the next `npm start`, which says
 *     so in one line and rebuilds it: same content again.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../devnet/anvil";
import { checkPgliteIndex, checkPostgresIndex } from "../../devnet/indexCheck";
import { type Chain, chainCacheDir, startChain } from "../../devnet/harness/chain";
import { type ContentHash, contentHashPglite, diffTables } from "./harness/contentHash";
import { type IndexStore, openIndexStore } from "./harness/indexStore";
import { createVoteDriver } from "./harness/liveVotes";
import { type PonderProcess, REPO_ROOT, assertSameCode, metricSum, spawnPonder } from "../../devnet/harness/ponderProcess";

const SCENARIO = "default";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const kinds: IndexStore["kind"][] = ["pglite", "postgres"];

describe.each(kinds)("kill -9 of the indexer on %s", (kind) => {
  let chain: Chain;
  let store: IndexStore;
  /** The killed index lives in its own database: Ponder's RPC cache is per database, and a warm one would end the fetching before the first kill point. */
  let crashStore: IndexStore;
  let reference: ContentHash;
  let closedBlocks: number[] = [];
  const running: PonderProcess[] = [];

  const rebuilds: string[] = [];
  const storeOf = (schema: string) => (schema === "crashy" ? crashStore : store);
  const start = async (schema: string) => {
    // The index is reopened the way `npm start` reopens it: self-checks first, and on PGlite a
    // rebuild from scratch when one fails (counted, and printed).
    // On PostgreSQL the same checks run and must hold (the test asserts no rebuild there).
    const { pgliteDir: dir, databaseUrl } = storeOf(schema).target(schema);
    const failures = dir ? await checkPgliteIndex(dir, schema) : await checkPostgresIndex(databaseUrl!, schema);
    if (failures.length > 0) {
      rebuilds.push(failures.join("; "));
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
    const p = await spawnPonder({ command: "start", name: `${kind}-${schema}`, manifestPath: chain.manifestPath, schema, ...storeOf(schema).target(schema) });
    running.push(p);
    return p;
  };

  beforeAll(async () => {
    chain = await startChain({ scenario: SCENARIO });
    store = await openIndexStore(`crash-${kind}`, kind);
    crashStore = await openIndexStore(`crash-${kind}-killed`, kind);
    const p = await start("reference");
    await p.waitReady(1_200_000);
    await p.waitForBlock(chain.manifest.headBlock);
    const res = await fetch(`${p.url}/ponder/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ epochs(orderBy: \"id\", limit: 100) { items { id closedBlock } } }" }),
    });
    const body = (await res.json()) as { data: { epochs: { items: { closedBlock: string }[] } } };
    closedBlocks = body.data.epochs.items.map((e) => Number(e.closedBlock));
    reference = await store.hash("reference", p);
  });

  afterAll(async () => {
    for (const p of running) await p.stop(5_000);
    await store?.close();
    await crashStore?.close();
    await chain?.stop();
  });

  it("(a) 11 kills over the whole backfill, each resumed on the same database: the content of an uninterrupted run", async () => {
    // Ponder backfills up to 30 blocks below the head (chain 31337's finality) and follows the rest
    // live: the kill points are the epoch closes inside the backfill (case b kills the live path).
    const backfilled = closedBlocks.filter((b) => b < chain.manifest.headBlock - 30);
    expect(backfilled.length, "epochs closed inside the backfill of the reference run").toBeGreaterThanOrEqual(10);
    const chosen = Array.from({ length: 10 }, (_, i) => backfilled[Math.floor((i * (backfilled.length - 1)) / 9)]!);
    const points: { name: string; reached: (p: PonderProcess) => Promise<boolean> }[] = [
      {
        name: "while fetching RPC data",
        reached: async (p) => {
          const m = await p.metrics();
          const all = metricSum(m, "ponder_historical_total_blocks");
          return all > 0 && metricSum(m, "ponder_historical_completed_blocks") >= all * 0.3;
        },
      },
      ...chosen.map((block) => ({
        name: `after the close at block ${block}`,
        reached: async (p: PonderProcess) => ((await p.indexedBlock()) ?? 0) >= block,
      })),
    ];
    const log: string[] = [];
    for (const point of points) {
      const p = await start("crashy");
      let reached = false;
      for (;;) {
        if (p.exit()) break;
        if (await point.reached(p)) {
          reached = true;
          break;
        }
        if ((await p.get("/ready")).status === 200) break;
        await sleep(50);
      }
      const at = await p.indexedBlock();
      const exit = await p.kill9();
      log.push(`${point.name}: killed at indexed block ${at ?? "-"} (${exit.signal ?? exit.code})`);
      expect(reached, `kill point "${point.name}" reached before the backfill ended\n${p.logTail(20)}`).toBe(true);
    }
    const final = await start("crashy");
    await final.waitReady(1_200_000);
    await final.waitForBlock(chain.manifest.headBlock);
    if (kind === "postgres") expect(rebuilds, "PostgreSQL resumes without a rebuild").toEqual([]);
    if (rebuilds.length === 0) expect(final.logged(/Detected crash recovery/), "the last start resumed the killed index").toBe(true);
    console.info(`[crashes] ${kind}: ${log.join("; ")}; self-check rebuilds: ${rebuilds.length === 0 ? "none" : rebuilds.join(" | ")}`);
    const hash = await crashStore.hash("crashy", final);
    await final.stop(); // case b reopens this schema (PostgreSQL keeps it locked while it runs)
    assertSameCode(running);
    expect(diffTables(hash, reference), "tables that differ from the uninterrupted run").toEqual([]);
    expect(hash.hash).toBe(reference.hash);
  });

  it("(b) killed while following live votes, restarted: the content of a fresh index of the same chain", async () => {
    const votes = await createVoteDriver(chain.rpcUrl, chain.manifest, 18);
    const live = await start("crashy");
    await live.waitReady(1_200_000);
    for (let i = 0; i < 3; i++) await votes.castVote();
    await live.waitForBlock((await votes.head()).number);
    // Votes keep coming; the indexer dies while it follows them.
    for (let i = 0; i < 3; i++) await votes.castVote();
    await live.kill9();
    for (let i = 0; i < 3; i++) await votes.castVote();
    const head = (await votes.head()).number;
    const resumed = await start("crashy");
    await resumed.waitReady(1_200_000);
    await resumed.waitForBlock(head);
    const hash = await crashStore.hash("crashy", resumed);
    const fresh = await start("fresh");
    await fresh.waitReady(1_200_000);
    await fresh.waitForBlock(head);
    const freshHash = await store.hash("fresh", fresh);
    console.info(`[crashes] ${kind} live: self-check rebuilds so far: ${rebuilds.length}`);
    if (kind === "postgres") expect(rebuilds).toEqual([]);
    assertSameCode(running);
    expect(diffTables(hash, freshHash), "tables that differ from a fresh index").toEqual([]);
    expect(hash.hash).toBe(freshHash.hash);
  });
});

/** `npm start` in its own state folder, its output lines collected; `kill(-pid)` reaches the whole group. */
interface NpmStart {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

describe("kill -9 of npm start (PGlite)", () => {
  let home: string;
  let reference: ContentHash;
  let ports: { api: number; rpc: number };
  const children: ChildProcess[] = [];

  const npmStart = (): NpmStart => {
    const child = spawn(process.execPath, [join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "devnet/start.ts"], {
      cwd: REPO_ROOT,
      env: { ...process.env, VE_LENS_HOME: home, VE_LENS_SCENARIO: SCENARIO, PORT: String(ports.api), VE_LENS_RPC_PORT: String(ports.rpc), DATABASE_URL: "" },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    const lines: string[] = [];
    const waiters: (() => void)[] = [];
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim() !== "") lines.push(line);
      for (const w of waiters.splice(0)) w();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    let ended = false;
    void exited.then(() => {
      ended = true;
      for (const w of waiters.splice(0)) w();
    });
    return {
      child,
      lines,
      exited,
      async waitFor(pattern, timeoutMs = 1_200_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          for (const line of lines) {
            const m = line.match(pattern);
            if (m) return m;
          }
          if (ended) throw new Error(`npm start exited before ${pattern}\n${lines.slice(-30).join("\n")}`);
          if (Date.now() > deadline) throw new Error(`no ${pattern} in ${timeoutMs} ms\n${lines.slice(-30).join("\n")}`);
          await new Promise<void>((r) => {
            waiters.push(r);
            setTimeout(r, 1_000);
          });
        }
      },
    };
  };

  /** SIGTERM to the group (Ctrl-C), wait for the exit. */
  const stop = async (s: NpmStart) => {
    process.kill(-s.child.pid!, "SIGTERM");
    await s.exited;
  };
  const databaseDir = () => {
    const db = join(home, "db");
    const dirs = readdirSync(db).filter((n) => !n.endsWith(".lock"));
    expect(dirs).toHaveLength(1);
    return join(db, dirs[0]!);
  };
  const hashIndex = () => contentHashPglite(databaseDir(), "ve_lens");

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "ve-lens-npm-start-"));
    ports = { api: await freePort(), rpc: await freePort() };
    // The chain the harness simulated (same scenario, seed and sources: same cache key) saves npm
    // start a simulation; anvil loads it read-only.
    const cached = chainCacheDir(SCENARIO, 1);
    if (!existsSync(join(cached, "anvil-state.json"))) await (await startChain({ scenario: SCENARIO })).stop();
    const key = cached.split("-").pop()!;
    mkdirSync(join(home, "chains", key), { recursive: true });
    for (const file of ["anvil-state.json", "devnet.json"]) symlinkSync(join(cached, file), join(home, "chains", key, file));
    const s = npmStart();
    await s.waitFor(/ready in/);
    await stop(s);
    reference = await hashIndex();
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) process.kill(-c.pid!, "SIGKILL");
    await sleep(1_000);
    rmSync(home, { recursive: true, force: true });
  });

  it("(c) kill -9 of the whole process group while it indexes, then npm start again: the content of an uninterrupted run", async () => {
    rmSync(databaseDir(), { recursive: true, force: true });
    const crashed = npmStart();
    const m = await crashed.waitFor(/indexed block (\d+)\/(\d+)/);
    expect(Number(m[1])).toBeLessThan(Number(m[2]));
    process.kill(-crashed.child.pid!, "SIGKILL"); // Ponder, anvil and npm start itself
    await crashed.exited;
    await sleep(1_000);
    const resumed = npmStart();
    await resumed.waitFor(/ready in/);
    await stop(resumed);
    // Resumed, or (a kill inside a batch PGlite kept part of, e.g. the first one before any
    // checkpoint) named by a self-check and rebuilt: either way one of the two, said in one line.
    const resumedLine = resumed.lines.some((l) => /resuming the existing index/.test(l));
    const rebuiltLine = resumed.lines.filter((l) => /failed its self-checks \(.+ does not hold .+\): rebuilding it from scratch/.test(l));
    console.info(`[crashes] npm start after a group kill: ${resumedLine ? "resumed" : `rebuilt (${rebuiltLine.join(" ")})`}`);
    if (resumedLine) expect(rebuiltLine, resumed.lines.join("\n")).toEqual([]);
    else expect(rebuiltLine.length === 1 && resumed.lines.some((l) => /fresh index in/.test(l)), resumed.lines.join("\n")).toBe(true);
    const hash = await hashIndex();
    expect(diffTables(hash, reference)).toEqual([]);
    expect(hash.hash).toBe(reference.hash);
  });

  it("(d) an index corrupted while stopped fails its self-checks and is rebuilt from scratch", async () => {
    const { PGlite } = await import("@electric-sql/pglite");
    const db = new PGlite(databaseDir());
    // A transfer applied twice to one side: Σ balances still matches nothing else.
    // Ponder's live-query triggers need its session: off for this write.
    await db.exec("SET session_replication_role = replica");
    await db.exec("UPDATE ve_lens.account SET br_balance = br_balance + 1 WHERE address = (SELECT min(address) FROM ve_lens.account)");
    await db.close();
    const s = npmStart();
    await s.waitFor(/ready in/);
    await stop(s);
    const notices = s.lines.filter((l) => /failed its self-checks/.test(l));
    expect(notices, s.lines.join("\n")).toHaveLength(1);
    expect(notices[0]).toMatch(/supply: .* does not hold .*rebuilding it from scratch/);
    expect(s.lines.some((l) => /fresh index in/.test(l))).toBe(true);
    const hash = await hashIndex();
    expect(diffTables(hash, reference)).toEqual([]);
    expect(hash.hash).toBe(reference.hash);
  });
});
