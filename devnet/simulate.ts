/**
 * The deterministic devnet simulator: deploys the world on an anvil and plays a scenario's
 * epochs of realistic activity (vesting, airdrops, exchange flows, locks, votes, re-votes,
 * resets, exits, seasons, vault flows). A scenario plus a seed always give the same chain.
 *
 * `npm run simulate` starts anvil, simulates `VE_LENS_SCENARIO` / `VE_LENS_SEED`, writes
 * `.ve-lens/devnet.json` (or `VE_LENS_MANIFEST`) and keeps anvil running until Ctrl-C
 * (`VE_LENS_RPC_PORT` picks anvil's port).
 *
 * @example
 * const anvil = await startAnvil({ extraArgs: simulatorAnvilArgs(scenario) });
 * const manifest = await simulate({ rpcUrl: anvil.rpcUrl, scenario, seed: 1 });
 */
import { pathToFileURL } from "node:url";
import { type AnvilInstance, startAnvil } from "./anvil";
import { DEFAULT_DEPLOYER, type VeDeployer, deployWorld } from "./deploy";
import { DEFAULT_MANIFEST_PATH, type Manifest, writeManifest } from "../src/config/manifest";
import { Rng } from "./rng";
import { EPOCH, type Scenario, WEEK, epochStart, scenarioFromEnv, scenarioHash } from "./scenario";
import { Actions } from "./sim/actions";
import { type Hex, encodeCurrentSeasonIndex } from "./sim/calls";
import type { EpochInfo, SimContext } from "./sim/context";
import { runEpoch, runGenesisWeek } from "./sim/epoch";
import { Model } from "./sim/model";
import { entityTruth, planEntities } from "./sim/entities";
import { createPopulation, newAccount } from "./sim/population";
import { RpcClient } from "./sim/rpc";
import { TxEngine } from "./sim/txEngine";
import { planVesting } from "./sim/vesting";
import { addGaugesAndVaults, manifestGauges, registerDeployment, worldConfig } from "./sim/world";

export { SimulationError } from "./sim/txEngine";

export interface SimProgress {
  /** `prepare`, `deploy`, `simulate` or `done`. */
  step: string;
  /** 1-based epoch being simulated (the last one is the live epoch). */
  epoch?: number;
  epochs?: number;
  /** Transactions mined by the simulator so far. */
  txs?: number;
  /** Event logs emitted by those transactions. */
  events?: number;
  blocks?: number;
  elapsedMs: number;
  message?: string;
}

export interface SimulateOptions {
  rpcUrl: string;
  scenario: Scenario;
  /** Preset name or file the scenario came from (the manifest's `scenario`); defaults to `scenario.name`. */
  scenarioName?: string;
  seed: number;
  onProgress?: (progress: SimProgress) => void;
  /**
   * Deploys the ve contracts (escrow, lock, queue, voter, curve, clock) in place of the project's
   * own, e.g. the real Aragon contracts of the conformance kit; the simulator reads every address
   * it needs from what the deployment returns.
   */
  deployVe?: VeDeployer;
}

/** Block time used after the run, when anvil automines again (BNB Chain's 3 s). */
export const AFTER_RUN_BLOCK_INTERVAL = 3;

/**
 * Anvil arguments the simulator needs: the genesis timestamp one week before the scenario's first
 * epoch start, where the world is deployed (so block hashes, not only events, are identical run
 * to run), and `--prune-history` when the
 * scenario asks for it (`engine.pruneHistory`, set by the large preset: anvil otherwise keeps a
 * state copy per block, tens of GB for that world; past-block `eth_call` is then unavailable).
 */
export function simulatorAnvilArgs(scenario: Scenario): string[] {
  const args = ["--timestamp", String(epochStart(scenario.time.genesisEpoch) - WEEK)];
  if (scenario.engine.pruneHistory) args.push("--prune-history");
  return args;
}

/**
 * Deploys the world and runs every epoch of the scenario, then the live epoch's first vote slots.
 * @returns the manifest (with `headBlock`, the last simulated block)
 * @throws SimulationError when a transaction reverts (the model diverged from the contracts)
 */
export async function simulate(options: SimulateOptions): Promise<Manifest> {
  return (await simulateWorld(options)).manifest;
}

/** What {@link simulateWorld} returns: the manifest and the simulator's final model of the chain. */
export interface SimulationResult {
  manifest: Manifest;
  /** The model the transactions were planned with (balances, locks, votes, vaults), for checks and tools. */
  model: Model;
  /** Transactions, events and blocks the simulator mined. */
  stats: { txs: number; events: number; blocks: number; elapsedMs: number };
}

/** {@link simulate}, also returning the simulator's model of the final state. */
export async function simulateWorld(options: SimulateOptions): Promise<SimulationResult> {
  const { scenario, seed } = options;
  const started = performance.now();
  const progress = (p: Omit<SimProgress, "elapsedMs">): void => options.onProgress?.({ ...p, elapsedMs: performance.now() - started });
  const rpc = new RpcClient(options.rpcUrl);
  try {
    progress({ step: "prepare" });
    const chainId = Number(await rpc.request<Hex>("eth_chainId"));
    const genesis = await rpc.request<{ hash: Hex; timestamp: Hex }>("eth_getBlockByNumber", ["0x0", false]);
    const head = await rpc.request<{ number: Hex; timestamp: Hex }>("eth_getBlockByNumber", ["latest", false]);
    let firstEpoch = scenario.time.genesisEpoch;
    const headTs = Number(head.timestamp);
    if (headTs > epochStart(firstEpoch) - WEEK) {
      firstEpoch = Math.floor((headTs + WEEK) / EPOCH) + 1;
      progress({
        step: "prepare",
        message: `anvil's head (${headTs}) is past epoch ${scenario.time.genesisEpoch}: starting at epoch ${firstEpoch}; start anvil with ${simulatorAnvilArgs(scenario).join(" ")} for a reproducible chain`,
      });
    }
    const start = epochStart(firstEpoch);
    // The world is deployed a week before the first epoch: locks made then start at its start.
    const genesisTs = start - WEEK;
    if (headTs < genesisTs) await rpc.request("anvil_setNextBlockTimestamp", [genesisTs]);
    // Deployment blocks all get the genesis week's start as timestamp (automine would use the wall clock).
    await rpc.request("anvil_setBlockTimestampInterval", [0]);
    await rpc.request("anvil_autoImpersonateAccount", [true]);
    await rpc.request("evm_setBlockGasLimit", ["0x3b9aca00"]);

    // Model: gauges and vaults first (the population's traits refer to gauges).
    const model = new Model(scenario);
    const rngRoot = new Rng(seed, scenario.name);
    addGaugesAndVaults(model, scenario);
    const deployer = newAccount(model, DEFAULT_DEPLOYER.toLowerCase() as Hex, "deployer", "deployer");
    const vestingPlans = planVesting(model, scenario, seed, start, rngRoot.fork("vesting-traits"));

    progress({ step: "deploy" });
    const world = await deployWorld(options.rpcUrl, worldConfig(model, scenario, vestingPlans), options.deployVe ? { deployVe: options.deployVe } : undefined);
    registerDeployment(model, scenario, world, vestingPlans, deployer);
    const clock = world.contracts.Clock.address;
    model.seasonsSupported = await hasSeasons(rpc, clock);
    if (!model.seasonsSupported) progress({ step: "deploy", message: `the clock ${clock} has no seasons (no currentSeasonIndex()): season starts are skipped` });

    const population = createPopulation(model, scenario, seed, rngRoot.fork("population"));
    // Entities spread over wallets: their own stream, so the rest of the world draws as without them.
    const entities = planEntities(model, scenario, seed, rngRoot.fork("entities"));
    await rpc.request("anvil_setNextBlockBaseFeePerGas", ["0x0"]);
    await rpc.request("evm_setAutomine", [false]);
    const engine = new TxEngine(rpc, { maxTxsPerBlock: scenario.engine.maxTxsPerBlock });
    await engine.syncHead();
    engine.setNonce(deployer.address, Number(await rpc.request<Hex>("eth_getTransactionCount", [deployer.address, "latest"])));
    const actions = new Actions(
      engine,
      model,
      {
        deployer: deployer.address,
        brToken: world.contracts.BRToken.address,
        escrow: world.contracts.VotingEscrow.address,
        voter: world.contracts.SimpleGaugeVoter.address,
        clock: world.contracts.Clock.address,
        lockNft: world.contracts.Lock.address,
        mockBtc: world.contracts.MockBTC.address,
      },
      deployer,
      (message) => progress({ step: "simulate", message }),
    );
    const ctx: SimContext = {
      scenario,
      seed,
      model,
      actions,
      rng: {
        population: rngRoot.fork("population-events"),
        market: rngRoot.fork("market"),
        vesting: rngRoot.fork("vesting"),
        locking: rngRoot.fork("locking"),
        voting: rngRoot.fork("voting"),
        vaults: rngRoot.fork("vaults"),
        entities: rngRoot.fork("entity-events"),
      },
      deployer,
      holders: population.holders,
      exchanges: population.exchanges,
      beneficiaries: model.vesting.map((w) => w.beneficiary),
      depositors: population.depositors,
      entities,
    };

    const total = scenario.time.epochs + 1;
    const seasonEpochs = new Set(scenario.time.seasonStartEpochs);
    const epochInfo = (k: number): EpochInfo => ({
      index: k,
      epoch: firstEpoch + k,
      start: epochStart(firstEpoch + k),
      live: k === scenario.time.epochs,
      seasonStart: seasonEpochs.has(k),
      // Epoch 0 in seasonStartEpochs is the implicit season 0: nothing to call.
      nextSeasonStart: k + 1 < total && seasonEpochs.has(k + 1),
    });
    progress({ step: "simulate", epoch: 0, epochs: total, message: "genesis week" });
    await runGenesisWeek(ctx, epochInfo(0), population.initialHolders);
    for (let k = 0; k < total; k++) {
      progress({ step: "simulate", epoch: k + 1, epochs: total, txs: engine.txCount, events: engine.logCount, blocks: engine.blockCount });
      await runEpoch(ctx, epochInfo(k));
    }
    await engine.close();

    await rpc.request("evm_setAutomine", [true]);
    await rpc.request("anvil_setBlockTimestampInterval", [AFTER_RUN_BLOCK_INTERVAL]);
    progress({
      step: "done",
      epoch: total,
      epochs: total,
      txs: engine.txCount,
      events: engine.logCount,
      blocks: engine.blockCount,
      message: `${Object.entries(model.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}; rpc time: send ${(engine.timings.send / 1000).toFixed(1)}s, mine ${(engine.timings.mine / 1000).toFixed(1)}s, verify ${(engine.timings.verify / 1000).toFixed(1)}s`,
    });

    const manifest: Manifest = {
      rpcUrl: options.rpcUrl,
      chainId,
      genesisHash: genesis.hash,
      scenario: options.scenarioName ?? scenario.name,
      seed,
      scenarioHash: scenarioHash(scenario),
      headBlock: engine.lastBlock,
      contracts: world.contracts,
      vestingWallets: world.vestingWallets,
      vaults: world.vaults,
      gauges: manifestGauges(model, scenario),
      exchanges: population.exchanges.map((e) => e.address),
      seasonStarts: [...model.seasonStarts],
      seasons: model.seasons.map(({ index, start, block }) => ({ index, start, block })),
      curve: { C: model.curve.C, L: model.curve.L, Q: model.curve.Q, maxEpochs: scenario.curve.maxEpochs, warmup: scenario.curve.warmup },
      exitQueue: { ...scenario.exitQueue },
      ...(entities.length > 0 ? { entities: entityTruth(entities) } : {}),
    };
    return {
      manifest,
      model,
      stats: { txs: engine.txCount, events: engine.logCount, blocks: engine.blockCount, elapsedMs: performance.now() - started },
    };
  } finally {
    rpc.close();
  }
}

/** Does the clock have seasons (`currentSeasonIndex()` answers)? A v1.0.0 Clock does not. */
async function hasSeasons(rpc: RpcClient, clock: Hex): Promise<boolean> {
  try {
    const out = await rpc.request<Hex>("eth_call", [{ to: clock, data: encodeCurrentSeasonIndex() }, "latest"]);
    return out.length >= 66;
  } catch {
    return false;
  }
}

function formatProgress(p: SimProgress): string {
  const parts = [`[${(p.elapsedMs / 1000).toFixed(1)}s] ${p.step}`];
  if (p.epoch !== undefined && p.epochs !== undefined) parts.push(`epoch ${p.epoch}/${p.epochs}`);
  if (p.txs !== undefined) parts.push(`${p.txs} txs`);
  if (p.events !== undefined) parts.push(`${p.events} events`);
  if (p.blocks !== undefined) parts.push(`${p.blocks} blocks`);
  if (p.message) parts.push(p.message);
  return parts.join(", ");
}

/** `npm run simulate`: anvil + simulation + manifest, then serve until Ctrl-C. */
async function main(): Promise<void> {
  const { name, scenario, seed } = scenarioFromEnv();
  const port = process.env.VE_LENS_RPC_PORT ? Number(process.env.VE_LENS_RPC_PORT) : undefined;
  process.stdout.write(`scenario "${name}", seed ${seed}\n`);
  const anvil: AnvilInstance = await startAnvil({ port, extraArgs: simulatorAnvilArgs(scenario) });
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping anvil\n`);
    await anvil.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  try {
    const t0 = performance.now();
    const manifest = await simulate({
      rpcUrl: anvil.rpcUrl,
      scenario,
      scenarioName: name,
      seed,
      onProgress: (p) => process.stdout.write(`${formatProgress(p)}\n`),
    });
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    const manifestPath = process.env.VE_LENS_MANIFEST || DEFAULT_MANIFEST_PATH;
    await writeManifest(manifestPath, manifest);
    process.stdout.write(
      `generated "${name}" (seed ${seed}) in ${seconds}s: head block ${manifest.headBlock}; wrote ${manifestPath}\n` +
        `anvil serving ${anvil.rpcUrl} — Ctrl-C to stop\n`,
    );
  } catch (error) {
    process.stderr.write(`simulate: ${error instanceof Error ? error.message : String(error)}\n`);
    await anvil.stop();
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
