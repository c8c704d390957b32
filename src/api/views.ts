/**
 * Zod schemas of the analytics API's responses (JSON): the TypeScript types the queries return
 * and the OpenAPI response schemas. The arguments are in `args.ts`.
 */
import { z } from "zod";
import { CONCENTRATION_BY, amount, scope, share } from "./args";

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
