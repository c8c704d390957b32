import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Abi, type AbiEvent, type AbiFunction, createPublicClient, http, toEventSelector, toFunctionSelector } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as abis from "../../abis";
import { ANVIL_CHAIN_ID, type AnvilInstance, startAnvil } from "../../devnet/anvil";
import { type Artifacts, compileContracts } from "../../devnet/compile";
import { DeployError, type DeployedWorld, deployWorld, exampleWorldConfig } from "../../devnet/deploy";

const CONTRACT_ABIS: [string, Abi][] = [
  ["VotingEscrow", abis.VotingEscrowAbi],
  ["Lock", abis.LockAbi],
  ["ExitQueue", abis.ExitQueueAbi],
  ["EscrowCurve", abis.EscrowCurveAbi],
  ["Clock", abis.ClockAbi],
  ["SimpleGaugeVoter", abis.SimpleGaugeVoterAbi],
  ["BRToken", abis.BRTokenAbi],
  ["VestingWallet", abis.VestingWalletAbi],
  ["BrBtcVault", abis.BrBtcVaultAbi],
  ["MockBTC", abis.MockBTCAbi],
];

const tmp = mkdtempSync(join(tmpdir(), "ve-lens-devnet-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function isUp(rpcUrl: string): Promise<boolean> {
  try {
    await fetch(rpcUrl, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    return true;
  } catch {
    return false;
  }
}

describe("compileContracts", () => {
  let artifacts: Artifacts;
  beforeAll(async () => {
    artifacts = await compileContracts();
  });

  it("builds every deployable contract, the same on a second run", async () => {
    expect(Object.keys(artifacts).sort()).toEqual(CONTRACT_ABIS.map(([name]) => name).sort());
    for (const a of Object.values(artifacts)) expect(a.bytecode).toMatch(/^0x[0-9a-f]{200,}$/);
    expect(await compileContracts()).toEqual(artifacts);
  });

  it("writes the cache under the given directory, keyed by a hash, and serves the next run from it", async () => {
    const cacheDir = join(tmp, "artifacts");
    expect(await compileContracts({ cacheDir })).toEqual(artifacts);
    const files = readdirSync(cacheDir);
    expect(files).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.json$/)]);
    // Mark the cached file: a run that reads the cache returns the mark, a run that compiles cannot.
    const cacheFile = join(cacheDir, files[0]!);
    const marked = { ...artifacts, CacheMark: { abi: [], bytecode: "0x00" } };
    writeFileSync(cacheFile, JSON.stringify(marked));
    expect(await compileContracts({ cacheDir })).toEqual(marked);
  });

  it.each(CONTRACT_ABIS)("%s: every event and function of abis/ exists in the compiled contract", (name, abi) => {
    const compiled = artifacts[name]!.abi;
    const events = new Set(compiled.filter((i): i is AbiEvent => i.type === "event").map((e) => toEventSelector(e)));
    const functions = new Set(compiled.filter((i): i is AbiFunction => i.type === "function").map((f) => toFunctionSelector(f)));
    for (const item of abi) {
      if (item.type === "event") expect(events.has(toEventSelector(item)), `${name}.${item.name}`).toBe(true);
      if (item.type === "function") expect(functions.has(toFunctionSelector(item)), `${name}.${item.name}`).toBe(true);
    }
    // indexed flags too (topic0 ignores them)
    for (const item of abi.filter((i): i is AbiEvent => i.type === "event")) {
      const twin = compiled.find((c): c is AbiEvent => c.type === "event" && toEventSelector(c) === toEventSelector(item))!;
      expect(twin.inputs.map((i) => i.indexed ?? false)).toEqual(item.inputs.map((i) => i.indexed ?? false));
    }
  });
});

describe("startAnvil", () => {
  it("answers on a free port with chain id 31337 and is gone after stop()", async () => {
    const a = await startAnvil();
    const b = await startAnvil();
    try {
      expect(a.port).not.toBe(b.port);
      const client = createPublicClient({ transport: http(a.rpcUrl) });
      expect(await client.getChainId()).toBe(ANVIL_CHAIN_ID);
      const block = await client.getBlock();
      expect(block.gasLimit).toBe(1_000_000_000n);
    } finally {
      await a.stop();
      await b.stop();
    }
    expect(await isUp(a.rpcUrl)).toBe(false);
    expect(await isUp(b.rpcUrl)).toBe(false);
    await a.stop(); // idempotent
  });

  it("dumps state on stop and loads it on start", async () => {
    const state = join(tmp, "state.json");
    const first = await startAnvil({ dumpState: state });
    let world: DeployedWorld;
    try {
      world = await deployWorld(first.rpcUrl, exampleWorldConfig({ vestingStart: 0 }));
    } finally {
      await first.stop();
    }
    const second = await startAnvil({ loadState: state });
    try {
      const client = createPublicClient({ transport: http(second.rpcUrl) });
      expect(await client.getBlockNumber()).toBe(BigInt(world.headBlock));
      const code = await client.getCode({ address: world.contracts.VotingEscrow.address });
      expect(code?.length).toBeGreaterThan(100);
    } finally {
      await second.stop();
    }
  });
});

describe("deployWorld", () => {
  let anvil: AnvilInstance;
  let world: DeployedWorld;
  const config = exampleWorldConfig({ vestingStart: 2_000_000_000 });

  beforeAll(async () => {
    anvil = await startAnvil();
    world = await deployWorld(anvil.rpcUrl, config);
  });
  afterAll(async () => {
    await anvil?.stop();
  });

  it("wires the escrow's companions and the voter", async () => {
    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    const c = world.contracts;
    const escrow = (functionName: string) =>
      client.readContract({ address: c.VotingEscrow.address, abi: abis.VotingEscrowAbi, functionName } as never);
    expect(await escrow("token")).toBe(c.BRToken.address);
    expect(await escrow("lockNFT")).toBe(c.Lock.address);
    expect(await escrow("queue")).toBe(c.ExitQueue.address);
    expect(await escrow("voter")).toBe(c.SimpleGaugeVoter.address);
    expect(await escrow("curve")).toBe(c.EscrowCurve.address);
    expect(await escrow("clock")).toBe(c.Clock.address);
    // No season is started at deployment: the implicit season 0 runs until the first newSeason().
    expect(await client.readContract({ address: c.Clock.address, abi: abis.ClockAbi, functionName: "currentSeasonIndex" } as never)).toBe(0);
    const coefficients = await client.readContract({ address: c.EscrowCurve.address, abi: abis.EscrowCurveAbi, functionName: "getCoefficients", args: [10n ** 18n] } as never);
    expect(coefficients).toEqual([config.curve.C, config.curve.L, config.curve.Q]);
    expect(await client.readContract({ address: c.SimpleGaugeVoter.address, abi: abis.SimpleGaugeVoterAbi, functionName: "escrow" })).toBe(c.VotingEscrow.address);
    expect(await client.readContract({ address: c.SimpleGaugeVoter.address, abi: abis.SimpleGaugeVoterAbi, functionName: "getAllGauges" })).toEqual(world.gauges.map((g) => g.address));
    expect(await client.readContract({ address: c.ExitQueue.address, abi: abis.ExitQueueAbi, functionName: "minLock" })).toBe(config.exitQueue.minLock);
    expect(await client.readContract({ address: c.EscrowCurve.address, abi: abis.EscrowCurveAbi, functionName: "warmupPeriod" })).toBe(config.curve.warmup);
  });

  it("returns manifest-shaped entries with start blocks, vault gauges at the vault addresses", async () => {
    expect(Object.keys(world.contracts).sort()).toEqual(
      ["BRToken", "Clock", "EscrowCurve", "ExitQueue", "Lock", "MockBTC", "SimpleGaugeVoter", "VotingEscrow"],
    );
    expect(world.contracts.BRToken.startBlock).toBe(1);
    expect(world.vestingWallets.map((v) => [v.name, v.total])).toEqual(config.vesting.map((v) => [v.name, v.total]));
    expect(world.vaults.map((v) => v.name)).toEqual(["brBTC Core", "brBTC Plus"]);
    expect(world.gauges.slice(0, 2).map((g) => [g.address, g.kind])).toEqual(world.vaults.map((v) => [v.address, "vault"]));
    expect(world.gauges[2]).toEqual({ address: "0x000000000000000000000000000000000000D301", name: "BR/BNB pool", metadataURI: "ipfs://gauge/br-bnb", kind: "dex" });
    expect(world.headBlock).toBeGreaterThan(world.contracts.MockBTC.startBlock);
  });

  it("rejects inconsistent configurations", async () => {
    await expect(deployWorld(anvil.rpcUrl, { ...config, brTotalSupply: 1n })).rejects.toThrow(DeployError);
    await expect(
      deployWorld(anvil.rpcUrl, { ...config, gauges: [{ kind: "vault", vault: "nope", name: "x", metadataURI: "" }] }),
    ).rejects.toThrow(/unknown vault "nope"/);
  });
});
