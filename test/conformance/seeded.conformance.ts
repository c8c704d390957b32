/**
 * Seeded random worlds of the conformance kit itself (`deploy.mjs --random N --seed S`), one per
 * variant × seed (plus a long-warmup run), each indexed by ve-lens's `bsc` profile on a chain-56
 * anvil. At every window end of the kit's `report` ve-lens must serve exactly what the contracts'
 * views said: per-owner and per-token power, per-token votes, per-voter and per-gauge totals,
 * total cast, total locked, season. The chain reader used for the other worlds is checked against
 * the kit's own report here too.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PonderInstance } from "../../devnet/ponder";
import { epochValuesFromReport, readWindowEnd } from "./chainTruth";
import { compareEpochs, formatConformanceReport } from "./compare";
import { readIndexEpochs } from "./indexAnswer";
import { type KitRandomRun, isSeasonVariant, runKitRandom, VARIANT_ARTIFACTS } from "./kit";
import { SEEDED_START, seededWorlds, worldName } from "./options";
import { type Chain56, mineBlocks, headBlock, startBscIndexer, startChain56, waitIndexed } from "./processes";

describe.each(seededWorlds().map((w) => ({ ...w, name: worldName(w) })))("kit world $name", (world) => {
  const dir = mkdtempSync(join(tmpdir(), "ve-lens-conformance-"));
  let anvil: Chain56 | undefined;
  let ponder: PonderInstance | undefined;
  let run: KitRandomRun;

  beforeAll(async () => {
    const t0 = performance.now();
    const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
    // one more try on a fresh anvil: on a loaded machine the kit's script has timed out waiting
    // for a receipt (viem's 180 s) although the same world plays in 20 s
    for (let attempt = 1; ; attempt++) {
      anvil = await startChain56();
      try {
        run = await runKitRandom({ rpcUrl: anvil.rpcUrl, ...world, start: SEEDED_START, outFile: join(dir, "kit.json") });
        break;
      } catch (error) {
        await anvil.stop();
        anvil = undefined;
        if (attempt === 2) throw error;
        console.log(`${world.name}: the kit's script failed, playing the world again on a fresh anvil:\n${String(error).slice(0, 600)}`);
      }
    }
    const played = secs();
    expect(run.skipped).toEqual([]);
    await mineBlocks(anvil.rpcUrl, 12);
    ponder = await startBscIndexer({
      rpcUrl: anvil.rpcUrl,
      token: run.contracts.token,
      escrow: run.contracts.escrow,
      startBlock: Number(run.startBlock),
      dir,
    });
    await waitIndexed(ponder, await headBlock(anvil.rpcUrl));
    console.log(`${world.name}: ${run.locks.length} locks, ${run.report.length} window ends; kit played in ${played} s, indexed after ${secs()} s`);
  });

  afterAll(async () => {
    await ponder?.stop();
    await anvil?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("ve-lens serves the contracts' window-end values for every epoch", async () => {
    const expected = run.report.map(epochValuesFromReport);
    const report = compareEpochs(world.name, expected, await readIndexEpochs(ponder!.url));
    console.log(formatConformanceReport(report));
    expect(report.comparisons).toBeGreaterThan(0);
    expect(report.missingEpochs).toEqual([]);
    expect(report.mismatches.length, `${report.mismatches.length} mismatches (table above)`).toBe(0);
  });

  it("the suite's chain reader agrees with the kit's own report", async () => {
    const c = run.contracts;
    for (const entry of run.report) {
      const mine = await readWindowEnd({
        rpcUrl: anvil!.rpcUrl,
        contracts: { escrow: c.escrow, voter: c.voter, clock: c.clock, queue: c.queue, lockNFT: c.lockNFT },
        voterAbi: VARIANT_ARTIFACTS[world.variant].voter,
        seasons: isSeasonVariant(world.variant),
        epoch: Number(entry.epoch),
        gauges: run.gauges,
      });
      const report = compareEpochs(`${world.name} reader`, [epochValuesFromReport(entry)], new Map([[Number(entry.epoch), epochValuesFromReport(mine)]]));
      expect(report.mismatches, `E${entry.epoch}`).toEqual([]);
      expect(mine.readAtBlock).toBe(entry.readAtBlock);
    }
  });
});
