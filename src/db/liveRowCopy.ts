/**
 * A copy of live table rows held in memory, good only while it has counted as much as the
 * database (see src/indexing/liveRows.ts, which keeps one of the lock, vote and balance rows an
 * epoch's window end reads, and counts once per block that writes them). No I/O: the caller
 * reads the database's count and the rows.
 *
 * @example
 * const held = new LiveRowCopy();
 * held.load({ locks, votes, holdings }, 12n);
 * held.setVote(vote);
 * held.count();             // the database counted its 13th
 * held.rowsAt(13n);         // the rows and their votes' tally; rowsAt(12n) would drop them and answer null
 * held.heldAt(13n);         // true, without copying the rows out
 */
import type { HoldingRow, LockRow, StandingVoteRow } from "../domain/snapshot";
import { VoteTally } from "../domain/voteTally";

export interface HeldRows {
  locks: LockRow[];
  votes: StandingVoteRow[];
  holdings: HoldingRow[];
}

/** The rows held, with the tally of their votes kept as the votes were applied. */
export interface HeldRowsAndTally extends HeldRows {
  tally: VoteTally;
}

export class LiveRowCopy {
  private readonly locks = new Map<bigint, LockRow>();
  private readonly votes = new Map<string, StandingVoteRow>();
  private readonly holdings = new Map<string, HoldingRow>();
  /** The sums of `votes`, kept as each vote is applied (a window end reads them instead of every vote). */
  private tally = new VoteTally();
  /** The database's count these rows match; null while nothing is held. */
  private writes: bigint | null = null;

  /** Holds `rows`, read from the tables when the database counted `writes` live writes. */
  load(rows: HeldRows, writes: bigint): void {
    this.forget();
    for (const l of rows.locks) this.putLock(l);
    for (const v of rows.votes) this.putVote(v);
    for (const h of rows.holdings) this.putHolding(h);
    this.writes = writes;
  }

  /** Whether rows are held and are the tables' rows when the database counts `writes`; drops them when they are not. */
  heldAt(writes: bigint): boolean {
    if (this.writes !== null && this.writes === writes) return true;
    this.forget();
    return false;
  }

  /** The rows held and their votes' tally, if they are the tables' rows when the database counts `writes`; else drops them. */
  rowsAt(writes: bigint): HeldRowsAndTally | null {
    if (!this.heldAt(writes)) return null;
    return { locks: [...this.locks.values()], votes: [...this.votes.values()], holdings: [...this.holdings.values()], tally: this.tally };
  }

  /** One more count in the database, in the transaction of writes applied here (counted only while rows are held). */
  count(): void {
    if (this.writes !== null) this.writes++;
  }

  /** A lock as a write left it (applied only while rows are held). */
  setLock(row: LockRow): void {
    if (this.writes !== null) this.putLock(row);
  }

  /** A standing vote as a write left it (applied only while rows are held). */
  setVote(row: StandingVoteRow): void {
    if (this.writes !== null) this.putVote(row);
  }

  /** An account's balance as a write left it (applied only while rows are held). */
  setHolding(row: HoldingRow): void {
    if (this.writes !== null) this.putHolding(row);
  }

  /** Drops every row held: nothing is held until the next `load`. */
  forget(): void {
    this.locks.clear();
    this.votes.clear();
    this.holdings.clear();
    this.tally = new VoteTally();
    this.writes = null;
  }

  private putLock(row: LockRow): void {
    if (row.status === "exited") this.locks.delete(row.tokenId);
    else this.locks.set(row.tokenId, row);
  }

  private putVote(row: StandingVoteRow): void {
    const key = `${row.tokenId}:${row.gauge}`;
    const replaced = this.votes.get(key);
    if (replaced !== undefined) this.tally.remove(replaced);
    if (row.amount > 0n) {
      this.votes.set(key, row);
      this.tally.add(row);
    } else if (replaced !== undefined) this.votes.delete(key);
  }

  private putHolding(row: HoldingRow): void {
    if (row.brBalance > 0n) this.holdings.set(row.address, row);
    else this.holdings.delete(row.address);
  }
}
