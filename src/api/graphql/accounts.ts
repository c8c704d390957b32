/**
 * GraphQL of the accounts queries: `account(address)`, `votingPower(owner | tokenId, block |
 * timestamp)` and `balance(address, block | timestamp)`. Merged into the analytics schema by
 * `graphql.ts`; arguments validated with the zod schemas of `args.ts`.
 */
import type { Analytics } from "../queries/analytics";
import { AccountArgs, BalanceArgs, VotingPowerArgs, parseArgs } from "../args";

export const accountTypeDefs = /* GraphQL */ `
"""A point on a lock's power curve ahead."""
type CurvePoint {
  ts: Int!
  power: String!
}

"""One lock of an account. Amounts are decimal strings of base units."""
type AccountLock {
  tokenId: String!
  amount: String!
  "lock start: the weekly checkpoint after the deposit"
  startTs: Int!
  "deposit time: the warmup counts from here"
  writtenTs: Int!
  "active, queued or exited"
  status: String!
  "the veNFT is in this wallet now (a queued lock is held by the escrow)"
  held: Boolean!
  warm: Boolean!
  "voting power at the latest indexed block"
  power: String!
  exitQueuedAt: Int
  "power is 0 from here on"
  exitCheckpointTs: Int
  "earliest withdraw (strictly after)"
  exitDate: Int
  exitedAt: Int
  fee: String
  returned: String
  "power ahead, as a block at each time would see it, until the cap or the exit (known seasons only)"
  curve: [CurvePoint!]!
}

type AccountTransfer {
  blockNumber: Int!
  timestamp: Int!
  txHash: String!
  from: String!
  to: String!
  value: String!
  "in, out or self"
  direction: String!
  balanceAfter: String!
}

type AccountVesting {
  name: String!
  wallet: String!
  beneficiary: String!
  "beneficiary or wallet"
  role: String!
  total: String!
  released: String!
  vested: String!
  start: Int!
  cliff: Int!
  duration: Int!
}

type AccountEpochVote {
  gauge: String!
  amount: String!
}

type AccountEpoch {
  epoch: Int!
  live: Boolean!
  eligiblePower: String!
  lockedBr: String!
  locks: Int!
  castVotes: String!
  votes: [AccountEpochVote!]!
}

type AccountRank {
  epoch: Int!
  scope: Scope!
  gauge: String
  amount: String!
  "1-based, amount descending then owner ascending"
  rank: Int!
  "participants with amount > 0"
  of: Int!
  share: Float!
  "share of participants ranked below"
  percentile: Float!
}

type AccountGaugeSteering {
  gauge: String!
  amount: String!
  gaugeTotal: String!
  "this account's share of the gauge's votes"
  share: Float!
}

type AccountSteering {
  castVotes: String!
  allVotes: String!
  share: Float!
  gauges: [AccountGaugeSteering!]!
}

type BlockMoment {
  block: Int!
  timestamp: Int!
}

"""Everything about one address at the latest indexed block."""
type Account {
  address: String!
  asOf: BlockMoment!
  "false: nothing in the index names this address (every list is empty)"
  known: Boolean!
  note: String
  label: String
  brBalance: String!
  transferCount: Int!
  "latest BR transfers, newest first"
  transfers: [AccountTransfer!]!
  vesting: [AccountVesting!]!
  "voting power now (= escrow votingPowerForAccount)"
  power: String!
  locks: [AccountLock!]!
  "per epoch, newest first"
  epochs: [AccountEpoch!]!
  latestEpoch: Int
  ranks: [AccountRank!]!
  steering: AccountSteering!
  alerts: [Alert!]!
}

type LockPowerAt {
  tokenId: String!
  "notMinted, active, queued or exited at the moment"
  standing: String!
  holder: String
  "part of the total"
  counted: Boolean!
  warm: Boolean!
  power: String!
}

"""Voting power as the chain's views answer at a block (or as a block at a timestamp would)."""
type VotingPower {
  owner: String
  tokenId: String
  block: Int
  timestamp: Int!
  power: String!
  warmup: Int!
  season: Int!
  tokens: [LockPowerAt!]!
}

type Balance {
  address: String!
  block: Int
  timestamp: Int!
  balance: String!
}

extend type Query {
  "everything about one address: balance, locks and their curves, per-epoch power and votes, ranks, steering, alerts"
  account(address: String!, transfers: Int = 100, epochs: Int = 104): Account!
  "voting power of an owner (its wallet's veNFTs) or of one token at a block or a timestamp (default: the latest indexed block)"
  votingPower(owner: String, tokenId: String, block: Int, timestamp: Int): VotingPower!
  "BR balance at a block or a timestamp (default: the latest indexed block)"
  balance(address: String!, block: Int, timestamp: Int): Balance!
}
`;

function clean(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (v !== null) out[k] = v;
  return out;
}

/** Query resolvers of the accounts queries. */
export function accountResolvers(analytics: Analytics) {
  return {
    account: async (_: unknown, args: Record<string, unknown>) => {
      const view = await analytics.account(parseArgs(AccountArgs, clean(args)));
      return {
        ...view,
        alerts: view.alerts.map((a) => ({ ...a, details: Object.entries(a.details).map(([key, value]) => ({ key, value: String(value) })) })),
      };
    },
    votingPower: (_: unknown, args: Record<string, unknown>) => analytics.votingPower(parseArgs(VotingPowerArgs, clean(args))),
    balance: (_: unknown, args: Record<string, unknown>) => analytics.balance(parseArgs(BalanceArgs, clean(args))),
  };
}
