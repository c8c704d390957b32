/**
 * Access to the conformance kit: the real Aragon ve-governance contracts compiled elsewhere and
 * read at run time from the folder in `VE_LENS_CONFORMANCE_KIT` (CI: `../shared/conformance/aragon-ve`
 * beside the checkout). Nothing of the kit is copied into this repository: ABIs are read from its
 * `artifacts/*.json`, and its `artifacts/deploy.mjs` is run (or imported) from there.
 *
 * @example
 * const dir = kitDir(); // throws KitMissingError naming VE_LENS_CONFORMANCE_KIT when unset
 * const abi = kitAbi("VotingEscrow");
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Abi } from "viem";
import { PROJECT_ROOT } from "../../devnet/home";

/** Thrown when `VE_LENS_CONFORMANCE_KIT` is unset or does not point at a kit with `artifacts/`. */
export class KitMissingError extends Error {
  override name = "KitMissingError";
}

/** Kit variants: `oct2024` (v1.0.0), `season`, `season8x` (Bedrock's 1x→8x linear curve). */
export const KIT_VARIANTS = ["oct2024", "season", "season8x"] as const;
export type KitVariant = (typeof KIT_VARIANTS)[number];
export const isSeasonVariant = (v: KitVariant): boolean => v !== "oct2024";

/** Artifact names per role, as the kit deploys them. */
export const VARIANT_ARTIFACTS: Record<KitVariant, { clock: string; curve: string; voter: string }> = {
  oct2024: { clock: "Clock", curve: "QuadraticIncreasingEscrow", voter: "SimpleGaugeVoter" },
  season: { clock: "ClockSeason", curve: "QuadraticIncreasingCurveSeason", voter: "SimpleGaugeVoterSeason" },
  season8x: { clock: "ClockSeason", curve: "QuadraticIncreasingCurveSeason8x", voter: "SimpleGaugeVoterSeason" },
};

/**
 * The kit folder from `VE_LENS_CONFORMANCE_KIT` (relative paths are taken from the project root).
 * @throws KitMissingError when unset, or when the folder has no `artifacts/deploy.mjs`.
 */
export function kitDir(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.VE_LENS_CONFORMANCE_KIT;
  if (raw === undefined || raw.trim() === "") {
    throw new KitMissingError(
      "VE_LENS_CONFORMANCE_KIT is not set: point it at the conformance kit folder (the one holding artifacts/), " +
        "e.g. VE_LENS_CONFORMANCE_KIT=../shared/conformance/aragon-ve npm run test:conformance",
    );
  }
  const dir = isAbsolute(raw) ? raw : resolve(PROJECT_ROOT, raw);
  if (!existsSync(join(dir, "artifacts", "deploy.mjs")) || !existsSync(join(dir, "artifacts", "VotingEscrow.json"))) {
    throw new KitMissingError(`VE_LENS_CONFORMANCE_KIT=${raw}: no artifacts/ (deploy.mjs, VotingEscrow.json) in ${dir}`);
  }
  return dir;
}

const abiCache = new Map<string, Abi>();

/** ABI of a kit artifact (`artifacts/<name>.json`), read at run time. */
export function kitAbi(name: string): Abi {
  let abi = abiCache.get(name);
  if (!abi) {
    const json = JSON.parse(readFileSync(join(kitDir(), "artifacts", `${name}.json`), "utf8")) as { abi: Abi };
    abi = json.abi;
    abiCache.set(name, abi);
  }
  return abi;
}

/** Bytecode of a kit artifact, read at run time (for deploying an implementation). */
export function kitBytecode(name: string): `0x${string}` {
  const json = JSON.parse(readFileSync(join(kitDir(), "artifacts", `${name}.json`), "utf8")) as { bytecode: string };
  return (json.bytecode.startsWith("0x") ? json.bytecode : `0x${json.bytecode}`) as `0x${string}`;
}

/** The kit's `deploy.mjs` as a module (connect, deployKit, send, warp, read, ...), imported at run time. */
export async function importKitDeploy(): Promise<KitDeployModule> {
  return (await import(pathToFileURL(join(kitDir(), "artifacts", "deploy.mjs")).href)) as KitDeployModule;
}

/** The parts of the kit's deploy.mjs this suite uses (untyped JavaScript). */
export interface KitDeployModule {
  connect(rpc: string, opts?: { pollingInterval?: number }): Promise<KitHandle>;
  deployKit(kit: KitHandle, variant: string, params?: Record<string, unknown>): Promise<KitManifest>;
  send(kit: KitHandle, from: string, name: string, address: string, fn: string, args?: unknown[], what?: string): Promise<{ blockNumber: bigint; logs: unknown[] }>;
  warp(kit: KitHandle, ts: bigint): Promise<{ number: bigint; timestamp: bigint }>;
  DEFAULT_PARAMS: Record<string, unknown>;
  GAUGES: string[];
}
export interface KitHandle {
  accounts: `0x${string}`[];
  now: bigint;
  names: Record<string, string>;
  manifest: KitManifest;
  [k: string]: unknown;
}

/** The manifest part of a kit run's output JSON. */
export interface KitManifest {
  variant: KitVariant;
  chainId: number;
  startBlock: string;
  contracts: { dao: string; token: string; clock: string; escrow: string; voter: string; curve: string; queue: string; lockNFT: string };
  params: Record<string, string | boolean>;
}

/** One window-end entry of a kit run's `report` (see the kit README). */
export interface KitReportEntry {
  label: string;
  epoch: string;
  epochStart: string;
  windowEnd: string;
  readAtBlock: string;
  readAtTs: string;
  seasonIndex?: number;
  votingPowerAt: Record<string, string>;
  owner: Record<string, string | null>;
  tokenStatus?: Record<string, "active" | "queued" | "withdrawn">;
  tokenVotes: Record<string, { isVoting: boolean; usedVotingPower: string; votes?: Record<string, string> }>;
  votingPowerSum?: string;
  gaugeVotes: Record<string, string>;
  totalVotingPowerCast: string;
  totalLocked: string;
}

/** Output JSON of `deploy.mjs --random N --seed S --out file.json`. */
export interface KitRandomRun extends KitManifest {
  scenario: "random";
  random: { n: number; seed: number; epochs: number };
  gauges: string[];
  locks: { tokenId: string; owner: string; status: string }[];
  report: KitReportEntry[];
  skipped: unknown[];
  endBlock: string;
  endTs: string;
}

/** Arguments of one seeded kit run. */
export interface KitRandomOptions {
  rpcUrl: string;
  variant: KitVariant;
  n: number;
  seed: number;
  /** First epoch start (multiple of 1209600); the suite uses 1900281600. */
  start: number;
  /** Curve warmup in seconds (kit default 3 days). */
  warmup?: number;
  outFile: string;
}

/**
 * Runs `node <kit>/artifacts/deploy.mjs --random ...` from the project root (so it finds viem)
 * and returns the parsed output file.
 * @throws Error with the end of the script's stderr when it exits non-zero.
 */
export async function runKitRandom(o: KitRandomOptions): Promise<KitRandomRun> {
  const args = [
    join(kitDir(), "artifacts", "deploy.mjs"),
    "--rpc", o.rpcUrl,
    "--variant", o.variant,
    "--random", String(o.n),
    "--seed", String(o.seed),
    "--start", String(o.start),
    "--out", o.outFile,
    ...(o.warmup !== undefined ? ["--warmup", String(o.warmup)] : []),
  ];
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-8000)));
  const code = await new Promise<number | null>((done) => child.once("exit", (c) => done(c)));
  if (code !== 0) throw new Error(`deploy.mjs ${args.slice(1).join(" ")} exited with ${code}:\n${stderr}`);
  return JSON.parse(readFileSync(o.outFile, "utf8")) as KitRandomRun;
}
