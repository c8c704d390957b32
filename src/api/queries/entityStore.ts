/**
 * What the entity clustering reads from the index: the per-event evidence rows, every BR
 * transfer, every deposit, every `Voted` event and the configured exchange/contract labels.
 * {@link createPonderEntityStore} reads them with drizzle selects over Ponder's tables.
 */
import { and, eq, inArray, type ReadonlyDrizzle } from "ponder";
import type * as Schema from "../../../ponder.schema";
import type { CastVote, DepositRecord, DirectEvidence, FundingTransfer } from "../../entities/index";

type Tables = typeof Schema;
// biome-ignore lint: the drizzle type of Ponder's read-only db over our tables
type Db = ReadonlyDrizzle<any>;

export interface EntityStore {
  direct(): Promise<DirectEvidence[]>;
  transfers(): Promise<FundingTransfer[]>;
  deposits(): Promise<DepositRecord[]>;
  votes(): Promise<CastVote[]>;
  /** Addresses labelled exchange, contract or burn in the configuration (never merged through). */
  blockedLabels(): Promise<string[]>;
}

/** The entity store over Ponder's read-only `db`. */
export function createPonderEntityStore(db: Db, t: Tables): EntityStore {
  return {
    async direct() {
      const rows = await db.select().from(t.entityEvidence);
      return rows.map((r: typeof t.entityEvidence.$inferSelect) => ({
        kind: r.kind,
        from: r.from,
        to: r.to,
        txHash: r.txHash,
        block: Number(r.blockNumber),
        timestamp: Number(r.timestamp),
      }));
    },
    async transfers() {
      const rows = await db
        .select({ from: t.brTransfer.from, to: t.brTransfer.to, value: t.brTransfer.value, txHash: t.brTransfer.txHash, block: t.brTransfer.blockNumber, ts: t.brTransfer.timestamp })
        .from(t.brTransfer);
      return rows.map((r: { from: string; to: string; value: bigint; txHash: string; block: bigint; ts: bigint }) => ({
        from: r.from,
        to: r.to,
        value: r.value,
        txHash: r.txHash,
        block: Number(r.block),
        timestamp: Number(r.ts),
      }));
    },
    async deposits() {
      const rows = await db
        .select({ owner: t.lockEvent.account, txHash: t.lockEvent.txHash, block: t.lockEvent.blockNumber, ts: t.lockEvent.timestamp })
        .from(t.lockEvent)
        .where(eq(t.lockEvent.kind, "deposit"));
      const out: DepositRecord[] = [];
      for (const r of rows as { owner: string | null; txHash: string; block: bigint; ts: bigint }[]) {
        if (r.owner !== null) out.push({ owner: r.owner, txHash: r.txHash, block: Number(r.block), timestamp: Number(r.ts) });
      }
      return out;
    },
    async votes() {
      const rows = await db
        .select({ voter: t.voteEvent.voter, gauge: t.voteEvent.gauge, amount: t.voteEvent.amount, txHash: t.voteEvent.txHash, block: t.voteEvent.blockNumber, ts: t.voteEvent.timestamp })
        .from(t.voteEvent)
        .where(and(eq(t.voteEvent.kind, "voted")));
      return rows.map((r: { voter: string; gauge: string; amount: bigint; txHash: string; block: bigint; ts: bigint }) => ({
        voter: r.voter,
        gauge: r.gauge,
        amount: r.amount,
        txHash: r.txHash,
        block: Number(r.block),
        timestamp: Number(r.ts),
      }));
    },
    async blockedLabels() {
      const rows = await db.select({ address: t.account.address }).from(t.account).where(inArray(t.account.label, ["exchange", "contract", "burn"]));
      return rows.map((r: { address: string }) => r.address);
    },
  };
}
