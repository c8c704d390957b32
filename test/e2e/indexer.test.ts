/**
 * The indexer against a simulated chain: anvil + the `small` scenario + `ponder start`, then
 * every table compared with the chain's own view functions at every epoch boundary
 * (devnet/verify.ts), a restart on the same database, and the database keying.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Hex, encodeFunctionData, numberToHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BRTokenAbi } from "../../abis";
import { type AnvilInstance, startAnvil } from "../../devnet/anvil";
import { type Manifest, writeManifest } from "../../src/config/manifest";
import { metricSum, parsePrometheus } from "../../devnet/harness/ponderProcess";
import { type PonderInstance, databaseDirFor, startPonder } from "../../devnet/ponder";
import { loadScenario } from "../../devnet/scenario";
import { simulate, simulatorAnvilArgs } from "../../devnet/simulate";
import { compareIndexWithChain, formatReport, ponderGraphql } from "../../devnet/verify";
import { windowEnd } from "../../src/domain/epochs";
import { rpc } from "../devnet/simRun";

const TABLES = [
  "accounts",
  "brTransfers",
  "vestingAllocations",
  "vestingReleases",
  "locks",
  "lockEvents",
  "seasons",
  "gauges",
  "standingVotes",
  "voteEvents",
  "vaults",
  "vaultEvents",
  "vaultPositions",
  "vaultEpochs",
  "epochs",
  "epochLockPowers",
  "epochVotes",
  "epochGauges",
  "epochHoldings",
  "epochMetrics",
  "supplyPoints",
  "indexerStates",
];

/** The per-epoch views: `/ponder/graphql` reads them one epoch at a time (docs/API.md, "Per-epoch views"). */
const VIEWS = new Set(["epochLockPowers", "epochVotes", "epochHoldings"]);

async function rowCounts(url: string): Promise<Record<string, number>> {
  const gql = await ponderGraphql(url);
  const tables = TABLES.filter((t) => !VIEWS.has(t));
  const data = await gql.query(`{ ${tables.map((t) => `${t} { totalCount }`).join(" ")} epochIds: epochs(limit: 1000) { items { id } } }`);
  const counts: Record<string, number> = Object.fromEntries(tables.map((t) => [t, (data[t] as { totalCount: number }).totalCount]));
  const epochIds = (data.epochIds as { items: { id: number }[] }).items.map((e) => e.id);
  for (const view of VIEWS) {
    const perEpoch = await gql.query(`{ ${epochIds.map((e) => `e${e}: ${view}(where: { epoch: ${e} }) { totalCount }`).join(" ")} }`);
    counts[view] = epochIds.reduce((sum, e) => sum + (perEpoch[`e${e}`] as { totalCount: number }).totalCount, 0);
  }
  return counts;
}

describe("indexer on the small scenario", () => {
  const scenario = loadScenario("small");
  const dir = mkdtempSync(join(tmpdir(), "ve-lens-e2e-indexer-"));
  const databaseDir = join(dir, "db");
  const manifestPath = join(dir, "devnet.json");
  let anvil: AnvilInstance;
  let manifest: Manifest;
  let ponder: PonderInstance | undefined;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    let t = performance.now();
    anvil = await startAnvil({ extraArgs: simulatorAnvilArgs(scenario) });
    manifest = await simulate({ rpcUrl: anvil.rpcUrl, scenario, scenarioName: "small", seed: 1 });
    await writeManifest(manifestPath, manifest);
    timings.simulateMs = performance.now() - t;
    t = performance.now();
    ponder = await startPonder({ manifestPath, databaseDir });
    await ponder.waitReady(240_000);
    await ponder.waitForBlock(manifest.headBlock, 120_000);
    timings.indexMs = performance.now() - t;
  });

  afterAll(async () => {
    await ponder?.stop();
    await anvil?.stop();
    console.log(`timings: ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])))}`);
    rmSync(dir, { recursive: true, force: true });
  });

  /** The state row's last closed epoch, as Ponder's GraphQL serves it. */
  const lastClosedEpoch = async (): Promise<number> => {
    const data = await (await ponderGraphql(ponder!.url)).query("{ indexerStates { items { lastClosedEpoch } } }");
    return (data.indexerStates as { items: { lastClosedEpoch: number }[] }).items[0]!.lastClosedEpoch;
  };

  /** Empty blocks only: jumps past the window end of `closedBefore + 1`, then mines past the next EpochTick block and waits for Ponder. */
  const closeNextEpochQuietly = async (closedBefore: number): Promise<void> => {
    const head = Number(await rpc<Hex>(anvil.rpcUrl, "eth_blockNumber"));
    await rpc(anvil.rpcUrl, "evm_setNextBlockTimestamp", [Number(windowEnd(closedBefore + 1)) + 10]);
    await rpc(anvil.rpcUrl, "anvil_mine", [numberToHex(60)]);
    await ponder!.waitForBlock(head + 60, 60_000);
  };

  it("equals the chain at every epoch boundary and at the head", async () => {
    const t = performance.now();
    const report = await compareIndexWithChain({ manifest, ponderUrl: ponder!.url, rpcUrl: anvil.rpcUrl });
    timings.compareMs = performance.now() - t;
    console.log(formatReport(report));
    expect(report.mismatches).toEqual([]);
    expect(report.epochs.length).toBeGreaterThanOrEqual(scenario.time.epochs);
    expect(report.comparisons).toBeGreaterThan(800);
    for (const check of ["lockPower", "votes", "totalLocked", "vault.tvlAtWindowEnd", "vault.tvlAtEpochEnd", "brBalance", "live.brBalance", "live.vaultPosition", "metric.CAST_VOTES", "metric.ELIGIBLE_POWER", "metric.LOCKED_BR", "metric.BR_HOLDINGS", "metric.GAUGE_VOTERS", "metric.GAUGES", "supplyAtEpochEnd.circulatingSupply", "supplyAtEpochEnd.vestingBalance"]) {
      expect(report.byCheck[check], check).toBeGreaterThan(0);
    }
  });

  it("closes epochs from the rows it holds in memory: a new index never reads the live tables", async () => {
    // Each read of the live tables is a `context.db.sql` query (src/indexing/liveRows.ts); a window
    // end that takes the rows held in memory makes none, and the first live write of a new index
    // finds the database's count at 0 (no live row yet) and starts from nothing held.
    const metrics = await (await fetch(`${ponder!.url}/metrics`)).text();
    const rawReads = Number(/^ponder_indexing_store_raw_sql_duration_count(?:\{[^}]*\})? (\d+)/m.exec(metrics)?.[1] ?? Number.NaN);
    const epochs = (await (await fetch(`${ponder!.url}/api/v1/epochs`)).json()) as { live: boolean }[];
    expect(epochs.filter((e) => !e.live).length).toBeGreaterThanOrEqual(scenario.time.epochs);
    expect(rawReads).toBe(0);
  });

  it("reads the state row and the live copy's block count once per block, not once per event or write", async () => {
    // src/indexing/state.ts and src/indexing/liveRows.ts hold both between the events of a block
    // (src/db/heldRow.ts); a block is read again only when Ponder runs it again, which this run
    // has no cause to do. So each table is read at most once per block of the chain.
    const metrics = parsePrometheus(await (await fetch(`${ponder!.url}/metrics`)).text());
    const finds = (table: string) => metricSum(metrics, "ponder_indexing_store_queries_total", `table="${table}",method="find"`);
    const blocks = Number(manifest.headBlock) + 1;
    const transfers = metricSum(metrics, "ponder_indexing_completed_events", 'event="BRToken:Transfer"');
    // The chain has more transfers than blocks, so a count made per transfer would exceed the bound.
    expect(transfers).toBeGreaterThan(blocks);
    expect(finds("indexer_state")).toBeGreaterThan(0);
    expect(finds("indexer_state")).toBeLessThanOrEqual(blocks);
    expect(finds("live_write_count")).toBeGreaterThan(0);
    expect(finds("live_write_count")).toBeLessThanOrEqual(blocks);
  });

  it("resumes on the same database without re-indexing or duplicate rows", async () => {
    const before = await rowCounts(ponder!.url);
    expect(before.epochs).toBeGreaterThan(0);
    expect(before.epochLockPowers).toBeGreaterThan(0);
    // PGlite has no lock: a second Ponder on the same directory is refused.
    await expect(startPonder({ manifestPath, databaseDir })).rejects.toThrow(/in use by process/);
    await ponder!.stop();
    const logs: string[] = [];
    const t = performance.now();
    ponder = await startPonder({ manifestPath, databaseDir, onLog: (l) => logs.push(l) });
    await ponder.waitReady(240_000);
    await ponder.waitForBlock(manifest.headBlock, 120_000);
    timings.restartMs = performance.now() - t;
    const after = await rowCounts(ponder.url);
    expect(after).toEqual(before);
    // Ponder reports the crash recovery and re-indexes only the unfinalized tail (anvil's
    // finality is 30 blocks: those blocks were indexed live and are replayed from their checkpoint).
    const text = logs.join("\n");
    expect(text).toMatch(/crash recovery/i);
    // Ponder logs "Started backfill indexing ... block_range=[from,to]" for what it replays; the
    // restart must log at least one, and every range it names starts in the unfinalized tail.
    const backfills = logs.filter((l) => /Started backfill indexing/.test(l));
    expect(backfills.length, text).toBeGreaterThan(0);
    for (const line of backfills) {
      const range = /block_range=\[(\d+),(\d+)\]/.exec(line);
      expect(range, line).not.toBeNull();
      expect(Number(range![1]), line).toBeGreaterThanOrEqual(manifest.headBlock - 30);
      expect(Number(range![2]), line).toBeGreaterThanOrEqual(Number(range![1]));
    }
    const replayed = [...text.matchAll(/number=(\d+)/g), ...text.matchAll(/block_range=\[(\d+),/g)].map((m) => Number(m[1]));
    expect(replayed.length).toBeGreaterThanOrEqual(backfills.length);
    for (const block of replayed) expect(block).toBeGreaterThanOrEqual(manifest.headBlock - 30);
    // and the replayed index still equals the chain
    const report = await compareIndexWithChain({ manifest, ponderUrl: ponder.url, rpcUrl: anvil.rpcUrl });
    expect(report.mismatches).toEqual([]);
    expect(report.comparisons).toBeGreaterThan(800);
  });

  it("closes an epoch in a quiet period through the block handler (no event after the window end)", async () => {
    const closedBefore = await lastClosedEpoch();
    await closeNextEpochQuietly(closedBefore);
    expect(await lastClosedEpoch()).toBe(closedBefore + 1);
    const report = await compareIndexWithChain({ manifest, ponderUrl: ponder!.url, rpcUrl: anvil.rpcUrl });
    expect(report.mismatches).toEqual([]);
    expect(report.epochs).toContain(closedBefore + 1);
  });

  it("follows a transfer to oneself and one between holders across a window end, as balanceOf answers", async () => {
    const gql = await ponderGraphql(ponder!.url);
    const accountRows = async () =>
      ((await gql.query("{ accounts(limit: 1000) { items { address brBalance label fromEpoch } } }")).accounts as {
        items: { address: Hex; brBalance: string; label: string | null; fromEpoch: number }[];
      }).items;
    const before = await accountRows();
    const holders = before.filter((a) => a.label === null && BigInt(a.brBalance) > 10n).sort((x, y) => (x.address < y.address ? -1 : 1));
    expect(holders.length).toBeGreaterThanOrEqual(3);
    const [self, sender, receiver] = holders as [(typeof holders)[0], (typeof holders)[0], (typeof holders)[0]];
    const closedBefore = await lastClosedEpoch();
    // Each holder's balance was last moved before the last window end, so a move now replaces a
    // balance a snapshot saw: the replaced balance must become a span.
    for (const h of [self, sender, receiver]) expect(h.fromEpoch).toBeLessThanOrEqual(closedBefore);

    const br = manifest.contracts.BRToken!.address as Hex;
    const send = async (from: Hex, to: Hex, value: bigint) => {
      await rpc(anvil.rpcUrl, "anvil_impersonateAccount", [from]);
      await rpc(anvil.rpcUrl, "anvil_setBalance", [from, numberToHex(10n ** 21n)]);
      const data = encodeFunctionData({ abi: BRTokenAbi, functionName: "transfer", args: [to, value] });
      const hash = await rpc<Hex>(anvil.rpcUrl, "eth_sendTransaction", [{ from, to: br, data, gas: numberToHex(200_000) }]);
      await rpc(anvil.rpcUrl, "evm_mine"); // the simulated chain does not mine on its own
      const receipt = await rpc<{ status: Hex; blockNumber: Hex } | null>(anvil.rpcUrl, "eth_getTransactionReceipt", [hash]);
      expect(receipt?.status).toBe("0x1");
      return Number(receipt!.blockNumber);
    };
    await send(self.address, self.address, BigInt(self.brBalance) / 2n);
    const last = await send(sender.address, receiver.address, 7n);
    await ponder!.waitForBlock(last, 60_000);

    const after = new Map((await accountRows()).map((a) => [a.address, a]));
    // by hand: a transfer to oneself leaves the balance; 7 moves from sender to receiver
    expect(after.get(self.address)!.brBalance).toBe(self.brBalance);
    expect(BigInt(after.get(sender.address)!.brBalance)).toBe(BigInt(sender.brBalance) - 7n);
    expect(BigInt(after.get(receiver.address)!.brBalance)).toBe(BigInt(receiver.brBalance) + 7n);
    for (const h of [self, sender, receiver]) expect(after.get(h.address)!.fromEpoch).toBe(closedBefore + 1);

    // Close the epoch through empty blocks, then every epoch's holdings (the spans just written
    // and the live rows) against balanceOf at each window end.
    await closeNextEpochQuietly(closedBefore);
    expect(await lastClosedEpoch()).toBe(closedBefore + 1);
    const report = await compareIndexWithChain({ manifest, ponderUrl: ponder!.url, rpcUrl: anvil.rpcUrl });
    expect(report.mismatches).toEqual([]);
    expect(report.epochs).toContain(closedBefore);
    expect(report.epochs).toContain(closedBefore + 1);
  });

  it("keys the database directory by genesis, scenario, seed and indexing code", () => {
    const a = databaseDirFor(manifest);
    expect(databaseDirFor({ ...manifest })).toBe(a);
    expect(databaseDirFor({ ...manifest, genesisHash: `0x${"1".repeat(64)}` })).not.toBe(a);
    expect(databaseDirFor({ ...manifest, scenarioHash: `0x${"2".repeat(64)}` })).not.toBe(a);
    expect(databaseDirFor({ ...manifest, seed: manifest.seed + 1 })).not.toBe(a);
  });
});
