/**
 * `npm start`: the main job on one machine, with no outside service.
 *
 *   1. compile the contracts (cached by source hash),
 *   2. start anvil: from the cached chain state of this scenario + seed if there is one,
 *      otherwise fresh, then deploy and simulate the scenario; that anvil serves the chain and
 *      writes it to the cache when it stops (Ctrl-C),
 *   3. write the manifest `.ve-lens/devnet.json`,
 *   4. index the chain with Ponder on PGlite (a database directory per chain and indexing code),
 *   5. serve the API and dashboard on http://localhost:42069 until Ctrl-C.
 *
 * Env: VE_LENS_SCENARIO (preset or path, default "default"), VE_LENS_SEED (default 1),
 * PORT (API port, default 42069), VE_LENS_RPC_PORT (anvil port, default 8545 when free),
 * VE_LENS_HOME (state folder: cached chains, databases, manifest; default `.ve-lens`),
 * VE_LENS_FRESH=1 (ignore the cached chain and database), VE_LENS_VERBOSE=1 (Ponder's log).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { basename, dirname, join, relative, resolve } from "node:path";
import { type AnvilInstance, startAnvil } from "./anvil";
import { chainKey } from "./chainCache";
import { compileContracts } from "./compile";
import { DEFAULT_MANIFEST_PATH, type Manifest, readManifest, writeManifest } from "../src/config/manifest";
import { veLensHome } from "./home";
import { databaseDirFor, startPonder } from "./ponder";
import { type Scenario, canonicalScenarioJson, scenarioFromEnv } from "./scenario";
import { AFTER_RUN_BLOCK_INTERVAL, type SimProgress, simulate, simulatorAnvilArgs } from "./simulate";

const root = resolve(import.meta.dirname, "..");
/** More than Ponder's finality depth on chain 31337 (30 blocks). */
const FINALITY_PADDING_BLOCKS = 32;
/** Database schema of the embedded index. */
const SCHEMA = "ve_lens";
const toHex = (n: number): string => `0x${n.toString(16)}`;
const started = performance.now();
let step = 0;
const STEPS = 5;

function elapsed(since = started): string {
  return `${((performance.now() - since) / 1000).toFixed(1)}s`;
}
function log(message: string): void {
  process.stdout.write(`[ve-lens ${elapsed()}] ${message}\n`);
}
function beginStep(title: string): number {
  step += 1;
  log(`step ${step}/${STEPS}: ${title}`);
  return performance.now();
}

/** A TCP port on 127.0.0.1: `preferred` when it is free, otherwise any free one. */
async function freePort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((done) => {
      const server = createServer();
      server.once("error", () => done(null));
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        const got = typeof address === "object" && address ? address.port : null;
        server.close(() => done(got));
      });
    });
  return (await tryListen(preferred)) ?? (await tryListen(0)) ?? preferred;
}

/**
 * Keeps `current` and the `keep - 1` most recently modified other entries of `dir`, removing the
 * rest: caches of other scenarios, seeds or code versions.
 */
function pruneCache(dir: string, current: string, keep: number): void {
  if (!existsSync(dir)) return;
  const others = readdirSync(dir)
    // An entry with a `.lock` beside it is in use by a running Ponder: never removed here.
    .filter((name) => name !== current && !name.endsWith(".lock") && !existsSync(join(dir, `${name}.lock`)))
    .map((name) => ({ name, mtime: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { name } of others.slice(Math.max(0, keep - 1))) {
    rmSync(join(dir, name), { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { name: scenarioName, scenario, seed } = scenarioFromEnv();
  const fresh = process.env.VE_LENS_FRESH === "1";
  const apiPort = Number(process.env.PORT ?? 42069);
  if (!Number.isInteger(apiPort) || apiPort <= 0 || apiPort > 65535) {
    throw new Error(`PORT must be a TCP port number, got "${process.env.PORT}"`);
  }
  const rpcPort = await freePort(Number(process.env.VE_LENS_RPC_PORT ?? 8545));
  log(`scenario "${scenarioName}", seed ${seed}`);

  let t = beginStep("compile contracts");
  await compileContracts();
  log(`  compiled in ${elapsed(t)}`);

  const key = chainKey(root, canonicalScenarioJson(scenario), seed);
  const home = veLensHome();
  const chainsDir = join(home, "chains");
  const chainDir = join(chainsDir, key);
  const statePath = join(chainDir, "anvil-state.json");
  const cachedManifestPath = join(chainDir, "devnet.json");
  if (fresh) rmSync(chainDir, { recursive: true, force: true });
  const cached = existsSync(statePath) && existsSync(cachedManifestPath);

  t = beginStep(cached ? "start anvil from the cached chain" : "start anvil and simulate the scenario");
  let anvil: AnvilInstance;
  let manifest: Manifest;
  if (cached) {
    anvil = await serveChain(statePath, rpcPort, scenario);
    manifest = { ...(await readManifest(cachedManifestPath)), rpcUrl: anvil.rpcUrl };
    const genesis = await rpc<{ hash: string }>(anvil.rpcUrl, "eth_getBlockByNumber", ["0x0", false]);
    if (genesis.hash !== manifest.genesisHash) {
      throw new Error(`cached chain ${statePath} does not match its manifest (genesis ${genesis.hash}); rerun with VE_LENS_FRESH=1`);
    }
    log(`  chain ${key} loaded in ${elapsed(t)} (head block ${manifest.headBlock})`);
  } else {
    pruneCache(chainsDir, key, 3);
    mkdirSync(chainDir, { recursive: true });
    // The anvil that simulates then serves: it writes its state when it stops (Ctrl-C), and only
    // a complete dump becomes the cache. It keeps no past states (`--prune-history`), like an
    // anvil loaded from a state file, so the index does not depend on which of the two served it.
    const tmpState = join(chainDir, "anvil-state.tmp.json");
    const generator = await startAnvil({ port: rpcPort, dumpState: tmpState, extraArgs: [...simulatorAnvilArgs(scenario), "--prune-history"] });
    manifest = await simulate({
      rpcUrl: generator.rpcUrl,
      scenario,
      scenarioName,
      seed,
      onProgress: (p) => log(`  ${formatProgress(p)}`),
    });
    // Ponder treats the newest 30 blocks of chain 31337 as unfinalized: they are indexed one by
    // one on the live path, and re-indexed after every restart. Empty blocks after the
    // simulation (3 s apart, still inside the live epoch) put the whole simulated history into
    // the finalized backfill, so a restart resumes with nothing to redo.
    await rpc(generator.rpcUrl, "anvil_mine", [toHex(FINALITY_PADDING_BLOCKS), toHex(AFTER_RUN_BLOCK_INTERVAL)]);
    const head = Number(await rpc<string>(generator.rpcUrl, "eth_blockNumber", []));
    manifest = { ...manifest, headBlock: head };
    const simulated = manifest;
    let saved: Promise<void> | undefined;
    const saveChain = async (): Promise<void> => {
      log(`  writing the chain's state to ${relative(root, statePath)}`);
      await generator.stop();
      if (generator.exitStatus() !== "code 0" || !existsSync(tmpState)) {
        log(`  anvil ended with ${generator.exitStatus()}: no cached chain, the next start simulates again`);
        return;
      }
      renameSync(tmpState, statePath);
      await writeManifest(cachedManifestPath, simulated);
    };
    anvil = { ...generator, stop: () => (saved ??= saveChain()) };
    log(`  simulated ${manifest.headBlock} blocks (the last ${FINALITY_PADDING_BLOCKS} empty) in ${elapsed(t)}`);
  }
  const stopAll = installShutdown(async () => {
    await ponder?.stop();
    await anvil.stop();
  });

  t = beginStep("write the manifest");
  const manifestPath = join(home, basename(DEFAULT_MANIFEST_PATH));
  await writeManifest(manifestPath, manifest);
  log(`  ${relative(root, manifestPath)}: rpc ${manifest.rpcUrl}, chain ${manifest.chainId}, ${Object.keys(manifest.contracts).length} contracts, ${manifest.vaults.length} vaults`);

  t = beginStep("index with Ponder on PGlite");
  // One database per chain and indexing code: Ponder's sync cache is keyed by chain id alone.
  const databaseDir = databaseDirFor(manifest, home);
  pruneCache(dirname(databaseDir), basename(databaseDir), 3);
  let reused = existsSync(databaseDir);
  mkdirSync(databaseDir, { recursive: true });
  let ponder: Awaited<ReturnType<typeof startPonder>> | undefined = await startPonder({
    manifestPath,
    databaseDir,
    port: apiPort,
    schema: SCHEMA,
    // An index reopened after a crash (or anything else) is checked before it is served.
    onSelfCheckFailure: (failures) => {
      log(`  the index in ${relative(root, databaseDir)} failed its self-checks (${failures.join("; ")}): rebuilding it from scratch`);
      reused = false;
    },
    onLog: (line) => {
      if (process.env.VE_LENS_VERBOSE === "1") process.stdout.write(`  [ponder] ${line}\n`);
      // The rules read from the chain (contract versions, curve constants) are always shown.
      else if (line.startsWith("ve-lens: ")) log(`  ${line.slice("ve-lens: ".length)}`);
    },
  });
  log(`  ${reused ? "resuming the existing index" : "fresh index"} in ${relative(root, databaseDir)}`);
  await ponder.waitReady(30 * 60_000, (indexed) => log(`  indexed block ${indexed}/${manifest.headBlock}`));
  // `/ready` means the backfill is done; the newest blocks (inside the finality window) follow live.
  await ponder.waitForBlock(manifest.headBlock, 10 * 60_000);
  log(`  indexed up to block ${manifest.headBlock} in ${elapsed(t)}`);

  beginStep("serve");
  log(`API and dashboard: http://localhost:${apiPort}/  (GraphQL: /graphql, REST: /api/v1, SQL: /sql)`);
  log(`ready in ${elapsed()} — Ctrl-C stops Ponder and anvil`);
  const ended = await Promise.race([stopAll.then(() => undefined), ponder.exited]);
  if (ended && shuttingDown) await stopAll;
  else if (ended) {
    // Ponder stopped by itself, e.g. the health monitor after a reorg beyond the finality window.
    await anvil.stop();
    throw new Error(
      `ponder exited with ${ended.code ?? ended.signal} while serving; the index in ${relative(root, databaseDir)} ` +
        `may no longer match the chain: run \`VE_LENS_FRESH=1 npm start\` to rebuild it\n--- ponder log ---\n${ponder.logTail(15)}`,
    );
  }
}

/**
 * Anvil serving a cached chain. The genesis comes from the state file, so of the simulator's
 * arguments only `--prune-history` applies; the block interval is not part of a dumped state,
 * so it is set again: a block mined later (a demo transaction) lands 3 s after the head, inside
 * the live epoch, instead of at wall-clock time.
 */
async function serveChain(statePath: string, port: number, scenario: Scenario): Promise<AnvilInstance> {
  const extraArgs = simulatorAnvilArgs(scenario).filter((a) => a === "--prune-history");
  const anvil = await startAnvil({ port, loadState: statePath, extraArgs });
  await rpc(anvil.rpcUrl, "anvil_setBlockTimestampInterval", [AFTER_RUN_BLOCK_INTERVAL]);
  return anvil;
}

function formatProgress(p: SimProgress): string {
  const parts = [p.step];
  if (p.epoch !== undefined && p.epochs !== undefined) parts.push(`epoch ${p.epoch}/${p.epochs}`);
  if (p.txs !== undefined) parts.push(`${p.txs} txs`);
  if (p.events !== undefined) parts.push(`${p.events} events`);
  if (p.message) parts.push(p.message);
  return parts.join(", ");
}

async function rpc<T>(url: string, method: string, params: unknown[]): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/**
 * Set once a signal asked the process to stop. Ctrl-C in a terminal signals Ponder and anvil as
 * well: their exits (and the errors they cause in a start-up still under way) are then expected,
 * and the shutdown, which ends the process, is left to finish.
 */
let shuttingDown = false;

/** Resolves when the process is asked to stop, after `cleanup` ran once. */
function installShutdown(cleanup: () => Promise<void>): Promise<void> {
  return new Promise((done) => {
    const stop = async (signal: string) => {
      if (shuttingDown) return;
      shuttingDown = true;
      log(`${signal}: stopping Ponder and anvil`);
      try {
        await cleanup();
      } finally {
        log("stopped");
        done();
        process.exit(0);
      }
    };
    process.on("SIGINT", () => void stop("SIGINT"));
    process.on("SIGTERM", () => void stop("SIGTERM"));
  });
}

main().catch((error: unknown) => {
  if (shuttingDown) return;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`ve-lens: ${message}\n`);
  process.exit(1);
});
