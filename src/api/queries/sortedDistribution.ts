/**
 * A distribution kept in {@link sortDistribution}'s order (amount desc, owner asc, zeros left out)
 * while its members' amounts change: a block's few changes move a few rows instead of sorting
 * every member again.
 *
 * @example
 * const d = new SortedDistribution([{ owner: "0xa", amount: 5n }]);
 * d.add("0xb", 7n);
 * d.add("0xa", -5n);
 * d.rows(); // [{ owner: "0xb", amount: 7n }]
 */
import { type Distribution, indexAfter, sortDistribution } from "./distribution";
import type { Holding } from "./store";

export class SortedDistribution {
  private readonly amounts = new Map<string, bigint>();
  private sorted: Holding[];
  /** Owners changed since the last `rows()`, with their amount before the first change. */
  private readonly pending = new Map<string, bigint>();
  private snapshot: Distribution | null = null;

  constructor(entries: Iterable<Holding>) {
    for (const { owner, amount } of entries) this.amounts.set(owner, (this.amounts.get(owner) ?? 0n) + amount);
    this.sorted = sortDistribution(this.members());
  }

  /** Adds `delta` (negative to remove) to `owner`'s amount. */
  add(owner: string, delta: bigint): void {
    if (delta === 0n) return;
    const old = this.amounts.get(owner) ?? 0n;
    if (!this.pending.has(owner)) this.pending.set(owner, old);
    const next = old + delta;
    if (next === 0n) this.amounts.delete(owner);
    else this.amounts.set(owner, next);
    this.snapshot = null;
  }

  /** The distribution now: a new array after any change, so one handed out earlier never moves. */
  rows(): Distribution {
    if (this.snapshot) return this.snapshot;
    if (this.pending.size * 16 > this.sorted.length + 16) {
      this.sorted = sortDistribution(this.members());
    } else {
      for (const [owner, old] of this.pending) {
        // the owner's row is the last one not after it; a new row goes before the first one after it
        if (old > 0n) this.sorted.splice(indexAfter(this.sorted, { owner, amount: old }) - 1, 1);
        const amount = this.amounts.get(owner) ?? 0n;
        if (amount > 0n) this.sorted.splice(indexAfter(this.sorted, { owner, amount }), 0, { owner, amount });
      }
    }
    this.pending.clear();
    this.snapshot = this.sorted.slice();
    return this.snapshot;
  }

  private *members(): Iterable<Holding> {
    for (const [owner, amount] of this.amounts) yield { owner, amount };
  }
}
