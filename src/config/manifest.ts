/**
 * The devnet manifest (`.ve-lens/devnet.json`): where the simulated world lives and how it was
 * made. The indexer's devnet profile reads it; the simulator writes it.
 *
 * JSON form: bigints are decimal strings, addresses are 0x-prefixed hex, block numbers and
 * timestamps are plain numbers. {@link readManifest} and {@link writeManifest} convert between
 * the JSON form and the typed {@link Manifest}.
 */
import { readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import { contractRefFields, vestingWalletFields } from "./fields";

/** Default manifest location, relative to the project root. */
export const DEFAULT_MANIFEST_PATH = ".ve-lens/devnet.json";

/** Formats a zod error as `path.to.field: message; other.field: message`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join(".");
      return path === "" ? issue.message : `${path}: ${issue.message}`;
    })
    .join("; ");
}

/** A manifest file that is missing, not JSON, or does not match {@link ManifestSchema}. */
export class ManifestError extends Error {
  override name = "ManifestError";
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`invalid manifest ${path}: ${detail}`);
  }
}

type Hex = `0x${string}`;
// Plain string checks typed as hex, so the schema stays encodable (no one-way transforms).
const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "expected a 0x-prefixed 20-byte hex address") as unknown as z.ZodType<Hex, Hex>;
const hash = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "expected a 0x-prefixed 32-byte hex hash") as unknown as z.ZodType<Hex, Hex>;
const blockNumber = z.number().int("expected an integer block number").nonnegative("expected a block number >= 0");
const seconds = z.number().int("expected an integer number of seconds").nonnegative("expected seconds >= 0");
/** A uint256 written as a decimal string in JSON, a bigint in memory. */
const decimalBigint = z.codec(z.string().regex(/^\d+$/, "expected a decimal integer string"), z.bigint(), {
  decode: (s) => BigInt(s),
  encode: (b) => b.toString(),
});

const parsers = { address, blockNumber, seconds };

export const ContractRefSchema = z.object(contractRefFields(parsers));

/** The contracts every devnet world has; other entries are allowed. */
export const CONTRACT_NAMES = [
  "BRToken",
  "VotingEscrow",
  "Lock",
  "ExitQueue",
  "EscrowCurve",
  "Clock",
  "SimpleGaugeVoter",
  "MockBTC",
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

/** A vesting wallet of the world, with the BR it was funded with. */
export const VestingWalletEntrySchema = z.object({ ...vestingWalletFields(parsers), total: decimalBigint });

export const VaultEntrySchema = z.object({
  name: z.string().min(1),
  address,
  startBlock: blockNumber,
  /** The vault's gauge (on the devnet the vault address itself). */
  gauge: address,
});

/** `vault`: a brBTC vault's own gauge; `dex` and `lending`: plain addresses standing for pools and markets. */
export const GaugeKindSchema = z.enum(["vault", "dex", "lending"]);
export type GaugeKind = z.infer<typeof GaugeKindSchema>;

export const GaugeEntrySchema = z.object({
  address,
  name: z.string().min(1),
  metadataURI: z.string(),
  kind: GaugeKindSchema,
});

/**
 * The voting-power curve the world was simulated with: power = floor(A·(C + L·T + Q·T²) / 1e18),
 * T = min(seconds since max(lock start, season start), 1209600·maxEpochs); zero until the block
 * time passes deposit time + warmup. C, L, Q are `getCoefficients(1e18)` (decimal strings in JSON).
 */
export const CurveParamsSchema = z.object({
  C: decimalBigint,
  L: decimalBigint,
  Q: decimalBigint,
  maxEpochs: z.number().int().positive(),
  warmup: seconds,
});

/** A `clock.newSeason()` call: season `index` (1-based) starts at `start`; `block` holds the call. */
export const SeasonEntrySchema = z.object({
  index: z.number().int().positive(),
  start: seconds,
  block: blockNumber,
});

export const ExitQueueParamsSchema = z.object({
  minLock: seconds,
  cooldown: seconds,
  feeBps: z.number().int().min(0).max(10_000),
});

const contractRef = ContractRefSchema;
export const ManifestSchema = z.object({
  rpcUrl: z.string().url("expected an http(s) URL"),
  chainId: z.number().int().positive(),
  genesisHash: hash,
  /** Preset name or file the scenario came from. */
  scenario: z.string().min(1),
  seed: z.number().int().nonnegative(),
  /** keccak256 of the canonical JSON of the validated scenario. */
  scenarioHash: hash,
  /** The last block the simulator produced. */
  headBlock: blockNumber,
  contracts: z
    .object({
      BRToken: contractRef,
      VotingEscrow: contractRef,
      Lock: contractRef,
      ExitQueue: contractRef,
      EscrowCurve: contractRef,
      Clock: contractRef,
      SimpleGaugeVoter: contractRef,
      MockBTC: contractRef,
    })
    .catchall(contractRef),
  vestingWallets: z.array(VestingWalletEntrySchema),
  vaults: z.array(VaultEntrySchema),
  gauges: z.array(GaugeEntrySchema),
  /** Exchange hot wallets: hold much BR, never lock. */
  exchanges: z.array(address),
  /**
   * Unix seconds of every season start, ascending (season 1 first; the implicit season 0 starts at
   * time 0 and is not listed). Empty when no season was started (or the clock has no seasons).
   */
  seasonStarts: z.array(seconds),
  /** The `newSeason()` calls, in order (same starts as `seasonStarts`). */
  seasons: z.array(SeasonEntrySchema).default([]),
  curve: CurveParamsSchema,
  exitQueue: ExitQueueParamsSchema,
  /**
   * The simulator's true grouping of wallets into entities (scenarios with `entities`), to
   * measure the clustering against. Ground truth only: the indexer and the API never read it.
   */
  entities: z.array(z.object({ name: z.string().min(1), addresses: z.array(address).min(1) })).optional(),
});

/** The manifest in memory (bigints decoded). */
export type Manifest = z.output<typeof ManifestSchema>;
/** The manifest as JSON (bigints as decimal strings). */
export type ManifestJson = z.input<typeof ManifestSchema>;
export type VestingWalletEntry = Manifest["vestingWallets"][number];
export type VaultEntry = Manifest["vaults"][number];
export type GaugeEntry = Manifest["gauges"][number];

/**
 * Validates a parsed JSON value as a manifest.
 * @throws ManifestError naming the first bad fields, e.g. `contracts.Lock.address: expected ...`.
 * @example parseManifest(JSON.parse(text), "devnet.json").contracts.VotingEscrow.address
 */
export function parseManifest(value: unknown, source = "<manifest>"): Manifest {
  const result = ManifestSchema.safeParse(value);
  if (!result.success) throw new ManifestError(source, describeZodError(result.error));
  return result.data;
}

/** Converts a manifest to its JSON form (bigints as decimal strings), validating it. */
export function encodeManifest(manifest: Manifest): ManifestJson {
  const result = ManifestSchema.safeEncode(manifest);
  if (!result.success) throw new ManifestError("<in memory>", describeZodError(result.error));
  return result.data;
}

/**
 * Reads and validates a manifest file.
 * @throws ManifestError with the path and the bad field (`headBlock: expected ...`).
 * @example const m = await readManifest(".ve-lens/devnet.json");
 */
export async function readManifest(path: string = DEFAULT_MANIFEST_PATH): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new ManifestError(path, `cannot read file (${(err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ManifestError(path, `not JSON (${(err as Error).message})`);
  }
  return parseManifest(json, path);
}

/** Synchronous {@link readManifest}, for config files that cannot await. */
export function readManifestSync(path: string = DEFAULT_MANIFEST_PATH): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new ManifestError(path, (err as Error).message);
  }
  return parseManifest(json, path);
}

/**
 * Validates and writes a manifest as pretty JSON (creating the directory).
 * @example await writeManifest(".ve-lens/devnet.json", manifest);
 */
export async function writeManifest(path: string, manifest: Manifest): Promise<void> {
  const json = encodeManifest(manifest);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(json, null, 2)}\n`);
}
