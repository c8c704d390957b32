/**
 * Zod schemas of the analytics API: the single source for argument validation (GraphQL and
 * REST), the TypeScript types of arguments and responses, and the OpenAPI document
 * (`src/api/openapi.ts` turns {@link ENDPOINTS} into JSON Schema with `z.toJSONSchema`).
 *
 * Numbers arrive as strings in a REST query and as numbers from GraphQL; the argument schemas
 * coerce both. Addresses are accepted in any case and returned lowercase.
 */
import { z } from "zod";
import { METRIC_SCOPES, type MetricScope, SCOPE_DESCRIPTIONS } from "../domain/scopes.js";
import { InvalidParameterError } from "./errors.js";

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

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

/** Populations over which concentration is measured. */
export const SCOPES = METRIC_SCOPES;
export const scope = z
  .enum(SCOPES, { error: `must be one of ${SCOPES.join(", ")}` })
  .describe(`population: ${SCOPES.map((s) => `${s} (${SCOPE_DESCRIPTIONS[s]})`).join(", ")}`);
export type Scope = MetricScope;

/** Response format of a list endpoint. */
export const format = z.enum(["json", "csv"], { error: "must be json or csv" }).default("json").describe("json (default) or csv");

/** A uint256 amount in base units as a decimal string. */
export const amount = z.string().regex(/^\d+$/).describe("amount in base units, decimal string");
/** A share in [0, 1]. */
export const share = z.number().min(0).describe("share in [0, 1]");

// ---------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

export const EpochView = z.object({
  id: z.number().int(),
  startTs: z.number().int().describe("epoch start, unix seconds"),
  endTs: z.number().int().describe("next epoch start, unix seconds"),
  windowEnd: z.number().int().describe("snapshot moment: end of the voting window"),
  season: z.number().int().describe("season in force at the snapshot (0 = none)"),
  finalized: z.boolean().describe("the chain passed the epoch end: the row never changes again"),
  live: z.boolean().describe("computed from the latest indexed state (the snapshot moment has not passed)"),
  eligiblePower: amount,
  castPower: amount,
  participation: share.describe("castPower / eligiblePower"),
  voters: z.number().int().describe("distinct voter addresses with standing votes"),
  eligibleOwners: z.number().int(),
  lockedBr: amount,
  circulatingSupply: amount.nullable(),
});
export type EpochView = z.infer<typeof EpochView>;

export const LorenzPoint = z.object({ x: z.number(), y: z.number() });

export const ConcentrationView = z.object({
  epoch: z.number().int(),
  scope,
  gauge: z.string().nullable(),
  finalized: z.boolean(),
  live: z.boolean(),
  by: z.enum(CONCENTRATION_BY).optional().describe("ENTITY when grouped by entity"),
  n: z.number().int().describe("participants with amount > 0"),
  total: amount,
  gini: z.number(),
  nakamoto33: z.number().int(),
  nakamoto50: z.number().int(),
  nakamoto66: z.number().int(),
  hhi: z.number(),
  effectiveN: z.number(),
  theil: z.number(),
  entropy: z.number(),
  top1Share: share,
  top5Share: share,
  top10Share: share,
  palma: z.number().nullable(),
  lorenz: z.array(LorenzPoint).optional().describe("Lorenz curve (only when points is given)"),
});
export type ConcentrationView = z.infer<typeof ConcentrationView>;

// Entities ------------------------------------------------------------------------------------

export const EntityArgs = z.object({
  id: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.string().regex(/^(e-[0-9a-f]{40}|0x[0-9a-f]{40})$/, "expected an entity id (e- and 40 hex digits) or an address"))
    .describe("entity id (e-…) or an address (its entity)"),
});

export const UpliftArgs = z.object({ epoch: epochNumber, scope, gauge: gaugeArg });

export const EntityEvidenceView = z.object({
  kind: z.enum(["lockFor", "nftTransfer", "fundedLock", "copyVote", "label"]),
  txHash: z.string().nullable(),
  block: z.number().int().nullable(),
  confidence: z.number().min(0).max(1),
  other: z.string().describe("the other end of the link"),
});
export const EntityView = z.object({
  id: z.string().describe("e- and the smallest member address; an address in no entity answers itself as id"),
  name: z.string().nullable(),
  size: z.number().int(),
  members: z.array(z.object({ address: z.string(), evidence: z.array(EntityEvidenceView) })),
});
export type EntityView = z.infer<typeof EntityView>;

const Headline = z.object({ n: z.number().int(), nakamoto50: z.number().int(), gini: z.number(), top1Share: share });
export const UpliftView = z.object({
  epoch: z.number().int(),
  scope,
  gauge: z.string().nullable(),
  finalized: z.boolean(),
  address: Headline,
  entity: Headline,
  nakamotoDrop: z.number().int().describe("address Nakamoto-50 minus entity Nakamoto-50"),
  top1Uplift: z.number().describe("entity top-1 share minus address top-1 share"),
  giniUplift: z.number().describe("entity Gini minus address Gini"),
});
export type UpliftView = z.infer<typeof UpliftView>;

export const SeasonJump = z.object({
  season: z.number().int(),
  firstEpoch: z.number().int(),
  lastEpoch: z.number().int(),
  change: z.number(),
  jump: z.number().nullable().describe("gini at the season's first epoch minus gini at the previous season's last"),
});

export const ConcentrationSeriesView = z.object({
  scope,
  gauge: z.string().nullable(),
  points: z.array(ConcentrationView.extend({ season: z.number().int() })),
  seasons: z.array(SeasonJump).describe("Gini per season and its jump at each season start"),
});
export type ConcentrationSeriesView = z.infer<typeof ConcentrationSeriesView>;

export const DistributionRow = z.object({
  rank: z.number().int().describe("1-based rank by amount desc, then owner asc"),
  owner: z.string(),
  amount,
  share,
});
export const PageInfo = z.object({ endCursor: z.string().nullable(), hasNextPage: z.boolean() });
export const DistributionView = z.object({
  epoch: z.number().int(),
  scope,
  gauge: z.string().nullable(),
  finalized: z.boolean(),
  live: z.boolean(),
  total: amount,
  totalCount: z.number().int(),
  items: z.array(DistributionRow),
  pageInfo: PageInfo,
});
export type DistributionView = z.infer<typeof DistributionView>;

export const InfluenceView = z.object({
  epoch: z.number().int(),
  finalized: z.boolean(),
  live: z.boolean(),
  top: z.number().int(),
  total: amount.describe("sum of standing votes"),
  topShare: share.describe("share of all votes cast by the top voters"),
  topVoters: z.array(z.object({ voter: z.string(), amount, share })),
  gauges: z.array(
    z.object({
      gauge: z.string(),
      total: amount,
      voters: z.number().int(),
      topShare: share,
      topVoter: z.string().nullable(),
      topVoterAmount: amount,
      topVoterShare: share,
    }),
  ),
  mostCaptured: z.object({ gauge: z.string(), voter: z.string(), share, total: amount }).nullable(),
  participation: z.object({
    powerShare: z.number(),
    voterShare: z.number(),
    castPower: amount,
    eligiblePower: amount,
    voters: z.number().int(),
    eligibleOwners: z.number().int(),
  }),
  persistence: z.object({
    k: z.number().int(),
    kUsed: z.number().int(),
    share: z.number().nullable().describe("share of cast power from voters who voted in each of the previous kUsed epochs"),
    currentPower: amount,
    persistentPower: amount,
    currentVoters: z.number().int(),
    persistentVoters: z.number().int(),
  }),
});
export type InfluenceView = z.infer<typeof InfluenceView>;

export const GaugeView = z.object({
  epoch: z.number().int(),
  gauge: z.string(),
  metadataURI: z.string().nullable(),
  active: z.boolean().nullable(),
  vault: z.string().nullable().describe("vault address when the gauge belongs to a vault"),
  votes: amount,
  share: share.describe("votes / all votes of the epoch"),
  voters: z.number().int(),
});
export type GaugeView = z.infer<typeof GaugeView>;

export const SeasonView = z.object({
  number: z.number().int(),
  startTs: z.number().int(),
  startEpoch: z.number().int(),
  endTs: z.number().int().nullable().describe("start of the next season, null for the current one"),
});
export type SeasonView = z.infer<typeof SeasonView>;

export const UnlockPoint = z.object({
  ts: z.number().int(),
  projected: z.boolean().describe("true for points after the latest indexed block (from the vesting schedule)"),
  unlocked: amount.describe("vested amount over all allocations"),
  locked: amount.describe("still vesting"),
  percentUnlocked: z.number(),
  circulatingSupply: amount.nullable().describe("indexed circulating supply at the nearest past supply point"),
});
export const AllocationView = z.object({
  name: z.string(),
  address: z.string(),
  beneficiary: z.string(),
  start: z.number().int(),
  cliff: z.number().int(),
  duration: z.number().int(),
  tgeBps: z.number().int(),
  total: amount,
  released: amount,
  vested: amount.describe("vested at the latest indexed block"),
  percentUnlocked: z.number(),
  releases: z.array(z.object({ ts: z.number().int(), amount })),
});
export const UpcomingUnlock = z.object({
  ts: z.number().int(),
  allocation: z.string(),
  amount: amount.describe("newly vested between the previous schedule point and ts"),
});
export const UnlockScheduleView = z.object({
  asOf: z.number().int(),
  totalAllocated: amount,
  allocations: z.array(AllocationView),
  points: z.array(UnlockPoint),
  upcoming: z.array(UpcomingUnlock),
});
export type UnlockScheduleView = z.infer<typeof UnlockScheduleView>;

export const VaultView = z.object({
  address: z.string(),
  name: z.string(),
  asset: z.string(),
  gauge: z.string(),
  totalAssets: amount,
  totalShares: amount,
});
export type VaultView = z.infer<typeof VaultView>;

export const VaultTvlPoint = z.object({
  epoch: z.number().int(),
  finalized: z.boolean(),
  tvl: amount.nullable().describe("totalAssets at window end"),
  tvlAtEpochEnd: amount.nullable(),
  deposits: amount,
  withdrawals: amount,
  gaugeVotes: amount.nullable(),
  gaugeShare: z.number().nullable().describe("vault gauge votes / all votes at window end"),
});
export const StickinessEvent = z.object({
  epoch: z.number().int().describe("epoch whose vote share dropped"),
  shareBefore: z.number(),
  shareAfter: z.number(),
  tvlAtDrop: amount.describe("TVL at the window end of the drop epoch"),
  tvlAfterLag: amount.describe("TVL at the window end `lag` epochs later"),
  retained: z.number().describe("tvlAfterLag / tvlAtDrop"),
});
export const VaultTvlView = z.object({
  vault: z.string(),
  name: z.string(),
  lag: z.number().int(),
  drop: z.number(),
  stickiness: z
    .number()
    .nullable()
    .describe("mean TVL retained `lag` epochs after each drop of the gauge vote share; null when no drop"),
  events: z.array(StickinessEvent),
  points: z.array(VaultTvlPoint),
});
export type VaultTvlView = z.infer<typeof VaultTvlView>;

export const AlertView = z
  .object({
    id: z.string().describe("stable id: same condition, same id (provisional until the epoch is finalized)"),
    rule: z.string(),
    type: z.string(),
    severity: z.enum(["info", "warning", "critical"]),
    epoch: z.number().int(),
    season: z.number().int(),
    ts: z.number().int().describe("the epoch's window end"),
    subject: z.string().describe("'' for the whole epoch, else a gauge, vault or vesting wallet address"),
    provisional: z.boolean(),
    title: z.string(),
    message: z.string(),
    value: z.number(),
    threshold: z.number(),
    details: z.record(z.string(), z.union([z.string(), z.number()])),
  })
  .describe("an alert raised by the alert rules");
export type AlertView = z.infer<typeof AlertView>;

export const StatusView = z.object({
  block: z.number().int().nullable(),
  timestamp: z.number().int().nullable(),
  liveEpoch: z.number().int().nullable(),
  lastClosedEpoch: z.number().int().nullable(),
  lastFinalizedEpoch: z.number().int().nullable(),
});
export type StatusView = z.infer<typeof StatusView>;

// ---------------------------------------------------------------------------------------------
// Accounts, power at a moment, bulk export
// ---------------------------------------------------------------------------------------------

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

export const LockTokenView = z.object({
  tokenId: z.string(),
  standing: z.enum(["notMinted", "active", "queued", "exited"]).describe("where the lock stood at the moment"),
  holder: z.string().nullable().describe("wallet holding the veNFT then (null: in the exit queue, burned or not minted)"),
  counted: z.boolean().describe("part of `power` (held by the owner's wallet, or the token asked for)"),
  warm: z.boolean().describe("now > writtenTs + warmup at the moment"),
  power: amount,
});

export const VotingPowerView = z.object({
  owner: z.string().nullable(),
  tokenId: z.string().nullable(),
  block: z.number().int().nullable().describe("the block asked for (null when a timestamp was)"),
  timestamp: z.number().int().describe("evaluation time (the block's timestamp)"),
  power: amount.describe("= escrow votingPower(tokenId) / votingPowerForAccount(owner) at that block"),
  warmup: z.number().int().describe("the curve's warmup in force (s)"),
  season: z.number().int().describe("season in force (0 = none)"),
  tokens: z.array(LockTokenView),
});
export type VotingPowerView = z.infer<typeof VotingPowerView>;

export const BalanceView = z.object({
  address: z.string(),
  block: z.number().int().nullable(),
  timestamp: z.number().int(),
  balance: amount.describe("= BR balanceOf(address) at that block"),
});
export type BalanceView = z.infer<typeof BalanceView>;

export const CurvePoint = z.object({ ts: z.number().int(), power: amount });

export const AccountLockView = z.object({
  tokenId: z.string(),
  amount,
  startTs: z.number().int().describe("lock start (weekly checkpoint after the deposit)"),
  writtenTs: z.number().int().describe("deposit time (the warmup counts from here)"),
  status: z.enum(["active", "queued", "exited"]),
  held: z.boolean().describe("the veNFT is in this wallet now"),
  warm: z.boolean(),
  power: amount.describe("voting power at the latest indexed block"),
  exitQueuedAt: z.number().int().nullable(),
  exitCheckpointTs: z.number().int().nullable().describe("power is 0 from here on"),
  exitDate: z.number().int().nullable().describe("earliest withdraw (strictly after)"),
  exitedAt: z.number().int().nullable(),
  fee: amount.nullable(),
  returned: amount.nullable(),
  curve: z.array(CurvePoint).describe("power ahead, as a block at each time would see it, until the cap or the exit (known seasons only)"),
});

export const AccountTransferView = z.object({
  blockNumber: z.number().int(),
  timestamp: z.number().int(),
  txHash: z.string(),
  from: z.string(),
  to: z.string(),
  value: amount,
  direction: z.enum(["in", "out", "self"]),
  balanceAfter: amount,
});

export const AccountVestingView = z.object({
  name: z.string(),
  wallet: z.string(),
  beneficiary: z.string(),
  role: z.enum(["beneficiary", "wallet"]),
  total: amount,
  released: amount,
  vested: amount.describe("vested at the latest indexed block"),
  start: z.number().int(),
  cliff: z.number().int(),
  duration: z.number().int(),
});

export const AccountGaugeVote = z.object({
  gauge: z.string(),
  amount,
  gaugeTotal: amount,
  share: share.describe("this account's share of the gauge's votes (of the emissions it steers)"),
});

export const AccountEpochView = z.object({
  epoch: z.number().int(),
  live: z.boolean(),
  eligiblePower: amount.describe("Σ power of its locks at the window end (live: now)"),
  lockedBr: amount,
  locks: z.number().int(),
  castVotes: amount,
  votes: z.array(AccountGaugeVote.omit({ gaugeTotal: true, share: true })),
});

export const AccountRankView = z.object({
  epoch: z.number().int(),
  scope,
  gauge: z.string().nullable(),
  amount,
  rank: z.number().int().describe("1-based, amount descending then owner ascending"),
  of: z.number().int().describe("participants with amount > 0"),
  share: share.describe("amount / population total"),
  percentile: share.describe("share of participants ranked below this account"),
});

export const AccountView = z.object({
  address: z.string(),
  asOf: z.object({ block: z.number().int(), timestamp: z.number().int() }),
  known: z.boolean().describe("false: nothing in the index names this address (every list below is empty)"),
  note: z.string().nullable(),
  label: z.string().nullable(),
  brBalance: amount,
  transferCount: z.number().int(),
  transfers: z.array(AccountTransferView).describe("latest BR transfers, newest first"),
  vesting: z.array(AccountVestingView),
  power: amount.describe("voting power now (= escrow votingPowerForAccount)"),
  locks: z.array(AccountLockView),
  epochs: z.array(AccountEpochView).describe("per epoch, newest first"),
  latestEpoch: z.number().int().nullable().describe("epoch of ranks and steering (the live one, else the last closed)"),
  ranks: z.array(AccountRankView),
  steering: z.object({
    castVotes: amount,
    allVotes: amount,
    share: share.describe("its share of all cast votes"),
    gauges: z.array(AccountGaugeVote),
  }),
  alerts: z.array(AlertView),
});
export type AccountView = z.infer<typeof AccountView>;

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

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
