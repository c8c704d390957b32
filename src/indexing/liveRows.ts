/**
 * The live lock, vote and balance rows an epoch's window end reads, kept in the indexer's memory
 * as the handlers write them, so that a window end does not read the three tables again (at
 * 50,000 voters that read, with the flush of Ponder's cache it forces, was most of a close).
 *
 * Why the rows held are the tables' rows when they are used: every write of a live lock, vote or
 * balance goes through {@link noteLockWrite}, {@link noteVoteWrite} or {@link noteHoldingWrite},
 * which apply it here and count its block, once per block: in the database (`liveWriteCount`,
 * in the same transaction as the write) and here. So the database's count is the number of
 * blocks with live writes it holds, and the count here is the one read with the rows plus every
 * block counted since. The rows are used only while the two counts are equal; otherwise they are
 * dropped, and the window end reads the tables and starts again from what it read. A new process
 * starts empty: its first window end reads the tables.
 *
 * What undoes writes in the database and not here leaves this count above the database's for
 * good, as soon as the undone writes include a counted one:
 * - a reorg reverts whole blocks, each with the count its first live write made; a block indexed
 *   again after it is not counted again when its number is the block counted last, and the
 *   count here stays ahead;
 * - a batch Ponder runs again after an error is undone with the counts it made. What it undoes
 *   without a count is the rest of a block whose first live write an earlier, committed batch
 *   counted (a backfill batch can end inside a block). Ponder then runs those same events again
 *   on the same rows, so they write here the values they wrote before.
 * Counting once per block rather than once per write saves a store call per write (about 41,000
 * in the `default` backfill, against about 250 blocks).
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

/** The block this process counted last. */
let countedBlock: bigint | null = null;

/** Counts `block`, once: in the database, in the transaction of the write itself, and in the rows held. */
async function countBlock(context: AnyContext, block: bigint): Promise<void> {
  if (block === countedBlock) return;
  countedBlock = block;
  await context.db
    .insert(liveWriteCount)
    .values({ id: COUNT_ID, writes: 1n })
    .onConflictDoUpdate((row) => ({ writes: row.writes + 1n }));
  liveRows.count();
}

/** The database's count of blocks with live writes. */
export async function liveWritesCounted(context: AnyContext): Promise<bigint> {
  return (await context.db.find(liveWriteCount, { id: COUNT_ID }))?.writes ?? 0n;
}

/** After writing a lock row at `block`: applies it to the rows held and counts the block. */
export async function noteLockWrite(context: AnyContext, block: bigint, row: LockRow): Promise<void> {
  liveRows.setLock(row);
  await countBlock(context, block);
}

/** After writing a standing vote row at `block`: applies it to the rows held and counts the block. */
export async function noteVoteWrite(context: AnyContext, block: bigint, row: StandingVoteRow): Promise<void> {
  liveRows.setVote(row);
  await countBlock(context, block);
}

/** After writing an account's balance at `block`: applies it to the rows held and counts the block. */
export async function noteHoldingWrite(context: AnyContext, block: bigint, row: HoldingRow): Promise<void> {
  liveRows.setHolding(row);
  await countBlock(context, block);
}
