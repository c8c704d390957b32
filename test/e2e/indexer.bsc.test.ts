/**
 * The `bsc` profile on a devnet chain that answers as chain 56: only the escrow and BR come from
 * the settings file, the companions (Lock, ExitQueue, voter, curve, clock) and the vaults' asset
 * are resolved on-chain at start-up, and so are the curve's constants, the warmup, the voter's
 * terms and each contract's version; seasons come from the clock's SeasonStarted events.
 * The index must equal the chain exactly as with the devnet profile.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnvilInstance, startAnvil } from "../../devnet/anvil";
import { type Manifest, writeManifest } from "../../src/config/manifest";
import { type PonderInstance, startPonder } from "../../devnet/ponder";
import { loadScenario } from "../../devnet/scenario";
import { simulate, simulatorAnvilArgs } from "../../devnet/simulate";
import { compareIndexWithChain, formatReport, ponderGraphql } from "../../devnet/verify";

describe("bsc profile (chain 56 devnet, companions and rules resolved on-chain)", () => {
  const scenario = loadScenario("small");
  const dir = mkdtempSync(join(tmpdir(), "ve-lens-e2e-bsc-"));
  let anvil: AnvilInstance;
  let manifest: Manifest;
  let ponder: PonderInstance | undefined;

  beforeAll(async () => {
    anvil = await startAnvil({ extraArgs: simulatorAnvilArgs(scenario) });
    await fetch(anvil.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "anvil_setChainId", params: [56] }),
    });
    manifest = await simulate({ rpcUrl: anvil.rpcUrl, scenario, scenarioName: "small", seed: 1 });
    expect(manifest.chainId).toBe(56);
    const c = manifest.contracts;
    const settings = {
      contracts: { BRToken: c.BRToken, VotingEscrow: c.VotingEscrow },
      startBlock: c.BRToken.startBlock,
      vestingWallets: manifest.vestingWallets.map(({ name, address, beneficiary, startBlock, start, cliff, duration, tgeBps }) => ({
        name,
        address,
        beneficiary,
        startBlock,
        start,
        cliff,
        duration,
        tgeBps,
      })),
      vaults: manifest.vaults.map(({ name, address, startBlock }) => ({ name, address, startBlock })),
      exchanges: manifest.exchanges,
      epochTickInterval: 50,
      pollingInterval: 100,
    };
    const settingsPath = join(dir, "bsc.json");
    writeFileSync(settingsPath, JSON.stringify(settings));
    const manifestPath = join(dir, "devnet.json");
    await writeManifest(manifestPath, manifest);
    ponder = await startPonder({
      manifestPath,
      databaseDir: join(dir, "db"),
      env: {
        VE_LENS_PROFILE: "bsc",
        VE_LENS_CONFIG: settingsPath,
        PONDER_RPC_URL_56: Array.from({ length: 10 }, () => anvil.rpcUrl).join(","),
      },
    });
    await ponder.waitReady(240_000);
    await ponder.waitForBlock(manifest.headBlock, 120_000);
  });

  afterAll(async () => {
    await ponder?.stop();
    await anvil?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("equals the chain at every epoch boundary and at the head", async () => {
    const report = await compareIndexWithChain({ manifest, ponderUrl: ponder!.url, rpcUrl: anvil.rpcUrl });
    console.log(formatReport(report));
    expect(report.mismatches).toEqual([]);
    expect(report.comparisons).toBeGreaterThan(800);
    expect(report.byCheck.lockPower).toBeGreaterThan(0);
    expect(report.byCheck.votes).toBeGreaterThan(0);
  });

  it("stores the rules it read from the chain: Bedrock's 8x constants, the warmup and every contract's version", async () => {
    const gql = await ponderGraphql(ponder!.url);
    const data = await gql.query("{ chainRules(id: 0) { curveConstant curveLinear curveQuadratic maxTime maxBiasPerUnit epochDuration warmup source variants } }");
    const rules = data.chainRules as Record<string, string>;
    expect(rules).toMatchObject({
      curveConstant: "1000000000000000000",
      curveLinear: "964506172839",
      curveQuadratic: "0",
      maxTime: String(6 * 1_209_600),
      maxBiasPerUnit: "7999999999996326400",
      epochDuration: "1209600",
      warmup: String(manifest.curve.warmup),
      source: "chain",
    });
    const { contracts, voters } = JSON.parse(rules.variants!) as {
      contracts: { role: string; variant: string; supported: boolean }[];
      voters: { address: string }[];
    };
    expect(contracts.every((c) => c.supported)).toBe(true);
    expect(Object.fromEntries(contracts.map((c) => [c.role, c.variant]))).toMatchObject({
      escrow: "VotingEscrowIncreasing v1.0.0",
      clock: "ClockSeason",
      voter: "SimpleGaugeVoterSeason",
    });
    expect(voters.map((v) => v.address)).toEqual([manifest.contracts.SimpleGaugeVoter.address.toLowerCase()]);
  });

  it("records the seasons the clock announced, keyed by the start they name", async () => {
    const gql = await ponderGraphql(ponder!.url);
    const data = await gql.query("{ seasons(orderBy: \"number\") { items { number startTs } } }");
    const seasons = (data.seasons as { items: { number: number; startTs: string }[] }).items;
    expect(seasons.map((s) => [s.number, Number(s.startTs)])).toEqual(manifest.seasonStarts.map((ts, i) => [i + 1, ts]));
  });
});
