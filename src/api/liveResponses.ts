/**
 * Finished HTTP answers about the live state (the live epoch, epochs not yet finalized), kept
 * serialized for the indexed position they were computed at. Until the indexer moves on, the
 * same request is answered from memory before the admission control of database reads
 * (`servedFromCache` in `responseCache.ts`), at the cost of one read of Ponder's checkpoint
 * shared by every request waiting for one (`freshRead.ts`).
 *
 * - What: answers their handler offers (REST `concentration`, `concentration/series` and
 *   `distribution`, GraphQL operations selecting only `concentration`), status 200, not by
 *   entity (the clustering is reused across blocks for a while: `queries/entities.ts`).
 * - Never older than the request: the cache holds the answers of one position, the last one
 *   read; a read that sees another empties it. An answer is kept only when every position read
 *   from before it was computed to after it (one at least) saw the same position, and served only
 *   to a request whose own position read, begun after it arrived, sees it too.
 * - Shared: a request for an answer being computed at its position waits for it instead of
 *   queueing for the database. A request whose answer was not kept at this position (by entity,
 *   an error, too large) is not held again at this position: it goes its own way at once.
 * - Bounded: a position read that differs from the last one empties the cache; the bodies kept
 *   are at most `maxBytes` (a quarter of `VE_LENS_RESPONSE_CACHE_MB`; 0 turns it off), the keys
 *   held at most `maxKeys`.
 *
 * The position must change with every write of the index: `ponderStore.ts` reads Ponder's
 * checkpoint with its row's version, so a reorg's rewind to an earlier checkpoint is a new one
 * (not through a views schema, whose rows have no version: see the README's Assumptions).
 *
 * @example
 * const live = new LiveResponses(async () => (await store.checkpoint())?.id ?? null);
 * const claim = await live.claim(key);
 * if ("hit" in claim) return sendCached(c, claim.hit);
 * const kept = await claim.ticket.finish({ body, contentType, headers: { "Cache-Control": "no-cache" } });
 */
import { type CachedResponse, strongEtag } from "./responseCache";

/** What a handler offers to keep (null: this answer is not to be kept). */
export type LiveOffer = { body: string; contentType: string; headers: Record<string, string> } | null;

/** The right to compute an answer at a position; `finish` must be called once, also on failure. */
export interface LiveTicket {
  /** Keeps the answer when the position has not moved; the kept answer, or null. */
  finish(offer: LiveOffer): Promise<CachedResponse | null>;
}

/** An answer of the position now (a position read that sees another one empties the cache). */
interface Entry {
  /** The kept answer; null when it was not kept at this position. */
  answer: Promise<CachedResponse | null>;
  bytes: number;
}

const NOTHING_TO_KEEP: LiveTicket = { finish: async () => null };

export class LiveResponses {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private position: string | null = null;

  /**
   * @param checkpoint the indexed position now (null: nothing indexed), read afresh for each call
   *   (share one reader with `freshRead`); a failure keeps nothing and serves nothing
   */
  constructor(
    private readonly checkpoint: () => Promise<string | null>,
    readonly maxBytes = 16 * 2 ** 20,
    readonly maxKeys = 10_000,
  ) {}

  /** Kept answers and their body bytes. */
  size(): { entries: number; bytes: number } {
    let entries = 0;
    for (const e of this.entries.values()) if (e.bytes > 0) entries++;
    return { entries, bytes: this.bytes };
  }

  /** The position now; a new one empties the cache. */
  private async at(): Promise<string | null> {
    const id = await this.checkpoint();
    if (id !== this.position) {
      this.position = id;
      this.entries.clear();
      this.bytes = 0;
    }
    return id;
  }

  /**
   * The answer kept for `key` at the position now, waiting for one being computed; undefined
   * when there is none (no position read is made unless something is held for the key).
   */
  async lookup(key: string): Promise<CachedResponse | undefined> {
    if (this.maxBytes <= 0 || !this.entries.has(key)) return undefined;
    let at: string | null;
    try {
      at = await this.at();
    } catch {
      return undefined;
    }
    const entry = this.entries.get(key);
    if (at === null || entry === undefined) return undefined;
    return (await entry.answer) ?? undefined;
  }

  /**
   * The answer kept for `key` at the position now (waiting for one being computed), or a ticket
   * to compute it, which keeps what it is given if the position has not moved meanwhile.
   */
  async claim(key: string): Promise<{ hit: CachedResponse } | { ticket: LiveTicket }> {
    if (this.maxBytes <= 0) return { ticket: NOTHING_TO_KEEP };
    let at: string | null;
    try {
      at = await this.at();
    } catch {
      return { ticket: NOTHING_TO_KEEP };
    }
    if (at === null) return { ticket: NOTHING_TO_KEEP };
    const held = this.entries.get(key);
    if (held !== undefined) {
      const answer = await held.answer;
      // not kept at this position: compute without holding the others again
      return answer ? { hit: answer } : { ticket: NOTHING_TO_KEEP };
    }
    if (this.entries.size >= this.maxKeys) return { ticket: NOTHING_TO_KEEP };
    let settle!: (answer: CachedResponse | null) => void;
    const entry: Entry = { answer: new Promise((resolve) => (settle = resolve)), bytes: 0 };
    this.entries.set(key, entry);
    let finished = false;
    return {
      ticket: {
        finish: async (offer) => {
          if (finished) return null;
          finished = true;
          let kept: CachedResponse | null = null;
          try {
            kept = offer === null ? null : await this.keep(key, entry, offer);
          } finally {
            settle(kept);
          }
          return kept;
        },
      },
    };
  }

  private async keep(key: string, entry: Entry, offer: NonNullable<LiveOffer>): Promise<CachedResponse | null> {
    const bytes = offer.body.length + key.length;
    if (this.bytes + bytes > this.maxBytes) return null;
    try {
      await this.at();
    } catch {
      return null;
    }
    // still held: every position read since the claim (this one included) saw the claim's position
    if (this.entries.get(key) !== entry) return null;
    if (this.bytes + bytes > this.maxBytes) return null;
    entry.bytes = bytes;
    this.bytes += bytes;
    return { body: offer.body, etag: strongEtag(offer.body), contentType: offer.contentType, headers: offer.headers };
  }
}
