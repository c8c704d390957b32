/**
 * Two memo caches for computed API answers:
 * - {@link BlockCache}: values valid until the index moves (live state), keyed by the indexed
 *   position (the checkpoint's `id`, which changes with every write of the index, also when a
 *   reorg replaces the latest block by another at the same height); a new position empties it.
 * - {@link ImmutableCache}: values of finalized epochs, which never change; bounded LRU.
 * Both store promises, so concurrent requests for the same key share one computation; a
 * rejected promise is evicted so the next request retries.
 */

export class BlockCache {
  private position: string | number | null = null;
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly maxEntries = 500) {}

  /** The value for `key` at `position`, computed once per position. */
  get<T>(position: string | number, key: string, compute: () => Promise<T>): Promise<T> {
    if (position !== this.position) {
      this.entries.clear();
      this.position = position;
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
