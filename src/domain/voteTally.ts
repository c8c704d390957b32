/**
 * The sums a window end takes of the standing votes, kept per (season, voter contract) as votes
 * are written, so a window end reads them instead of passing over every standing vote: at 50,000
 * voters that pass (three map lookups and three sums per vote) was most of the snapshot's time.
 * Pure: no I/O. Sums of bigints are exact, so a tally kept vote by vote holds the same numbers
 * as one built from the final rows, in whatever order they were written.
 *
 * @example
 * const tally = new VoteTally();
 * tally.add({ tokenId: 1n, gauge, voter, amount: 5n, season: 1, voterContract });
 * tally.scope(1, voterContract)?.cast; // 5n
 */
import type { Hex } from "../config/profile";
// type-only: snapshot.ts imports this module, and the row type is erased at run time
import type { StandingVoteRow } from "./snapshot";

/** One voter's sum in a scope or a gauge (mutable: the tally adds to it in place). */
export interface VoterSum {
  cast: bigint;
}

/** A gauge's votes in a scope: the total, the rows (one per token), each voter's sum. */
export interface GaugeTally {
  votes: bigint;
  tokens: number;
  voters: Map<Hex, VoterSum>;
}

/** The standing votes of one (season, voter contract) with an amount above 0. */
export interface ScopeTally {
  /** Σ amounts. */
  cast: bigint;
  /** Each voter's sum over its votes. */
  voters: Map<Hex, VoterSum>;
  gauges: Map<Hex, GaugeTally>;
  /** Rows per token (a token votes for one or more gauges); token ids as numbers while exact. */
  tokens: Map<number | bigint, number>;
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);
const tokenKey = (tokenId: bigint): number | bigint => (tokenId <= MAX_EXACT ? Number(tokenId) : tokenId);

/** Adds `amount` to `voter`'s sum in `sums`, dropping the entry when it comes back to 0. */
function addTo(sums: Map<Hex, VoterSum>, voter: Hex, amount: bigint): void {
  const s = sums.get(voter);
  if (s === undefined) {
    if (amount < 0n) throw new Error(`VoteTally.remove: ${voter} has no vote to take back`);
    sums.set(voter, { cast: amount });
    return;
  }
  s.cast += amount;
  if (s.cast === 0n) sums.delete(voter);
}

export class VoteTally {
  /** By season, then voter contract. */
  private readonly scopes = new Map<number, Map<Hex, ScopeTally>>();

  /** A tally of `rows` (standing votes unique per token and gauge, as the table's key). */
  static of(rows: Iterable<StandingVoteRow>): VoteTally {
    const tally = new VoteTally();
    for (const row of rows) tally.add(row);
    return tally;
  }

  /** The sums of the votes of `season` held by `voterContract`; undefined when none has an amount (or no voter contract). */
  scope(season: number, voterContract: Hex | null): ScopeTally | undefined {
    return voterContract === null ? undefined : this.scopes.get(season)?.get(voterContract);
  }

  /** Counts a standing vote (a row with amount 0 counts for nothing). */
  add(row: StandingVoteRow): void {
    this.apply(row, 1n);
  }

  /** Takes back a vote {@link add} counted: the row as it was when added. */
  remove(row: StandingVoteRow): void {
    this.apply(row, -1n);
  }

  private apply(row: StandingVoteRow, sign: 1n | -1n): void {
    if (row.amount <= 0n) return;
    let season = this.scopes.get(row.season);
    if (season === undefined) {
      season = new Map();
      this.scopes.set(row.season, season);
    }
    let s = season.get(row.voterContract);
    if (s === undefined) {
      if (sign < 0n) throw new Error(`VoteTally.remove: no vote of season ${row.season} by ${row.voterContract} was added`);
      s = { cast: 0n, voters: new Map(), gauges: new Map(), tokens: new Map() };
      season.set(row.voterContract, s);
    }
    const amount = sign * row.amount;
    const step = Number(sign);
    s.cast += amount;
    addTo(s.voters, row.voter, amount);
    let g = s.gauges.get(row.gauge);
    if (g === undefined) {
      g = { votes: 0n, tokens: 0, voters: new Map() };
      s.gauges.set(row.gauge, g);
    }
    g.votes += amount;
    g.tokens += step;
    addTo(g.voters, row.voter, amount);
    if (g.tokens === 0) s.gauges.delete(row.gauge);
    const t = tokenKey(row.tokenId);
    const rows = (s.tokens.get(t) ?? 0) + step;
    if (rows === 0) s.tokens.delete(t);
    else s.tokens.set(t, rows);
    if (s.tokens.size === 0) season.delete(row.voterContract);
  }
}
