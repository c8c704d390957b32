/**
 * The indexer's in-memory copy of the live lock, vote and balance rows (src/indexing/liveRows.ts)
 * across a revert: the indexer follows live votes with the copy held (loaded at the backfill's
 * first live write), the chain rolls back and reorgs blocks whose votes the copy applied, new
 * votes follow, and then the chain passes the live epoch's window end. The copy has counted
 * writes the database reverted, so the next block with a live write must read the tables again;
 * the window end then closes the epoch from the copy so read, without a read of its own. The
 * epoch it closes, and every other table, must equal a fresh index of the final chain.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Chain, startChain } from "../../devnet/harness/chain";
import { type PonderProcess, assertSameCode, metricSum, spawnPonder } from "../../devnet/harness/ponderProcess";
import { DEVNET_DEFAULTS } from "../../src/config/profile";
import { epochOf, windowEnd } from "../../src/domain/epochs";
import { diffTables } from "./harness/contentHash";
import { type IndexStore, openIndexStore } from "./harness/indexStore";
import { createVoteDriver } from "./harness/liveVotes";

let chain: Chain;
let store: IndexStore;
const running: PonderProcess[] = [];

beforeAll(async () => {
  chain = await startChain({ scenario: "small" });
  store = await openIndexStore("live_copy");
});

afterAll(async () => {
  for (const p of running) await p.stop(5_000);
  await store?.close();
  await chain?.stop();
});

async function indexer(schema: string): Promise<PonderProcess> {
  const p = await spawnPonder({ command: "start", name: schema, manifestPath: chain.manifestPath, schema, ...store.target(schema) });
  running.push(p);
  await p.waitReady(300_000);
  return p;
}

interface EpochRow {
  id: number;
  live: boolean;
  voters: number;
}

async function epochs(p: PonderProcess): Promise<EpochRow[]> {
  const res = await fetch(`${p.url}/api/v1/epochs`);
  expect(res.status).toBe(200);
  return (await res.json()) as EpochRow[];
}

describe("a window end after a revert", () => {
  it("reads the tables again after the revert, not at the window end, and closes the epoch with the content of a fresh index", async () => {
    const live = await indexer("copy_live");
    await live.waitForBlock(chain.manifest.headBlock);
    // Each read of the live tables is one `context.db.sql` query (src/indexing/liveRows.ts).
    const tableReads = async () => metricSum(await live.metrics(), "ponder_indexing_store_raw_sql_duration_count");
    const readsAfterBackfill = await tableReads();
    const votes = await createVoteDriver(chain.rpcUrl, chain.manifest, 23);
    const head = async () => {
      const h = (await votes.head()).number;
      await live.waitForBlock(h, 60_000);
      return h;
    };

    // Votes the indexer applies live (to the tables and to its copy), then a rollback and a reorg
    // that take some of them away again, with new votes on the new branch.
    for (let i = 0; i < 6; i++) await votes.castVote();
    const seen = await head();
    await votes.rollback(4);
    while ((await votes.head()).number <= seen + 1) await votes.castVote();
    const seenAgain = await head();
    await votes.reorg(3, 2);
    while ((await votes.head()).number <= seenAgain + 1) await votes.castVote();
    await head();
    expect(live.lines().filter((l) => /Reorged block/.test(l)).length, "Ponder saw the reverts").toBeGreaterThanOrEqual(2);
    const readsBeforeWindowEnd = await tableReads();
    expect(readsBeforeWindowEnd, "the blocks after the reverts read the tables again").toBeGreaterThan(readsAfterBackfill);

    // The live epoch's window end, then enough empty blocks for an EpochTick.
    const ts = (await votes.head()).timestamp;
    const liveEpoch = epochOf(BigInt(ts));
    const closedBefore = (await epochs(live)).filter((e) => !e.live).map((e) => e.id);
    expect(closedBefore).not.toContain(liveEpoch);
    await votes.rpc("evm_setNextBlockTimestamp", [Number(windowEnd(liveEpoch))]);
    await votes.mine(DEVNET_DEFAULTS.epochTickInterval + 2);
    const finalHead = await head();
    const after = await epochs(live);
    const closed = after.find((e) => e.id === liveEpoch);
    expect(closed?.live, `epoch ${liveEpoch} closed by the window end`).toBe(false);
    expect(closed!.voters).toBeGreaterThan(0);
    expect(await tableReads(), "the window end took the rows held").toBe(readsBeforeWindowEnd);

    const liveHash = await store.hash("copy_live", live);
    await live.stop();
    const fresh = await indexer("copy_fresh");
    await fresh.waitForBlock(finalHead, 120_000);
    const freshHash = await store.hash("copy_fresh", fresh);
    await fresh.stop();
    assertSameCode(running);
    expect(diffTables(liveHash, freshHash), "tables that differ from a fresh index").toEqual([]);
    expect(liveHash.hash).toBe(freshHash.hash);
    expect(liveHash.tables.epoch_metric?.rows ?? 0).toBeGreaterThan(0);
  });
});
