/**
 * Influence over emissions: who steers the gauges, how many of the eligible take part, how
 * persistent the voting power is, and how metrics move across season boundaries.
 */
import {
  InvalidAmountError,
  InvalidCountError,
  InvalidSeriesError,
  NegativeAmountError,
} from "./errors";
import { ratioToNumber } from "./ratio";

/** One vote: `amount` of voting power from `voter` on `gauge`. */
export interface GaugeVoteInput {
  voter: string;
  gauge: string;
  amount: bigint;
}

/** How concentrated the votes on one gauge are. */
export interface GaugeSteering {
  gauge: string;
  /** Sum of the votes on this gauge. */
  total: bigint;
  /** Voters with a positive amount on this gauge. */
  voters: number;
  /** Share of this gauge's total cast by its own top N voters (0 when total is 0). */
  topNShare: number;
  /** The voter with the most power on this gauge (null when total is 0). */
  topVoter: string | null;
  topVoterAmount: bigint;
  /** topVoterAmount / total (0 when total is 0). */
  topVoterShare: number;
}

/** A voter's aggregated power across all gauges. */
export interface VoterWeight {
  voter: string;
  amount: bigint;
  /** amount / total of all votes. */
  share: number;
}

/** Result of {@link emissionSteering}. */
export interface EmissionSteering {
  topN: number;
  /** Sum of all votes. */
  total: bigint;
  /** Per gauge, ordered by total descending, then gauge id ascending. */
  gauges: GaugeSteering[];
  /** The N voters with the most power over all gauges, largest first (positive amounts only). */
  topVoters: VoterWeight[];
  /** Share of all votes cast by `topVoters` (0 when total is 0). */
  topNShare: number;
  /** The gauge with the largest single-voter share, or null when no gauge has votes. */
  mostCaptured: { gauge: string; voter: string; share: number; total: bigint } | null;
}

/**
 * Who steers emissions. Votes are summed per (gauge, voter) and per voter; identifiers are
 * compared exactly as given (normalise address case first).
 *
 * Per gauge g with total T_g: topNShare = (sum of g's N largest voters) / T_g and the top
 * voter's share a_g / T_g. Overall: the share of Σ T_g cast by the N voters with the most
 * power summed over every gauge. `mostCaptured` is the gauge maximising a_g / T_g (exact
 * comparison a_g·T_h vs a_h·T_g; ties go to the larger total, then the smaller gauge id).
 * Voter ties are broken by identifier, ascending, so the result is deterministic. Shares are
 * exact bigint ratios rounded once; 0 when the denominator is 0.
 *
 * Reference: the top-k concentration ratio and the "largest single holder" share, applied
 * to gauge votes as in Curve-style vote-escrow emission steering.
 *
 * @throws InvalidCountError unless topN is a non-negative integer.
 * @throws InvalidAmountError | NegativeAmountError for a bad vote amount (names its index).
 * @example
 * emissionSteering([
 *   { voter: "a", gauge: "g1", amount: 6n },
 *   { voter: "b", gauge: "g1", amount: 2n },
 *   { voter: "b", gauge: "g2", amount: 2n },
 * ], 1);
 * // gauges: g1 {total 8n, topVoter "a", topVoterShare 0.75, topNShare 0.75},
 * //         g2 {total 2n, topVoter "b", topVoterShare 1}
 * // topVoters: [{voter "a", amount 6n, share 0.6}], topNShare 0.6
 * // mostCaptured: {gauge "g2", voter "b", share 1, total 2n}
 */
export function emissionSteering(votes: readonly GaugeVoteInput[], topN: number): EmissionSteering {
  if (!Number.isSafeInteger(topN) || topN < 0) {
    throw new InvalidCountError("topN", topN, "a non-negative integer");
  }
  const byGauge = new Map<string, Map<string, bigint>>();
  const byVoter = new Map<string, bigint>();
  let total = 0n;
  votes.forEach((vote, index) => {
    const amount = vote.amount;
    if (typeof amount !== "bigint") throw new InvalidAmountError(index, amount);
    if (amount < 0n) throw new NegativeAmountError(index, amount);
    let voters = byGauge.get(vote.gauge);
    if (!voters) byGauge.set(vote.gauge, (voters = new Map()));
    voters.set(vote.voter, (voters.get(vote.voter) ?? 0n) + amount);
    byVoter.set(vote.voter, (byVoter.get(vote.voter) ?? 0n) + amount);
    total += amount;
  });

  const gauges: GaugeSteering[] = [];
  for (const [gauge, voters] of byGauge) {
    const ranked = rank(voters);
    let gaugeTotal = 0n;
    for (const [, amount] of ranked) gaugeTotal += amount;
    let topSum = 0n;
    for (let i = 0; i < Math.min(topN, ranked.length); i++) topSum += ranked[i]![1];
    const top = gaugeTotal > 0n ? ranked[0]! : null;
    gauges.push({
      gauge,
      total: gaugeTotal,
      voters: ranked.filter(([, amount]) => amount > 0n).length,
      topNShare: share(topSum, gaugeTotal),
      topVoter: top ? top[0] : null,
      topVoterAmount: top ? top[1] : 0n,
      topVoterShare: top ? share(top[1], gaugeTotal) : 0,
    });
  }
  gauges.sort((a, b) => (a.total > b.total ? -1 : a.total < b.total ? 1 : compareIds(a.gauge, b.gauge)));

  const rankedVoters = rank(byVoter)
    .filter(([, amount]) => amount > 0n)
    .slice(0, topN);
  let topSum = 0n;
  for (const [, amount] of rankedVoters) topSum += amount;

  let best: GaugeSteering | null = null;
  for (const g of gauges) {
    if (g.total === 0n || g.topVoter === null) continue;
    if (best === null) {
      best = g;
      continue;
    }
    const lhs = g.topVoterAmount * best.total;
    const rhs = best.topVoterAmount * g.total;
    // gauges are already ordered by total desc, gauge id asc, so a tie keeps `best`.
    if (lhs > rhs) best = g;
  }

  return {
    topN,
    total,
    gauges,
    topVoters: rankedVoters.map(([voter, amount]) => ({ voter, amount, share: share(amount, total) })),
    topNShare: share(topSum, total),
    mostCaptured:
      best && best.topVoter !== null
        ? { gauge: best.gauge, voter: best.topVoter, share: best.topVoterShare, total: best.total }
        : null,
  };
}

/** Input of {@link participation}. */
export interface ParticipationInput {
  /** Voting power cast. */
  castPower: bigint;
  /** Voting power that could have been cast. */
  eligiblePower: bigint;
  /** Number of owners who voted. */
  voters: number;
  /** Number of owners who could have voted. */
  eligibleOwners: number;
}

/** Result of {@link participation}. */
export interface Participation {
  /** castPower / eligiblePower. */
  powerShare: number;
  /** voters / eligibleOwners. */
  voterShare: number;
}

/**
 * Turnout by power and by head count: castPower / eligiblePower and voters /
 * eligibleOwners, each 0 when its denominator is 0. The power share is an exact bigint ratio
 * rounded once. Values are not clamped: a share above 1 means the inputs were taken at
 * different moments (e.g. power grew after the eligibility snapshot) and is reported as is.
 *
 * Reference: voter turnout (votes cast / registered voters), plus its power-weighted form.
 *
 * @throws InvalidAmountError | NegativeAmountError for bad powers.
 * @throws InvalidCountError for a count that is not a non-negative integer.
 * @example
 * participation({ castPower: 30n, eligiblePower: 120n, voters: 3, eligibleOwners: 4 });
 * // { powerShare: 0.25, voterShare: 0.75 }
 */
export function participation(input: ParticipationInput): Participation {
  const { castPower, eligiblePower, voters, eligibleOwners } = input;
  checkPower("castPower", castPower);
  checkPower("eligiblePower", eligiblePower);
  checkCount("voters", voters);
  checkCount("eligibleOwners", eligibleOwners);
  return {
    powerShare: share(castPower, eligiblePower),
    voterShare: eligibleOwners === 0 ? 0 : voters / eligibleOwners,
  };
}

/** Result of {@link persistence}. */
export interface Persistence {
  /** How many previous epochs were used: min(k, previous.length). */
  kUsed: number;
  /** Current cast power in total (positive amounts). */
  currentPower: bigint;
  /** Current power of voters with amount > 0 in every one of the kUsed previous epochs. */
  persistentPower: bigint;
  /** Number of current voters (amount > 0). */
  currentVoters: number;
  /** Number of those who are persistent. */
  persistentVoters: number;
  /**
   * persistentPower / currentPower; 0 when no power is cast now; null when kUsed is 0
   * (no history to compare with).
   */
  share: number | null;
}

/**
 * Persistence of voting power: the share of this epoch's cast power that comes from voters
 * who also voted (amount > 0) in each of the previous k epochs.
 *
 *   share = Σ_{v persistent} current(v) / Σ_v current(v)
 *
 * `previous` is ordered most recent first. When fewer than k previous epochs exist the
 * ones that exist are used and `kUsed` says how many; with none (or k = 0) `share` is null.
 * Exact bigint ratio, rounded once.
 *
 * Reference: cohort retention (share of an activity from members active in each of the
 * preceding periods), weighted by power.
 *
 * @throws InvalidCountError unless k is a non-negative integer.
 * @throws InvalidAmountError | NegativeAmountError for a bad amount (names the voter).
 * @example
 * persistence(new Map([["a", 3n], ["b", 1n]]), [new Map([["a", 5n]]), new Map([["a", 1n], ["b", 1n]])], 2);
 * // a voted in both previous epochs, b missed the latest: { kUsed: 2, share: 0.75, ... }
 */
export function persistence(
  current: ReadonlyMap<string, bigint>,
  previous: readonly ReadonlyMap<string, bigint>[],
  k: number,
): Persistence {
  checkCount("k", k);
  const kUsed = Math.min(k, previous.length);
  const history = previous.slice(0, kUsed);
  history.forEach((epoch) => epoch.forEach((amount, voter) => checkPower(voter, amount)));
  let currentPower = 0n;
  let persistentPower = 0n;
  let currentVoters = 0;
  let persistentVoters = 0;
  for (const [voter, amount] of current) {
    checkPower(voter, amount);
    if (amount === 0n) continue;
    currentPower += amount;
    currentVoters++;
    if (kUsed > 0 && history.every((epoch) => (epoch.get(voter) ?? 0n) > 0n)) {
      persistentPower += amount;
      persistentVoters++;
    }
  }
  return {
    kUsed,
    currentPower,
    persistentPower,
    currentVoters,
    persistentVoters,
    share: kUsed === 0 ? null : share(persistentPower, currentPower),
  };
}

/** One observation of a per-epoch metric. */
export interface SeasonSample {
  epoch: number;
  season: number;
  value: number;
}

/** A season's stretch of a series. */
export interface SeasonPath {
  season: number;
  /** The season's observations, by epoch ascending. */
  path: { epoch: number; value: number }[];
  firstEpoch: number;
  lastEpoch: number;
  /** Value at the last epoch minus value at the first epoch of the season. */
  change: number;
  /** The season before this one in the series (null for the first). */
  previousSeason: number | null;
  /**
   * Value at this season's first epoch minus value at the previous season's last epoch:
   * the discontinuity a season reset causes. null for the first season in the series.
   */
  jump: number | null;
}

/**
 * Splits a per-epoch series into seasons and measures the jump at each season start:
 *
 *   jump(s) = value(first epoch of s) − value(last epoch of the season before s)
 *
 * The series may come in any order; it is sorted by epoch. Seasons must occupy consecutive
 * stretches of epochs (a season number never decreases as epochs increase); gaps in epochs
 * are allowed, and "the season before" is the previous season present in the series.
 *
 * Reference: a level-shift (structural break) at known change points, measured as the
 * first difference across the break.
 *
 * @throws InvalidSeriesError for a duplicate epoch, a non-integer epoch or season, or a
 *   season that decreases as epochs increase.
 * @example
 * seasonDrift([
 *   { epoch: 1, season: 1, value: 10 }, { epoch: 2, season: 1, value: 14 },
 *   { epoch: 3, season: 2, value: 4 },
 * ]);
 * // [{ season: 1, change: 4, jump: null, ... }, { season: 2, change: 0, jump: -10, previousSeason: 1, ... }]
 */
export function seasonDrift(series: readonly SeasonSample[]): SeasonPath[] {
  series.forEach((s, i) => {
    if (!Number.isSafeInteger(s.epoch)) throw new InvalidSeriesError(i, `epoch ${s.epoch} is not an integer`);
    if (!Number.isSafeInteger(s.season)) throw new InvalidSeriesError(i, `season ${s.season} is not an integer`);
  });
  const order = series.map((_, i) => i).sort((a, b) => series[a]!.epoch - series[b]!.epoch);
  const seasons: SeasonPath[] = [];
  let last: SeasonPath | undefined;
  for (let j = 0; j < order.length; j++) {
    const i = order[j]!;
    const { epoch, season, value } = series[i]!;
    if (j > 0) {
      const prev = series[order[j - 1]!]!;
      if (prev.epoch === epoch) throw new InvalidSeriesError(i, `duplicate epoch ${epoch}`);
      if (season < prev.season) {
        throw new InvalidSeriesError(i, `season ${season} at epoch ${epoch} follows season ${prev.season}`);
      }
    }
    if (!last || last.season !== season) {
      const previousEnd = last ? last.path[last.path.length - 1]!.value : null;
      last = {
        season,
        path: [],
        firstEpoch: epoch,
        lastEpoch: epoch,
        change: 0,
        previousSeason: last ? last.season : null,
        jump: previousEnd === null ? null : value - previousEnd,
      };
      seasons.push(last);
    }
    last.path.push({ epoch, value });
    last.lastEpoch = epoch;
    last.change = value - last.path[0]!.value;
  }
  return seasons;
}

/** Entries ordered by amount descending, then id ascending. */
function rank(amounts: ReadonlyMap<string, bigint>): [string, bigint][] {
  return [...amounts].sort((a, b) => (a[1] > b[1] ? -1 : a[1] < b[1] ? 1 : compareIds(a[0], b[0])));
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function share(part: bigint, whole: bigint): number {
  return whole === 0n ? 0 : ratioToNumber(part, whole);
}

function checkPower(name: string, value: bigint): void {
  if (typeof value !== "bigint") throw new InvalidAmountError(name, value);
  if (value < 0n) throw new NegativeAmountError(name, value);
}

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidCountError(name, value, "a non-negative integer");
  }
}
