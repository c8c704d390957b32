/**
 * (a) Reorgs in live mode: while votes are being cast, `anvil_reorg` / `anvil_rollback` of depth
 * 1, 8 and 25 blocks (within Ponder's 30-block finality on chain 31337). Afterwards the content
 * hash of every ve-lens table equals the one of a fresh index of the final chain.
 *
 * (b) A 40-block rollback, deeper than the finality: Ponder 0.16.10 logs "unrecoverable reorg"
 * and would keep serving the abandoned branch. ve-lens's health monitor (src/api/health.ts)
 * turns `/api/v1/health`, `/ready` and the data routes to 503, logs one ERROR line and exits
 * with its own code; the recovery path (index the final chain in a fresh database) gives the
 * same content as a fresh index.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Chain, startChain } from "../../devnet/harness/chain";
import { diffTables } from "./harness/contentHash";
import { type IndexStore, openIndexStore } from "./harness/indexStore";
import { type VoteDriver, createVoteDriver } from "./harness/liveVotes";
import { type PonderProcess, assertSameCode, spawnPonder } from "../../devnet/harness/ponderProcess";
import { UNHEALTHY_EXIT_CODE } from "../../src/api/health";

let chain: Chain;
let store: IndexStore;
const running: PonderProcess[] = [];

beforeAll(async () => {
  chain = await startChain({ scenario: "small" });
  store = await openIndexStore("reorgs");
});

afterAll(async () => {
  for (const p of running) await p.stop(5_000);
  await store?.close();
  await chain?.stop();
});

async function indexer(schema: string, manifestPath = chain.manifestPath): Promise<PonderProcess> {
  const p = await spawnPonder({ command: "start", name: schema, manifestPath, schema, ...store.target(schema) });
  running.push(p);
  await p.waitReady(300_000);
  return p;
}

/** Waits until the indexer has processed the current head (by number) and a moment more. */
async function catchUp(p: PonderProcess, votes: VoteDriver): Promise<number> {
  const head = (await votes.head()).number;
  await p.waitForBlock(head, 60_000);
  return head;
}

/** A fresh index of the chain as it is now, on its own schema: its content hash and live answers. */
async function freshIndex(schema: string) {
  const p = await indexer(schema);
  await p.waitForBlock(await fetchHead(), 120_000);
  const hash = await store.hash(schema, p);
  const answers = await liveAnswers(p);
  await p.stop();
  return { hash, answers };
}

/** The live epoch's vote concentration and distributions as the API answers them (kept in memory and updated block by block). */
async function liveAnswers(p: PonderProcess) {
  const get = async (path: string) => {
    const res = await fetch(`${p.url}/api/v1${path}`);
    expect(res.status, path).toBe(200);
    return res.json();
  };
  const epochs = (await get("/epochs")) as { id: number; live: boolean }[];
  const live = epochs.find((e) => e.live);
  expect(live, "a live epoch").toBeDefined();
  const answers: Record<string, unknown> = { epoch: live!.id };
  for (const scope of ["CAST_VOTES", "GAUGES"]) {
    answers[`concentration ${scope}`] = await get(`/concentration?epoch=${live!.id}&scope=${scope}`);
    answers[`distribution ${scope}`] = await get(`/distribution?epoch=${live!.id}&scope=${scope}&first=1000`);
  }
  return answers;
}

/** Ponder's finalized block, from its log ("Started live indexing ... finalized_block=N", "Finalized block ... number=N"). */
function finalizedBlock(p: PonderProcess): number | undefined {
  let n: number | undefined;
  for (const line of p.lines()) {
    const m = line.match(/finalized_block=(\d+)/) ?? (/Finalized block/.test(line) ? line.match(/number=(\d+)/) : null);
    if (m) n = Number(m[1]);
  }
  return n;
}

async function fetchHead(): Promise<number> {
  const res = await fetch(chain.rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
  });
  return Number(((await res.json()) as { result: string }).result);
}

describe("reorgs in live mode", () => {
  it("(a) reorgs of depth 1, 8 and 25 while votes are cast leave the same content as a fresh index", async () => {
    const live = await indexer("live_reorgs");
    await live.waitForBlock(chain.manifest.headBlock);
    const votes = await createVoteDriver(chain.rpcUrl, chain.manifest, 11);

    const plan: { depth: number; how: "reorg" | "rollback" }[] = [
      { depth: 1, how: "reorg" },
      { depth: 8, how: "rollback" },
      { depth: 25, how: "reorg" },
      { depth: 1, how: "rollback" },
      { depth: 8, how: "reorg" },
    ];
    for (const step of plan) {
      // Enough new blocks with votes that the reorg replaces only blocks the indexer has seen live.
      for (let i = 0; i < step.depth + 3; i++) await votes.castVote();
      const seen = await catchUp(live, votes);
      await liveAnswers(live); // the API follows the votes block by block, then through the reorg
      if (step.how === "reorg") {
        await votes.reorg(step.depth, Math.min(step.depth, 4));
      } else {
        await votes.rollback(step.depth);
      }
      // Votes on the new branch; the head ends above the old one so waitForBlock means "saw the new branch".
      while ((await votes.head()).number <= seen + 1) await votes.castVote();
      await catchUp(live, votes);
      await liveAnswers(live);
    }
    const finalHead = await catchUp(live, votes);
    await new Promise((r) => setTimeout(r, 1_000));
    // Ponder 0.16.10 never increments ponder_realtime_reorg_total; it logs "Reorged block".
    const reorgs = live.lines().filter((l) => /Reorged block/.test(l)).length;
    console.info(`[reorgs] final head ${finalHead}, "Reorged block" logged ${reorgs} times for ${plan.length} reorgs`);
    expect(reorgs, "Ponder saw the reorgs").toBeGreaterThanOrEqual(3);
    expect(live.logged(/unrecoverable reorg/i)).toBe(false);
    expect(live.logged(/ERROR ve-lens: the index no longer matches/), "reorgs within finality never trip the health monitor").toBe(false);

    const liveHash = await store.hash("live_reorgs", live);
    const answers = await liveAnswers(live);
    await live.stop();
    const fresh = await freshIndex("fresh_after_reorgs");
    assertSameCode(running);
    expect(diffTables(liveHash, fresh.hash), "tables that differ from a fresh index").toEqual([]);
    expect(liveHash.hash).toBe(fresh.hash.hash);
    // the live answers, updated block by block through the reorgs, equal a fresh server's first read
    expect(answers).toEqual(fresh.answers);
    expect((answers["distribution CAST_VOTES"] as { items: unknown[] }).items.length).toBeGreaterThan(0);
    expect(Object.values(liveHash.tables).reduce((s, t) => s + t.rows, 0)).toBeGreaterThan(0);
  });

  it("(b) a 40-block rollback (deeper than the 30-block finality) is detected and recovered by re-indexing", async () => {
    const firstProcess = running.length;
    const deep = await indexer("deep_reorg");
    const votes = await createVoteDriver(chain.rpcUrl, chain.manifest, 12);
    await catchUp(deep, votes);
    // Ponder moves its finalized block F in jumps: when the head reaches F + 60, F becomes head - 30.
    // Roll back right after a jump, so that 40 blocks reach below F.
    const f0 = finalizedBlock(deep);
    expect(f0, "Ponder logs its finalized block").toBeDefined();
    for (let i = 0; i < 90 && finalizedBlock(deep) === f0; i++) {
      await votes.castVote();
      await catchUp(deep, votes);
    }
    const before = await catchUp(deep, votes);
    const finalized = finalizedBlock(deep)!;
    expect(finalized).toBeGreaterThan(f0!);
    expect(before - 40, "the rollback reaches below the finalized block").toBeLessThan(finalized);

    // Poll what a load balancer and a client would see, until the process has exited.
    const seen: { at: number; health: string; ready: string; data: string }[] = [];
    const probe = async (path: string, init?: RequestInit) => {
      try {
        const res = await fetch(`${deep.url}${path}`, { ...init, signal: AbortSignal.timeout(2_000) });
        const body = await res.text();
        return `${res.status} ${body.slice(0, 2_000)}`;
      } catch {
        return "refused";
      }
    };
    const t0 = performance.now();
    await votes.rollback(40);
    for (let i = 0; i < 3; i++) await votes.castVote();
    const headAfter = (await votes.head()).number;
    // until the process exits by itself (the test's timeout bounds the wait)
    while (!deep.exit()) {
      const [health, ready, data] = await Promise.all([
        probe("/api/v1/health"),
        probe("/ready"),
        probe("/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ epochs { id } }" }) }),
      ]);
      seen.push({ at: Math.round(performance.now() - t0), health, ready, data });
      await new Promise((r) => setTimeout(r, 200));
    }
    const exit = deep.exit();
    const errorLine = deep.lines().find((l) => l.includes("ERROR ve-lens: the index no longer matches the chain"));
    const firstUnhealthy = seen.findIndex((s) => s.health.startsWith("503"));
    console.info(
      `[deep reorg] indexed ${before} (finalized ${finalized}) → rollback 40 → chain head ${headAfter}; ` +
        `ponder logged unrecoverable reorg: ${deep.logged(/unrecoverable reorg/i)}; ` +
        `process: ${exit ? `exited with ${exit.code ?? exit.signal}` : "still running"}; ` +
        `health 503 first at ${firstUnhealthy >= 0 ? `${seen[firstUnhealthy]!.at} ms` : "never"}; log: ${errorLine?.slice(0, 300)}`,
    );
    expect(exit, "the indexer exits by itself").toBeDefined();
    expect(exit!.code, "exit code of an index that no longer matches the chain").toBe(UNHEALTHY_EXIT_CODE);
    expect(errorLine, "one clear ERROR line").toMatch(/\((finalized-block-replaced|ahead-of-chain)\): .*rebuild the index in a fresh database/);
    expect(firstUnhealthy, "GET /api/v1/health answered 503 before the exit").toBeGreaterThanOrEqual(0);
    const after = seen.slice(firstUnhealthy);
    expect(after.find((s) => s.ready.startsWith("503")), "/ready answered 503 before the exit").toBeDefined();
    expect(after.find((s) => s.data.startsWith("503") && s.data.includes("INDEXER_UNHEALTHY")), "a data query answered 503 INDEXER_UNHEALTHY").toBeDefined();
    // From the verdict on, nothing answers with numbers: 503 or no server at all.
    for (const s of after) {
      expect(s.health, `health at ${s.at} ms`).toMatch(/^(503|refused)/);
      expect(s.ready, `/ready at ${s.at} ms`).toMatch(/^(503|refused)/);
      expect(s.data, `data at ${s.at} ms`).toMatch(/^(503|refused)/);
    }

    // Recovery candidates, compared with a fresh index of the final chain in a database of its own
    // (Ponder's sync cache, shared by all schemas of a database, still holds the abandoned blocks):
    // (1) restart on the same schema, (2) a new schema in the same database.
    const refStore = await openIndexStore("deep_ref");
    let ref;
    try {
      const p = await spawnPonder({ command: "start", name: "reference", manifestPath: chain.manifestPath, schema: "reference", ...refStore.target("reference") });
      running.push(p);
      await p.waitReady(300_000);
      await p.waitForBlock(headAfter, 120_000);
      expect(await p.indexedBlock(), "a fresh database follows the new chain").toBe(headAfter);
      ref = await refStore.hash("reference", p);
      await p.stop();
    } finally {
      await refStore.close();
    }
    const outcome: Record<string, string> = {};
    for (const schema of ["deep_reorg", "deep_reorg_new_schema"]) {
      const p = await spawnPonder({ command: "start", name: schema, manifestPath: chain.manifestPath, schema, ...store.target(schema) });
      running.push(p);
      const ready = await p.waitReady(120_000).then(() => p.waitForBlock(headAfter, 60_000)).then(
        (n) => `indexed ${n}`,
        (e: Error) => `failed: ${e.message.split("\n")[0]} — ${p.lines().filter((l) => /ERROR|Error/.test(l)).slice(-2).join(" | ").slice(0, 400)}`,
      );
      const h = p.exit() ? undefined : await store.hash(schema, p).catch(() => undefined);
      await p.stop();
      outcome[schema] = `${ready}; content ${h ? (h.hash === ref.hash ? "equals the fresh database" : `differs (${diffTables(h, ref).join("; ")})`) : "unreadable"}`;
    }
    console.info(`[deep reorg] recovery on ${store.kind}: ${JSON.stringify(outcome, null, 1)}`);
    if (store.kind === "postgres") {
      // Measured with Ponder 0.16.10 (documented in docs/PRODUCTION.md; a Ponder upgrade may change it):
      // the old schema refuses to start, and a new schema in the same database trips over the
      // abandoned blocks in the shared sync cache. Only a fresh database (or a cleared ponder_sync) works.
      // The old schema fails in one of two ways, both seen here: the finalized-block check, or the
      // abandoned block missing from the chain.
      expect(outcome.deep_reorg).toMatch(/^failed: .*(cannot move backwards|BlockNotFoundError)/);
      expect(outcome.deep_reorg_new_schema).toMatch(/^failed/);
    } else {
      // On PGlite each index is a directory of its own, sync cache included: the old directory
      // does not come back, and a new one is a fresh database that follows the new chain.
      expect(store.kind).toBe("pglite");
      expect(outcome.deep_reorg).toMatch(/^failed: /);
      expect(outcome.deep_reorg_new_schema).toBe(`indexed ${headAfter}; content equals the fresh database`);
    }
    assertSameCode(running.slice(firstProcess));
  });
});
