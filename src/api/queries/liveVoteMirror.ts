/**
 * The standing votes held in memory and brought up to date with what changed since the last
 * read: at each new block the live epoch reads the rows that block changed, not every vote.
 *
 * Why it stays equal to the table across reorgs and Ponder restarts: every read returns, from
 * one snapshot, `bound`, the lowest of Ponder's latest, finalized and safe checkpoints' blocks.
 * Ponder commits later writes in blocks above its latest block, and reverts (a reorg, or the
 * crash recovery of a restart) only writes above its finalized and safe checkpoints, so every
 * write or revert committed after a read is in a block >= that read's `bound`. The next read asks
 * for
 * - every row written in a block >= the previous bound (new writes, including the ones that
 *   replaced a reverted row), and
 * - the rows as they are now of every key the mirror holds at a block >= the previous bound (a
 *   revert may have put back an older version of the row, or removed it),
 * and any other row is one the mirror holds as the table has it. This needs one property of the
 * table: the indexer never deletes a standing vote (a Reset leaves the row with amount 0), so a
 * row disappears only when a revert undoes its insert. A reorg or a restart needs no full read;
 * only more than `maxKeys` held rows above the bound read every row again.
 *
 * Each read is done in one of two ways, so that a block costs its changes even after a burst of
 * votes that Ponder has not finalized yet:
 * - First, the rows written above the previous read's latest block, with the `window` of the
 *   rows at blocks >= the bound: their count and the sum of a 52-bit hash of each (`voteDigest`,
 *   md5, computed once per row here and by the database for the table). With no revert since
 *   the previous read, the table's window is the window of the rows the mirror holds at those
 *   blocks once the new rows are in, and nothing else is read. A revert the window does not
 *   show needs two different sets of rows of the same count whose hashes sum to the same value
 *   modulo 2^52: about one chance in 2^52 per revert.
 * - Otherwise (a revert, or a write below the latest block), the mirror hands over the versions
 *   it holds of those keys, and the read sends back only the rows that differ and the keys that
 *   have no row any more.
 *
 * @example
 * const mirror = new LiveVoteMirror((from, held, check) => store.standingVotes(from, held, check));
 * await mirror.sync();
 * const changes = mirror.changesSince(seenVersion); // null: rebuild from mirror.rows()
 */
import { createHash } from "node:crypto";
import { freshRead } from "../freshRead";
import type { StandingVoteRead, StandingVoteRow, VoteKey, VoteWindow } from "./store";

/** One row's change between two versions: `before` absent for a new row, `after` absent for a removed one. */
export interface VoteChange {
  before?: StandingVoteRow;
  after?: StandingVoteRow;
}

export type StandingVoteReader = (fromBlock: number | null, held: readonly StandingVoteRow[], check?: { upTo: number }) => Promise<StandingVoteRead>;

export interface MirrorLimits {
  /** Held rows handed to one read; more reads every row. */
  maxKeys: number;
  /** Changes kept for consumers that are behind; older ones make them rebuild. */
  maxLoggedChanges: number;
}

const DEFAULT_LIMITS: MirrorLimits = { maxKeys: 200_000, maxLoggedChanges: 100_000 };

/** `token:gauge`, the identity of a standing vote. */
export const voteKey = (r: VoteKey): string => `${r.tokenId}:${r.gauge}`;

/** A standing vote's fields besides its key as one text, `|`-separated (`ponderStore.ts` builds the same in SQL). */
export function voteFields(r: StandingVoteRow): string {
  return `${r.block}|${r.voter}|${r.amount}|${r.season}|${r.voterContract}`;
}

/** A standing vote's key and fields as one text: what {@link voteDigest} hashes. */
export function voteText(r: StandingVoteRow): string {
  return `${r.tokenId}|${r.gauge}|${voteFields(r)}`;
}

const DIGEST_MODULUS = 2 ** 52;
const digests = new WeakMap<StandingVoteRow, number>();

/** The first 52 bits of the md5 of {@link voteText}, as an exact number (kept per row object). */
export function voteDigest(r: StandingVoteRow): number {
  let d = digests.get(r);
  if (d === undefined) {
    d = Number.parseInt(createHash("md5").update(voteText(r)).digest("hex").slice(0, 13), 16);
    digests.set(r, d);
  }
  return d;
}

/** The window of some rows: their count and digests summed modulo 2^52 (exact: each sum stays below 2^53). */
export function voteWindow(rows: Iterable<StandingVoteRow>): VoteWindow {
  let count = 0;
  let digest = 0;
  for (const r of rows) {
    count++;
    digest = (digest + voteDigest(r)) % DIGEST_MODULUS;
  }
  return { count, digest };
}

/** Whether two versions of a standing vote are the same (every field). */
export function sameVoteRow(a: StandingVoteRow, b: StandingVoteRow): boolean {
  return (
    a.tokenId === b.tokenId && a.gauge === b.gauge && a.amount === b.amount && a.voter === b.voter && a.season === b.season && a.voterContract === b.voterContract && a.block === b.block
  );
}

export class LiveVoteMirror {
  private rowsByKey = new Map<string, StandingVoteRow>();
  /**
   * Keys of the rows held at a block >= `bound`, by that block: the rows a revert may still
   * change. A block's read touches its new rows and the blocks the bound leaves behind.
   */
  private unsettled = new Map<number, Set<string>>();
  /** Count and {@link voteWindow} digest of the rows in `unsettled`, kept as rows come and go. */
  private windowCount = 0;
  private windowDigest = 0;
  private bound: number | null = null;
  private latest = -1;
  private currentVersion = 0;
  /** Per version after the first: its changes, or null for a full read. */
  private log: { version: number; changes: VoteChange[] | null }[] = [];
  private loggedChanges = 0;
  /** Reads done, by kind (for tests and the bench). */
  readonly reads = { full: 0, incremental: 0, compared: 0 };

  constructor(
    private readonly read: StandingVoteReader,
    private readonly limits: MirrorLimits = DEFAULT_LIMITS,
  ) {}

  /** Increases with every read that changed a row. */
  get version(): number {
    return this.currentVersion;
  }

  rows(): IterableIterator<StandingVoteRow> {
    return this.rowsByKey.values();
  }

  /** The changes after `version` up to now, in order; null when they are no longer all kept (rebuild). */
  changesSince(version: number): VoteChange[] | null {
    if (version === this.currentVersion) return [];
    if (version > this.currentVersion) return null;
    const first = this.log.findIndex((e) => e.version === version + 1);
    if (first < 0) return null;
    const out: VoteChange[] = [];
    for (let i = first; i < this.log.length; i++) {
      const changes = this.log[i]!.changes;
      if (changes === null) return null;
      for (const c of changes) out.push(c);
    }
    return out;
  }

  /**
   * Brings the mirror to the table as it is now. A call while a read runs waits for it and then
   * reads again (one read for every caller that arrived meanwhile), so the state it leaves is at
   * least as new as the call.
   */
  readonly sync: () => Promise<void> = freshRead(() => this.readOnce());

  private async readOnce(): Promise<void> {
    const bound = this.bound;
    if (bound === null || this.windowCount > this.limits.maxKeys) return this.readAll();
    const changes: VoteChange[] = [];
    // First the rows of the new blocks, with the window of the rows at blocks >= the bound. With
    // no revert since the last read, the table's window is the held rows at those blocks once the
    // new rows are in: the held versions need not be sent.
    let got = await this.read(bound, [], { upTo: this.latest });
    this.apply(got, changes);
    if (got.window === undefined || got.window.count !== this.windowCount || got.window.digest !== this.windowDigest) {
      // a revert (or a write below the latest block) since the last read: compare every held version
      got = await this.read(bound, this.held());
      this.apply(got, changes);
      this.reads.compared++;
    }
    this.settle(got, false);
    if (changes.length > 0) this.append(changes);
    this.reads.incremental++;
  }

  /** The rows held at a block >= the bound. */
  private held(): StandingVoteRow[] {
    const out: StandingVoteRow[] = [];
    for (const keys of this.unsettled.values()) for (const key of keys) out.push(this.rowsByKey.get(key)!);
    return out;
  }

  /** Takes a read's rows and gone keys into the map, logging what changed. */
  private apply(got: StandingVoteRead, changes: VoteChange[]): void {
    for (const row of got.rows) {
      const key = voteKey(row);
      const before = this.rowsByKey.get(key);
      if (before && sameVoteRow(before, row)) continue;
      this.rowsByKey.set(key, row);
      this.track(key, before, row);
      changes.push(before ? { before, after: row } : { after: row });
    }
    for (const gone of got.gone) {
      const key = voteKey(gone);
      const before = this.rowsByKey.get(key);
      if (!before) continue;
      this.rowsByKey.delete(key);
      this.track(key, before, undefined);
      changes.push({ before });
    }
  }

  /** Moves a key's row in `unsettled` and the window from `before` to `after` (either absent). */
  private track(key: string, before: StandingVoteRow | undefined, after: StandingVoteRow | undefined): void {
    const bound = this.bound ?? Infinity;
    if (before && before.block >= bound) {
      const keys = this.unsettled.get(before.block)!;
      keys.delete(key);
      if (keys.size === 0) this.unsettled.delete(before.block);
      this.leave(before);
    }
    if (after && after.block >= bound) {
      let keys = this.unsettled.get(after.block);
      if (!keys) this.unsettled.set(after.block, (keys = new Set()));
      keys.add(key);
      this.windowCount++;
      this.windowDigest = (this.windowDigest + voteDigest(after)) % DIGEST_MODULUS;
    }
  }

  private leave(row: StandingVoteRow): void {
    this.windowCount--;
    this.windowDigest = (this.windowDigest - voteDigest(row) + DIGEST_MODULUS) % DIGEST_MODULUS;
  }

  private async readAll(): Promise<void> {
    const got = await this.read(null, []);
    this.rowsByKey = new Map(got.rows.map((r) => [voteKey(r), r]));
    this.settle(got, true);
    this.append(null);
    this.reads.full++;
  }

  /**
   * Takes the read's bounds. A bound that rises lets go of the blocks below it (each row leaves
   * `unsettled` once); after a full read, or a bound that fell, every row is looked at.
   */
  private settle(got: StandingVoteRead, full: boolean): void {
    if (full || this.bound === null || got.bound < this.bound) {
      this.unsettled.clear();
      this.windowCount = 0;
      this.windowDigest = 0;
      this.bound = got.bound;
      for (const [key, row] of this.rowsByKey) this.track(key, undefined, row);
    } else {
      for (const [block, keys] of this.unsettled) {
        if (block >= got.bound) continue;
        for (const key of keys) this.leave(this.rowsByKey.get(key)!);
        this.unsettled.delete(block);
      }
      this.bound = got.bound;
    }
    this.latest = got.latest;
  }

  private append(changes: VoteChange[] | null): void {
    this.currentVersion++;
    this.log.push({ version: this.currentVersion, changes });
    this.loggedChanges += changes?.length ?? 0;
    // a full read makes every older entry useless
    if (changes === null) {
      this.log = this.log.slice(-1);
      this.loggedChanges = 0;
    }
    while (this.log.length > 1 && this.loggedChanges > this.limits.maxLoggedChanges) {
      this.loggedChanges -= this.log.shift()!.changes?.length ?? 0;
    }
  }
}
