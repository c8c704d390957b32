/**
 * The live lock, vote and balance rows an epoch's window end reads, kept in the indexer's memory
 * as the handlers write them, so that a window end does not read the three tables again (at
 * 50,000 voters that read, with the flush of Ponder's cache it forces, was most of a close).
 *
 * Why the rows held are the tables' rows when they are used: every write of a live lock, vote or
 * balance goes through {@link noteLockWrite}, {@link noteVoteWrite} or {@link noteHoldingWrites},
 * which count its block, once per block, and then apply it here: the count is made in the
 * database (`liveWriteCount`, in the same transaction as the write) and here. So the database's
 * count is the number of counted blocks it holds, and the count here is the one read with the
 * rows plus every block counted since. The rows are used only while the two counts are equal;
 * otherwise they are dropped, and the tables are read again, the rows held starting again from
 * what was read.
 *
 * When the two are compared: at each block's first live write, before it is counted, and at a
 * window end. The first of a process finds nothing held and reads the tables (unless the
 * database counts no block yet, below); one after a reorg
 * or a retried batch finds the counts apart and reads them again. Either way the read falls on
 * an ordinary block, and the window end that follows takes the rows held instead of reading the
 * tables itself (at 50,000 voters the read was most of a close). A window end still reads the
 * tables when no live write came between a revert and it.
 *
 * "Once per block" is once per block per run of it: a batch (or a live block) Ponder runs again
 * after an error, and a block indexed again after a reorg, count their blocks again, because
 * Ponder undid their counts with their writes (the same test as the state row's, `heldRow.ts`:
 * an event of another block, or one not after every event seen, starts a new count). So every
 * live row the database holds was written in a block whose count it also holds, and a count of
 * 0 means the tables hold no live row yet: the first live write of a new index holds nothing
 * instead of reading the tables (that first read, with Ponder's parse of it and the flush before
 * it, cost about half a second of a `default` backfill).
 *
 * What undoes writes in the database and not here (a reorg, a retried batch) makes the counts
 * differ from then on: the one here counted the undone blocks and the database's did not, and
 * the blocks run again are counted in both. A batch run again after an error can also undo the
 * rest of a block whose count an earlier, committed batch made (a backfill batch can end inside a
 * block); Ponder then runs those same events again on the same rows, so they write here the
 * values they wrote before.
 * Counting once per block rather than once per write saves a store call per write (about 41,000
 * in the `default` backfill, against about 250 blocks). A handler notes its writes once per
 * event: a second note in the same event has an id not above the last seen, so it counts the
 * block again (as it must for an event run again after an error), which is right but costs two
 * store calls (a transfer's two balances once cost about 17,600 in the `default` backfill).
 *
 * What is held: locks not exited, standing votes with an amount, accounts with a balance (the
 * same filters as the tables' read), in the columns the snapshot uses.
 *
 * @example
 * const { locks, tally, holdings } = await liveRowsNow(context); // held, or read from the tables
 */
import { account, liveWriteCount, lock, standingVote } from "ponder:schema";
import { sql } from "ponder";
import type { Hex } from "../config/profile";
import { type HeldRows, type HeldRowsAndTally, LiveRowCopy } from "../db/liveRowCopy";
import { rowsOf } from "../db/rows";
import type { HoldingRow, LockRow, StandingVoteRow } from "../domain/snapshot";
import { HeldRow } from "../db/heldRow";
import type { AnyContext, EventRef } from "./state";

/** The one instance of this indexing process. */
export const liveRows = new LiveRowCopy();

const COUNT_ID = 0;

/** The block this process counted last, in the run of it that is going on (see `heldRow.ts`). */
const counted = new HeldRow<true>();

/**
 * Counts `event`'s block, once per run of it: in the database, in the transaction of the write
 * itself, and in the rows held. Before that, the rows held are compared with the database's
 * count, and read again from the tables when they are not its rows.
 */
async function countBlock(context: AnyContext, event: EventRef): Promise<void> {
  if (counted.at(event.id, event.block.hash)) return;
  counted.hold(true, event.id, event.block.hash);
  const writes = await holdTablesRows(context);
  await context.db
    .insert(liveWriteCount)
    .values({ id: COUNT_ID, writes: writes + 1n })
    .onConflictDoUpdate({ writes: writes + 1n });
  liveRows.count();
}

/** The database's count of blocks with live writes. */
async function liveWritesCounted(context: AnyContext): Promise<bigint> {
  return (await context.db.find(liveWriteCount, { id: COUNT_ID }))?.writes ?? 0n;
}

/**
 * Makes the rows held the tables' rows: compares them with the database's count, and when they
 * are not its rows (or nothing is held) reads the tables and holds what it read. Returns that count.
 */
async function holdTablesRows(context: AnyContext): Promise<bigint> {
  const writes = await liveWritesCounted(context);
  if (!liveRows.heldAt(writes)) liveRows.load(writes === 0n ? { locks: [], votes: [], holdings: [] } : await readLiveTables(context), writes);
  return writes;
}

/** The live lock, vote and balance rows: those held when they are the tables' rows, otherwise read from the tables and held from then on. */
export async function liveRowsNow(context: AnyContext): Promise<HeldRowsAndTally> {
  // Not null: holdTablesRows has just made the rows held the count's rows.
  return liveRows.rowsAt(await holdTablesRows(context))!;
}

const big = (text: string | null): bigint => BigInt(text as string);
const bigOrNull = (text: string | null): bigint | null => (text === null ? null : BigInt(text));

/** A row of {@link readLiveTables}'s one query: the table it comes from, then up to seven columns as text. */
interface LiveRow {
  k: "l" | "v" | "h";
  c1: string;
  c2: string | null;
  c3: string | null;
  c4: string | null;
  c5: string | null;
  c6: string | null;
  c7: string | null;
}

/**
 * Every live lock, vote and balance row a window end needs. One plain SQL query (a UNION ALL of one select per table)
 * reads only the columns the snapshot uses, numbers as decimal text: drizzle's mapping of whole
 * rows was most of the JavaScript time of a 50,000-voter close, and Ponder parses every
 * `context.db.sql` query (about 8 ms each) and flushes the tables it names before running it
 * (bench/PROFILE.md), so one query beats one per table.
 */
async function readLiveTables(context: AnyContext): Promise<HeldRows> {
  const [l, v, a] = [lock, standingVote, account];
  const parts = [
    sql`SELECT 'l' AS k, ${l.tokenId}::text AS c1, ${l.owner}::text AS c2, ${l.amount}::text AS c3, ${l.startTs}::text AS c4,
      ${l.writtenTs}::text AS c5, ${l.status}::text AS c6, ${l.exitCheckpointTs}::text AS c7 FROM ${l} WHERE ${l.status} <> 'exited'`,
    sql`SELECT 'v' AS k, ${v.tokenId}::text AS c1, ${v.gauge}::text AS c2, ${v.voter}::text AS c3, ${v.amount}::text AS c4, ${v.season}::text AS c5,
      ${v.voterContract}::text AS c6, NULL AS c7 FROM ${v} WHERE ${v.amount} > 0`,
    sql`SELECT 'h' AS k, ${a.address}::text AS c1, ${a.brBalance}::text AS c2, ${a.label}::text AS c3, NULL AS c4, NULL AS c5, NULL AS c6,
      NULL AS c7 FROM ${a} WHERE ${a.brBalance} > 0`,
  ];
  const rows = rowsOf<LiveRow>(await context.db.sql.execute(sql.join(parts, sql` UNION ALL `)));
  const live: HeldRows = { locks: [], votes: [], holdings: [] };
  for (const r of rows) {
    switch (r.k) {
      case "l":
        live.locks.push({
          tokenId: big(r.c1),
          owner: r.c2 as Hex,
          amount: big(r.c3),
          startTs: big(r.c4),
          writtenTs: big(r.c5),
          status: r.c6 as LockRow["status"],
          exitCheckpointTs: bigOrNull(r.c7),
        });
        break;
      case "v":
        live.votes.push({ tokenId: big(r.c1), gauge: r.c2 as Hex, voter: r.c3 as Hex, amount: big(r.c4), season: Number(r.c5), voterContract: r.c6 as Hex });
        break;
      case "h":
        live.holdings.push({ address: r.c1 as Hex, brBalance: big(r.c2), label: r.c3 as HoldingRow["label"] });
        break;
      default:
        throw new Error(`readLiveTables: unexpected row kind ${String((r as { k: unknown }).k)}`);
    }
  }
  return live;
}


/** After writing a lock row at `event`: counts its block and applies the row to the rows held. */
export async function noteLockWrite(context: AnyContext, event: EventRef, row: LockRow): Promise<void> {
  await countBlock(context, event);
  liveRows.setLock(row);
}

/** After writing a standing vote row at `event`: counts its block and applies the row to the rows held. */
export async function noteVoteWrite(context: AnyContext, event: EventRef, row: StandingVoteRow): Promise<void> {
  await countBlock(context, event);
  liveRows.setVote(row);
}

/** After writing accounts' balances at `event` (a transfer's sender and receiver): counts its block and applies the rows to the rows held. */
export async function noteHoldingWrites(context: AnyContext, event: EventRef, rows: readonly HoldingRow[]): Promise<void> {
  if (rows.length === 0) return;
  await countBlock(context, event);
  for (const row of rows) liveRows.setHolding(row);
}
