/**
 * The rules of a ve-governance deployment that ve-lens reads from the chain at start-up instead
 * of assuming them: the curve's constants, the epoch length, the warmup, and which contract
 * version runs at each address. Pure: the reads are done by `src/startup/chainRules.ts`.
 *
 * Versions are told apart by what their (implementation) bytecode can do: a function selector
 * appears as `PUSH4 selector`, an emitted event's topic0 as `PUSH32 topic` (fact sheet: identify
 * contracts by address and code, never by topic0 alone, since v1.0.0 and Season voters emit the
 * same `Voted`).
 */
import { z } from "zod";
import type { Hex } from "../config/profile";
import { type CurveConstants, WAD, assertCurve, biasAt } from "./votingPower";

/** The only epoch length of every Clock version (2 weeks); ve-lens's epoch math assumes it. */
export const SUPPORTED_EPOCH_DURATION = 1_209_600n;

/** Roles of the deployment's contracts. */
export type ContractRole = "escrow" | "clock" | "curve" | "voter" | "queue";

/** What ve-lens found at one address. */
export interface ContractVariant {
  role: ContractRole;
  address: Hex;
  /** EIP-1967 implementation behind a proxy, null for a plain contract. */
  implementation: Hex | null;
  /** Human name of the version. */
  variant: string;
  /** False: ve-lens cannot index it exactly and stops. */
  supported: boolean;
  /** What it implies for indexing, or why it is not supported. */
  note: string;
}

/**
 * A term of the escrow's gauge voter: `escrow.voter()` was `address` from `fromBlock` to
 * `toBlock` (exclusive; null = still). The escrow can replace its voter (`setVoter`, no event):
 * only votes held by the voter in force count.
 */
export interface VoterTerm {
  address: Hex;
  fromBlock: number;
  toBlock: number | null;
}

/**
 * The voter term in force at `block`, if any.
 * @example voterAt([{ address: "0xa…", fromBlock: 10, toBlock: null }], 12)?.address // "0xa…"
 */
export function voterAt(terms: readonly VoterTerm[], block: number): VoterTerm | undefined {
  return terms.find((t) => t.fromBlock <= block && (t.toBlock === null || block < t.toBlock));
}

/** Everything the indexer needs of the chain's rules, stored with the index. */
export interface ChainRules {
  curve: CurveConstants;
  /** `previewMaxBias(1e18)`: the multiplier cap in 1e18 units. */
  maxBiasPerUnit: bigint;
  epochDuration: bigint;
  /** `warmupPeriod()` at start-up (WarmupSet events update it while indexing). */
  warmup: bigint;
  /** Where the curve came from: the chain, or the configuration of a chain that cannot answer. */
  source: "chain" | "config";
  variants: ContractVariant[];
  /** The escrow's voters over the indexed range, oldest first. */
  voters: VoterTerm[];
}

/** A chain's rules that ve-lens cannot index exactly. */
export class UnsupportedDeploymentError extends Error {
  override name = "UnsupportedDeploymentError";
  constructor(readonly variants: ContractVariant[]) {
    super(
      `ve-lens does not support this deployment: ${variants
        .filter((v) => !v.supported)
        .map((v) => `${v.role} ${v.address} is ${v.variant} (${v.note})`)
        .join("; ")}`,
    );
  }
}

/** Thrown when the chain's answers are not what any curve version gives. */
export class ChainRulesError extends Error {
  override name = "ChainRulesError";
  constructor(readonly what: string, detail: string) {
    super(`reading the deployment's rules: ${what}: ${detail}`);
  }
}

const int = z.bigint();
const uint = z.bigint().nonnegative();

/** The raw answers of the view functions read at start-up. */
export const CurveReadingsSchema = z.object({
  /** `getCoefficients(1e18)`: [C, L, Q] exactly. */
  coefficients: z.tuple([uint, int, int]),
  /** `previewMaxBias(1e18)`. */
  previewMaxBias: uint,
  /** `clock.epochDuration()`. */
  epochDuration: z.bigint().refine((v) => v === SUPPORTED_EPOCH_DURATION, {
    message: `expected ${SUPPORTED_EPOCH_DURATION} (2 weeks), the epoch length of every Clock version`,
  }),
  /** `warmupPeriod()`. */
  warmupPeriod: uint,
});
export type CurveReadings = z.input<typeof CurveReadingsSchema>;

/** Largest MAX_EPOCHS searched for (10 years of 2-week epochs). */
const MAX_EPOCHS_SEARCHED = 260n;

/**
 * The curve's time cap: the curve has no `maxTime()` view, but `previewMaxBias(1e18)` is
 * `getBias(epochDuration x MAX_EPOCHS, 1e18)`; the smallest MAX_EPOCHS giving it is the cap
 * (the curve is non-decreasing, flat only past the cap).
 * @example deriveMaxTime(10n ** 18n, 964_506_172_839n, 0n, 7_999_999_999_996_326_400n, 1_209_600n) // 7_257_600n
 */
export function deriveMaxTime(C: bigint, L: bigint, Q: bigint, maxBias: bigint, epochDuration: bigint): bigint {
  for (let k = 1n; k <= MAX_EPOCHS_SEARCHED; k++) {
    const t = k * epochDuration;
    const probe = { constant: C, linear: L, quadratic: Q, maxTime: t };
    if (biasAt(WAD, t, probe) === maxBias) return t;
  }
  throw new ChainRulesError(
    "previewMaxBias(1e18)",
    `${maxBias} is not the curve's value after any whole number of epochs up to ${MAX_EPOCHS_SEARCHED}`,
  );
}

/** Curve constants from the raw readings (validated). */
export function curveFromReadings(raw: CurveReadings): { curve: CurveConstants; maxBiasPerUnit: bigint; epochDuration: bigint; warmup: bigint } {
  const parsed = CurveReadingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ChainRulesError(issue.path.join(".") || "readings", issue.message);
  }
  const r = parsed.data;
  const [C, L, Q] = r.coefficients;
  const maxTime = deriveMaxTime(C, L, Q, r.previewMaxBias, r.epochDuration);
  return {
    curve: assertCurve({ constant: C, linear: L, quadratic: Q, maxTime }),
    maxBiasPerUnit: r.previewMaxBias,
    epochDuration: r.epochDuration,
    warmup: r.warmupPeriod,
  };
}

// --- telling versions apart by code -------------------------------------------------------------

/** topic0 of events that only some versions emit (fact sheet section 2). */
export const VERSION_TOPICS = {
  SeasonStarted: "29f55245751b3bf251897141c5269f23f864bf2bb8608050dc476c5d49957fa8",
  SeasonDurationSet: "8b79357bbded4525816c574000640b6a76c6fde65db296427879fe3f24fe7906",
  Merged: "78ed2846b31baf196e1fe55d3f6a1b664b2cdeaf8b819a802686b60fb46652b8",
  Split6: "8b8b6927298ed4fe282857845b17c585b7e9ce8973e2e8a73a42160ad6559c9e",
  Split5: "4c6f4301c366fcacd61611cde4448f4799931df3d6d6451b67e5d065f7755794",
  ExitQueuedV2: "460083306a4276962e5dd7a78ea621f54849aba4d9015c31fc8c38438f5fd8e8",
  ExitCancelled: "a7e4b720b2c17a75dfec610520b527027159cbc45d887bf0d529d8d879e2814b",
  AddressVoted: "9597ca1d5e7730de0b0614eeeea16ce1a90d9798253c18b1b4941ae3d2d454ec",
} as const;

/** Function selectors that only some versions have or call. */
export const VERSION_SELECTORS = {
  /** `seasonTsAt(uint48)`: called by the Season curve. */
  seasonTsAt: "5c700184",
  /** `seasonGaugeVotes(uint16,address)`: the Season voters' per-season view. */
  seasonGaugeVotes: "b74a290e",
  /** `maxTime()`: the v1.2.0 linear curve's view. */
  maxTime: "22e67e71",
} as const;

const emits = (code: string, topic: string): boolean => code.includes(`7f${topic}`);
const has = (code: string, selector: string): boolean => code.includes(`63${selector}`);

/**
 * Names the version of a contract from its (implementation) bytecode.
 * @example classifyContract("clock", "0x…", null, "0x…7f29f55245…").variant // "ClockSeason"
 */
export function classifyContract(role: ContractRole, address: Hex, implementation: Hex | null, bytecode: string): ContractVariant {
  const code = bytecode.toLowerCase().replace(/^0x/, "");
  const base = { role, address, implementation };
  if (code.length === 0) return { ...base, variant: "no code", supported: false, note: "no contract at this address" };
  const T = VERSION_TOPICS;
  const S = VERSION_SELECTORS;
  switch (role) {
    case "escrow":
      if (emits(code, T.Merged) || emits(code, T.Split5) || emits(code, T.Split6)) {
        return { ...base, variant: "VotingEscrowIncreasing v1.2.0+", supported: false, note: "merge/split (Merged, Split) and delegation are not supported" };
      }
      return { ...base, variant: "VotingEscrowIncreasing v1.0.0", supported: true, note: "tokenId voting, no merge, split or delegation" };
    case "clock":
      if (emits(code, T.SeasonDurationSet)) {
        return { ...base, variant: "Clock v1.2.0 (draft)", supported: true, note: "seasons start when SeasonStarted says" };
      }
      if (emits(code, T.SeasonStarted)) {
        return { ...base, variant: "ClockSeason", supported: true, note: "SeasonStarted announces a start at the next weekly checkpoint" };
      }
      return { ...base, variant: "Clock v1.0.0", supported: true, note: "no seasons" };
    case "curve":
      if (has(code, S.maxTime)) {
        return { ...base, variant: "LinearIncreasingCurve v1.2.0+", supported: false, note: "points keyed by writtenTs and no warmup are not supported" };
      }
      if (has(code, S.seasonTsAt)) {
        return { ...base, variant: "QuadraticIncreasingCurveSeason", supported: true, note: "every lock restarts at 1x at a season start" };
      }
      return { ...base, variant: "QuadraticIncreasingEscrow v1.0.0", supported: true, note: "no season restart" };
    case "voter":
      if (emits(code, T.AddressVoted)) {
        return { ...base, variant: "AddressGaugeVoter v1.2.0+", supported: false, note: "votes per delegatee address are not supported" };
      }
      if (has(code, S.seasonGaugeVotes)) {
        return { ...base, variant: "SimpleGaugeVoterSeason", supported: true, note: "tallies per season; old-season votes stop counting" };
      }
      return { ...base, variant: "SimpleGaugeVoter v1.0.0", supported: true, note: "votes persist until reset" };
    case "queue":
      if (emits(code, T.ExitQueuedV2)) {
        return { ...base, variant: "DynamicExitQueue", supported: false, note: "ExitQueuedV2 and fees computed at exit time are not supported" };
      }
      if (emits(code, T.ExitCancelled)) {
        return { ...base, variant: "ExitQueue (with cancel)", supported: true, note: "an ExitCancelled event stops the indexer" };
      }
      return { ...base, variant: "ExitQueue v1.0.0", supported: true, note: "fixed exit date, fee at exit" };
  }
}

/** One line per contract, for the start-up log. */
export function describeRules(rules: ChainRules): string[] {
  const c = rules.curve;
  const weeks = Number(c.maxTime) / 604_800;
  const mult = Number((rules.maxBiasPerUnit * 1_000_000n) / WAD) / 1_000_000;
  return [
    ...rules.variants.map(
      (v) => `${v.role.padEnd(6)} ${v.address}${v.implementation ? ` (implementation ${v.implementation})` : ""}: ${v.variant}${v.supported ? "" : " [NOT SUPPORTED]"}, ${v.note}`,
    ),
    ...rules.voters.map((v) => `voter  ${v.address} from block ${v.fromBlock}${v.toBlock === null ? "" : ` to ${v.toBlock}`}`),
    `curve constants (${rules.source}): C=${c.constant} L=${c.linear} Q=${c.quadratic}, max ${mult}x after ${weeks} weeks; warmup ${rules.warmup} s; epoch ${rules.epochDuration} s`,
  ];
}

/** JSON form (bigints as decimal strings) for the environment and the build id. */
export function encodeChainRules(rules: ChainRules): string {
  return JSON.stringify(rules, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

const big = z.union([z.string().regex(/^-?\d+$/), z.number().int()]).transform((v) => BigInt(v));
const ChainRulesJsonSchema = z.object({
  curve: z.object({ constant: big, linear: big, quadratic: big, maxTime: big }),
  maxBiasPerUnit: big,
  epochDuration: big,
  warmup: big,
  source: z.enum(["chain", "config"]),
  variants: z.array(
    z.object({
      role: z.enum(["escrow", "clock", "curve", "voter", "queue"]),
      address: z.string().transform((s) => s as Hex),
      implementation: z.string().nullable().transform((s) => s as Hex | null),
      variant: z.string(),
      supported: z.boolean(),
      note: z.string(),
    }),
  ),
  voters: z.array(
    z.object({
      address: z.string().transform((s) => s as Hex),
      fromBlock: z.number().int(),
      toBlock: z.number().int().nullable(),
    }),
  ),
});

/** Parses {@link encodeChainRules}'s output. */
export function decodeChainRules(json: string): ChainRules {
  return ChainRulesJsonSchema.parse(JSON.parse(json));
}
