/**
 * A simulated devnet chain for the reliability suite and the benchmarks: anvil loaded with the
 * chain of a scenario + seed, and its manifest in a temporary directory.
 *
 * The chain is simulated once per scenario, seed and chain sources, and its anvil state and
 * manifest are cached under `.ve-lens/test-chains/<key>/` (like `npm start` does under
 * `.ve-lens/chains/`, but never pruned by it). Each call starts its own anvil from that state,
 * or, with `serveSimulated`, keeps serving from the anvil that simulated the chain.
 *
 * @example
 * const chain = await startChain({ scenario: "small" });
 * // chain.manifestPath, chain.manifest.headBlock, chain.rpcUrl
 * await chain.stop();
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir, totalmem } from "node:os";
import { basename, dirname, join } from "node:path";
import { type AnvilInstance, startAnvil } from "../anvil";
import { chainKey } from "../chainCache";
import { type Manifest, readManifest, writeManifest } from "../../src/config/manifest";
import { type Scenario, canonicalScenarioJson, loadScenario } from "../scenario";
import { simulate, simulatorAnvilArgs } from "../simulate";
import { REPO_ROOT } from "./ponderProcess";

export interface ChainOptions {
  /** Preset name or scenario file (default `small`). */
  scenario?: string;
  seed?: number;
  /** Progress lines of a fresh simulation. */
  log?: (line: string) => void;
  /** More anvil arguments. */
  anvilArgs?: string[];
  /**
   * When the chain of the current chain sources is not cached, use the newest cached chain of
   * the same scenario and seed made by an earlier version of them (benchmarks: a `large`
   * simulation takes long). `Chain.stale` tells when that happened.
   */
  allowStale?: boolean;
  /**
   * A chain this call simulates is served by the anvil that simulated it, and so is a cached
   * chain whose state this machine cannot load ({@link stateLoadable}): simulated again, served
   * without a reload (benchmarks: the `large` world's dump needs more memory to load than the
   * simulation took). The simulating anvil writes the cache when it stops, if there was none.
   */
  serveSimulated?: boolean;
  /** Memory anvil may take to load a state dump (default: this machine's memory). */
  memoryBytes?: number;
}

export interface Chain {
  anvil: AnvilInstance;
  rpcUrl: string;
  manifest: Manifest;
  /** Manifest of this chain with `rpcUrl` pointing at this anvil. */
  manifestPath: string;
  /** Writes a copy of the manifest with another RPC URL (e.g. a fault proxy); returns its path. */
  manifestWithRpc(rpcUrl: string): Promise<string>;
  /** How long the simulation took, when this call simulated (ms). */
  simulatedMs?: number;
  /** Cache directory name of a chain made by earlier chain sources (see `allowStale`). */
  stale?: string;
  stop(): Promise<void>;
}

async function rpc<T>(rpcUrl: string, method: string, params: unknown[]): Promise<T> {
  const res = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/**
 * A state loaded into anvil forgets the simulator's clock: the next block would get the wall
 * clock's time (and \`anvil_setNextBlockTimestamp\` refuses anything earlier). Set the clock to
 * the head's time instead; it then runs at wall-clock speed from there.
 */
async function continueClock(rpcUrl: string): Promise<void> {
  const head = await rpc<{ timestamp: string }>(rpcUrl, "eth_getBlockByNumber", ["latest", false]);
  await rpc(rpcUrl, "evm_setTime", [Number(head.timestamp) + 3]);
}

const safeName = (scenario: string) => scenario.replace(/[^a-zA-Z0-9_-]/g, "_");

/**
 * Where a scenario's chain is cached. `hist`: the state dump keeps every block's state
 * (`--preserve-historical-states`), so reads at past blocks (e.g. Ponder setup handlers reading
 * a contract at its start block) work on the loaded chain; without it anvil answers
 * "BlockOutOfRangeError" for any block but the head. `pruned`: a scenario that prunes history
 * (`engine.pruneHistory`, the `large` preset) keeps only the head's state; its chain is served
 * pruned too, and start-up reads at past blocks fall back as on an RPC without archive state.
 */
export function chainCacheDir(scenario: string, seed: number): string {
  const loaded = loadScenario(scenario);
  const key = chainKey(REPO_ROOT, canonicalScenarioJson(loaded), seed);
  const history = loaded.engine.pruneHistory ? "pruned" : "hist";
  return join(REPO_ROOT, ".ve-lens", "test-chains", `${safeName(scenario)}-${seed}-${history}-${key}`);
}

/**
 * Anvil's memory while it loads a state dump, per byte of the dump: the `large` world's 6.6 GB
 * dump (1,065 blocks) had it at 23 GB, 3.5 times the dump, still loading, when the machine's
 * 23.5 GiB ran out.
 */
export const STATE_LOAD_MEMORY_FACTOR = 4;

/** Whether anvil can load the state dump at `statePath` in `memoryBytes` (default: this machine's memory). */
export function stateLoadable(statePath: string, memoryBytes = totalmem()): boolean {
  return statSync(statePath).size * STATE_LOAD_MEMORY_FACTOR <= memoryBytes;
}

/**
 * Refuses a state dump anvil cannot load in `memoryBytes` (default: this machine's memory),
 * before anvil tries and takes the machine's memory with it.
 * @throws Error naming the dump's size and the memory it needs
 */
export function assertStateLoadable(statePath: string, memoryBytes = totalmem()): void {
  if (!stateLoadable(statePath, memoryBytes)) {
    const size = statSync(statePath).size;
    const needed = size * STATE_LOAD_MEMORY_FACTOR;
    const gib = (n: number) => `${(n / 2 ** 30).toFixed(1)} GiB`;
    throw new Error(
      `the chain state ${statePath} is ${gib(size)}: anvil needs about ${gib(needed)} to load it (${STATE_LOAD_MEMORY_FACTOR}x), ` +
        `more than this machine's ${gib(memoryBytes)}; use a smaller scenario (--scenario default) or a machine with more memory`,
    );
  }
}

/**
 * Simulates `scenarioName` + `seed` on a new anvil and leaves it serving the chain. With `dump`,
 * the anvil writes its state when it stops, and a complete dump becomes the cache in `dir`.
 */
async function simulateChain(
  dir: string,
  scenarioName: string,
  scenario: Scenario,
  seed: number,
  log: (line: string) => void,
  anvilArgs: string[],
  dump: boolean,
): Promise<{ anvil: AnvilInstance; manifest: Manifest; simulatedMs: number }> {
  mkdirSync(dir, { recursive: true });
  const tmpState = join(dir, `anvil-state.${process.pid}.tmp.json`);
  const generator = await startAnvil({
    ...(dump ? { dumpState: tmpState } : {}),
    // Every block's state in the dump, unless the scenario prunes it: the `large` world's dump
    // with history passed 5.9 GB and 36 minutes before its simulation ended.
    extraArgs: [...simulatorAnvilArgs(scenario), ...(scenario.engine.pruneHistory ? [] : ["--preserve-historical-states"]), ...anvilArgs],
  });
  const t0 = performance.now();
  let manifest: Manifest;
  try {
    manifest = await simulate({
      rpcUrl: generator.rpcUrl,
      scenario,
      scenarioName,
      seed,
      onProgress: (p: unknown) => log(typeof p === "string" ? p : JSON.stringify(p)),
    });
  } catch (error) {
    await generator.stop();
    rmSync(tmpState, { force: true });
    throw error;
  }
  const simulatedMs = performance.now() - t0;
  log(`simulated ${scenarioName} (seed ${seed}): ${manifest.headBlock} blocks in ${(simulatedMs / 1000).toFixed(1)} s`);
  const stop = async (): Promise<void> => {
    await generator.stop();
    if (!dump) return;
    if (generator.exitStatus() !== "code 0" || !existsSync(tmpState)) {
      rmSync(tmpState, { force: true });
      return;
    }
    await writeManifest(join(dir, `devnet.${process.pid}.tmp.json`), manifest);
    renameSync(tmpState, join(dir, "anvil-state.json"));
    renameSync(join(dir, `devnet.${process.pid}.tmp.json`), join(dir, "devnet.json"));
  };
  return { anvil: { ...generator, stop }, manifest, simulatedMs };
}

/** Starts anvil on the cached chain of `scenario` + `seed`, simulating it first if needed. */
export async function startChain(options: ChainOptions = {}): Promise<Chain> {
  const scenarioName = options.scenario ?? "small";
  const seed = options.seed ?? 1;
  const log = options.log ?? (() => {});
  let dir = chainCacheDir(scenarioName, seed);
  let stale: string | undefined;
  if (options.allowStale && !existsSync(join(dir, "devnet.json"))) {
    const parent = dirname(dir);
    const prefix = `${safeName(scenarioName)}-${seed}-`;
    const usable = (n: string) => n.startsWith(prefix) && existsSync(join(parent, n, "devnet.json")) && existsSync(join(parent, n, "anvil-state.json"));
    // Newest first, chains with historical states before those without.
    const candidates = existsSync(parent)
      ? readdirSync(parent)
          .filter(usable)
          .sort(
            (a, b) =>
              Number(b.includes("-hist-")) - Number(a.includes("-hist-")) ||
              statSync(join(parent, b, "devnet.json")).mtimeMs - statSync(join(parent, a, "devnet.json")).mtimeMs,
          )
      : [];
    if (candidates[0]) {
      stale = candidates[0];
      dir = join(parent, stale);
      log(`using the cached chain ${stale}, made by an earlier version of the chain sources`);
    }
  }
  let statePath = join(dir, "anvil-state.json");
  let cachedManifest = join(dir, "devnet.json");
  const scenario = loadScenario(scenarioName);
  let cached = existsSync(statePath) && existsSync(cachedManifest);
  let simulatedMs: number | undefined;
  let anvil: AnvilInstance;
  let manifest: Manifest;
  if (options.serveSimulated && (!cached || !stateLoadable(statePath, options.memoryBytes))) {
    if (cached) {
      log(`the cached chain ${basename(dir)} is too large for anvil to load on this machine: simulating it again and serving it from the simulating anvil`);
      // Simulated with the current chain sources, whatever an older cache was made with.
      dir = chainCacheDir(scenarioName, seed);
      stale = undefined;
      statePath = join(dir, "anvil-state.json");
      cachedManifest = join(dir, "devnet.json");
      cached = existsSync(statePath) && existsSync(cachedManifest);
    }
    // The simulating anvil writes the cache when it stops, unless there is one already, or a
    // `--prune-history` asked for serving would leave a chain cached as `hist` without its history.
    const extraArgs = options.anvilArgs ?? [];
    const dump = !cached && (scenario.engine.pruneHistory || !extraArgs.includes("--prune-history"));
    ({ anvil, manifest, simulatedMs } = await simulateChain(dir, scenarioName, scenario, seed, log, extraArgs, dump));
  } else {
    if (!cached) {
      const made = await simulateChain(dir, scenarioName, scenario, seed, log, options.anvilArgs ?? [], true);
      simulatedMs = made.simulatedMs;
      await made.anvil.stop();
      if (!existsSync(statePath)) throw new Error(`anvil (${made.anvil.exitStatus()}) wrote no state for the chain simulated in ${dir}`);
    }
    // A large state takes minutes to load. A chain simulated with pruned history is served with
    // pruned history too: it holds no past states to keep, and every new block (live activity on
    // top of it) would otherwise add a full state copy (the `large` world ran anvil out of memory).
    const pruned = scenario.engine.pruneHistory ? ["--prune-history"] : [];
    assertStateLoadable(statePath, options.memoryBytes);
    anvil = await startAnvil({ loadState: statePath, extraArgs: [...pruned, ...(options.anvilArgs ?? [])], timeoutMs: 900_000 });
    manifest = { ...(await readManifest(cachedManifest)), rpcUrl: anvil.rpcUrl };
    await continueClock(anvil.rpcUrl);
  }
  const work = mkdtempSync(join(tmpdir(), "ve-lens-chain-"));
  const manifestPath = join(work, "devnet.json");
  await writeManifest(manifestPath, manifest);
  let n = 0;
  return {
    anvil,
    rpcUrl: anvil.rpcUrl,
    manifest,
    manifestPath,
    simulatedMs,
    stale,
    async manifestWithRpc(rpcUrl: string) {
      const path = join(work, `devnet.${++n}.json`);
      await writeManifest(path, { ...manifest, rpcUrl });
      return path;
    },
    async stop() {
      await anvil.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
