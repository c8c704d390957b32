/**
 * The same simulator checks with the REAL Aragon ve-governance contracts (the conformance kit's
 * season8x build: Bedrock's 1x→8x curve, read at run time from `VE_LENS_CONFORMANCE_KIT`)
 * deployed in place of the project's own. Part of `npm run test:conformance` (it needs the kit).
 * The kit's other builds run once each: `season` (the upstream quadratic curve) and `oct2024`
 * (v1.0.0: a clock without seasons, so the simulator skips the season starts).
 */
import { afterAll, describe, expect, it } from "vitest";
import type { AnvilInstance } from "../../devnet/anvil";
import { loadScenario, parseScenario } from "../../devnet/scenario";
import { kitVeDeployer } from "./kitVe";
import { compareModelWithChain } from "../devnet/chainViews";
import { simulateOnFreshAnvil } from "../devnet/simRun";
import { simulationSuite } from "../devnet/simulationSuite";

simulationSuite("kit season8x contracts", () => kitVeDeployer("season8x"));

/** The upstream Oct-2024 / Season curve constants (Mode): 1x → ~6x over 10 weeks, quadratic. */
const UPSTREAM_CURVE = { C: "1000000000000000000", L: "236205593348", Q: "97637", maxEpochs: 5, warmup: 259_200 };

describe("simulate (small preset, upstream quadratic curve) on the kit's other builds", () => {
  const anvils: AnvilInstance[] = [];
  afterAll(async () => {
    await Promise.all(anvils.map((a) => a.stop()));
  });
  const scenario = parseScenario({ ...JSON.parse(JSON.stringify(loadScenario("small"))), curve: UPSTREAM_CURVE }, "small+upstream curve");

  it.each([
    ["season", 1],
    ["oct2024", 0],
  ] as const)("%s: no revert, the model equals the chain's views, %i season(s) started", async (variant, seasons) => {
    const run = await simulateOnFreshAnvil(scenario, 1, kitVeDeployer(variant));
    anvils.push(run.anvil);
    expect(run.model.seasonsSupported).toBe(variant !== "oct2024");
    expect(run.manifest.seasons).toHaveLength(seasons);
    expect(run.model.counts.seasonStartsSkipped ?? 0).toBe(1 - seasons);
    expect(run.model.counts.exitsQueued ?? 0).toBeGreaterThan(0);
    const { mismatches, comparisons } = await compareModelWithChain(run.rpcUrl, run.manifest, run.model, { seasons: run.model.seasonsSupported });
    expect(comparisons).toBeGreaterThan(300);
    expect(mismatches.slice(0, 10)).toEqual([]);
  }, 300_000);

  it("refuses a world whose curve differs from the kit curve's", async () => {
    await expect(simulateOnFreshAnvil(loadScenario("small"), 1, kitVeDeployer("season"))).rejects.toThrow(/getCoefficients\(1e18\) is \[1000000000000000000, 236205593348, 97637\]/);
  }, 300_000);
});
