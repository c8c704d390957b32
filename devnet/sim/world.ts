/**
 * Setting up the world: the model's gauges and vaults from the scenario, the deployer's
 * configuration, and the model's update from what was deployed.
 */
import { getAddress } from "viem";
import { DEFAULT_DEPLOYER, type DeployedWorld, type GaugeConfig, type WorldConfig } from "../deploy";
import type { GaugeEntry } from "../../src/config/manifest";
import type { Scenario } from "../scenario";
import type { Hex } from "./calls";
import { type Account, type Model, WAD } from "./model";
import { deriveAddress } from "./population";
import { SimulationError } from "./txEngine";
import { type VestingPlan, registerVestingWallets } from "./vesting";

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** Metadata URI of a gauge at creation: the scenario's, or one made from its name. */
export function gaugeMetadataURI(scenario: Scenario, index: number): string {
  const g = scenario.gauges[index];
  if (!g) throw new RangeError(`no gauge ${index}`);
  return g.metadataURI ?? `ipfs://ve-lens/gauges/${slug(g.name)}`;
}

/** Adds the scenario's vaults and gauges to the model (vault addresses are known after deployment). */
export function addGaugesAndVaults(model: Model, scenario: Scenario): void {
  const vaultSpecs = scenario.gauges.filter((g) => g.kind === "vault");
  vaultSpecs.forEach((g, i) => {
    model.vaults.push({ index: i, name: g.name, address: "0x" as Hex, gauge: -1, assets: 0n, supply: 0n });
  });
  scenario.gauges.forEach((g, i) => {
    const vault = g.kind === "vault" ? vaultSpecs.indexOf(g) : -1;
    if (vault >= 0) (model.vaults[vault] as { gauge: number }).gauge = i;
    model.gauges.push({
      index: i,
      // Plain gauges stand for pools and markets: a deterministic address per scenario and name.
      address: g.kind === "vault" ? ("0x" as Hex) : deriveAddress(0, scenario.name, `gauge-${g.name}`, 0),
      name: g.name,
      kind: g.kind,
      metadataURI: gaugeMetadataURI(scenario, i),
      vault,
      baseIncentive: g.baseIncentive,
      volatility: g.volatility,
      drift: 0,
      incentive: g.baseIncentive,
      created: g.createdAtEpoch === 0,
      active: g.createdAtEpoch === 0,
    });
  });
}

/** The deployer's configuration: supply, vesting, curve, exit queue, vaults and the gauges created at deployment. */
export function worldConfig(model: Model, scenario: Scenario, vesting: VestingPlan[]): WorldConfig {
  return {
    deployer: DEFAULT_DEPLOYER,
    brTotalSupply: BigInt(scenario.token.supply) * WAD,
    vesting: vesting.map((p) => ({
      name: p.name,
      beneficiary: p.beneficiary.address,
      start: p.start,
      cliff: p.cliff,
      duration: p.duration,
      tgeBps: p.tgeBps,
      total: p.total,
    })),
    curve: { C: model.curve.C, L: model.curve.L, Q: model.curve.Q, maxEpochs: scenario.curve.maxEpochs, warmup: scenario.curve.warmup },
    exitQueue: { ...scenario.exitQueue },
    vaults: model.vaults.map((v) => ({ name: v.name })),
    gauges: model.gauges
      .filter((g) => g.created)
      .map(
        (g): GaugeConfig =>
          g.kind === "vault"
            ? { kind: "vault", vault: g.name, name: g.name, metadataURI: g.metadataURI }
            : { kind: g.kind, address: g.address, name: g.name, metadataURI: g.metadataURI },
      ),
  };
}

/**
 * Records the deployed addresses, the vesting wallets and the deployer's remaining BR in the model.
 * No season is started by the deployment: the implicit season 0 runs until the first `newSeason()`.
 */
export function registerDeployment(model: Model, scenario: Scenario, world: DeployedWorld, vesting: VestingPlan[], deployer: Account): void {
  world.vaults.forEach((v, i) => {
    const mv = model.vaults[i];
    if (!mv || mv.name !== v.name) throw new SimulationError(`deployed vault ${i} is "${v.name}", expected "${mv?.name}"`);
    mv.address = v.address.toLowerCase() as Hex;
    (model.gauges[mv.gauge] as { address: Hex }).address = mv.address;
  });
  registerVestingWallets(
    model,
    scenario,
    vesting,
    world.vestingWallets.map((w) => w.address.toLowerCase() as Hex),
  );
  deployer.br = BigInt(scenario.token.supply) * WAD - vesting.reduce((s, p) => s + p.total, 0n);
}

/** Every gauge of the run (those created later included), with its metadata URI at creation. */
export function manifestGauges(model: Model, scenario: Scenario): GaugeEntry[] {
  return model.gauges.map((g) => ({
    address: getAddress(g.address),
    name: g.name,
    metadataURI: gaugeMetadataURI(scenario, g.index),
    kind: g.kind,
  }));
}
