/**
 * An in-memory AnalyticsStore for API unit tests: epochs 10 and 11 finalized, 12 closed (window
 * end passed, not finalized), 13 live (checkpoint inside its voting window).
 */
import { BEDROCK_8X_CURVE } from "../../src/domain/votingPower";
import { computeConcentration } from "../../src/metrics/index.js";
import type {
  AllocationRecord,
  AnalyticsStore,
  EpochRecord,
  Holding,
  LockRecord,
  MetricRecord,
  StoredScope,
  VoteRecord,
} from "../../src/api/queries/store.js";

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

function amountsOf(epoch: number, scope: StoredScope, gauge: string): Holding[] {
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

/** Metric rows as the indexer would store them (computed with computeConcentration). */
function metricRows(): MetricRecord[] {
  const rows: MetricRecord[] = [];
  for (const epoch of [10, 11, 12]) {
    for (const scope of ["CAST_VOTES", "ELIGIBLE_POWER", "LOCKED_BR", "BR_HOLDINGS", "GAUGES"] as const) {
      rows.push({ epoch, scope, gauge: "", ...computeConcentration(amountsOf(epoch, scope, "").map((h) => h.amount)) });
    }
    for (const gauge of [G1, G2]) {
      const amounts = amountsOf(epoch, "GAUGE_VOTERS", gauge);
      if (amounts.length > 0) rows.push({ epoch, scope: "GAUGE_VOTERS", gauge, ...computeConcentration(amounts.map((h) => h.amount)) });
    }
  }
  return rows;
}

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
  const metrics = metricRows();
  return {
    calls,
    setBlock(n, t) {
      block = n;
      if (t !== undefined) ts = t;
    },
    async checkpoint() {
      return { blockNumber: block, timestamp: ts };
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
    async liveVotes(season, voterContract) {
      count("liveVotes");
      return liveVotes
        .filter((v) => v.season === season && v.voterContract === voterContract)
        .map(({ season: _s, voterContract: _c, ...v }) => v);
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
