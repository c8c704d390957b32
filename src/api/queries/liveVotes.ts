/**
 * The live epoch's standing votes and the distributions over them (CAST_VOTES, GAUGES,
 * GAUGE_VOTERS), kept up to date from {@link LiveVoteMirror}'s changes: a new block costs its
 * changed votes, the rows they move in each sorted distribution, and the metrics over the result.
 *
 * @example
 * const live = new LiveVotes(new LiveVoteMirror(store.standingVotes));
 * const dist = await live.distribution(checkpoint.id, { season: 3, voterContract }, "CAST_VOTES", "");
 */
import type { LiveVoteMirror } from "./liveVoteMirror";
import type { Distribution } from "./distribution";
import { SortedDistribution } from "./sortedDistribution";
import type { StandingVoteRow, VoteRecord } from "./store";

/** The votes that count: the season in force, held by the escrow's voter then. */
export interface VoteFilter {
  season: number;
  voterContract: string;
}

export type VoteScope = "CAST_VOTES" | "GAUGES" | "GAUGE_VOTERS";

/** Distributions kept at once (one per season, contract, scope and gauge asked for). */
const MAX_DISTRIBUTIONS = 256;

function counts(row: StandingVoteRow | undefined, filter: VoteFilter, scope: VoteScope, gauge: string): row is StandingVoteRow {
  return (
    row !== undefined &&
    row.amount > 0n &&
    row.season === filter.season &&
    row.voterContract === filter.voterContract &&
    (scope !== "GAUGE_VOTERS" || row.gauge === gauge)
  );
}

const ownerOf = (row: StandingVoteRow, scope: VoteScope): string => (scope === "GAUGES" ? row.gauge : row.voter);

export class LiveVotes {
  private readonly lists = new Map<string, { version: number; votes: VoteRecord[] }>();
  private readonly distributions = new Map<string, { version: number; dist: SortedDistribution }>();

  /** The indexed position (checkpoint id) seen before the mirror's last read. */
  private syncedAt: string | null = null;

  constructor(private readonly mirror: LiveVoteMirror) {}

  /** The standing votes that count (amount > 0) as the table is at `position` or later. */
  async votes(position: string, filter: VoteFilter): Promise<VoteRecord[]> {
    await this.at(position);
    const key = `${filter.season}:${filter.voterContract}`;
    const cached = this.lists.get(key);
    if (cached && cached.version === this.mirror.version) return cached.votes;
    const votes: VoteRecord[] = [];
    for (const r of this.mirror.rows()) {
      if (counts(r, filter, "CAST_VOTES", "")) votes.push({ tokenId: r.tokenId, voter: r.voter, gauge: r.gauge, amount: r.amount });
    }
    this.lists.clear(); // one filter is in force at a time
    this.lists.set(key, { version: this.mirror.version, votes });
    return votes;
  }

  /** The sorted distribution of one vote scope (owners: voters, or gauges for GAUGES). */
  async distribution(position: string, filter: VoteFilter, scope: VoteScope, gauge: string): Promise<Distribution> {
    await this.at(position);
    const key = `${filter.season}:${filter.voterContract}:${scope}:${gauge}`;
    const version = this.mirror.version;
    const entry = this.distributions.get(key);
    const changes = entry ? this.mirror.changesSince(entry.version) : null;
    if (entry && changes) {
      for (const { before, after } of changes) {
        if (counts(before, filter, scope, gauge)) entry.dist.add(ownerOf(before, scope), -before.amount);
        if (counts(after, filter, scope, gauge)) entry.dist.add(ownerOf(after, scope), after.amount);
      }
      entry.version = version;
      return entry.dist.rows();
    }
    const members = [];
    for (const r of this.mirror.rows()) if (counts(r, filter, scope, gauge)) members.push({ owner: ownerOf(r, scope), amount: r.amount });
    const dist = new SortedDistribution(members);
    this.distributions.delete(key);
    if (this.distributions.size >= MAX_DISTRIBUTIONS) this.distributions.delete(this.distributions.keys().next().value as string);
    this.distributions.set(key, { version, dist });
    return dist.rows();
  }

  /**
   * Reads the mirror again unless it was read after the index was seen at `position` (a
   * checkpoint id: a block replaced at the same height is a new position, so a block number
   * would not do). The read leaves the mirror at least as new as `position`.
   */
  private async at(position: string): Promise<void> {
    if (this.syncedAt === position) return;
    await this.mirror.sync();
    this.syncedAt = position;
  }
}
