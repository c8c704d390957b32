/**
 * Compiles the devnet world (`contracts/*.sol`) in-process with the npm `solc` and caches the
 * artifacts in `.ve-lens/artifacts/<sha256 of solc version + settings + sources>.json`, so an
 * unchanged tree compiles instantly the second time.
 *
 * `npm run compile -- --abis` also rewrites the ve contracts' `abis/*Abi.ts` (functions and events,
 * in solc's order) from the compiled sources, so the TypeScript ABIs cannot drift from the Solidity.
 *
 * @example
 * const artifacts = await compileContracts();
 * artifacts.VotingEscrow.bytecode; // "0x6080..."
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Abi, Hex } from "viem";

export interface ContractArtifact {
  abi: Abi;
  bytecode: Hex;
}

/** Deployable contracts by name (abstract contracts and interfaces are left out). */
export type Artifacts = Record<string, ContractArtifact>;

export interface CompileOptions {
  /** Directory holding the `.sol` sources; defaults to `<repo>/contracts`. */
  contractsDir?: string;
  /** Directory of the artifact cache; defaults to `<repo>/.ve-lens/artifacts`. */
  cacheDir?: string;
}

/** Thrown when solc reports errors; `errors` holds solc's formatted messages. */
export class CompileError extends Error {
  constructor(public readonly errors: string[]) {
    super(`solc failed:\n${errors.join("\n")}`);
    this.name = "CompileError";
  }
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

/** Solc settings: optimizer on, Cancun (accepted by anvil 1.x, whose default is newer). */
const SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: "cancun",
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
} as const;

function solcVersion(): string {
  return (require("solc/package.json") as { version: string }).version;
}

function readSources(contractsDir: string): Record<string, { content: string }> {
  const sources: Record<string, { content: string }> = {};
  for (const file of readdirSync(contractsDir).filter((f) => f.endsWith(".sol")).sort()) {
    sources[`contracts/${file}`] = { content: readFileSync(join(contractsDir, file), "utf8") };
  }
  return sources;
}

/** Compiles `contracts/*.sol` (or returns the cached result) into name → { abi, bytecode }. */
export async function compileContracts(options: CompileOptions = {}): Promise<Artifacts> {
  const contractsDir = options.contractsDir ?? join(REPO_ROOT, "contracts");
  const cacheDir = options.cacheDir ?? join(REPO_ROOT, ".ve-lens", "artifacts");
  const sources = readSources(contractsDir);
  const hash = createHash("sha256")
    .update(JSON.stringify({ solc: solcVersion(), settings: SETTINGS, sources }))
    .digest("hex")
    .slice(0, 32);
  const cacheFile = join(cacheDir, `${hash}.json`);
  if (existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, "utf8")) as Artifacts;

  const solc = (await import("solc")).default as { compile(input: string): string };
  const output = JSON.parse(solc.compile(JSON.stringify({ language: "Solidity", sources, settings: SETTINGS }))) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts?: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === "error").map((e) => e.formattedMessage);
  if (errors.length > 0) throw new CompileError(errors);

  const artifacts: Artifacts = {};
  for (const file of Object.values(output.contracts ?? {})) {
    for (const [name, contract] of Object.entries(file)) {
      if (contract.evm.bytecode.object.length === 0) continue;
      artifacts[name] = { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
    }
  }
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(artifacts));
  renameSync(tmp, cacheFile);
  return artifacts;
}

/** The ve contracts whose `abis/<Name>Abi.ts` is generated, with the file's doc comment. */
export const GENERATED_ABIS: Record<string, string> = {
  Clock:
    "Epoch and season clock (Aragon ClockSeason semantics): 2-week epochs, weekly checkpoints, voting window [start + 1h, start + 1w - 1h), seasons from newSeason().",
  EscrowCurve:
    "Voting-power curve (Aragon QuadraticIncreasingCurveSeason semantics): floor(A·(C + L·T + Q·T²)/1e18), warmup against block time, season restarts.",
  VotingEscrow: "veBR VotingEscrow (Aragon v1.0.0 semantics): locks BR into veNFTs starting at the next weekly checkpoint.",
  ExitQueue: "Exit queue (Aragon v1.0.0 semantics): min lock from the aligned start, exitDate = max(next checkpoint, now + cooldown), fee in bp of 10000.",
  Lock: "The veNFT (Aragon v1.0.0 Lock): enumerable ERC-721, transfers only to whitelisted addresses (the escrow).",
  SimpleGaugeVoter:
    "Gauge voter (Aragon SimpleGaugeVoterSeason semantics): votes split by relative weights, all tallies per season.",
};

/** The TypeScript source of `abis/<name>Abi.ts`: the artifact's functions and events, `as const`. */
export function abiSource(name: string, artifact: ContractArtifact, doc: string): string {
  const items = artifact.abi.filter((item) => item.type === "function" || item.type === "event");
  return `/** ${doc} Generated from contracts/${name}.sol by \`npm run compile -- --abis\`. */\nexport const ${name}Abi = ${JSON.stringify(items, null, 2)} as const;\n`;
}

/** Rewrites `abis/<name>Abi.ts` for every contract of GENERATED_ABIS; returns the files written. */
export function writeAbiFiles(artifacts: Artifacts, abisDir = join(REPO_ROOT, "abis")): string[] {
  const written: string[] = [];
  for (const [name, doc] of Object.entries(GENERATED_ABIS)) {
    const artifact = artifacts[name];
    if (!artifact) throw new CompileError([`no artifact for ${name}`]);
    const file = join(abisDir, `${name}Abi.ts`);
    writeFileSync(file, abiSource(name, artifact, doc));
    written.push(file);
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = Date.now();
  compileContracts().then(
    (artifacts) => {
      console.log(`compiled ${Object.keys(artifacts).sort().join(", ")} in ${Date.now() - started} ms`);
      if (process.argv.includes("--abis")) console.log(`wrote ${writeAbiFiles(artifacts).length} ABI files`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
