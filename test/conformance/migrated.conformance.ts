/**
 * A v1.0.0 deployment upgraded in place to Season (see migratedWorld.ts), indexed by ve-lens's
 * `bsc` profile across the upgrade and compared with the contracts' views at every window end:
 * before the upgrade the Oct-2024 voter (no seasons: season 0), after it the new Season voter.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PonderInstance } from "../../devnet/ponder";
import { epochValuesFromReport, readWindowEnd, windowEndOf } from "./chainTruth";
import { compareEpochs, formatConformanceReport } from "./compare";
import { readIndexEpochs } from "./indexAnswer";
import { type MigratedWorld, playMigratedWorld } from "./migratedWorld";
import { SEEDED_START } from "./options";
import { type Chain56, headBlock, mineBlocks, startBscIndexer, startChain56, waitIndexed } from "./processes";

describe("migrated deployment: oct2024 upgraded in place to Season", () => {
  const dir = mkdtempSync(join(tmpdir(), "ve-lens-conformance-migrated-"));
  let anvil: Chain56 | undefined;
  let ponder: PonderInstance | undefined;
  let world: MigratedWorld;

  beforeAll(async () => {
    anvil = await startChain56();
    world = await playMigratedWorld(anvil.rpcUrl, SEEDED_START);
    await mineBlocks(anvil.rpcUrl, 12);
    ponder = await startBscIndexer({ rpcUrl: anvil.rpcUrl, token: world.token, escrow: world.contracts.escrow, startBlock: world.startBlock, dir });
    await waitIndexed(ponder, await headBlock(anvil.rpcUrl));
  });

  afterAll(async () => {
    await ponder?.stop();
    await anvil?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("ve-lens serves the contracts' window-end values for every epoch, before and after the upgrade", async () => {
    const expected = [];
    for (const epoch of world.epochs) {
      const upgraded = windowEndOf(epoch) > world.migrationTs;
      const entry = await readWindowEnd({
        rpcUrl: anvil!.rpcUrl,
        contracts: upgraded ? world.contracts : { ...world.contracts, voter: world.oldVoter },
        voterAbi: upgraded ? "SimpleGaugeVoterSeason" : "SimpleGaugeVoter",
        seasons: upgraded,
        epoch,
        gauges: world.gauges,
      });
      expected.push(epochValuesFromReport(entry));
    }
    // the world itself: votes on both voters, a season 1 after the upgrade
    expect(expected.map((e) => e.season)).toEqual([0, 0, 0, 1, 1]);
    expect(expected.every((e) => e.gaugeVotes.size > 0 && e.totalCast > 0n)).toBe(true);
    const report = compareEpochs("migrated oct2024 -> Season", expected, await readIndexEpochs(ponder!.url));
    console.log(formatConformanceReport(report));
    expect(report.missingEpochs).toEqual([]);
    expect(report.mismatches.length, `${report.mismatches.length} mismatches (table above)`).toBe(0);
  });
});
