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

  /**
   * The distribution now: a new array after any change, so one handed out earlier never moves.
   * A few changes are merged into the previous array in one pass (the changed owners' old rows
   * found by binary search and left out, their new rows put in order); many sort again.
   */
  rows(): Distribution {
    if (this.snapshot) return this.snapshot;
    if (this.pending.size * 16 > this.sorted.length + 16) {
      this.sorted = sortDistribution(this.members());
    } else {
      const previous = this.sorted;
      const dropped: number[] = [];
      const added: Holding[] = [];
      for (const [owner, old] of this.pending) {
        // the owner's row is the last one not after it
        if (old > 0n) dropped.push(indexAfter(previous, { owner, amount: old }) - 1);
        const amount = this.amounts.get(owner) ?? 0n;
        if (amount > 0n) added.push({ owner, amount });
      }
      dropped.sort((a, b) => a - b);
      const sortedAdded = sortDistribution(added);
      // where each new row goes among the previous rows: before the first one after it
      const at = sortedAdded.map((row) => indexAfter(previous, row));
      const next: Holding[] = [];
      let d = 0;
      let a = 0;
      for (let i = 0; i <= previous.length; i++) {
        while (a < at.length && at[a] === i) next.push(sortedAdded[a++]!);
        if (i === previous.length) break;
        if (d < dropped.length && dropped[d] === i) d++;
        else next.push(previous[i]!);
      }
      this.sorted = next;
    }
    this.pending.clear();
    this.snapshot = this.sorted;
    return this.snapshot;
  }

  private *members(): Iterable<Holding> {
    for (const [owner, amount] of this.amounts) yield { owner, amount };
  }
}
