/**
 * The live lock, vote and balance rows an epoch's window end reads, kept in the indexer's memory
 * as the handlers write them, so that a window end does not read the three tables again (at
 * 50,000 voters that read, with the flush of Ponder's cache it forces, was most of a close).
 *
 * Why the rows held are the tables' rows when they are used: every write of a live lock, vote or
 * balance goes through {@link noteLockWrite}, {@link noteVoteWrite} or {@link noteHoldingWrite}, which both
 * count it in the database (`liveWriteCount`, in the same transaction as the write) and
 * apply it here, counting it too. The database's count is the number of writes it holds; the
 * count here is the number read with the rows plus every write applied since. Whatever undoes
 * writes in the database and not here (a reorg's revert, a batch Ponder retries after an error)
 * leaves this count above the database's for good, and a write here never happens without one
 * there. So the rows are used only while the two counts are equal; otherwise they are dropped,
 * and the window end reads the tables and starts again from what it read. A new process starts
 * empty: its first window end reads the tables.
 *
 * What is held: locks not exited, standing votes with an amount, accounts with a balance (the
 * same filters as the tables' read), in the columns the snapshot uses.
 *
 * @example
 * const held = liveRows.rowsAt(await liveWritesCounted(context)); // null: read the tables, then liveRows.load(...)
 */
import { liveWriteCount } from "ponder:schema";
import { LiveRowCopy } from "../db/liveRowCopy";
import type { HoldingRow, LockRow, StandingVoteRow } from "../domain/snapshot";
import type { AnyContext } from "./state";

/** The one instance of this indexing process. */
export const liveRows = new LiveRowCopy();

const COUNT_ID = 0;

/** Counts a live write in the database, in the transaction of the write itself. */
async function countWrite(context: AnyContext): Promise<void> {
  await context.db
    .insert(liveWriteCount)
    .values({ id: COUNT_ID, writes: 1n })
    .onConflictDoUpdate((row) => ({ writes: row.writes + 1n }));
}

/** The database's count of live writes. */
export async function liveWritesCounted(context: AnyContext): Promise<bigint> {
  return (await context.db.find(liveWriteCount, { id: COUNT_ID }))?.writes ?? 0n;
}

/** After writing a lock row: counts the write and applies it to the rows held. */
export async function noteLockWrite(context: AnyContext, row: LockRow): Promise<void> {
  await countWrite(context);
  liveRows.setLock(row);
}

/** After writing a standing vote row: counts the write and applies it to the rows held. */
export async function noteVoteWrite(context: AnyContext, row: StandingVoteRow): Promise<void> {
  await countWrite(context);
  liveRows.setVote(row);
}

/** After writing an account's balance: counts the write and applies it to the rows held. */
export async function noteHoldingWrite(context: AnyContext, row: HoldingRow): Promise<void> {
  await countWrite(context);
  liveRows.setHolding(row);
}
