/**
 * An in-memory AnalyticsStore for API unit tests: epochs 10 and 11 finalized, 12 closed (window
 * end passed, not finalized), 13 live (checkpoint inside its voting window).
 */
import { BEDROCK_8X_CURVE } from "../../src/domain/votingPower";
import type {
  AllocationRecord,
  AnalyticsStore,
  EpochRecord,
  Holding,
  LockRecord,
  MetricRecord,
  VoteRecord,
} from "../../src/api/queries/store";
import { sameVoteRow, voteKey, voteWindow } from "../../src/api/queries/liveVoteMirror";
import type { MetricScope } from "../../src/domain/scopes";

export const EPOCH = 1_209_600;
export const A = "0x" + "a".repeat(40);
export const B = "0x" + "b".repeat(40);
export const C = "0x" + "c".repeat(40);
export const D = "0x" + "d".repeat(40);
export const G1 = "0x" + "1".repeat(40);
export const G2 = "0x" + "2".repeat(40);
export const VAULT = G2;

const e18 = 10n ** 18n;

/** Stored snapshot populations per epoch. */
const storedVotes: Record<number, VoteRecord[]> = {
  10: [
    { tokenId: 1n, voter: A, gauge: G1, amount: 60n * e18 },
    { tokenId: 2n, voter: B, gauge: G1, amount: 20n * e18 },
    { tokenId: 2n, voter: B, gauge: G2, amount: 20n * e18 },
  ],
  11: [
    { tokenId: 1n, voter: A, gauge: G1, amount: 70n * e18 },
    { tokenId: 2n, voter: B, gauge: G2, amount: 40n * e18 },
    { tokenId: 3n, voter: C, gauge: G2, amount: 10n * e18 },
  ],
  12: [
    { tokenId: 1n, voter: A, gauge: G1, amount: 80n * e18 },
    { tokenId: 3n, voter: C, gauge: G1, amount: 10n * e18 },
    { tokenId: 3n, voter: C, gauge: G2, amount: 5n * e18 },
  ],
};
const storedPower: Record<number, Holding[]> = {
  10: [
    { owner: A, amount: 100n * e18 },
    { owner: B, amount: 50n * e18 },
  ],
  11: [
    { owner: A, amount: 120n * e18 },
    { owner: B, amount: 60n * e18 },
    { owner: C, amount: 20n * e18 },
  ],
  12: [
    { owner: A, amount: 130n * e18 },
    { owner: B, amount: 60n * e18 },
    { owner: C, amount: 30n * e18 },
  ],
};
const storedLocked: Record<number, Holding[]> = {
  10: [
    { owner: A, amount: 50n * e18 },
    { owner: B, amount: 25n * e18 },
  ],
  11: [
    { owner: A, amount: 50n * e18 },
    { owner: B, amount: 25n * e18 },
    { owner: C, amount: 10n * e18 },
  ],
  12: [
    { owner: A, amount: 50n * e18 },
    { owner: B, amount: 25n * e18 },
    { owner: C, amount: 10n * e18 },
  ],
};
const storedHoldings: Record<number, Holding[]> = {
  10: [
    { owner: A, amount: 5n * e18 },
    { owner: D, amount: 500n * e18 },
  ],
  11: [
    { owner: A, amount: 5n * e18 },
    { owner: D, amount: 400n * e18 },
  ],
  12: [
    { owner: A, amount: 5n * e18 },
    { owner: D, amount: 300n * e18 },
    { owner: B, amount: 1n * e18 },
  ],
};

function sumBy<T>(rows: T[], key: (r: T) => string, amount: (r: T) => bigint): Holding[] {
  const map = new Map<string, bigint>();
  for (const r of rows) map.set(key(r), (map.get(key(r)) ?? 0n) + amount(r));
  return [...map].map(([owner, amount]) => ({ owner, amount })).filter((h) => h.amount > 0n);
}

function amountsOf(epoch: number, scope: MetricScope, gauge: string): Holding[] {
  const votes = storedVotes[epoch] ?? [];
  switch (scope) {
    case "CAST_VOTES":
      return sumBy(votes, (v) => v.voter, (v) => v.amount);
    case "GAUGE_VOTERS":
      return sumBy(votes.filter((v) => v.gauge === gauge), (v) => v.voter, (v) => v.amount);
    case "GAUGES":
      return sumBy(votes, (v) => v.gauge, (v) => v.amount);
    case "ELIGIBLE_POWER":
      return storedPower[epoch] ?? [];
    case "LOCKED_BR":
      return storedLocked[epoch] ?? [];
    case "BR_HOLDINGS":
      return storedHoldings[epoch] ?? [];
  }
}

function epochRecord(id: number, finalized: boolean): EpochRecord {
  const votes = storedVotes[id] ?? [];
  return {
    id,
    startTs: id * EPOCH,
    endTs: (id + 1) * EPOCH,
    windowEnd: id * EPOCH + 604_800 - 3600,
    season: id >= 12 ? 2 : 1,
    finalized,
    eligiblePower: (storedPower[id] ?? []).reduce((a, h) => a + h.amount, 0n),
    castPower: votes.reduce((a, v) => a + v.amount, 0n),
    lockedBr: (storedLocked[id] ?? []).reduce((a, h) => a + h.amount, 0n),
    voters: new Set(votes.map((v) => v.voter)).size,
    eligibleOwners: (storedPower[id] ?? []).length,
    circulatingSupply: 1000n * e18,
  };
}

/**
 * Metric rows as the indexer would store them, worked out apart from the production code: from
 * the definitions in src/metrics (Gini ((n−1)S − 2ΣC_i)/(nS) over the ascending prefix sums C_i,
 * Nakamoto the fewest largest holding strictly more than t·S, HHI Σx²/S², Theil Σ s·ln(n·s),
 * entropy 1 − T/ln n, Palma (1 − L(0.9))/L(0.4) on the linear Lorenz curve) with exact fractions,
 * then rounded to doubles. The populations (largest first, in units of 1e18) end each line.
 * Epoch 11, for example: CAST_VOTES 70+40+10 gives Gini (2·120 − 2·(10+50))/360 = 1/3,
 * HHI 6600/14400 = 11/24 and Palma (1 − 99/120)/(18/120) = 7/6.
 */
const STORED_METRICS: MetricRecord[] = [
  { epoch: 10, scope: "CAST_VOTES", gauge: "", n: 2, total: 100n * e18, gini: 0.1, nakamoto33: 1, nakamoto50: 1, nakamoto66: 2, hhi: 0.52, effectiveN: 1.9230769230769231, theil: 0.020135513550688863, entropy: 0.9709505944546687, top1Share: 0.6, top5Share: 1.0, top10Share: 1.0, palma: 0.375 }, // 60+40
  { epoch: 10, scope: "ELIGIBLE_POWER", gauge: "", n: 2, total: 150n * e18, gini: 0.16666666666666666, nakamoto33: 1, nakamoto50: 1, nakamoto66: 2, hhi: 0.5555555555555556, effectiveN: 1.8, theil: 0.056633012265132426, entropy: 0.9182958340544896, top1Share: 0.6666666666666666, top5Share: 1.0, top10Share: 1.0, palma: 0.5 }, // 100+50
  { epoch: 10, scope: "LOCKED_BR", gauge: "", n: 2, total: 75n * e18, gini: 0.16666666666666666, nakamoto33: 1, nakamoto50: 1, nakamoto66: 2, hhi: 0.5555555555555556, effectiveN: 1.8, theil: 0.056633012265132426, entropy: 0.9182958340544896, top1Share: 0.6666666666666666, top5Share: 1.0, top10Share: 1.0, palma: 0.5 }, // 50+25
  { epoch: 10, scope: "BR_HOLDINGS", gauge: "", n: 2, total: 505n * e18, gini: 0.4900990099009901, nakamoto33: 1, nakamoto50: 1, nakamoto66: 1, hhi: 0.9803940790118616, effectiveN: 1.01999800019998, theil: 0.6376011052910535, entropy: 0.08013604733127522, top1Share: 0.9900990099009901, top5Share: 1.0, top10Share: 1.0, palma: 25.0 }, // 500+5
  { epoch: 10, scope: "GAUGES", gauge: "", n: 2, total: 100n * e18, gini: 0.3, nakamoto33: 1, nakamoto50: 1, nakamoto66: 1, hhi: 0.68, effectiveN: 1.4705882352941178, theil: 0.19274475702175753, entropy: 0.7219280948873622, top1Share: 0.8, top5Share: 1.0, top10Share: 1.0, palma: 1.0 }, // 80+20
  { epoch: 10, scope: "GAUGE_VOTERS", gauge: G1, n: 2, total: 80n * e18, gini: 0.25, nakamoto33: 1, nakamoto50: 1, nakamoto66: 1, hhi: 0.625, effectiveN: 1.6, theil: 0.13081203594113697, entropy: 0.8112781244591328, top1Share: 0.75, top5Share: 1.0, top10Share: 1.0, palma: 0.75 }, // 60+20
  { epoch: 10, scope: "GAUGE_VOTERS", gauge: G2, n: 1, total: 20n * e18, gini: 0.0, nakamoto33: 1, nakamoto50: 1, nakamoto66: 1, hhi: 1.0, effectiveN: 1.0, theil: 0.0, entropy: 0.0, top1Share: 1.0, top5Share: 1.0, top10Share: 1.0, palma: 0.25 }, // 20
  { epoch: 11, scope: "CAST_VOTES", gauge: "", n: 3, total: 120n * e18, gini: 0.3333333333333333, nakamoto33: 1, nakamoto50: 1, nakamoto66: 2, hhi: 0.4583333333333333, effectiveN: 2.1818181818181817, theil: 0.2109180128690057, entropy: 0.808014151084447, top1Share: 0.5833333333333334, top5Share: 1.0, top10Share: 1.0, palma: 1.1666666666666667 }, // 70+40+10
  { epoch: 11, scope: "ELIGIBLE_POWER", gauge: "", n: 3, total: 200n * e18, gini: 0.3333333333333333, nakamoto33: 1, nakamoto50: 1, nakamoto66: 2, hhi: 0.46, effectiveN: 2.1739130434782608, theil: 0.20066656381132986, entropy: 0.8173454221465102, top1Share: 0.6, top5Share: 1.0, top10Share: 1.0, palma: 1.125 }, // 120+60+20
  { epoch: 11, scope: "LOCKED_BR", gauge: "", n: 3, total: 85n * e18, gini: 0.3137254901960784, nakamoto33: 1, nakamoto50: 1, nakamoto66: 2, hhi: 0.4463667820069204, effectiveN: 2.24031007751938, theil: 0.17477158303723767, entropy: 0.8409160494198367, top1Share: 0.5882352941176471, top5Share: 1.0, top10Share: 1.0, palma: 1.0 }, // 50+25+10
  { epoch: 11, scope: "BR_HOLDINGS", gauge: "", n: 2, total: 405n * e18, gini: 0.4876543209876543, nakamoto33: 1, nakamoto50: 1, nakamoto66: 1, hhi: 0.9756134735558604, effectiveN: 1.0249960943602563, theil: 0.626625566306155, entropy: 0.0959704029958719, top1Share: 0.9876543209876543, top5Share: 1.0, top10Share: 1.0, palma: 20.0 }, // 400+5
  { epoch: 11, scope: "GAUGES", gauge: "", n: 2, total: 120n * e18, gini: 0.08333333333333333, nakamoto33: 1, nakamoto50: 1, nakamoto66: 2, hhi: 0.5138888888888888, effectiveN: 1.945945945945946, theil: 0.013953914568419643, entropy: 0.9798687566511527, top1Share: 0.5833333333333334, top5Share: 1.0, top10Share: 1.0, palma: 0.35 }, // 70+50
  { epoch: 11, scope: "GAUGE_VOTERS", gauge: G1, n: 1, total: 70n * e18, gini: 0.0, nakamoto33: 1, nakamoto50: 1, nakamoto66: 1, hhi: 1.0, effectiveN: 1.0, theil: 0.0, entropy: 0.0, top1Share: 1.0, top5Share: 1.0, top10Share: 1.0, palma: 0.25 }, // 70
  { epoch: 11, scope: "GAUGE_VOTERS", gauge: G2, n: 2, total: 50n * e18, gini: 0.3, nakamoto33: 1, nakamoto50: 1, nakamoto66: 1, hhi: 0.68, effectiveN: 1.4705882352941178, theil: 0.19274475702175753, entropy: 0.7219280948873622, top1Share: 0.8, top5Share: 1.0, top10Share: 1.0, palma: 1.0 }, // 40+10
  { epoch: 12, scope: "CAST_VOTES", gauge: "", n: 2, total: 95n * e18, gini: 0.34210526315789475, nakamoto33: 1, nakamoto50: 1, nakamoto66: 1, hhi: 0.7340720221606648, effectiveN: 1.3622641509433961, theil: 0.25698485517460107, entropy: 0.6292492238560345, top1Share: 0.8421052631578947, top5Share: 1.0, top10Share: 1.0, palma: 1.3333333333333333 }, // 80+15
  { epoch: 12, scope: "ELIGIBLE_POWER", gauge: "", n: 3, total: 220n * e18, gini: 0.30303030303030304, nakamoto33: 1, nakamoto50: 1, nakamoto66: 2, hhi: 0.44214876033057854, effectiveN: 2.2616822429906542, theil: 0.161694168417641, entropy: 0.8528196251894569, top1Share: 0.5909090909090909, top5Share: 1.0, top10Share: 1.0, palma: 0.9285714285714286 }, // 130+60+30
  { epoch: 12, scope: "LOCKED_BR", gauge: "", n: 3, total: 85n * e18, gini: 0.3137254901960784, nakamoto33: 1, nakamoto50: 1, nakamoto66: 2, hhi: 0.4463667820069204, effectiveN: 2.24031007751938, theil: 0.17477158303723767, entropy: 0.8409160494198367, top1Share: 0.5882352941176471, top5Share: 1.0, top10Share: 1.0, palma: 1.0 }, // 50+25+10
  { epoch: 12, scope: "BR_HOLDINGS", gauge: "", n: 3, total: 306n * e18, gini: 0.6514161220043573, nakamoto33: 1, nakamoto50: 1, nakamoto66: 1, hhi: 0.961446452219232, effectiveN: 1.040099526803368, theil: 0.9932687944249796, entropy: 0.09588778073003545, top1Share: 0.9803921568627451, top5Share: 1.0, top10Share: 1.0, palma: 45.0 }, // 300+5+1
  { epoch: 12, scope: "GAUGES", gauge: "", n: 2, total: 95n * e18, gini: 0.4473684210526316, nakamoto33: 1, nakamoto50: 1, nakamoto66: 1, hhi: 0.9002770083102493, effectiveN: 1.1107692307692307, theil: 0.4869551299267135, entropy: 0.2974722489192895, top1Share: 0.9473684210526315, top5Share: 1.0, top10Share: 1.0, palma: 4.5 }, // 90+5
  { epoch: 12, scope: "GAUGE_VOTERS", gauge: G1, n: 2, total: 90n * e18, gini: 0.3888888888888889, nakamoto33: 1, nakamoto50: 1, nakamoto66: 1, hhi: 0.8024691358024691, effectiveN: 1.2461538461538462, theil: 0.3443150847169134, entropy: 0.5032583347756456, top1Share: 0.8888888888888888, top5Share: 1.0, top10Share: 1.0, palma: 2.0 }, // 80+10
  { epoch: 12, scope: "GAUGE_VOTERS", gauge: G2, n: 1, total: 5n * e18, gini: 0.0, nakamoto33: 1, nakamoto50: 1, nakamoto66: 1, hhi: 1.0, effectiveN: 1.0, theil: 0.0, entropy: 0.0, top1Share: 1.0, top5Share: 1.0, top10Share: 1.0, palma: 0.25 }, // 5
];

/** Live state: epoch 13, season 2 started at epoch 12's start. */
export const LIVE_TS = 13 * EPOCH + 100_000;
const SEASON2 = 12 * EPOCH;
const lockAt = (tokenId: bigint, owner: string, amount: bigint, startEpoch: number): LockRecord => ({
  tokenId,
  owner,
  amount,
  startTs: BigInt(startEpoch * EPOCH),
  writtenTs: BigInt(startEpoch * EPOCH - 86_400), // deposited a day before the checkpoint
  status: "active",
  exitQueuedAt: null,
  exitCheckpointTs: null,
});
const liveLocks: LockRecord[] = [
  lockAt(1n, A, 50n * e18, 8),
  lockAt(2n, B, 25n * e18, 8),
  // queued at epoch 12, its exit checkpoint (13 * EPOCH) has passed: no power
  { ...lockAt(3n, C, 10n * e18, 11), status: "queued", exitQueuedAt: BigInt(13 * EPOCH - 1000), exitCheckpointTs: BigInt(13 * EPOCH) },
];
/** The escrow's voter, and a voter it replaced. */
export const VOTER = "0x" + "9".repeat(40);
const OLD_VOTER = "0x" + "8".repeat(40);
const liveVotes: (VoteRecord & { season: number; voterContract: string })[] = [
  { tokenId: 1n, voter: A, gauge: G1, amount: 90n * e18, season: 2, voterContract: VOTER },
  { tokenId: 2n, voter: B, gauge: G2, amount: 30n * e18, season: 2, voterContract: VOTER },
  { tokenId: 9n, voter: D, gauge: G2, amount: 99n * e18, season: 1, voterContract: VOTER },
  { tokenId: 8n, voter: D, gauge: G1, amount: 77n * e18, season: 2, voterContract: OLD_VOTER },
];

export const ALLOCATIONS: AllocationRecord[] = [
  {
    address: "0x" + "e".repeat(40),
    name: "team",
    beneficiary: A,
    start: BigInt(10 * EPOCH),
    cliff: BigInt(2 * EPOCH),
    duration: BigInt(10 * EPOCH),
    tgeBps: 1000,
    total: 1000n * e18,
    released: 100n * e18,
  },
];

export interface FakeStoreOptions {
  /** Checkpoint timestamp (default {@link LIVE_TS}). */
  ts?: number;
  block?: number;
}

export function createFakeStore(options: FakeStoreOptions = {}): AnalyticsStore & { calls: Record<string, number>; setBlock(n: number, ts?: number): void } {
  let block = options.block ?? 1000;
  let ts = options.ts ?? LIVE_TS;
  const calls: Record<string, number> = {};
  const count = (name: string) => {
    calls[name] = (calls[name] ?? 0) + 1;
  };
  const epochs = [epochRecord(10, true), epochRecord(11, true), epochRecord(12, false)];
  const metrics = STORED_METRICS;
  return {
    calls,
    setBlock(n, t) {
      block = n;
      if (t !== undefined) ts = t;
    },
    async checkpoint() {
      return { blockNumber: block, timestamp: ts, id: `${ts}/${block}` };
    },
    async indexerState() {
      return {
        lastClosedEpoch: 12,
        lastFinalizedEpoch: 11,
        firstEpoch: 10,
        seasonStarts: [0n, BigInt(SEASON2)],
        warmup: 259_200n,
        totalLocked: 85n * e18,
        brTotalSupply: 10_000n * e18,
      };
    },
    async epochs(from, to) {
      return epochs.filter((e) => (from === undefined || e.id >= from) && (to === undefined || e.id <= to));
    },
    async metrics(scope, gauge, from, to) {
      count("metrics");
      return metrics.filter(
        (m) => m.scope === scope && m.gauge === gauge && (from === undefined || m.epoch >= from) && (to === undefined || m.epoch <= to),
      );
    },
    async storedAmounts(epoch, scope, gauge) {
      count("storedAmounts");
      return amountsOf(epoch, scope, gauge);
    },
    async storedVotes(fromEpoch, toEpoch) {
      const out: (VoteRecord & { epoch: number })[] = [];
      for (let e = fromEpoch; e <= toEpoch; e++) for (const v of storedVotes[e] ?? []) out.push({ ...v, epoch: e });
      return out;
    },
    async storedGauges(epoch) {
      const votes = storedVotes[epoch] ?? [];
      return sumBy(votes, (v) => v.gauge, (v) => v.amount).map((h) => ({
        gauge: h.owner,
        votes: h.amount,
        voters: new Set(votes.filter((v) => v.gauge === h.owner).map((v) => v.voter)).size,
      }));
    },
    async liveLocks() {
      count("liveLocks");
      return liveLocks;
    },
    async standingVotes(fromBlock, held, check) {
      count("standingVotes");
      // every row written at block 1; the store's block is the latest, finalized and safe one
      const rows = liveVotes.map((v) => ({ ...v, block: 1 }));
      if (check !== undefined && fromBlock !== null) {
        return { bound: block, latest: block, rows: rows.filter((r) => r.block > check.upTo), gone: [], window: voteWindow(rows.filter((r) => r.block >= fromBlock)) };
      }
      const asked = new Map(held.map((h) => [voteKey(h), h]));
      const changed = (r: (typeof rows)[number]) => {
        const h = asked.get(voteKey(r));
        return h ? !sameVoteRow(r, h) : r.block >= fromBlock!;
      };
      return {
        bound: block,
        latest: block,
        rows: fromBlock === null ? rows : rows.filter(changed),
        gone: held.filter((h) => !rows.some((r) => voteKey(r) === voteKey(h))),
      };
    },
    async chainRules() {
      return { curve: BEDROCK_8X_CURVE, voters: [{ address: VOTER as `0x${string}`, fromBlock: 0, toBlock: null }] };
    },
    async liveHoldings() {
      return [
        { owner: A, amount: 7n * e18 },
        { owner: D, amount: 250n * e18 },
      ];
    },
    async gauges() {
      return [
        { address: G1, metadataURI: "ipfs://pool", active: true },
        { address: G2, metadataURI: "ipfs://vault", active: true },
      ];
    },
    async seasons() {
      return [
        { number: 1, startTs: 0, startEpoch: 0 },
        { number: 2, startTs: SEASON2, startEpoch: 12 },
      ];
    },
    async allocations() {
      return ALLOCATIONS;
    },
    async releases() {
      return [{ wallet: ALLOCATIONS[0]!.address, amount: 100n * e18, timestamp: 11 * EPOCH }];
    },
    async supplyPoints() {
      return [
        { epoch: 10, moment: "windowEnd", ts: 10 * EPOCH + 601_200, totalSupply: 10_000n * e18, circulatingSupply: 1000n * e18 },
        { epoch: 11, moment: "windowEnd", ts: 11 * EPOCH + 601_200, totalSupply: 10_000n * e18, circulatingSupply: 1100n * e18 },
      ];
    },
    async vaults() {
      return [{ address: VAULT, name: "brBTC Core", asset: D, gauge: VAULT, totalAssets: 5n * 10n ** 8n, totalShares: 5n * 10n ** 8n }];
    },
    async vaultEpochs(vault) {
      if (vault !== VAULT) return [];
      return [
        { epoch: 10, deposits: 10n ** 9n, withdrawals: 0n, tvlAtWindowEnd: 10n ** 9n, tvlAtEpochEnd: 10n ** 9n, votesAtWindowEnd: 20n * e18 },
        { epoch: 11, deposits: 0n, withdrawals: 0n, tvlAtWindowEnd: 10n ** 9n, tvlAtEpochEnd: 10n ** 9n, votesAtWindowEnd: 50n * e18 },
        { epoch: 12, deposits: 0n, withdrawals: 2n * 10n ** 8n, tvlAtWindowEnd: 8n * 10n ** 8n, tvlAtEpochEnd: null, votesAtWindowEnd: 5n * e18 },
        { epoch: 13, deposits: 0n, withdrawals: 0n, tvlAtWindowEnd: null, tvlAtEpochEnd: null, votesAtWindowEnd: null },
      ];
    },
  };
}
