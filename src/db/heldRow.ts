/**
 * One table row held in the indexer's memory from event to event, so that a handler does not
 * ask Ponder's store for it again (src/indexing/state.ts holds the `indexerState` row, which
 * every handler reads: one store call per event, 1.36 M of them in the `large` backfill).
 * No I/O: the caller reads the row when this answers undefined, and hands over every write.
 *
 * Why the row held is the table's row when it is answered: every write of the row goes through
 * the holder, so the row differs from the table's only when Ponder undoes writes. It undoes
 * them in two ways, and each makes the next event seen differ from every event that can follow
 * a kept write:
 * - a batch (or a live block) run again after an error starts again at its first event, whose
 *   id (Ponder's checkpoint: timestamp, chain, block, transaction, event type and index, as
 *   fixed-width digits) is not above the last id seen, which was at least that event's;
 * - a reorg reverts whole blocks, and the events after it are in another block: either its hash
 *   differs from the block seen last, or it is that block indexed again, whose ids were seen.
 * So the row is answered only for an event of the block seen last whose id is above every id
 * seen; anything else drops it. That costs one read per block with events, not one per event.
 *
 * @example
 * const held = new HeldRow<State>();
 * held.at(event.id, event.block.hash);          // undefined: nothing held, read the row
 * held.hold(row, event.id, event.block.hash);   // after the read, and after every write
 * held.at(next.id, next.block.hash);            // the row, for a later event of the same block
 */
export class HeldRow<T> {
  private row: T | undefined;
  private blockHash: string | undefined;
  /** The highest event id seen since the row was held. */
  private lastId = "";

  /** The row held, when it is still the table's row at event `id` of block `blockHash`; otherwise undefined, and nothing is held. */
  at(id: string, blockHash: string): T | undefined {
    if (this.row === undefined || blockHash !== this.blockHash || id <= this.lastId) {
      this.forget();
      return undefined;
    }
    this.lastId = id;
    return this.row;
  }

  /** Holds `row`, the table's row as event `id` of block `blockHash` read or wrote it; returns it. */
  hold(row: T, id: string, blockHash: string): T {
    this.row = row;
    this.blockHash = blockHash;
    this.lastId = id;
    return row;
  }

  /** Drops the row held. */
  forget(): void {
    this.row = undefined;
    this.blockHash = undefined;
    this.lastId = "";
  }
}
