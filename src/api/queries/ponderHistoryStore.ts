/**
 * {@link HistoryStore} over Ponder's tables: read-only drizzle selects on the `db` of `ponder:api`
 * (the tables passed in, no import of Ponder's virtual modules).
 */
import { and, asc, count, desc, eq, gte, inArray, lte, or, sql, sum, type ReadonlyDrizzle } from "ponder";
import type * as Schema from "../../../ponder.schema";
import type { ExportTable, HistoryStore, LockEventKind, Moment } from "./historyStore";
import { lockRecordOf } from "./ponderStore";

type Tables = typeof Schema;
// biome-ignore lint: the drizzle type of Ponder's read-only db over our tables
type Db = ReadonlyDrizzle<any>;
type Hex = `0x${string}`;

const bigintSum = (column: Parameters<typeof sum>[0]) => sql<string>`coalesce(${sum(column)}, 0)`;

/** Largest number of token ids one `IN (...)` list carries. */
const IN_CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IN_CHUNK) out.push(items.slice(i, i + IN_CHUNK));
  return out;
}

/** Builds the store over `db` (read-only) and the schema tables. */
export function createPonderHistoryStore(db: Db, t: Tables): HistoryStore {
  /** Where-clause of "at or before the moment" on a block-number and timestamp column pair. */
  function upTo(at: Moment, block: Parameters<typeof lte>[0], ts: Parameters<typeof lte>[0]) {
    return at.block === null ? lte(ts, BigInt(at.timestamp)) : lte(block, BigInt(at.block));
  }

  /** The exported tables: drizzle table, epoch column and key order. */
  function exportSpec(table: ExportTable) {
    switch (table) {
      case "epoch":
        return { table: t.epoch, epoch: t.epoch.id, order: [asc(t.epoch.id)] };
      case "epochLockPower":
        return { table: t.epochLockPower, epoch: t.epochLockPower.epoch, order: [asc(t.epochLockPower.epoch), asc(t.epochLockPower.tokenId)] };
      case "epochVote":
        return {
          table: t.epochVote,
          epoch: t.epochVote.epoch,
          order: [asc(t.epochVote.epoch), asc(t.epochVote.tokenId), asc(t.epochVote.gauge)],
        };
      case "epochGauge":
        return { table: t.epochGauge, epoch: t.epochGauge.epoch, order: [asc(t.epochGauge.epoch), asc(t.epochGauge.gauge)] };
      case "epochMetric":
        return {
          table: t.epochMetric,
          epoch: t.epochMetric.epoch,
          order: [asc(t.epochMetric.epoch), asc(t.epochMetric.scope), asc(t.epochMetric.gauge)],
        };
      case "epochHolding":
        return { table: t.epochHolding, epoch: t.epochHolding.epoch, order: [asc(t.epochHolding.epoch), asc(t.epochHolding.holder)] };
      case "lockEvent":
        return {
          table: t.lockEvent,
          epoch: t.lockEvent.epoch,
          order: [asc(t.lockEvent.blockNumber), asc(t.lockEvent.id)],
        };
    }
  }

  return {
    async account(address) {
      const rows = await db.select().from(t.account).where(eq(t.account.address, address as Hex));
      const r = rows[0];
      if (!r) return null;
      return {
        address: r.address,
        brBalance: r.brBalance,
        label: r.label ?? null,
        firstSeenTs: Number(r.firstSeenTs),
        updatedTs: Number(r.updatedTs),
      };
    },

    async brTransfers(address, limit) {
      const a = address as Hex;
      const rows = await db
        .select()
        .from(t.brTransfer)
        .where(or(eq(t.brTransfer.from, a), eq(t.brTransfer.to, a)))
        .orderBy(desc(t.brTransfer.blockNumber), desc(t.brTransfer.logIndex), desc(t.brTransfer.id))
        .limit(limit);
      return rows.map((r) => ({
        blockNumber: Number(r.blockNumber),
        timestamp: Number(r.timestamp),
        txHash: r.txHash,
        logIndex: r.logIndex,
        from: r.from,
        to: r.to,
        value: r.value,
      }));
    },

    async brTransferCount(address) {
      const a = address as Hex;
      const rows = await db
        .select({ n: count() })
        .from(t.brTransfer)
        .where(or(eq(t.brTransfer.from, a), eq(t.brTransfer.to, a)));
      return Number(rows[0]?.n ?? 0);
    },

    async brBalanceAt(address, at) {
      const a = address as Hex;
      const moment = upTo(at, t.brTransfer.blockNumber, t.brTransfer.timestamp);
      const [received, sent] = await Promise.all([
        db.select({ v: bigintSum(t.brTransfer.value) }).from(t.brTransfer).where(and(eq(t.brTransfer.to, a), moment)),
        db.select({ v: bigintSum(t.brTransfer.value) }).from(t.brTransfer).where(and(eq(t.brTransfer.from, a), moment)),
      ]);
      return BigInt(received[0]?.v ?? 0) - BigInt(sent[0]?.v ?? 0);
    },

    async tokenIdsOf(address, limit) {
      const a = address as Hex;
      const [named, held] = await Promise.all([
        db
          .selectDistinct({ tokenId: t.lockEvent.tokenId })
          .from(t.lockEvent)
          .where(eq(t.lockEvent.account, a))
          .orderBy(asc(t.lockEvent.tokenId))
          .limit(limit),
        db.select({ tokenId: t.lock.tokenId }).from(t.lock).where(eq(t.lock.owner, a)).orderBy(asc(t.lock.tokenId)).limit(limit),
      ]);
      const ids = [...new Set([...named, ...held].map((r) => r.tokenId))];
      return ids.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)).slice(0, limit);
    },

    async locks(tokenIds) {
      const out = [];
      for (const part of chunks(tokenIds)) {
        const rows = await db.select().from(t.lock).where(inArray(t.lock.tokenId, part));
        for (const r of rows) {
          out.push({
            ...lockRecordOf(r),
            exitDate: r.exitDate ?? null,
            exitedAt: r.exitedAt ?? null,
            fee: r.fee ?? null,
            returned: r.returned ?? null,
            createdBlock: r.createdBlock,
          });
        }
      }
      return out;
    },

    async lockEvents(tokenIds) {
      const out = [];
      for (const part of chunks(tokenIds)) {
        const rows = await db
          .select()
          .from(t.lockEvent)
          .where(inArray(t.lockEvent.tokenId, part))
          .orderBy(asc(t.lockEvent.blockNumber), asc(t.lockEvent.id));
        for (const r of rows) {
          out.push({
            tokenId: r.tokenId,
            kind: r.kind as LockEventKind,
            account: r.account ?? null,
            amount: r.amount ?? null,
            exitDate: r.exitDate ?? null,
            blockNumber: Number(r.blockNumber),
            timestamp: Number(r.timestamp),
            id: r.id,
          });
        }
      }
      return out.sort((x, y) => x.blockNumber - y.blockNumber || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    },

    async warmupChanges() {
      const rows = await db.select().from(t.warmupChange).orderBy(asc(t.warmupChange.blockNumber), asc(t.warmupChange.id));
      return rows.map((r) => ({ warmup: r.warmup, previous: r.previous, blockNumber: Number(r.blockNumber), timestamp: Number(r.timestamp) }));
    },

    async startupWarmup() {
      const rows = await db.select({ warmup: t.chainRules.warmup }).from(t.chainRules).where(eq(t.chainRules.id, 0));
      return rows[0]?.warmup ?? null;
    },

    async seasonStarts() {
      const rows = await db.select().from(t.season).orderBy(asc(t.season.number));
      return rows.map((r) => ({ number: r.number, startTs: r.startTs, startBlock: Number(r.startBlock) }));
    },

    async ownerEpochPowers(owner, from, to) {
      const rows = await db
        .select()
        .from(t.epochLockPower)
        .where(and(eq(t.epochLockPower.owner, owner as Hex), gte(t.epochLockPower.epoch, from), lte(t.epochLockPower.epoch, to)))
        .orderBy(asc(t.epochLockPower.epoch), asc(t.epochLockPower.tokenId));
      return rows.map((r) => ({ epoch: r.epoch, tokenId: r.tokenId, amount: r.amount, power: r.power, status: r.status }));
    },

    async voterEpochVotes(voter, from, to) {
      const rows = await db
        .select()
        .from(t.epochVote)
        .where(and(eq(t.epochVote.voter, voter as Hex), gte(t.epochVote.epoch, from), lte(t.epochVote.epoch, to)))
        .orderBy(asc(t.epochVote.epoch), asc(t.epochVote.tokenId), asc(t.epochVote.gauge));
      return rows.map((r) => ({ epoch: r.epoch, tokenId: r.tokenId, gauge: r.gauge, amount: r.amount }));
    },

    async exportRows(table, fromEpoch, toEpoch, limit) {
      const spec = exportSpec(table);
      // biome-ignore lint: one generic select over several drizzle tables
      const rows = await (db as any)
        .select()
        .from(spec.table)
        .where(and(gte(spec.epoch, fromEpoch), lte(spec.epoch, toEpoch)))
        .orderBy(...spec.order)
        .limit(limit);
      return rows as Record<string, unknown>[];
    },

    async exportCount(table, fromEpoch, toEpoch) {
      const spec = exportSpec(table);
      // biome-ignore lint: one generic select over several drizzle tables
      const rows = await (db as any)
        .select({ n: count() })
        .from(spec.table)
        .where(and(gte(spec.epoch, fromEpoch), lte(spec.epoch, toEpoch)));
      return Number(rows[0]?.n ?? 0);
    },
  };
}
