/**
 * The epoch snapshot as a pure function of the live state at a window end: lock powers, the
 * epoch's vote allocation, gauge totals, holdings, supply breakdown and the populations whose
 * concentration is measured. The indexer reads the live tables, calls {@link buildWindowSnapshot}
 * and writes the result; tests call it with hand-made rows.
 */
import { type ConcentrationMetrics, computeConcentration } from "../metrics/index";
import type { MetricScope } from "./scopes";
import type { AccountLabel, Hex } from "../config/profile";
import { type CurveEvaluation, powersAt } from "./votingPower";
import { type VestingAllocationRow, vestedUnreleased } from "./vesting";
import { VoteTally, type VoterSum } from "./voteTally";

export type LockStatus = "active" | "queued" | "exited";

export interface LockRow {
  tokenId: bigint;
  owner: Hex;
  amount: bigint;
  /** The deposit point's checkpoint. */
  startTs: bigint;
  /** The deposit's block time (warmup start). */
  writtenTs: bigint;
  status: LockStatus;
  /** The exit's zero point (the weekly checkpoint after `beginWithdrawal`), null if never queued. */
  exitCheckpointTs: bigint | null;
}

export interface StandingVoteRow {
  tokenId: bigint;
  gauge: Hex;
  voter: Hex;
  amount: bigint;
  season: number;
  /** The voter contract holding the vote. */
  voterContract: Hex;
}

export interface HoldingRow {
  address: Hex;
  brBalance: bigint;
  label: AccountLabel | null;
}

/** The columns of a vesting allocation the snapshot reads. */
export type VestingRow = Pick<VestingAllocationRow, "start" | "cliff" | "duration" | "tgeBps" | "total" | "released"> & { address: Hex };

export type { MetricScope };

/** Labels whose balances are not circulating. */
export const NON_CIRCULATING_LABELS: readonly AccountLabel[] = ["vesting", "contract", "burn"];

export interface SupplyBreakdown {
  /** BR minted minus burned to 0x0. */
  totalSupply: bigint;
  /** totalSupply minus balances labelled vesting, contract and burn. */
  circulatingSupply: bigint;
  /** Σ amounts of locks not exited (escrow `totalLocked`). */
  lockedSupply: bigint;
  /** BR in vesting wallets. */
  vestingBalance: bigint;
  /** Vested but unreleased at the moment. */
  vestedUnreleased: bigint;
  /** BR on exchange-labelled addresses. */
  exchangeBalance: bigint;
  /** BR on burn-labelled addresses. */
  burned: bigint;
}

/**
 * Supply breakdown at `ts` from the holdings (balance > 0 rows suffice), the vesting wallets and
 * the lock amounts.
 * @example supplyAt({ ts: 0n, totalSupply: 100n, holdings: [], vesting: [], lockedSupply: 0n }).circulatingSupply // 100n
 */
export function supplyAt(input: {
  ts: bigint;
  totalSupply: bigint;
  holdings: readonly HoldingRow[];
  vesting: readonly VestingRow[];
  lockedSupply: bigint;
}): SupplyBreakdown {
  let nonCirculating = 0n;
  let vestingBalance = 0n;
  let exchangeBalance = 0n;
  let burned = 0n;
  for (const h of input.holdings) {
    if (h.label !== null && NON_CIRCULATING_LABELS.includes(h.label)) nonCirculating += h.brBalance;
    if (h.label === "vesting") vestingBalance += h.brBalance;
    if (h.label === "exchange") exchangeBalance += h.brBalance;
    if (h.label === "burn") burned += h.brBalance;
  }
  let unreleased = 0n;
  for (const v of input.vesting) {
    unreleased += vestedUnreleased(
      { start: v.start, cliff: v.cliff, duration: v.duration, tgeBps: BigInt(v.tgeBps), total: v.total },
      input.ts,
      v.released,
    );
  }
  return {
    totalSupply: input.totalSupply,
    circulatingSupply: input.totalSupply - nonCirculating,
    lockedSupply: input.lockedSupply,
    vestingBalance,
    vestedUnreleased: unreleased,
    exchangeBalance,
    burned,
  };
}

export interface WindowSnapshotInput {
  epoch: number;
  /** The snapshot moment. */
  windowEnd: bigint;
  /** Season in force at `windowEnd`; standing votes of other seasons are left out. */
  season: number;
  /** The escrow's voter at `windowEnd`; votes held by another voter contract are left out (null: none counts). */
  voterContract: Hex | null;
  /** How the curve is evaluated: by a block at `windowEnd`, with the season starts and warmup then. */
  evaluation: CurveEvaluation;
  /** Live locks (exited ones are left out), in any order. */
  locks: Iterable<LockRow>;
  /** Standing votes, in any order, or their tally as the votes were written. */
  standingVotes: Iterable<StandingVoteRow> | VoteTally;
  /** Accounts (a zero balance is left out), in any order. */
  holdings: Iterable<HoldingRow>;
  vesting: readonly VestingRow[];
  totalSupply: bigint;
  /** Labels left out of BR_HOLDINGS. */
  holdingsExcludedLabels: readonly AccountLabel[];
}

export interface EpochTotals {
  eligiblePower: bigint;
  castPower: bigint;
  lockedBr: bigint;
  activeLocks: number;
  queuedLocks: number;
  eligibleLocks: number;
  eligibleOwners: number;
  voters: number;
  votingTokens: number;
  gaugesVoted: number;
  holders: number;
}

export interface MetricRow extends ConcentrationMetrics {
  scope: MetricScope;
  /** Gauge for GAUGE_VOTERS, '' otherwise. */
  gauge: string;
}

/**
 * A stored `epoch_metric` row: the one row type of the metrics, read by the API's store and (a
 * subset of its columns) by the alert rules.
 */
export interface StoredMetricRow extends MetricRow {
  epoch: number;
}

/**
 * A stored `epoch` row in the columns read after indexing: the one epoch row type. The API's
 * store hands it over with its times as numbers (`EpochRecord`), the alert rules read a Pick.
 * Times are block timestamps in seconds.
 */
export interface StoredEpochRow {
  id: number;
  startTs: bigint;
  endTs: bigint;
  /** Snapshot moment. */
  windowEnd: bigint;
  season: number;
  /** The chain passed the epoch end. */
  finalized: boolean;
  eligiblePower: bigint;
  castPower: bigint;
  lockedBr: bigint;
  voters: number;
  eligibleOwners: number;
  circulatingSupply: bigint;
}

export interface WindowSnapshot {
  gauges: { gauge: Hex; votes: bigint; voters: number; tokens: number }[];
  totals: EpochTotals;
  supply: SupplyBreakdown;
  metrics: MetricRow[];
}

const byKey = <T>(a: [string, T], b: [string, T]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** An owner's sums over its live locks. */
interface OwnerSums {
  locked: bigint;
  power: bigint;
}

/**
 * Builds epoch `epoch`'s snapshot from the live state just before its window end. The rows may
 * come in any order (the totals and metrics do not depend on it); gauges come out sorted.
 * Standing votes are unique per (token, gauge), as the table's key; the indexer passes their
 * {@link VoteTally}, kept as they were written, instead of the rows. Per lock, vote and holder
 * only sums are kept: the per-row values of an epoch are the views `epochLockPower`,
 * `epochVote` and `epochHolding`, read at query time. The sums sit in mutable entries of one
 * `Map` per population (one read and no write of the map per row: at 50,000 voters the maps'
 * writes were most of the time).
 */
export function buildWindowSnapshot(input: WindowSnapshotInput): WindowSnapshot {
  const powerOf = powersAt(input.windowEnd, input.evaluation);
  const owners = new Map<Hex, OwnerSums>();
  let eligiblePower = 0n;
  let lockedBr = 0n;
  let eligibleLocks = 0;
  let activeLocks = 0;
  let queuedLocks = 0;
  for (const l of input.locks) {
    if (l.status === "exited") continue;
    if (l.status === "active") activeLocks++;
    else queuedLocks++;
    let o = owners.get(l.owner);
    if (o === undefined) {
      o = { locked: 0n, power: 0n };
      owners.set(l.owner, o);
    }
    o.locked += l.amount;
    lockedBr += l.amount;
    const power = powerOf({ amount: l.amount, start: l.startTs, writtenTs: l.writtenTs, exitCheckpointTs: l.exitCheckpointTs });
    if (power > 0n) {
      o.power += power;
      eligiblePower += power;
      eligibleLocks++;
    }
  }
  const locked: bigint[] = [];
  const powers: bigint[] = [];
  for (const o of owners.values()) {
    locked.push(o.locked);
    if (o.power > 0n) powers.push(o.power);
  }

  // The votes' sums: those kept as the votes were written, or summed here from the rows.
  const votes = (input.standingVotes instanceof VoteTally ? input.standingVotes : VoteTally.of(input.standingVotes)).scope(input.season, input.voterContract);
  const castByVoter = votes?.voters ?? new Map<Hex, VoterSum>();
  const sums = (m: Map<Hex, VoterSum>): bigint[] => {
    const out: bigint[] = [];
    for (const e of m.values()) out.push(e.cast);
    return out;
  };
  const gaugeEntries = [...(votes?.gauges.entries() ?? [])].sort(byKey);
  const gauges = gaugeEntries.map(([gauge, g]) => ({
    gauge,
    votes: g.votes,
    voters: g.voters.size,
    tokens: g.tokens,
  }));

  const held: HoldingRow[] = [];
  const counted: bigint[] = [];
  for (const h of input.holdings) {
    if (h.brBalance <= 0n) continue;
    held.push(h);
    if (h.label === null || !input.holdingsExcludedLabels.includes(h.label)) counted.push(h.brBalance);
  }

  const metric = (scope: MetricScope, gauge: string, amounts: bigint[]): MetricRow => ({
    scope,
    gauge,
    ...computeConcentration(amounts),
  });
  const metrics: MetricRow[] = [
    metric("CAST_VOTES", "", sums(castByVoter)),
    metric("ELIGIBLE_POWER", "", powers),
    metric("LOCKED_BR", "", locked),
    metric("BR_HOLDINGS", "", counted),
    metric("GAUGES", "", gauges.map((g) => g.votes)),
    ...gaugeEntries.map(([gauge, g]) => metric("GAUGE_VOTERS", gauge, sums(g.voters))),
  ];

  return {
    gauges,
    totals: {
      eligiblePower,
      castPower: votes?.cast ?? 0n,
      lockedBr,
      activeLocks,
      queuedLocks,
      eligibleLocks,
      eligibleOwners: powers.length,
      voters: castByVoter.size,
      votingTokens: votes?.tokens.size ?? 0,
      gaugesVoted: gauges.length,
      holders: held.length,
    },
    supply: supplyAt({
      ts: input.windowEnd,
      totalSupply: input.totalSupply,
      holdings: held,
      vesting: input.vesting,
      lockedSupply: lockedBr,
    }),
    metrics,
  };
}
