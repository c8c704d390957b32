/**
 * Profile configuration: what the indexer indexes and the rules it applies, validated with zod.
 * Pure: the caller reads files and the environment (see `src/config/load.ts`).
 *
 * Two profiles:
 * - `devnet` (default): everything comes from the devnet manifest.
 * - `bsc`: Bedrock BR / veBR on BNB Chain. Only the escrow and BR addresses are known defaults;
 *   start blocks, vaults, vesting wallets, exchanges and season starts are configuration
 *   (`VE_LENS_CONFIG` JSON file and env), the escrow's companions are resolved on-chain
 *   unless given.
 *
 * The deployment's rules (curve constants, epoch length, warmup, contract versions) are not
 * configuration: they are read from the chain at start-up (`src/startup/chainRules.ts`) and
 * attached to the profile as {@link ChainRules}. Seasons come from the clock's `SeasonStarted`.
 */
import { z } from "zod";
import { contractRefFields, vestingWalletFields } from "./fields";
import type { ChainRules } from "../domain/chainRules";
import { type CurveConstants, assertCurve } from "../domain/votingPower";

export type Hex = `0x${string}`;

/** Address labels; labelled holders are left out of holder concentration by default. */
export const ACCOUNT_LABELS = ["exchange", "vesting", "contract", "burn"] as const;
export type AccountLabel = (typeof ACCOUNT_LABELS)[number];

/** Bedrock on BNB Chain (chain id 56). */
export const BEDROCK_BSC = {
  chainId: 56,
  escrow: "0xe9786294973de1cd376a0a6189d7ae250d490c16" as Hex,
  brToken: "0xff7d6a96ae471bbcd7713af9cb1feeb16cf56b41" as Hex,
  /** ~1 hour of 3-second blocks between quiet-period epoch checks. */
  epochTickInterval: 1200,
  pollingInterval: 1000,
} as const;

/** Burn sinks labelled `burn` by default (0x0 itself is the mint/burn address and never a holder). */
export const DEFAULT_BURN_ADDRESSES: Hex[] = ["0x000000000000000000000000000000000000dead"];

/** Devnet defaults. */
export const DEVNET_DEFAULTS = {
  chainId: 31337,
  /** The devnet URL is listed this many times in `rpc` (each copy is its own rate-limit bucket). */
  rpcCopies: 20,
  pollingInterval: 100,
  epochTickInterval: 50,
  manifestPath: ".ve-lens/devnet.json",
} as const;

/** A configuration value that is missing or malformed; the message names it. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`ve-lens configuration: ${field}: ${detail}`);
  }
}

/** Formats zod issues as `field: message; other: message`, prefixed with `where`. */
export function configErrorFromZod(where: string, error: z.ZodError): ConfigError {
  const issue = error.issues[0]!;
  const path = [where, ...issue.path.map(String)].filter((p) => p !== "").join(".");
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : "";
  return new ConfigError(path, `${issue.message}${more}`);
}

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "expected a 0x-prefixed 20-byte hex address")
  .transform((s) => s.toLowerCase() as Hex);
const blockNumber = z.number().int().nonnegative();
const seconds = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, "expected a decimal integer")])
  .transform((v) => BigInt(v));

const parsers = { address, blockNumber, seconds };

export const ContractRefSchema = z.object(contractRefFields(parsers));
export type ContractRef = z.output<typeof ContractRefSchema>;

export const VestingWalletConfigSchema = z.object(vestingWalletFields(parsers));
export type VestingWalletConfig = z.output<typeof VestingWalletConfigSchema>;

export const VaultConfigSchema = z.object({
  name: z.string().min(1),
  address,
  startBlock: blockNumber,
  /** The vault's gauge; defaults to the vault address. */
  gauge: address.optional(),
  /** Underlying asset; resolved with `asset()` when omitted (bsc) or MockBTC (devnet). */
  asset: address.optional(),
  /**
   * `startBlock` is the vault's deployment block, so it starts empty and its opening totals need
   * no chain read (a devnet served from a dumped state has no historical state to read from).
   * Default false: the totals before `startBlock` are read on-chain.
   */
  deployedAtStartBlock: z.boolean().default(false),
});
export type VaultConfig = z.output<typeof VaultConfigSchema>;

const signedInt = z
  .union([z.number().int(), z.string().regex(/^-?\d+$/, "expected a decimal integer")])
  .transform((v) => BigInt(v));

/**
 * Curve constants for a chain whose curve contract cannot answer `getCoefficients` /
 * `previewMaxBias` (for example an RPC without the curve's state). Refused when the chain answers.
 */
export const CurveOverrideSchema = z.object({
  /** C, L, Q of `CurveConstantLib` (1e18 fixed point). */
  constant: seconds,
  linear: signedInt,
  quadratic: signedInt,
  /** MAX_EPOCHS: the curve stops growing after this many 2-week epochs. */
  maxEpochs: z.number().int().positive(),
  /** The curve's warmup (s). */
  warmup: seconds,
});
export interface CurveOverride {
  curve: CurveConstants;
  warmup: bigint;
}

const labelList = z.array(z.enum(ACCOUNT_LABELS));

/** The escrow's companions (all required once resolved). */
export const COMPANION_NAMES = ["Lock", "ExitQueue", "SimpleGaugeVoter", "EscrowCurve", "Clock"] as const;
export type CompanionName = (typeof COMPANION_NAMES)[number];

/** A fully resolved profile: everything `ponder.config.ts` and the handlers need. */
export interface Profile {
  name: "devnet" | "bsc";
  chainId: number;
  /** RPC URL list handed to Ponder. */
  rpc: string[];
  pollingInterval: number;
  /** Lowest start block (block handler start). */
  startBlock: number;
  /** Blocks between `EpochTick` block handler runs. */
  epochTickInterval: number;
  contracts: { BRToken: ContractRef; VotingEscrow: ContractRef } & Partial<Record<CompanionName, ContractRef>>;
  vestingWallets: VestingWalletConfig[];
  vaults: VaultConfig[];
  exchanges: Hex[];
  burnAddresses: Hex[];
  /** Extra addresses labelled `contract` (the escrow and its companions, vaults are always labelled). */
  contractAddresses: Hex[];
  /** Labels left out of BR_HOLDINGS concentration. */
  holdingsExcludedLabels: AccountLabel[];
  /** Curve constants from configuration, only for a chain that cannot answer (bsc profile). */
  curveOverride: CurveOverride | null;
  /** The deployment's rules read from the chain at start-up (absent before the read). */
  rules?: ChainRules;
}

/** The parts of the devnet manifest the profile uses (structurally `Manifest` from ./manifest.ts). */
export interface ManifestLike {
  rpcUrl: string;
  chainId: number;
  contracts: Record<string, { address: string; startBlock: number }>;
  vestingWallets: {
    name: string;
    address: string;
    beneficiary: string;
    startBlock: number;
    start: number;
    cliff: number;
    duration: number;
    tgeBps: number;
  }[];
  vaults: { name: string; address: string; startBlock: number; gauge: string }[];
  exchanges: string[];
}

const intFromEnv = (name: string, value: string | undefined, fallback: number, min = 0): number => {
  if (value === undefined || value === "") return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new ConfigError(name, `expected an integer >= ${min}, got "${value}"`);
  return Number(value);
};

const DevnetEnvSchema = z.object({ exchanges: z.array(address) });

/**
 * Builds the devnet profile from a validated manifest.
 * Env: `VE_LENS_EPOCH_TICK_INTERVAL` (default 50), `VE_LENS_POLLING_INTERVAL` (ms, default 100),
 * `VE_LENS_RPC_COPIES` (default 20).
 * @example profileFromManifest(readManifestSync(".ve-lens/devnet.json"), process.env).contracts.VotingEscrow
 */
export function profileFromManifest(manifest: ManifestLike, env: Record<string, string | undefined> = {}): Profile {
  const c = manifest.contracts;
  const ref = (name: string): ContractRef => {
    const r = c[name];
    if (!r) throw new ConfigError(`manifest.contracts.${name}`, "missing");
    const parsed = ContractRefSchema.safeParse(r);
    if (!parsed.success) throw configErrorFromZod(`manifest.contracts.${name}`, parsed.error);
    return parsed.data;
  };
  const mockBtc = ref("MockBTC");
  const vaults = z.array(VaultConfigSchema).safeParse(manifest.vaults);
  if (!vaults.success) throw configErrorFromZod("manifest.vaults", vaults.error);
  const wallets = z.array(VestingWalletConfigSchema).safeParse(manifest.vestingWallets);
  if (!wallets.success) throw configErrorFromZod("manifest.vestingWallets", wallets.error);
  const rest = DevnetEnvSchema.safeParse({ exchanges: manifest.exchanges });
  if (!rest.success) throw configErrorFromZod("manifest", rest.error);
  const contracts = {
    BRToken: ref("BRToken"),
    VotingEscrow: ref("VotingEscrow"),
    Lock: ref("Lock"),
    ExitQueue: ref("ExitQueue"),
    SimpleGaugeVoter: ref("SimpleGaugeVoter"),
    EscrowCurve: ref("EscrowCurve"),
    Clock: ref("Clock"),
  };
  const copies = intFromEnv("VE_LENS_RPC_COPIES", env.VE_LENS_RPC_COPIES, DEVNET_DEFAULTS.rpcCopies, 1);
  return {
    name: "devnet",
    chainId: manifest.chainId,
    rpc: Array.from({ length: copies }, () => manifest.rpcUrl),
    pollingInterval: intFromEnv("VE_LENS_POLLING_INTERVAL", env.VE_LENS_POLLING_INTERVAL, DEVNET_DEFAULTS.pollingInterval, 1),
    startBlock: Math.min(...Object.values(contracts).map((r) => r.startBlock)),
    epochTickInterval: intFromEnv(
      "VE_LENS_EPOCH_TICK_INTERVAL",
      env.VE_LENS_EPOCH_TICK_INTERVAL,
      DEVNET_DEFAULTS.epochTickInterval,
      1,
    ),
    contracts,
    vestingWallets: wallets.data,
    // The manifest's start blocks are the deployment blocks.
    vaults: vaults.data.map((v) => ({ ...v, asset: v.asset ?? mockBtc.address, deployedAtStartBlock: true })),
    exchanges: rest.data.exchanges,
    burnAddresses: DEFAULT_BURN_ADDRESSES,
    contractAddresses: [],
    holdingsExcludedLabels: [...ACCOUNT_LABELS],
    curveOverride: null,
  };
}

/**
 * Schema of the `VE_LENS_CONFIG` JSON file for the `bsc` profile. Every field is optional
 * except a start block (here or in `VE_LENS_START_BLOCK`).
 */
export const BscSettingsSchema = z.object({
  /** Default start block of every source. */
  startBlock: blockNumber.optional(),
  /** Override addresses / start blocks; companions resolved from the escrow when omitted. */
  contracts: z
    .object({
      BRToken: z.object({ address: address.optional(), startBlock: blockNumber.optional() }).optional(),
      VotingEscrow: z.object({ address: address.optional(), startBlock: blockNumber.optional() }).optional(),
      Lock: ContractRefSchema.partial().optional(),
      ExitQueue: ContractRefSchema.partial().optional(),
      SimpleGaugeVoter: ContractRefSchema.partial().optional(),
      EscrowCurve: ContractRefSchema.partial().optional(),
      Clock: ContractRefSchema.partial().optional(),
    })
    .strict()
    .default({}),
  vestingWallets: z.array(VestingWalletConfigSchema).default([]),
  vaults: z.array(VaultConfigSchema).default([]),
  exchanges: z.array(address).default([]),
  burnAddresses: z.array(address).default(DEFAULT_BURN_ADDRESSES),
  contractAddresses: z.array(address).default([]),
  holdingsExcludedLabels: labelList.default([...ACCOUNT_LABELS]),
  curve: CurveOverrideSchema.optional(),
  epochTickInterval: z.number().int().positive().default(BEDROCK_BSC.epochTickInterval),
  pollingInterval: z.number().int().positive().default(BEDROCK_BSC.pollingInterval),
});
export type BscSettings = z.input<typeof BscSettingsSchema>;

/**
 * Builds the `bsc` profile from the parsed `VE_LENS_CONFIG` JSON (or `{}`) and the env:
 * `PONDER_RPC_URL_56` (required; several URLs separated by commas), `VE_LENS_START_BLOCK`
 * (overrides `startBlock`), `VE_LENS_EPOCH_TICK_INTERVAL`. Companions without an address stay
 * unset; {@link withCompanions} fills them after an on-chain lookup.
 * @example profileFromBscSettings({ startBlock: 45_000_000 }, { PONDER_RPC_URL_56: "https://..." })
 */
export function profileFromBscSettings(json: unknown, env: Record<string, string | undefined>): Profile {
  if (json !== null && typeof json === "object" && "seasonStarts" in json) {
    throw new ConfigError(
      "VE_LENS_CONFIG.seasonStarts",
      "season starts are no longer configuration: ve-lens reads them from the clock's SeasonStarted events; remove the field",
    );
  }
  const parsed = BscSettingsSchema.safeParse(json ?? {});
  if (!parsed.success) throw configErrorFromZod("VE_LENS_CONFIG", parsed.error);
  const s = parsed.data;
  const rpcEnv = env.PONDER_RPC_URL_56;
  if (rpcEnv === undefined || rpcEnv.trim() === "") {
    throw new ConfigError("PONDER_RPC_URL_56", "required for the bsc profile (an http(s) URL of a BNB Chain RPC)");
  }
  const rpc = rpcEnv
    .split(",")
    .map((u) => u.trim())
    .filter((u) => u !== "");
  for (const url of rpc) {
    if (!/^(https?|wss?):\/\//.test(url)) throw new ConfigError("PONDER_RPC_URL_56", `not an http(s) URL: "${url}"`);
  }
  const envStart = env.VE_LENS_START_BLOCK;
  const startBlock =
    envStart !== undefined && envStart !== "" ? intFromEnv("VE_LENS_START_BLOCK", envStart, 0) : s.startBlock;
  if (startBlock === undefined) {
    throw new ConfigError(
      "VE_LENS_START_BLOCK",
      "required for the bsc profile (or `startBlock` in the VE_LENS_CONFIG file): the escrow's deployment block is not public",
    );
  }
  const c = s.contracts;
  const contracts: Profile["contracts"] = {
    BRToken: { address: c.BRToken?.address ?? BEDROCK_BSC.brToken, startBlock: c.BRToken?.startBlock ?? startBlock },
    VotingEscrow: {
      address: c.VotingEscrow?.address ?? BEDROCK_BSC.escrow,
      startBlock: c.VotingEscrow?.startBlock ?? startBlock,
    },
  };
  for (const name of COMPANION_NAMES) {
    const given = c[name];
    if (given?.address) contracts[name] = { address: given.address, startBlock: given.startBlock ?? startBlock };
  }
  return {
    name: "bsc",
    chainId: BEDROCK_BSC.chainId,
    rpc,
    pollingInterval: s.pollingInterval,
    startBlock: Math.min(startBlock, ...Object.values(contracts).map((r) => r!.startBlock)),
    epochTickInterval: intFromEnv("VE_LENS_EPOCH_TICK_INTERVAL", env.VE_LENS_EPOCH_TICK_INTERVAL, s.epochTickInterval, 1),
    contracts,
    vestingWallets: s.vestingWallets,
    vaults: s.vaults,
    exchanges: s.exchanges,
    burnAddresses: s.burnAddresses,
    contractAddresses: s.contractAddresses,
    holdingsExcludedLabels: s.holdingsExcludedLabels,
    curveOverride: s.curve ? curveOverrideOf(s.curve) : null,
  };
}

/** Curve constants from a validated `curve` setting (MAX_EPOCHS of 2-week epochs). */
function curveOverrideOf(c: z.output<typeof CurveOverrideSchema>): CurveOverride {
  const curve = { constant: c.constant, linear: c.linear, quadratic: c.quadratic, maxTime: BigInt(c.maxEpochs) * 1_209_600n };
  try {
    return { curve: assertCurve(curve), warmup: c.warmup };
  } catch (err) {
    throw new ConfigError("VE_LENS_CONFIG.curve", (err as Error).message);
  }
}

/** Fills missing companions (resolved on-chain) with the escrow's start block. */
export function withCompanions(profile: Profile, resolved: Partial<Record<CompanionName, Hex>>): Profile {
  const contracts = { ...profile.contracts };
  for (const name of COMPANION_NAMES) {
    if (contracts[name]) continue;
    const a = resolved[name];
    if (!a) throw new ConfigError(`contracts.${name}`, "could not be resolved from the escrow; set it in VE_LENS_CONFIG");
    contracts[name] = { address: a.toLowerCase() as Hex, startBlock: profile.contracts.VotingEscrow.startBlock };
  }
  return { ...profile, contracts };
}

/** Checks that every companion is set (after {@link withCompanions}). */
export function assertResolved(profile: Profile): asserts profile is Profile & {
  contracts: Required<Profile["contracts"]>;
} {
  for (const name of COMPANION_NAMES) {
    if (!profile.contracts[name]) throw new ConfigError(`contracts.${name}`, "not resolved");
  }
}

/** Label of `address` under `profile`, given the escrow-side contract addresses. */
export function labelOf(
  address: Hex,
  profile: Pick<Profile, "exchanges" | "burnAddresses" | "contractAddresses" | "vestingWallets" | "vaults">,
  contractAddresses: readonly Hex[] = [],
): AccountLabel | null {
  const a = address.toLowerCase();
  if (profile.burnAddresses.includes(a as Hex)) return "burn";
  if (profile.vestingWallets.some((w) => w.address === a)) return "vesting";
  if (profile.exchanges.includes(a as Hex)) return "exchange";
  if (
    profile.contractAddresses.includes(a as Hex) ||
    contractAddresses.some((c) => c.toLowerCase() === a) ||
    profile.vaults.some((v) => v.address === a)
  ) {
    return "contract";
  }
  return null;
}

/**
 * Every address {@link labelOf} labels under `profile`, lowercased, each once, in the order of
 * the profile's lists: the configuration fixes the labelled accounts.
 */
export function labelledAddresses(
  profile: Pick<Profile, "exchanges" | "burnAddresses" | "contractAddresses" | "vestingWallets" | "vaults">,
  contractAddresses: readonly Hex[] = [],
): Hex[] {
  const candidates = [
    ...profile.burnAddresses,
    ...profile.vestingWallets.map((w) => w.address),
    ...profile.exchanges,
    ...profile.contractAddresses,
    ...contractAddresses,
    ...profile.vaults.map((v) => v.address),
  ];
  return [...new Set(candidates.map((c) => c.toLowerCase() as Hex))].filter((c) => labelOf(c, profile, contractAddresses) !== null);
}

/** A short stable fingerprint of the parameters that change indexed results (for Ponder's build id). */
export function profileFingerprint(profile: Profile): string {
  return JSON.stringify({
    rules: profile.rules ?? null,
    exchanges: profile.exchanges,
    burn: profile.burnAddresses,
    contracts: profile.contractAddresses,
    excluded: profile.holdingsExcludedLabels,
    vesting: profile.vestingWallets,
    vaults: profile.vaults,
  }, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}
