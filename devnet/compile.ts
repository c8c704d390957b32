/**
 * Compiles the devnet world (`contracts/*.sol`) in-process with the npm `solc` and caches the
 * artifacts in `.ve-lens/artifacts/<sha256 of solc version + settings + sources>.json`, so an
 * unchanged tree compiles instantly the second time.
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

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = Date.now();
  compileContracts().then(
    (artifacts) => {
      console.log(`compiled ${Object.keys(artifacts).sort().join(", ")} in ${Date.now() - started} ms`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
