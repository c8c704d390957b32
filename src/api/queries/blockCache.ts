/**
 * Two memo caches for computed API answers:
 * - {@link BlockCache}: values valid until the next indexed block (live state), keyed by the
 *   latest checkpoint's block number; a new block empties it.
 * - {@link ImmutableCache}: values of finalized epochs, which never change; bounded LRU.
 * Both store promises, so concurrent requests for the same key share one computation; a
 * rejected promise is evicted so the next request retries.
 */

export class BlockCache {
  private block: number | null = null;
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly maxEntries = 500) {}

  /** The value for `key` at `block`, computed once per block. */
  get<T>(block: number, key: string, compute: () => Promise<T>): Promise<T> {
    if (block !== this.block) {
      this.entries.clear();
      this.block = block;
    }
    let entry = this.entries.get(key) as Promise<T> | undefined;
    if (entry === undefined) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      entry = compute();
      this.entries.set(key, entry);
      entry.catch(() => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      });
    }
    return entry;
  }
}

export class ImmutableCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly maxEntries = 1000) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key) as Promise<T> | undefined;
    if (entry !== undefined) {
      // refresh recency
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry;
    }
    entry = compute();
    this.entries.set(key, entry);
    entry.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return entry;
  }
}
