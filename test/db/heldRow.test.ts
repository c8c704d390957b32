import { describe, expect, it } from "vitest";
import { HeldRow } from "../../src/db/heldRow";

/** An event id as Ponder writes its checkpoints: fixed-width digits, block before index. */
const id = (block: number, index: number): string => `${String(block).padStart(8, "0")}${String(index).padStart(4, "0")}`;

describe("HeldRow", () => {
  it("answers the row for later events of the same block only", () => {
    const held = new HeldRow<number>();
    expect(held.at(id(1, 0), "0xa")).toBeUndefined();
    held.hold(7, id(1, 0), "0xa");
    expect(held.at(id(1, 3), "0xa")).toBe(7);
    expect(held.at(id(1, 5), "0xa")).toBe(7);
    // the next block: read again
    expect(held.at(id(2, 0), "0xb")).toBeUndefined();
    expect(held.at(id(2, 1), "0xb")).toBeUndefined();
  });

  it("drops the row when an event comes again (a retried batch) or the same id is asked twice", () => {
    const held = new HeldRow<number>();
    held.hold(1, id(4, 2), "0xa");
    expect(held.at(id(4, 2), "0xa")).toBeUndefined();
    held.hold(1, id(4, 2), "0xa");
    expect(held.at(id(4, 6), "0xa")).toBe(1);
    expect(held.at(id(4, 3), "0xa")).toBeUndefined();
    expect(held.at(id(4, 9), "0xa")).toBeUndefined();
  });

  it("drops the row for another block of the same number (a reorg)", () => {
    const held = new HeldRow<number>();
    held.hold(1, id(9, 0), "0xa");
    expect(held.at(id(9, 1), "0xb")).toBeUndefined();
    expect(held.at(id(9, 2), "0xa")).toBeUndefined();
  });

  /**
   * A model of what Ponder does to a row: batches of events in one transaction, some of which fail
   * and are run again from their first event, and reorgs that revert whole blocks and go on with
   * other blocks (of the same numbers or later ones). Each handler reads the row through the
   * holder, reads the table when the holder has nothing, and sometimes writes it. Whenever the
   * holder answers, its row must be the table's.
   */
  it("answers only the table's row through seeded retried batches and reorgs", () => {
    let seed = 0x2f6e2b1;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    interface Block {
      number: number;
      hash: string;
      events: number;
    }
    let hashes = 0;
    const newBlock = (number: number): Block => ({ number, hash: `0x${(hashes++).toString(16)}`, events: 1 + rand(6) });

    let table = 0; // the row in the database
    const afterBlock = new Map<string, number>(); // the row as each committed block left it
    const chain: Block[] = [];
    const held = new HeldRow<number>();
    let hits = 0;
    let reads = 0;
    let retries = 0;
    let reorgs = 0;

    const handle = (b: Block, i: number): void => {
      const eventId = id(b.number, i);
      const answer = held.at(eventId, b.hash);
      if (answer === undefined) {
        reads++;
        held.hold(table, eventId, b.hash);
      } else {
        hits++;
        expect(answer).toBe(table);
      }
      if (rand(3) === 0) {
        table += 1 + rand(9);
        held.hold(table, eventId, b.hash);
      }
    };

    let next = 1;
    for (let round = 0; round < 3000; round++) {
      if (chain.length > 4 && rand(10) === 0) {
        // a reorg: revert the last 1-4 blocks, then go on from a number at or after the first reverted one
        reorgs++;
        const depth = 1 + rand(4);
        const reverted = chain.splice(chain.length - depth, depth);
        const last = chain[chain.length - 1]!;
        table = afterBlock.get(last.hash)!;
        next = reverted[0]!.number + rand(3);
        continue;
      }
      // a batch of 1-3 blocks, ending inside its last block or at its end
      const batch: Block[] = [];
      for (let k = 1 + rand(3); k > 0; k--) batch.push(newBlock(next++));
      const start = table;
      const fail = rand(4) === 0;
      const failAt = rand(batch.reduce((n, b) => n + b.events, 0));
      let seen = 0;
      let failed = false;
      for (const b of batch) {
        for (let i = 0; i < b.events && !failed; i++) {
          handle(b, i);
          failed = fail && seen++ === failAt;
        }
        afterBlock.set(b.hash, table);
      }
      if (failed) {
        // the transaction is rolled back and the batch is run again from its first event
        retries++;
        table = start;
        for (const b of batch) {
          for (let i = 0; i < b.events; i++) handle(b, i);
          afterBlock.set(b.hash, table);
        }
      }
      chain.push(...batch);
    }
    expect(retries).toBeGreaterThan(100);
    expect(reorgs).toBeGreaterThan(100);
    expect(hits).toBeGreaterThan(reads);
  });
});
