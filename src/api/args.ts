/**
 * Zod schemas of the analytics API's arguments: the single source for argument validation
 * (GraphQL and REST), the TypeScript types of the arguments, and the OpenAPI parameters
 * (`src/api/openapi.ts` turns {@link ENDPOINTS} into JSON Schema with `z.toJSONSchema`). The
 * responses are in `views.ts`.
 *
 * Numbers arrive as strings in a REST query and as numbers from GraphQL; the argument schemas
 * coerce both. Addresses are accepted in any case and returned lowercase.
 */
import { z } from "zod";
import { METRIC_SCOPES, SCOPE_DESCRIPTIONS } from "../domain/scopes";
import { InvalidParameterError } from "./errors";

/** Largest epoch number accepted (year ~2400); keeps arithmetic in safe integers. */
export const MAX_EPOCH = 10_000;

/** Largest page size of a list. */
export const MAX_FIRST = 1000;

/** Largest number of Lorenz curve points. */
export const MAX_LORENZ_POINTS = 1001;

/** Largest number of points of an unlock schedule. */
export const MAX_SCHEDULE_POINTS = 2000;

/** An integer argument in [min, max]; accepts numbers and decimal strings. */
function integer(min: number, max: number) {
  const message = `must be an integer from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
}

/** An epoch number. */
export const epochNumber = integer(0, MAX_EPOCH).describe("epoch number: floor(unix seconds / 1209600)");

/** Unix seconds. */
export const unixSeconds = integer(0, 2 ** 40).describe("unix timestamp in seconds");

/** A 20-byte address, any case in, lowercase out. */
export const address = z
  .string({ error: "must be a 0x-prefixed 20-byte hex address" })
  .regex(/^0x[0-9a-fA-F]{40}$/, { error: "must be a 0x-prefixed 20-byte hex address (0x + 40 hex digits)" })
  .transform((s) => s.toLowerCase() as `0x${string}`)
  .describe("0x-prefixed 20-byte hex address");

/** Page size. */
export const first = integer(1, MAX_FIRST).describe(`page size, 1 to ${MAX_FIRST}`);

/** Opaque cursor from a previous page's `pageInfo.endCursor`. */
export const cursor = z
  .string()
  .max(200, { error: "must be a cursor returned by a previous page (too long)" })
  .describe("opaque cursor: pageInfo.endCursor of the previous page");

/** Populations over which concentration is measured (src/domain/scopes.ts). */
export const scope = z
  .enum(METRIC_SCOPES, { error: `must be one of ${METRIC_SCOPES.join(", ")}` })
  .describe(`population: ${METRIC_SCOPES.map((s) => `${s} (${SCOPE_DESCRIPTIONS[s]})`).join(", ")}`);

/** Response format of a list endpoint. */
export const format = z.enum(["json", "csv"], { error: "must be json or csv" }).default("json").describe("json (default) or csv");

/** A uint256 amount in base units as a decimal string. */
export const amount = z.string().regex(/^\d+$/).describe("amount in base units, decimal string");

/** A share in [0, 1]. */
export const share = z.number().min(0).describe("share in [0, 1]");

export const EpochsArgs = z.object({
  from: epochNumber.optional().describe("first epoch (inclusive)"),
  to: epochNumber.optional().describe("last epoch (inclusive)"),
});

const gaugeArg = address.optional().describe("gauge address (required for GAUGE_VOTERS, ignored otherwise)");

/** Whether a population is measured per address (default) or per entity (addresses grouped by the clustering). */
export const CONCENTRATION_BY = ["ADDRESS", "ENTITY"] as const;

export const concentrationBy = z
  .preprocess((v) => (typeof v === "string" ? v.toUpperCase() : v), z.enum(CONCENTRATION_BY, { error: "must be address or entity" }))
  .describe("address (default) or entity: the population grouped by entity");

export const ConcentrationArgs = z.object({
  epoch: epochNumber,
  scope,
  gauge: gaugeArg,
  by: concentrationBy.optional(),
  points: integer(2, MAX_LORENZ_POINTS).optional().describe("number of Lorenz curve points (omit: no curve in REST)"),
});

export const ConcentrationSeriesArgs = z.object({
  scope,
  fromEpoch: epochNumber.optional().describe("first epoch (inclusive)"),
  toEpoch: epochNumber.optional().describe("last epoch (inclusive)"),
  gauge: gaugeArg,
});

export const DistributionArgs = z.object({
  epoch: epochNumber,
  scope,
  gauge: gaugeArg,
  first: first.default(100),
  after: cursor.optional(),
});

export const InfluenceArgs = z.object({
  epoch: epochNumber,
  top: integer(1, 100).default(10).describe("how many top voters (1 to 100)"),
  k: integer(0, 52).default(3).describe("persistence window: previous epochs a voter must have voted in"),
});

export const GaugesArgs = z.object({ epoch: epochNumber });

export const SeasonsArgs = z.object({});

export const UnlockScheduleArgs = z.object({
  from: unixSeconds.optional().describe("first timestamp (default: earliest vesting start)"),
  to: unixSeconds.optional().describe("last timestamp (default: latest vesting end)"),
  step: integer(3600, 2 ** 32).default(1_209_600).describe("seconds between schedule points (default one epoch)"),
});

export const VaultsArgs = z.object({});

export const VaultTvlArgs = z.object({
  vault: address.describe("vault address"),
  fromEpoch: epochNumber.optional(),
  toEpoch: epochNumber.optional(),
  lag: integer(1, 26).default(2).describe("stickiness: epochs after a vote-share drop at which TVL is compared"),
  drop: z.coerce
    .number({ error: "must be a number in (0, 1]" })
    .gt(0, { error: "must be a number in (0, 1]" })
    .max(1, { error: "must be a number in (0, 1]" })
    .default(0.2)
    .describe("stickiness: relative fall of the gauge vote share that counts as a drop (0.2 = 20%)"),
});

export const AlertsArgs = z.object({
  since: unixSeconds.optional().describe("only alerts at or after this timestamp"),
  first: first.default(50),
});

/** `?format=` of REST list endpoints. */
export const FormatArgs = z.object({ format });

export const EntityArgs = z.object({
  id: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.string().regex(/^(e-[0-9a-f]{40}|0x[0-9a-f]{40})$/, "expected an entity id (e- and 40 hex digits) or an address"))
    .describe("entity id (e-…) or an address (its entity)"),
});

export const UpliftArgs = z.object({ epoch: epochNumber, scope, gauge: gaugeArg });

/** Largest block number accepted. */
export const MAX_BLOCK = 2 ** 48;

/** A block number. */
export const blockNumber = integer(0, MAX_BLOCK).describe("block number (state after the block, evaluated at its timestamp)");

/** A veNFT token id (decimal). */
export const tokenId = z
  .union([z.string(), z.number()], { error: "must be a decimal token id" })
  .transform((v) => String(v))
  .pipe(z.string().regex(/^\d{1,78}$/, { error: "must be a decimal token id (digits only)" }))
  .describe("veNFT token id, decimal");

/** The moment of a point-in-time query: a block, a timestamp, or neither (the latest indexed block). */
const moment = {
  block: blockNumber.optional(),
  timestamp: unixSeconds
    .optional()
    .describe("unix seconds: the state after every block at or before it, evaluated as a block at that time would"),
};

export const VotingPowerArgs = z.object({
  owner: address.optional().describe("account: Σ power of the veNFTs its wallet holds (= escrow votingPowerForAccount)"),
  tokenId: tokenId.optional().describe("one veNFT (= escrow votingPower(tokenId))"),
  ...moment,
});

export const BalanceArgs = z.object({
  address: address.describe("BR holder"),
  ...moment,
});

export const ACCOUNT_CSV_PARTS = ["locks", "transfers", "epochs", "votes", "ranks", "steering", "alerts"] as const;

export const AccountArgs = z.object({
  address: address.describe("account address"),
  transfers: integer(0, MAX_FIRST).default(100).describe(`latest BR transfers listed (0 to ${MAX_FIRST})`),
  epochs: integer(1, 520).default(104).describe("latest epochs in the per-epoch history (1 to 520)"),
  part: z
    .enum(ACCOUNT_CSV_PARTS, { error: `must be one of ${ACCOUNT_CSV_PARTS.join(", ")}` })
    .default("locks")
    .describe("which list `?format=csv` answers (JSON answers everything)"),
});

export const EXPORT_TABLE_NAMES = ["epoch", "epochLockPower", "epochVote", "epochGauge", "epochMetric", "epochHolding", "lockEvent"] as const;

export const ExportArgs = z.object({
  table: z.enum(EXPORT_TABLE_NAMES, { error: `must be one of ${EXPORT_TABLE_NAMES.join(", ")}` }).describe("table to export"),
  format: z.enum(["csv", "parquet"], { error: "must be csv or parquet" }).default("csv").describe("csv (default) or parquet"),
  fromEpoch: epochNumber.optional().describe("first epoch (inclusive; lockEvent: epoch of the event)"),
  toEpoch: epochNumber.optional().describe("last epoch (inclusive)"),
});

/**
 * Parses arguments with a schema and throws an {@link InvalidParameterError} naming the first
 * offending parameter and echoing its value.
 * @example parseArgs(DistributionArgs, { epoch: 3, scope: "CAST_VOTES", first: -1 }); // throws "invalid first: ..."
 */
export function parseArgs<S extends z.ZodType>(schema: S, input: Record<string, unknown>): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const parameter = issue.path.length > 0 ? issue.path.map(String).join(".") : "arguments";
  let message = issue.message;
  if (issue.code === "unrecognized_keys") {
    return failUnknown(issue.keys);
  }
  const given = issue.path.length > 0 ? input[String(issue.path[0])] : undefined;
  if (given === undefined && issue.path.length > 0) message = `is required: ${message}`;
  else if (given !== undefined) message += ` (got ${JSON.stringify(given)})`;
  throw new InvalidParameterError(parameter, message);
}

function failUnknown(keys: readonly string[]): never {
  throw new InvalidParameterError(keys[0] ?? "arguments", `unknown parameter ${keys.map((k) => JSON.stringify(k)).join(", ")}`);
}
