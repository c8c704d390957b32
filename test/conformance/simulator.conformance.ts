/**
 * The project's own simulator (`small` scenario, seed 1, or the seeds `VE_LENS_CONFORMANCE_SIM_SEEDS`
 * names) played against the REAL contracts: the
 * kit's ve set deployed by `kitVeDeployer(variant)` in place of the project's own, on a chain-56
 * anvil, indexed by the `bsc` profile. The truth is read from the chain's views at the block the
 * simulator mines at each window end (found by timestamp), not from the simulator's model.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../../src/config/manifest";
import type { PonderInstance } from "../../devnet/ponder";
import { loadScenario, type Scenario } from "../../devnet/scenario";
import { simulateWorld, simulatorAnvilArgs } from "../../devnet/simulate";
import { type EpochValues, compareEpochs, formatConformanceReport } from "./compare";
import { EPOCH_SECONDS, epochValuesFromReport, readWindowEnd, windowEndOf } from "./chainTruth";
import { readIndexEpochs } from "./indexAnswer";
import { type KitVariant, isSeasonVariant, VARIANT_ARTIFACTS } from "./kit";
import { kitVeDeployer } from "./kitVe";
import { seededWorlds, simulatorSeeds } from "./options";
import { type Chain56, headBlock, mineBlocks, startBscIndexer, startChain56, waitIndexed } from "./processes";

/** getCoefficients(1e18) and MAX_EPOCHS of the kit's upstream curve (oct2024 and season); season8x is the scenario's default. */
const UPSTREAM_CURVE = { C: "1000000000000000000", L: "236205593348", Q: "97637", maxEpochs: 5 };

/** The `small` scenario with the curve the variant's contracts have compiled in (the simulator plans with it). */
function scenarioFor(variant: KitVariant): Scenario {
  const scenario = loadScenario("small");
  if (variant === "season8x") return scenario;
  return { ...scenario, curve: { ...scenario.curve, ...UPSTREAM_CURVE } };
}

const variants = [...new Set(seededWorlds().map((w) => w.variant))];
const worlds = variants.flatMap((variant) => simulatorSeeds().map((seed) => ({ variant, seed })));

describe.each(worlds)("simulator small scenario seed $seed on the kit's $variant contracts", ({ variant, seed }) => {
  const dir = mkdtempSync(join(tmpdir(), `ve-lens-conformance-sim-${variant}-${seed}-`));
  const scenario = scenarioFor(variant);
  let anvil: Chain56 | undefined;
  let ponder: PonderInstance | undefined;
  let manifest: Manifest;
  const expected: EpochValues[] = [];

  beforeAll(async () => {
    anvil = await startChain56(simulatorAnvilArgs(scenario));
    ({ manifest } = await simulateWorld({ rpcUrl: anvil.rpcUrl, scenario, scenarioName: "small", seed, deployVe: kitVeDeployer(variant) }));
    expect(manifest.chainId).toBe(56);
    const c = manifest.contracts;
    // the truth at every window end the simulation passed, read before any further block
    const blockTs = async (n: number) => {
      const res = await fetch(anvil!.rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getBlockByNumber", params: [`0x${n.toString(16)}`, false] }),
      });
      return Number(((await res.json()) as { result: { timestamp: string } }).result.timestamp);
    };
    const fromTs = await blockTs(c.VotingEscrow.startBlock);
    const toTs = await blockTs(manifest.headBlock);
    for (let e = Math.floor(fromTs / EPOCH_SECONDS); windowEndOf(e) <= toTs; e++) {
      if (windowEndOf(e) <= fromTs) continue;
      const entry = await readWindowEnd({
        rpcUrl: anvil.rpcUrl,
        contracts: { escrow: c.VotingEscrow.address, voter: c.SimpleGaugeVoter.address, clock: c.Clock.address, queue: c.ExitQueue.address, lockNFT: c.Lock.address },
        voterAbi: VARIANT_ARTIFACTS[variant].voter,
        seasons: isSeasonVariant(variant),
        epoch: e,
      });
      expected.push(epochValuesFromReport(entry));
    }
    await mineBlocks(anvil.rpcUrl, 12);
    ponder = await startBscIndexer({
      rpcUrl: anvil.rpcUrl,
      token: c.BRToken.address,
      escrow: c.VotingEscrow.address,
      startBlock: Math.min(c.BRToken.startBlock, c.VotingEscrow.startBlock),
      dir,
    });
    await waitIndexed(ponder, await headBlock(anvil.rpcUrl));
  });

  afterAll(async () => {
    await ponder?.stop();
    await anvil?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("ve-lens serves the contracts' window-end values for every simulated epoch", async () => {
    expect(expected.length).toBeGreaterThanOrEqual(scenario.time.epochs);
    expect(expected.some((e) => e.totalCast > 0n)).toBe(true);
    const report = compareEpochs(`simulator small seed=${seed} on ${variant}`, expected, await readIndexEpochs(ponder!.url));
    console.log(formatConformanceReport(report));
    expect(report.missingEpochs).toEqual([]);
    expect(report.mismatches.length, `${report.mismatches.length} mismatches (table above)`).toBe(0);
  });
});
