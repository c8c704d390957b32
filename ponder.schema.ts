/**
 * ve-lens tables.
 *
 * Conventions
 * - Addresses are lowercase `hex`. Token amounts are `bigint` in base units (BR: 18 decimals,
 *   brBTC / BTCB: 8 decimals). Unix timestamps and block numbers are `bigint`; epoch and season
 *   numbers are `integer`.
 * - "Live" tables (`account`, `lock`, `standingVote`, `vault`, ...) hold the state after the
 *   latest indexed block. "Epoch" tables (`epoch*`, `vaultEpoch`, `supplyPoint`) are snapshots
 *   written when the chain passes a moment of an epoch and never change afterwards
 *   (except the `*AtEpochEnd` / `finalized` columns, written when the epoch ends). The rows per
 *   lock, vote and holder of an epoch (`epochLockPower`, `epochVote`, `epochHolding`) are views
 *   over the live rows and their `*Span` tables (states an epoch snapshot saw before a change):
 *   an epoch close writes no row per lock, vote or holder.
 * - An epoch's snapshot moment is its window end `windowEnd(e) = e*1209600 + 604800 - 3600`:
 *   the state just before the first block with `timestamp >= windowEnd(e)`.
 * - History tables (`brTransfer`, `voteEvent`, ...) use Ponder's `event.id` as key, which sorts
 *   in chain order.
 */
import { bigint, hex, index, integer, onchainEnum, onchainTable, onchainView, primaryKey, relations, sql } from "ponder";
import { METRIC_SCOPES, type MetricScope } from "./src/domain/scopes";

/** Label of an address (configuration): left out of holder concentration and circulating supply. */
export const accountLabel = onchainEnum("account_label", ["exchange", "vesting", "contract", "burn"]);

/**
 * Lifecycle of a veNFT lock. `queued`: `beginWithdrawal` was called (the NFT sits in the escrow, the
 * lock keeps its power until the next weekly checkpoint and stays in totalLocked until `withdraw`).
 */
export const lockStatus = onchainEnum("lock_status", ["active", "queued", "exited"]);

/** Kind of a gauge-voter history event. */
export const voteKind = onchainEnum("vote_kind", ["voted", "reset"]);

/** Kind of a vault history event. */
export const vaultEventKind = onchainEnum("vault_event_kind", ["deposit", "withdraw", "transfer"]);

/** Kind of a lock history event. */
export const lockEventKind = onchainEnum("lock_event_kind", ["deposit", "exitQueued", "exit", "withdraw", "transfer"]);

/**
 * Population over which an `epochMetric` row measures concentration.
 * - CAST_VOTES: standing votes of the current season at window end, per voter address
 *   (all tokens of one voter aggregated, all gauges summed).
 * - ELIGIBLE_POWER: voting power at window end per lock owner (owners with power > 0).
 * - LOCKED_BR: locked BR per owner, queued locks included (sums to `totalLocked`).
 * - BR_HOLDINGS: BR balance per holder at window end, excluded labels left out.
 * - GAUGE_VOTERS: one row per gauge: its votes per voter address.
 * - GAUGES: votes per gauge (how concentrated emissions steering is across gauges).
 */
export const metricScope = onchainEnum("metric_scope", [...METRIC_SCOPES] as [MetricScope, ...MetricScope[]]);

/** Moment of a supply snapshot. */
export const supplyMoment = onchainEnum("supply_moment", ["windowEnd", "epochEnd"]);

// ---------------------------------------------------------------------------------------------
// BR token
// ---------------------------------------------------------------------------------------------

/** Every address that ever held or sent BR, with its live balance. */
export const account = onchainTable(
  "account",
  (t) => ({
    /** Holder address. */
    address: t.hex().primaryKey(),
    /** Live BR balance (base units). */
    brBalance: t.bigint().notNull(),
    /** Configured label, null for an ordinary holder. */
    label: accountLabel(),
    /** Timestamp of the first BR transfer touching this address. */
    firstSeenTs: t.bigint().notNull(),
    /** Timestamp of the latest BR transfer touching this address. */
    updatedTs: t.bigint().notNull(),
    /**
     * First epoch whose window-end snapshot holds the live balance (`firstWindowAfter(updatedTs)`):
     * the balance of earlier window ends is on the transfers that replaced it (`brTransfer`'s
     * `senderHeld*` and `receiverHeld*` columns).
     */
    fromEpoch: t.integer().notNull(),
  }),
  (table) => ({
    balanceIdx: index().on(table.brBalance),
  }),
);

/**
 * BR `Transfer` history (mint: from = 0x0, burn: to = 0x0), with the balances each transfer
 * replaced that an epoch snapshot had seen (balance > 0): the sender's (`from`, `senderHeld*`) and
 * the receiver's (`to`, `receiverHeld*`), each held at the window ends of epochs
 * `…HeldFromEpoch..heldToEpoch`, null when no window end saw it (a transfer to oneself moves one
 * balance, the sender's). With the live `account` rows they give {@link epochHolding}. The
 * replaced balances are kept on the transfer that replaced them rather than in a table of their
 * own: one row and one store call per transfer instead of up to three.
 */
export const brTransfer = onchainTable(
  "br_transfer",
  (t) => ({
    /** Ponder event id (chain order). */
    id: t.text().primaryKey(),
    from: t.hex().notNull(),
    to: t.hex().notNull(),
    /** Amount (base units). */
    value: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    /** Epoch of `timestamp`. */
    epoch: t.integer().notNull(),
    txHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
    /** Last epoch (inclusive) whose window end saw a balance this transfer replaced: the epoch before its first window end. */
    heldToEpoch: t.integer(),
    /** First epoch whose window end saw the sender's replaced balance; null when none did. */
    senderHeldFromEpoch: t.integer(),
    senderHeldBalance: t.bigint(),
    senderHeldLabel: accountLabel(),
    /** First epoch whose window end saw the receiver's replaced balance; null when none did. */
    receiverHeldFromEpoch: t.integer(),
    receiverHeldBalance: t.bigint(),
    receiverHeldLabel: accountLabel(),
  }),
  (table) => ({
    fromIdx: index().on(table.from),
    toIdx: index().on(table.to),
    epochIdx: index().on(table.epoch),
    heldToEpochIdx: index().on(table.heldToEpoch),
  }),
);

// ---------------------------------------------------------------------------------------------
// Vesting
// ---------------------------------------------------------------------------------------------

/** One vesting wallet (configured schedule + indexed releases). */
export const vestingAllocation = onchainTable("vesting_allocation", (t) => ({
  /** Vesting wallet address. */
  address: t.hex().primaryKey(),
  /** Allocation name from configuration ("team", "investors", ...). */
  name: t.text().notNull(),
  beneficiary: t.hex().notNull(),
  /** Schedule start (unix s): TGE amount unlocks here. */
  start: t.bigint().notNull(),
  /** Cliff length (s) after `start`; linear vesting of the rest runs from start+cliff to start+duration. */
  cliff: t.bigint().notNull(),
  /** Total schedule length (s) after `start`. */
  duration: t.bigint().notNull(),
  /** Share of `total` unlocked at `start`, in basis points. */
  tgeBps: t.integer().notNull(),
  /** Live `balance + released` (the contract's total allocation). */
  total: t.bigint().notNull(),
  /** Live amount released to the beneficiary. */
  released: t.bigint().notNull(),
}));

/** `ERC20Released` history of the vesting wallets. */
export const vestingRelease = onchainTable(
  "vesting_release",
  (t) => ({
    id: t.text().primaryKey(),
    /** Vesting wallet address. */
    wallet: t.hex().notNull(),
    beneficiary: t.hex().notNull(),
    amount: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    epoch: t.integer().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    walletIdx: index().on(table.wallet),
  }),
);

// ---------------------------------------------------------------------------------------------
// Escrow (veNFT locks)
// ---------------------------------------------------------------------------------------------

/** One veNFT lock, live. */
export const lock = onchainTable(
  "lock",
  (t) => ({
    /** veNFT token id (from 1). */
    tokenId: t.bigint().primaryKey(),
    /**
     * Holder of the lock: the NFT owner; while queued for exit (NFT held by the escrow) and
     * after exit, the holder from `ExitQueued`.
     */
    owner: t.hex().notNull(),
    /** Locked BR (base units); kept after exit. */
    amount: t.bigint().notNull(),
    /** Lock start (`Deposit.startTs`, the weekly checkpoint after the deposit): curve time starts here (or at a later season start). */
    startTs: t.bigint().notNull(),
    /** Block time of the deposit (the curve point's `writtenTs`): the warmup counts from here. */
    writtenTs: t.bigint().notNull(),
    status: lockStatus().notNull(),
    /** Timestamp of `beginWithdrawal`, null if never queued. */
    exitQueuedAt: t.bigint(),
    /** The weekly checkpoint after `beginWithdrawal` (the curve's zero point): power 0 from here on; null if never queued. */
    exitCheckpointTs: t.bigint(),
    /** Earliest `withdraw` time from `ExitQueued`, null if never queued. */
    exitDate: t.bigint(),
    /** Timestamp of `withdraw`, null until exited. */
    exitedAt: t.bigint(),
    /** Exit fee paid to the queue (base units), null until exited. */
    fee: t.bigint(),
    /** BR returned to the holder (`amount - fee`), null until exited. */
    returned: t.bigint(),
    createdBlock: t.bigint().notNull(),
    /**
     * First epoch whose window-end snapshot holds the lock as it is now (owner, amount, points,
     * status): the lock as earlier window ends saw it is in `lockSpan`.
     */
    fromEpoch: t.integer().notNull(),
  }),
  (table) => ({
    ownerIdx: index().on(table.owner),
    statusIdx: index().on(table.status),
  }),
);

/**
 * An earlier state of a lock (not exited), held at the window ends of epochs
 * `fromEpoch..toEpoch`: written when an event changes a lock an epoch snapshot has seen. With
 * the live `lock` rows it gives {@link epochLockPower}.
 */
export const lockSpan = onchainTable(
  "lock_span",
  (t) => ({
    tokenId: t.bigint().notNull(),
    fromEpoch: t.integer().notNull(),
    /** Last epoch (inclusive) whose window end saw this state. */
    toEpoch: t.integer().notNull(),
    owner: t.hex().notNull(),
    amount: t.bigint().notNull(),
    startTs: t.bigint().notNull(),
    writtenTs: t.bigint().notNull(),
    status: lockStatus().notNull(),
    exitCheckpointTs: t.bigint(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.tokenId, table.fromEpoch] }),
    toEpochIdx: index().on(table.toEpoch),
    ownerIdx: index().on(table.owner),
  }),
);

/** Escrow / exit-queue / veNFT history per lock. */
export const lockEvent = onchainTable(
  "lock_event",
  (t) => ({
    id: t.text().primaryKey(),
    tokenId: t.bigint().notNull(),
    kind: lockEventKind().notNull(),
    /** deposit/withdraw: depositor; exitQueued: holder; transfer: new owner; exit: null. */
    account: t.hex(),
    /** deposit: value locked; withdraw: value returned; exit: fee; transfer: null. */
    amount: t.bigint(),
    /** Escrow `totalLocked` after the event (deposit/withdraw only). */
    totalLocked: t.bigint(),
    /** exitQueued: exit date. */
    exitDate: t.bigint(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    epoch: t.integer().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    tokenIdx: index().on(table.tokenId),
    epochIdx: index().on(table.epoch),
  }),
);

/**
 * Seasons announced by the clock's `SeasonStarted(seasonIndex, startTimestamp)`: curve time and
 * standing votes restart at `startTs` (the weekly checkpoint after the announcement), not at the
 * announcing block.
 */
export const season = onchainTable("season", (t) => ({
  /** Season index (1-based; season 0 is the implicit one from time 0). */
  number: t.integer().primaryKey(),
  /** Start timestamp announced by the event. */
  startTs: t.bigint().notNull(),
  /** Epoch containing `startTs`. */
  startEpoch: t.integer().notNull(),
  /** Block of `SeasonStarted` (the announcement). */
  startBlock: t.bigint().notNull(),
  /** Block time of the announcement. */
  announcedTs: t.bigint().notNull(),
}));

// ---------------------------------------------------------------------------------------------
// Gauge voting
// ---------------------------------------------------------------------------------------------

/** One gauge of the voter. A vault's gauge address is the vault's own address. */
export const gauge = onchainTable("gauge", (t) => ({
  address: t.hex().primaryKey(),
  creator: t.hex().notNull(),
  metadataURI: t.text().notNull(),
  active: t.boolean().notNull(),
  createdAt: t.bigint().notNull(),
  createdBlock: t.bigint().notNull(),
}));

/**
 * Live standing votes: one row per (token, gauge) ever voted. A vote counts when `amount > 0`,
 * `season` is the season in force and `voterContract` is the escrow's voter: `Reset` sets `amount`
 * to 0 (the row stays: a store delete costs a database round trip per event), votes of an earlier
 * season stop counting without any event (the rows keep their season), and so do the votes kept by
 * a voter contract the escrow replaced (`setVoter`).
 */
export const standingVote = onchainTable(
  "standing_vote",
  (t) => ({
    tokenId: t.bigint().notNull(),
    gauge: t.hex().notNull(),
    /** `msg.sender` of the vote (the NFT owner). */
    voter: t.hex().notNull(),
    /** Votes for the gauge (`votingPowerCastForGauge`), frozen at vote time; 0 after `Reset`. */
    amount: t.bigint().notNull(),
    /** Season in force at the vote (or reset): the clock's `currentSeasonIndex()` then. */
    season: t.integer().notNull(),
    /** The gauge-voter contract that holds the vote. */
    voterContract: t.hex().notNull(),
    /** Epoch of the vote (event's `epoch`). */
    epoch: t.integer().notNull(),
    /** Timestamp of the vote (or reset). */
    ts: t.bigint().notNull(),
    /** Block of the vote (or reset): the live API re-reads only rows written since the finalized block. */
    blockNumber: t.bigint().notNull(),
    /**
     * First epoch whose window-end snapshot holds this vote (`firstWindowAfter(ts)`): the vote
     * it replaced, if an earlier window end saw it, is on the event that replaced it (`voteEvent`'s
     * `replaced*` columns).
     */
    fromEpoch: t.integer().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.tokenId, table.gauge] }),
    gaugeIdx: index().on(table.gauge),
    voterIdx: index().on(table.voter),
    blockIdx: index().on(table.blockNumber),
  }),
);

/**
 * `Voted` / `Reset` history with every event field, and the standing vote each event replaced
 * when an epoch snapshot had seen it (amount > 0): that vote, held at the window ends of epochs
 * `replacedFromEpoch..replacedToEpoch` (null when no window end saw it). With the live
 * `standingVote` rows they give {@link epochVote}. The replaced vote is kept on the event that
 * replaced it rather than in a table of its own: one row and one store call per event instead
 * of two (about 9,600 of each in the `default` backfill).
 */
export const voteEvent = onchainTable(
  "vote_event",
  (t) => ({
    id: t.text().primaryKey(),
    kind: voteKind().notNull(),
    voter: t.hex().notNull(),
    gauge: t.hex().notNull(),
    /** Epoch from the event. */
    epoch: t.integer().notNull(),
    tokenId: t.bigint().notNull(),
    /** Voted: `votingPowerCastForGauge`; Reset: `votingPowerRemovedFromGauge`. */
    amount: t.bigint().notNull(),
    /** `totalVotingPowerInGauge` after the event. */
    totalInGauge: t.bigint().notNull(),
    /** `totalVotingPowerInContract` after the event. */
    totalInContract: t.bigint().notNull(),
    /** Event's `timestamp` field. */
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
    /** First epoch whose window end saw the vote this event replaced; null when none did. */
    replacedFromEpoch: t.integer(),
    /** Last epoch (inclusive) whose window end saw it: the epoch before this event's first window end. */
    replacedToEpoch: t.integer(),
    /** The replaced vote's `msg.sender`. */
    replacedVoter: t.hex(),
    /** The replaced vote's amount (> 0). */
    replacedAmount: t.bigint(),
    /** The season the replaced vote was cast in. */
    replacedSeason: t.integer(),
    /** The gauge-voter contract that held the replaced vote. */
    replacedVoterContract: t.hex(),
  }),
  (table) => ({
    epochIdx: index().on(table.epoch),
    gaugeIdx: index().on(table.gauge),
    tokenIdx: index().on(table.tokenId),
    voterIdx: index().on(table.voter),
    replacedToEpochIdx: index().on(table.replacedToEpoch),
  }),
);

// ---------------------------------------------------------------------------------------------
// Vaults
// ---------------------------------------------------------------------------------------------

/** One ERC-4626 brBTC vault, live. */
export const vault = onchainTable("vault", (t) => ({
  address: t.hex().primaryKey(),
  /** Name from configuration. */
  name: t.text().notNull(),
  /** Underlying asset (BTCB / MockBTC). */
  asset: t.hex().notNull(),
  /** Gauge steering incentives to this vault (the vault address itself). */
  gauge: t.hex().notNull(),
  /** Live asset balance of the vault (= `totalAssets()`), from asset `Transfer`s. */
  totalAssets: t.bigint().notNull(),
  /** Live share supply, from share mints/burns. */
  totalShares: t.bigint().notNull(),
}));

/** Vault `Deposit` / `Withdraw` / share `Transfer` (non mint/burn) history. */
export const vaultEvent = onchainTable(
  "vault_event",
  (t) => ({
    id: t.text().primaryKey(),
    vault: t.hex().notNull(),
    kind: vaultEventKind().notNull(),
    /** deposit/withdraw: `sender`; transfer: `from`. */
    sender: t.hex().notNull(),
    /** deposit/withdraw: `owner` of the shares; transfer: `to`. */
    owner: t.hex().notNull(),
    /** withdraw: `receiver` of the assets, otherwise null. */
    receiver: t.hex(),
    /** Assets moved (0 for transfer). */
    assets: t.bigint().notNull(),
    shares: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    epoch: t.integer().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    vaultIdx: index().on(table.vault),
    ownerIdx: index().on(table.owner),
    epochIdx: index().on(table.epoch),
  }),
);

/** Live share balance per (vault, owner). */
export const vaultPosition = onchainTable(
  "vault_position",
  (t) => ({
    vault: t.hex().notNull(),
    owner: t.hex().notNull(),
    shares: t.bigint().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.vault, table.owner] }),
    ownerIdx: index().on(table.owner),
  }),
);

/** Vault per epoch: flows during the epoch, TVL at window end and at epoch end. */
export const vaultEpoch = onchainTable(
  "vault_epoch",
  (t) => ({
    vault: t.hex().notNull(),
    epoch: t.integer().notNull(),
    /** Assets deposited during the epoch (by `Deposit` timestamp). */
    deposits: t.bigint().notNull(),
    /** Assets withdrawn during the epoch. */
    withdrawals: t.bigint().notNull(),
    depositCount: t.integer().notNull(),
    withdrawalCount: t.integer().notNull(),
    /** `totalAssets` at window end; null until the window closes. */
    tvlAtWindowEnd: t.bigint(),
    /** Share supply at window end. */
    sharesAtWindowEnd: t.bigint(),
    /** Gauge votes for the vault's gauge at window end (current season). */
    votesAtWindowEnd: t.bigint(),
    /** `totalAssets` at epoch end; null until the epoch is finalized. */
    tvlAtEpochEnd: t.bigint(),
    sharesAtEpochEnd: t.bigint(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.vault, table.epoch] }),
    epochIdx: index().on(table.epoch),
  }),
);

// ---------------------------------------------------------------------------------------------
// Deployment rules (before the epoch snapshots: `epochLockPower` evaluates the curve with them)
// ---------------------------------------------------------------------------------------------

/**
 * The deployment's rules as read from the chain at start-up (one row, id 0): the curve's constants
 * (`getCoefficients(1e18)`, the cap derived from `previewMaxBias(1e18)`), the clock's epoch length,
 * the warmup at start-up, and the version found at each contract.
 */
export const chainRules = onchainTable("chain_rules", (t) => ({
  id: t.integer().primaryKey(),
  /** C (1e18 fixed point). */
  curveConstant: t.bigint().notNull(),
  /** L (1e18 fixed point, per second). */
  curveLinear: t.bigint().notNull(),
  /** Q (1e18 fixed point, per second squared). */
  curveQuadratic: t.bigint().notNull(),
  /** Seconds after the anchor at which the curve stops growing. */
  maxTime: t.bigint().notNull(),
  /** `previewMaxBias(1e18)`. */
  maxBiasPerUnit: t.bigint().notNull(),
  epochDuration: t.bigint().notNull(),
  /** `warmupPeriod()` at start-up. */
  warmup: t.bigint().notNull(),
  /** `chain` or `config` (a chain whose curve cannot answer). */
  source: t.text().notNull(),
  /** JSON list of {role, address, implementation, variant, supported, note}. */
  variants: t.text().notNull(),
}));

// ---------------------------------------------------------------------------------------------
// Epoch snapshots
// ---------------------------------------------------------------------------------------------

/** One row per epoch whose window end the chain has passed (empty epochs included). */
export const epoch = onchainTable(
  "epoch",
  (t) => ({
    /** Epoch number: floor(ts / 1209600). */
    id: t.integer().primaryKey(),
    startTs: t.bigint().notNull(),
    /** Voting opens (start + 1 h). */
    windowStart: t.bigint().notNull(),
    /** Snapshot moment (start + 1 week - 1 h). */
    windowEnd: t.bigint().notNull(),
    /** Start of the next epoch. */
    endTs: t.bigint().notNull(),
    /** Season in force at window end (0 = none). */
    season: t.integer().notNull(),
    /** The escrow's gauge voter at window end (null when none): only its votes count. */
    voterContract: t.hex(),
    /** The curve's `warmupPeriod` in force at window end (s): `epochLockPower` evaluates the curve with it. */
    warmup: t.bigint().notNull(),
    /** Start of the season in force at window end (0 when none): the curve's anchor for older locks. */
    seasonAnchor: t.bigint().notNull(),
    /** Snapshot at window end written. Always true for stored rows. */
    closed: t.boolean().notNull(),
    /** First indexed block at/after window end (the snapshot is the state before it). */
    closedBlock: t.bigint().notNull(),
    /** The chain passed the epoch end (`tvlAtEpochEnd`, epoch-end supply point written). */
    finalized: t.boolean().notNull(),
    finalizedBlock: t.bigint(),
    /** Σ voting power at window end over all locks. */
    eligiblePower: t.bigint().notNull(),
    /** Σ standing votes of the current season at window end. */
    castPower: t.bigint().notNull(),
    /** Σ amount of locks not exited (= escrow `totalLocked`). */
    lockedBr: t.bigint().notNull(),
    activeLocks: t.integer().notNull(),
    queuedLocks: t.integer().notNull(),
    /** Locks with power > 0 at window end. */
    eligibleLocks: t.integer().notNull(),
    /** Distinct owners with power > 0 at window end. */
    eligibleOwners: t.integer().notNull(),
    /** Distinct voter addresses with standing votes. */
    voters: t.integer().notNull(),
    /** Distinct tokens with standing votes. */
    votingTokens: t.integer().notNull(),
    /** Gauges with standing votes. */
    gaugesVoted: t.integer().notNull(),
    /** BR minted minus burned (to 0x0). */
    totalSupply: t.bigint().notNull(),
    /** totalSupply minus balances labelled vesting, contract (escrow, queue, ...) and burn. */
    circulatingSupply: t.bigint().notNull(),
    /** BR held by the escrow contract(s). */
    lockedSupply: t.bigint().notNull(),
    /** BR still in vesting wallets. */
    vestingBalance: t.bigint().notNull(),
    /** Σ over vesting wallets of vested(windowEnd) - released: unlocked but not yet claimed. */
    vestedUnreleased: t.bigint().notNull(),
    /** BR on addresses labelled exchange. */
    exchangeBalance: t.bigint().notNull(),
    /** Holders with balance > 0 (labelled ones included). */
    holders: t.integer().notNull(),
  }),
  (table) => ({
    seasonIdx: index().on(table.season),
  }),
);

/**
 * `votingPowerAt` of a lock state (the columns of `lock` / `lockSpan`) at the window end of the
 * joined `epoch` row, in the curve's integer arithmetic as `src/domain/votingPower.ts` has it:
 * 0 before the start point, from the exit point on, or while warming up (`now` = the window end);
 * else `floor(A * (C + L*T + Q*T^2) / 1e18)` with `T = min(W - max(start, season anchor), maxTime)`.
 */
function powerAtWindowEnd(l: { amount: unknown; startTs: unknown; writtenTs: unknown; exitCheckpointTs: unknown }) {
  const W = epoch.windowEnd;
  const T = sql`LEAST(GREATEST(${W} - GREATEST(${l.startTs}, ${epoch.seasonAnchor}), 0), ${chainRules.maxTime})`;
  return sql`CASE
      WHEN ${l.amount} = 0 OR ${W} < ${l.startTs} THEN 0
      WHEN ${l.exitCheckpointTs} IS NOT NULL AND ${W} >= ${l.exitCheckpointTs} THEN 0
      WHEN NOT (${W} > ${l.writtenTs} + ${epoch.warmup}) THEN 0
      ELSE GREATEST(DIV(${l.amount} * ${chainRules.curveConstant} + ${l.amount} * ${chainRules.curveLinear} * ${T}
        + ${l.amount} * ${chainRules.curveQuadratic} * ${T} * ${T}, 1000000000000000000), 0)
    END`;
}

/**
 * Voting power of each lock (not exited) at an epoch's window end, for every closed epoch. A
 * view, not a table: an epoch close writes no row per lock. A lock's state at a window end is the
 * `lockSpan` covering that epoch, or the live `lock` row from its `fromEpoch` on; its power is
 * evaluated here with the epoch's warmup and season anchor and the curve in `chainRules` (joined
 * on its key, `id = 0`: a join without a condition made the planner expect as many rows as a
 * never-analyzed table of its size might hold, some 210 times the real count, and `/sql` refused
 * one epoch's read as too many rows). As a view it has no primary key: GraphQL pages it with
 * `limit` and `offset`.
 */
export const epochLockPower = onchainView("epoch_lock_power", {
  epoch: integer("epoch").notNull(),
  tokenId: bigint("token_id").notNull(),
  owner: hex("owner").notNull(),
  amount: bigint("amount").notNull(),
  /** `votingPowerAt(tokenId, windowEnd)`. */
  power: bigint("power").notNull(),
  status: lockStatus("status").notNull(),
}).as(
  sql`SELECT ${epoch.id} AS epoch, ${lockSpan.tokenId} AS token_id, ${lockSpan.owner} AS owner, ${lockSpan.amount} AS amount,
      ${powerAtWindowEnd(lockSpan)} AS power, ${lockSpan.status} AS status
    FROM ${epoch} JOIN ${lockSpan} ON ${lockSpan.fromEpoch} <= ${epoch.id} AND ${lockSpan.toEpoch} >= ${epoch.id}
      JOIN ${chainRules} ON ${chainRules.id} = 0
  UNION ALL
  SELECT ${epoch.id} AS epoch, ${lock.tokenId} AS token_id, ${lock.owner} AS owner, ${lock.amount} AS amount,
      ${powerAtWindowEnd(lock)} AS power, ${lock.status} AS status
    FROM ${epoch} JOIN ${lock} ON ${lock.fromEpoch} <= ${epoch.id} AND ${lock.status} <> 'exited'
      JOIN ${chainRules} ON ${chainRules.id} = 0`,
);

/**
 * Standing votes of the season in force at an epoch's window end (the epoch's allocation), for
 * every closed epoch. A view, not a table: an epoch close writes no row per vote. A token's vote
 * for a gauge at a window end is the vote a `voteEvent` replaced whose `replacedFromEpoch..
 * replacedToEpoch` covers that epoch, or the live `standingVote` row from its `fromEpoch` on,
 * counted when its amount is > 0 and its season and voter contract are the epoch's. As a view it
 * has no primary key: GraphQL pages it with `limit` and `offset`.
 */
export const epochVote = onchainView("epoch_vote", {
  epoch: integer("epoch").notNull(),
  tokenId: bigint("token_id").notNull(),
  gauge: hex("gauge").notNull(),
  voter: hex("voter").notNull(),
  /** Votes for the gauge (= voter contract `votes(tokenId, gauge)` just before window end). */
  amount: bigint("amount").notNull(),
}).as(
  sql`SELECT ${epoch.id} AS epoch, ${voteEvent.tokenId} AS token_id, ${voteEvent.gauge} AS gauge, ${voteEvent.replacedVoter} AS voter,
      ${voteEvent.replacedAmount} AS amount
    FROM ${epoch} JOIN ${voteEvent} ON ${voteEvent.replacedFromEpoch} <= ${epoch.id} AND ${voteEvent.replacedToEpoch} >= ${epoch.id}
      AND ${voteEvent.replacedSeason} = ${epoch.season} AND ${voteEvent.replacedVoterContract} = ${epoch.voterContract}
  UNION ALL
  SELECT ${epoch.id} AS epoch, ${standingVote.tokenId} AS token_id, ${standingVote.gauge} AS gauge, ${standingVote.voter} AS voter, ${standingVote.amount} AS amount
    FROM ${epoch} JOIN ${standingVote} ON ${standingVote.fromEpoch} <= ${epoch.id} AND ${standingVote.amount} > 0
      AND ${standingVote.season} = ${epoch.season} AND ${standingVote.voterContract} = ${epoch.voterContract}`,
);

/** Per gauge totals at an epoch's window end (gauges with votes). */
export const epochGauge = onchainTable(
  "epoch_gauge",
  (t) => ({
    epoch: t.integer().notNull(),
    gauge: t.hex().notNull(),
    /** Σ standing votes for the gauge. */
    votes: t.bigint().notNull(),
    /** Distinct voter addresses. */
    voters: t.integer().notNull(),
    /** Distinct tokens. */
    tokens: t.integer().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.epoch, table.gauge] }),
    gaugeIdx: index().on(table.gauge),
  }),
);

/**
 * BR balance of every holder (balance > 0) at an epoch's window end, for every closed epoch.
 * A view, not a table: an epoch close writes no row per holder. A holder's balance at a window
 * end is the balance a `brTransfer` replaced whose held epochs cover that epoch, or the live
 * `account` row from its `fromEpoch` on. As a view it has no primary key: GraphQL pages it with
 * `limit` and `offset`.
 */
export const epochHolding = onchainView("epoch_holding", {
  epoch: integer("epoch").notNull(),
  holder: hex("holder").notNull(),
  balance: bigint("balance").notNull(),
  label: accountLabel("label"),
}).as(
  sql`SELECT ${epoch.id} AS epoch, ${brTransfer.from} AS holder, ${brTransfer.senderHeldBalance} AS balance, ${brTransfer.senderHeldLabel} AS label
    FROM ${epoch} JOIN ${brTransfer} ON ${brTransfer.senderHeldFromEpoch} <= ${epoch.id} AND ${brTransfer.heldToEpoch} >= ${epoch.id}
  UNION ALL
  SELECT ${epoch.id} AS epoch, ${brTransfer.to} AS holder, ${brTransfer.receiverHeldBalance} AS balance, ${brTransfer.receiverHeldLabel} AS label
    FROM ${epoch} JOIN ${brTransfer} ON ${brTransfer.receiverHeldFromEpoch} <= ${epoch.id} AND ${brTransfer.heldToEpoch} >= ${epoch.id}
  UNION ALL
  SELECT ${epoch.id} AS epoch, ${account.address} AS holder, ${account.brBalance} AS balance, ${account.label} AS label
    FROM ${epoch} JOIN ${account} ON ${account.fromEpoch} <= ${epoch.id} AND ${account.brBalance} > 0`,
);

/** Concentration metrics (`computeConcentration`) per epoch, scope and gauge ('' when none). */
export const epochMetric = onchainTable(
  "epoch_metric",
  (t) => ({
    epoch: t.integer().notNull(),
    scope: metricScope().notNull(),
    /** Gauge address for GAUGE_VOTERS, '' otherwise. */
    gauge: t.text().notNull(),
    /** Number of participants (amount > 0). */
    n: t.integer().notNull(),
    /** Σ amounts. */
    total: t.bigint().notNull(),
    gini: t.doublePrecision().notNull(),
    /** Smallest number of participants holding > 33% / 50% / 66%. */
    nakamoto33: t.integer().notNull(),
    nakamoto50: t.integer().notNull(),
    nakamoto66: t.integer().notNull(),
    /** Herfindahl–Hirschman index on shares (0..1). */
    hhi: t.doublePrecision().notNull(),
    /** 1 / hhi. */
    effectiveN: t.doublePrecision().notNull(),
    theil: t.doublePrecision().notNull(),
    /** Shannon entropy of shares / ln(n), in [0, 1]. */
    entropy: t.doublePrecision().notNull(),
    top1Share: t.doublePrecision().notNull(),
    top5Share: t.doublePrecision().notNull(),
    top10Share: t.doublePrecision().notNull(),
    /** Share of top 10% / share of bottom 40%; null when undefined (bottom share 0). */
    palma: t.doublePrecision(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.epoch, table.scope, table.gauge] }),
    scopeIdx: index().on(table.scope, table.gauge),
  }),
);

/** BR supply breakdown at each window end and each epoch end. */
export const supplyPoint = onchainTable(
  "supply_point",
  (t) => ({
    epoch: t.integer().notNull(),
    moment: supplyMoment().notNull(),
    /** windowEnd(epoch) or epochStart(epoch + 1). */
    ts: t.bigint().notNull(),
    /** First indexed block at/after `ts`. */
    blockNumber: t.bigint().notNull(),
    totalSupply: t.bigint().notNull(),
    circulatingSupply: t.bigint().notNull(),
    lockedSupply: t.bigint().notNull(),
    vestingBalance: t.bigint().notNull(),
    vestedUnreleased: t.bigint().notNull(),
    exchangeBalance: t.bigint().notNull(),
    burned: t.bigint().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.epoch, table.moment] }),
  }),
);

/**
 * `WarmupSet(warmup)` history of the curve: the warmup in force at a block is the latest change at
 * or before it (before the first change, that change's `previous`).
 */
export const warmupChange = onchainTable("warmup_change", (t) => ({
  /** Ponder event id (chain order). */
  id: t.text().primaryKey(),
  /** The new `warmupPeriod` (s). */
  warmup: t.bigint().notNull(),
  /** `warmupPeriod()` just before this change (read at the previous block): the value before the first change. */
  previous: t.bigint().notNull(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** `Upgraded(implementation)` of the clock and curve proxies, with the version found. */
export const proxyUpgrade = onchainTable("proxy_upgrade", (t) => ({
  id: t.text().primaryKey(),
  /** `clock` or `curve`. */
  role: t.text().notNull(),
  proxy: t.hex().notNull(),
  implementation: t.hex().notNull(),
  variant: t.text().notNull(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** Singleton (id = 0): indexer bookkeeping and running totals. */
export const indexerState = onchainTable("indexer_state", (t) => ({
  id: t.integer().primaryKey(),
  /** Last epoch whose window-end snapshot is written (-1: none yet). */
  lastClosedEpoch: t.integer().notNull(),
  /** Last epoch marked finalized (-1: none yet). */
  lastFinalizedEpoch: t.integer().notNull(),
  /** Epoch of the first indexed block. */
  firstEpoch: t.integer().notNull(),
  /** Announced season starts (ascending, from the clock's `SeasonStarted`); season n starts at element n-1. */
  seasonStarts: t.bigint().array().notNull(),
  /** BR minted minus burned. */
  brTotalSupply: t.bigint().notNull(),
  /** Escrow `totalLocked` from the latest Deposit/Withdraw. */
  totalLocked: t.bigint().notNull(),
  /** Curve warmup (s) in force: `warmupPeriod()` read from the chain, then the latest `WarmupSet`. */
  warmup: t.bigint().notNull(),
  /** Block that created this row (the first indexed event). */
  firstBlock: t.bigint().notNull(),
}));

/**
 * Bookkeeping, not data: in `writes`, the blocks that wrote live `lock`, `standingVote` or
 * `account` rows so far, counted once per block by each process (one row, id 0). The indexer's
 * in-memory copy of those rows is used only while it has counted as many (src/indexing/liveRows.ts);
 * Ponder reverts this row with the others. Only its changes within one process matter. A count
 * is history, not content: no self-check can verify it, a restart inside a block counts that block
 * again, and a torn write on PGlite (`kill -9`) could leave it differing from an uninterrupted
 * run's, so the reliability suite's content comparisons leave this table out (no number is
 * computed from it).
 */
export const liveWriteCount = onchainTable("live_write_count", (t) => ({
  id: t.integer().primaryKey(),
  writes: t.bigint().notNull(),
}));

// ---------------------------------------------------------------------------------------------
// Entity evidence (the clustering itself runs at read time: src/entities/)
// ---------------------------------------------------------------------------------------------

/** Kind of an indexed entity fact: a lock paid by another address, or a veNFT moved between owners. */
export const entityEvidenceKind = onchainEnum("entity_evidence_kind", ["lockFor", "nftTransfer"]);

/**
 * Facts that tie two addresses together, written per event: `lockFor` when a Deposit's
 * depositor (the veNFT recipient) is not the transaction's sender (`createLockFor`, the sender
 * paid), `nftTransfer` for a veNFT transfer between two holders (mints, burns and the move into
 * the escrow at exit are left out). Funding and copy-voting links are derived from `brTransfer`,
 * `lockEvent` and `voteEvent` when the API clusters.
 */
export const entityEvidence = onchainTable(
  "entity_evidence",
  (t) => ({
    id: t.text().primaryKey(),
    kind: entityEvidenceKind().notNull(),
    /** lockFor: the transaction's sender (payer); nftTransfer: the previous holder. */
    from: t.hex().notNull(),
    /** lockFor: the depositor (veNFT recipient); nftTransfer: the new holder. */
    to: t.hex().notNull(),
    tokenId: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    fromIdx: index().on(table.from),
    toIdx: index().on(table.to),
  }),
);

// ---------------------------------------------------------------------------------------------
// Relations (GraphQL navigation)
// ---------------------------------------------------------------------------------------------

export const lockRelations = relations(lock, ({ many }) => ({
  votes: many(standingVote),
}));

export const standingVoteRelations = relations(standingVote, ({ one }) => ({
  lock: one(lock, { fields: [standingVote.tokenId], references: [lock.tokenId] }),
  gaugeRef: one(gauge, { fields: [standingVote.gauge], references: [gauge.address] }),
}));

export const gaugeRelations = relations(gauge, ({ many }) => ({
  standingVotes: many(standingVote),
  epochTotals: many(epochGauge),
}));

export const epochGaugeRelations = relations(epochGauge, ({ one }) => ({
  gaugeRef: one(gauge, { fields: [epochGauge.gauge], references: [gauge.address] }),
  epochRef: one(epoch, { fields: [epochGauge.epoch], references: [epoch.id] }),
}));

export const epochRelations = relations(epoch, ({ many }) => ({
  metrics: many(epochMetric),
  gauges: many(epochGauge),
}));

export const epochMetricRelations = relations(epochMetric, ({ one }) => ({
  epochRef: one(epoch, { fields: [epochMetric.epoch], references: [epoch.id] }),
}));
