/**
 * An in-memory HistoryStore matching test/api/fakeStore.ts: locks 1 (A), 2 (B, transferred to
 * C and back), 3 (C, queued for exit at 13·EPOCH − 1000), BR transfers of A, one WarmupSet, the
 * seasons of the fake store, and rows for the bulk export.
 */
import type {
  BrTransferRecord,
  ExportTable,
  HistoryStore,
  LockDetailRecord,
  LockEventRecord,
  Moment,
} from "../../src/api/queries/historyStore";
import { A, ALLOCATIONS, B, C, EPOCH, G1, G2, LIVE_TS } from "./fakeStore";

const e18 = 10n ** 18n;

/** Block → timestamp of the fake chain (head: block 1000 at LIVE_TS). */
export const BLOCK_TS: Record<number, number> = {
  50: 7 * EPOCH,
  100: 8 * EPOCH - 86_400,
  101: 8 * EPOCH - 86_400 + 10,
  150: 8 * EPOCH - 86_400 + 3600, // inside the warmup of locks 1 and 2
  200: 9 * EPOCH,
  250: 10 * EPOCH,
  260: 10 * EPOCH + 100,
  300: 11 * EPOCH - 86_400,
  850: 13 * EPOCH - 5000,
  900: 13 * EPOCH - 1000,
  950: 13 * EPOCH + 50,
  1000: LIVE_TS,
};

const lock = (tokenId: bigint, owner: string, amount: bigint, startEpoch: number, extra: Partial<LockDetailRecord> = {}): LockDetailRecord => ({
  tokenId,
  owner,
  amount,
  startTs: BigInt(startEpoch * EPOCH),
  writtenTs: BigInt(startEpoch * EPOCH - 86_400),
  status: "active",
  exitQueuedAt: null,
  exitCheckpointTs: null,
  exitDate: null,
  exitedAt: null,
  fee: null,
  returned: null,
  createdBlock: 100n,
  ...extra,
});

export const LOCKS: LockDetailRecord[] = [
  lock(1n, A, 50n * e18, 8),
  lock(2n, B, 25n * e18, 8),
  lock(3n, C, 10n * e18, 11, {
    status: "queued",
    exitQueuedAt: BigInt(13 * EPOCH - 1000),
    exitCheckpointTs: BigInt(13 * EPOCH),
    exitDate: BigInt(13 * EPOCH + 86_400),
    createdBlock: 300n,
  }),
];

const ev = (tokenId: bigint, kind: LockEventRecord["kind"], account: string | null, block: number, extra: Partial<LockEventRecord> = {}): LockEventRecord => ({
  tokenId,
  kind,
  account,
  amount: null,
  exitDate: null,
  blockNumber: block,
  timestamp: BLOCK_TS[block]!,
  id: `${block}-${tokenId}-${kind}`,
  ...extra,
});

export const LOCK_EVENTS: LockEventRecord[] = [
  ev(1n, "deposit", A, 100, { amount: 50n * e18 }),
  ev(2n, "deposit", B, 100, { amount: 25n * e18 }),
  ev(2n, "transfer", C, 200),
  ev(2n, "transfer", B, 250),
  ev(3n, "deposit", C, 300, { amount: 10n * e18 }),
  ev(3n, "exitQueued", C, 900, { exitDate: BigInt(13 * EPOCH + 86_400) }),
];

export const TRANSFERS: BrTransferRecord[] = [
  { blockNumber: 50, timestamp: BLOCK_TS[50]!, txHash: "0x01", logIndex: 0, from: "0x" + "0".repeat(40), to: A, value: 100n * e18 },
  { blockNumber: 100, timestamp: BLOCK_TS[100]!, txHash: "0x02", logIndex: 0, from: A, to: "0x" + "f".repeat(40), value: 50n * e18 },
  { blockNumber: 260, timestamp: BLOCK_TS[260]!, txHash: "0x03", logIndex: 0, from: B, to: A, value: 7n * e18 },
];

function happened(e: { blockNumber: number; timestamp: number }, at: Moment) {
  return at.block === null ? e.timestamp <= at.timestamp : e.blockNumber <= at.block;
}

/** Rows of the export tables. */
export const EXPORT_ROWS: Record<ExportTable, Record<string, unknown>[]> = {
  epoch: [10, 11, 12].map((id) => ({
    id,
    startTs: BigInt(id * EPOCH),
    windowStart: BigInt(id * EPOCH + 3600),
    windowEnd: BigInt(id * EPOCH + 601_200),
    endTs: BigInt((id + 1) * EPOCH),
    season: id >= 12 ? 2 : 1,
    voterContract: id === 10 ? null : "0x00000000000000000000000000000000000000f1",
    warmup: 3600n,
    seasonAnchor: BigInt(id >= 12 ? 12 * EPOCH : 10 * EPOCH),
    closed: true,
    closedBlock: BigInt(id * 10),
    finalized: id < 12,
    finalizedBlock: id < 12 ? BigInt(id * 10 + 5) : null,
    eligiblePower: 123n * e18 + 1n,
    castPower: 100n * e18,
    lockedBr: 85n * e18,
    activeLocks: 2,
    queuedLocks: 1,
    eligibleLocks: 2,
    eligibleOwners: 2,
    voters: 2,
    votingTokens: 2,
    gaugesVoted: 2,
    totalSupply: 10_000n * e18,
    circulatingSupply: 5000n * e18,
    lockedSupply: 85n * e18,
    vestingBalance: 900n * e18,
    vestedUnreleased: 0n,
    exchangeBalance: 10n * e18,
    holders: 12,
  })),
  epochLockPower: [{ epoch: 10, tokenId: 1n, owner: A, amount: 50n * e18, power: 200n * e18 + 3n, status: "active" }],
  epochVote: [
    { epoch: 10, tokenId: 1n, gauge: G1, voter: A, amount: 60n * e18 },
    { epoch: 11, tokenId: 2n, gauge: G2, voter: B, amount: 20n * e18 },
  ],
  epochGauge: [{ epoch: 10, gauge: G1, votes: 60n * e18, voters: 1, tokens: 1 }],
  epochMetric: [
    {
      epoch: 10,
      scope: "CAST_VOTES",
      gauge: "",
      n: 2,
      total: 80n * e18,
      gini: 0.25,
      nakamoto33: 1,
      nakamoto50: 1,
      nakamoto66: 2,
      hhi: 0.625,
      effectiveN: 1.6,
      theil: 0.13,
      entropy: 0.81,
      top1Share: 0.75,
      top5Share: 1,
      top10Share: 1,
      palma: null,
    },
  ],
  epochHolding: [
    { epoch: 10, holder: A, balance: 57n * e18, label: null },
    { epoch: 10, holder: "0x" + "e".repeat(40), balance: 900n * e18, label: "vesting" },
  ],
  lockEvent: LOCK_EVENTS.map((e) => ({
    id: e.id,
    tokenId: e.tokenId,
    kind: e.kind,
    account: e.account,
    amount: e.amount,
    totalLocked: null,
    exitDate: e.exitDate,
    blockNumber: BigInt(e.blockNumber),
    timestamp: BigInt(e.timestamp),
    epoch: Math.floor(e.timestamp / EPOCH),
    txHash: "0x" + "ab".repeat(32),
  })),
};

const epochOfRow = (table: ExportTable, r: Record<string, unknown>) => Number(table === "epoch" ? r.id : r.epoch);

export function createFakeHistoryStore(options: { exportRows?: Partial<Record<ExportTable, Record<string, unknown>[]>> } = {}): HistoryStore {
  const rowsOf = (table: ExportTable) => options.exportRows?.[table] ?? EXPORT_ROWS[table];
  return {
    async account(address) {
      const mine = TRANSFERS.filter((t) => t.from === address || t.to === address);
      if (mine.length === 0) return null;
      const balance = mine.reduce((acc, t) => acc + (t.to === address ? t.value : 0n) - (t.from === address ? t.value : 0n), 0n);
      return { address, brBalance: balance, label: null, firstSeenTs: mine[0]!.timestamp, updatedTs: mine[mine.length - 1]!.timestamp };
    },
    async brTransfers(address, limit) {
      return TRANSFERS.filter((t) => t.from === address || t.to === address)
        .reverse()
        .slice(0, limit);
    },
    async brTransferCount(address) {
      return TRANSFERS.filter((t) => t.from === address || t.to === address).length;
    },
    async brBalanceAt(address, at) {
      return TRANSFERS.filter((t) => happened(t, at)).reduce(
        (acc, t) => acc + (t.to === address ? t.value : 0n) - (t.from === address ? t.value : 0n),
        0n,
      );
    },
    async tokenIdsOf(address, limit) {
      const ids = new Set([...LOCK_EVENTS.filter((e) => e.account === address).map((e) => e.tokenId), ...LOCKS.filter((l) => l.owner === address).map((l) => l.tokenId)]);
      return [...ids].sort((a, b) => (a < b ? -1 : 1)).slice(0, limit);
    },
    async locks(ids) {
      return LOCKS.filter((l) => ids.includes(l.tokenId));
    },
    async lockEvents(ids) {
      return LOCK_EVENTS.filter((e) => ids.includes(e.tokenId));
    },
    async warmupChanges() {
      return [{ warmup: 259_200n, previous: 259_200n, blockNumber: 250, timestamp: BLOCK_TS[250]! }];
    },
    async startupWarmup() {
      return 259_200n;
    },
    async seasonStarts() {
      return [
        { number: 1, startTs: 0n, startBlock: 1 },
        { number: 2, startTs: BigInt(12 * EPOCH), startBlock: 400 },
      ];
    },
    async ownerEpochPowers(owner, from, to) {
      return [10, 11, 12]
        .filter((e) => e >= from && e <= to)
        .flatMap((epoch) => LOCKS.filter((l) => l.owner === owner).map((l) => ({ epoch, tokenId: l.tokenId, amount: l.amount, power: l.amount * 2n, status: "active" })));
    },
    async voterEpochVotes(voter, from, to) {
      return (EXPORT_ROWS.epochVote as { epoch: number; tokenId: bigint; gauge: string; voter: string; amount: bigint }[])
        .filter((v) => v.voter === voter && v.epoch >= from && v.epoch <= to)
        .map((v) => ({ epoch: v.epoch, tokenId: v.tokenId, gauge: v.gauge, amount: v.amount }));
    },
    async exportRows(table, fromEpoch, toEpoch, limit) {
      return rowsOf(table)
        .filter((r) => epochOfRow(table, r) >= fromEpoch && epochOfRow(table, r) <= toEpoch)
        .slice(0, limit);
    },
    async exportCount(table, fromEpoch, toEpoch) {
      return rowsOf(table).filter((r) => epochOfRow(table, r) >= fromEpoch && epochOfRow(table, r) <= toEpoch).length;
    },
  };
}

/** The fake chain's block timestamps. */
export async function fakeBlockTimestamp(block: number): Promise<number> {
  const ts = BLOCK_TS[block];
  if (ts === undefined) throw new Error(`fake chain has no block ${block}`);
  return ts;
}
