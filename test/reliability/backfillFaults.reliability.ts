/**
 * Faults during the backfill of the `default` scenario (310 blocks, ~44k events):
 *
 * (kill -9 at any point, on both databases and of `npm start`: crashes.reliability.ts.)
 * (d) the RPC behind a flaky proxy (20% failures as HTTP 500 or JSON-RPC errors, 20% delayed up
 *     to 400 ms, 5% dropped connections): the indexer finishes with the same content hash.
 *
 * Env: `VE_LENS_RELIABILITY_SCENARIO` (default `default`) to run on another scenario.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultProxy, startFaultProxy } from "../../devnet/faultProxy";
import { type Chain, startChain } from "../../devnet/harness/chain";
import { type ContentHash, diffTables } from "./harness/contentHash";
import { type IndexStore, openIndexStore } from "./harness/indexStore";
import { type PonderProcess, assertSameCode, metricSum, spawnPonder } from "../../devnet/harness/ponderProcess";

const SCENARIO = process.env.VE_LENS_RELIABILITY_SCENARIO ?? "default";

let chain: Chain;
let store: IndexStore;
let reference: ContentHash;
let referenceEvents = 0;
let referenceMs = 0;
const running: PonderProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

/** Ponder on `schema` in `db` (each case gets its own database: Ponder's RPC cache is per database). */
async function start(db: IndexStore, schema: string, manifestPath = chain.manifestPath): Promise<PonderProcess> {
  const p = await spawnPonder({ command: "start", name: schema, manifestPath, schema, ...db.target(schema) });
  running.push(p);
  return p;
}

beforeAll(async () => {
  chain = await startChain({ scenario: SCENARIO });
  store = await openIndexStore("backfill");
  const t0 = performance.now();
  const p = await start(store, "reference");
  await p.waitReady(1_200_000);
  await p.waitForBlock(chain.manifest.headBlock);
  referenceMs = performance.now() - t0;
  referenceEvents = metricSum(await p.metrics(), "ponder_indexing_completed_events");
  reference = await store.hash("reference", p);
  await p.stop();
  console.info(`[backfill] reference: ${SCENARIO}, ${referenceEvents} events in ${(referenceMs / 1000).toFixed(1)} s on ${store.kind}`);
});

afterAll(async () => {
  for (const p of running) await p.stop(5_000);
  for (const c of cleanups) await c().catch(() => {});
  await store?.close();
  await chain?.stop();
});

describe(`backfill faults (${SCENARIO})`, () => {
  it("(d) a flaky RPC (20% failures, delays, dropped connections) gives the same content", async () => {
    let proxy: FaultProxy | undefined;
    try {
      proxy = await startFaultProxy({ target: chain.rpcUrl, seed: 2026, failRate: 0.2, delayRate: 0.2, maxDelayMs: 400, dropRate: 0.05 });
      const manifestPath = await chain.manifestWithRpc(proxy.url);
      const t0 = performance.now();
      const db = await openIndexStore("flaky");
      cleanups.push(() => db.close());
      const p = await start(db, "flaky", manifestPath);
      await p.waitReady(1_800_000);
      await p.waitForBlock(chain.manifest.headBlock);
      const ms = performance.now() - t0;
      const stats = proxy.stats();
      const hash = await db.hash("flaky", p);
      assertSameCode(running);
      await p.stop();
      console.info(
        `[backfill] flaky RPC: ${stats.requests} requests, ${stats.failed500} HTTP 500, ${stats.failedRpc} JSON-RPC errors, ` +
          `${stats.dropped} dropped, ${stats.delayed} delayed; indexed in ${(ms / 1000).toFixed(1)} s (clean: ${(referenceMs / 1000).toFixed(1)} s)`,
      );
      expect(stats.methods.eth_getLogs ?? 0, "the backfill fetched its logs through the proxy").toBeGreaterThan(0);
      expect(stats.failed500 + stats.failedRpc, "faults were injected").toBeGreaterThan(10);
      expect(stats.dropped).toBeGreaterThan(0);
      expect(diffTables(hash, reference), "tables that differ from the clean run").toEqual([]);
      expect(hash.hash).toBe(reference.hash);
    } finally {
      await proxy?.stop();
    }
  });
});
