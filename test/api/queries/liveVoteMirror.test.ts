/**
 * src/api/queries/liveVoteMirror.ts against a table that behaves as Ponder's does
 * (./ponderLikeTable.ts). After every read the mirror must hold exactly the table's rows, and the
 * changes it logs must carry a copy from one version to the next.
 */
import { describe, expect, it } from "vitest";
import { Rng } from "../../../devnet/rng";
import { LiveVoteMirror, type VoteChange, voteKey } from "../../../src/api/queries/liveVoteMirror";
import type { StandingVoteRow } from "../../../src/api/queries/store";
import { PonderLikeTable, randomVotes } from "./ponderLikeTable";

const sortedRows = (rows: Iterable<StandingVoteRow>) => [...rows].sort((a, b) => (voteKey(a) < voteKey(b) ? -1 : 1));

function applyChanges(copy: Map<string, StandingVoteRow>, changes: VoteChange[]): void {
  for (const { before, after } of changes) {
    if (after) copy.set(voteKey(after), after);
    else copy.delete(voteKey(before!));
  }
}

/** A random history of blocks, reorgs, finality and restarts, with a read of the mirror after most steps. */
async function play(seed: number, options: { ignoreHeld?: boolean } = {}) {
  const rng = new Rng(seed, "liveVoteMirror");
  const table = new PonderLikeTable();
  const mirror = new LiveVoteMirror(table.reader(options), { maxKeys: 2_000, maxLoggedChanges: 100_000 });
  const write = randomVotes(rng, { voters: 12, tokens: 30, maxUnits: 3, gauges: ["0xg1", "0xg2", "0xg3"], oldContractShare: 0 });
  const copy = new Map<string, StandingVoteRow>();
  let copyVersion = 0;
  let mismatches = 0;
  for (let step = 0; step < 400; step++) {
    const roll = rng.float();
    if (roll < 0.6) table.mine(Array.from({ length: rng.int(0, 4) }, write));
    else if (roll < 0.75) table.reorg(rng.int(table.finalized, table.latest));
    else if (roll < 0.92) table.finalize(table.latest - rng.int(0, 6));
    else if (roll < 0.95) table.crashRecovery();
    if (rng.chance(0.7)) {
      // two reads at once, with a block written between them, now and then
      if (rng.chance(0.2)) {
        const first = mirror.sync();
        table.mine([write()]);
        await Promise.all([first, mirror.sync()]);
      } else await mirror.sync();
      const changes = mirror.changesSince(copyVersion);
      if (changes === null) {
        copy.clear();
        for (const r of mirror.rows()) copy.set(voteKey(r), r);
      } else applyChanges(copy, changes);
      copyVersion = mirror.version;
      const want = sortedRows(table.rows.values());
      if (JSON.stringify(sortedRows(mirror.rows()), (_k, v) => (typeof v === "bigint" ? String(v) : v)) !== JSON.stringify(want, (_k, v) => (typeof v === "bigint" ? String(v) : v))) mismatches++;
      expect(sortedRows(copy.values())).toEqual(sortedRows(mirror.rows()));
    }
  }
  return { mismatches, reads: mirror.reads, rows: table.rows.size };
}

describe("LiveVoteMirror", () => {
  it("holds exactly the table's rows after every read, through reorgs, finality and restarts, reading incrementally", async () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const { mismatches, reads, rows } = await play(seed);
      expect(mismatches, `seed ${seed}`).toBe(0);
      expect(rows).toBeGreaterThan(10);
      // one full read, at the start: reorgs and restarts are followed incrementally
      expect(reads.full, `seed ${seed}`).toBe(1);
      expect(reads.incremental, `seed ${seed}`).toBeGreaterThan(100);
      // held versions are sent only after a revert (here 1 read in 7 or so), not at every block
      expect(reads.compared, `seed ${seed}`).toBeGreaterThan(10);
      expect(reads.compared, `seed ${seed}`).toBeLessThan(reads.incremental / 4);
    }
  });

  it("the check can fail: a read that does not look at the held rows (which a revert may have put back or removed) goes wrong", async () => {
    const runs = await Promise.all([1, 2, 3, 4].map((seed) => play(seed, { ignoreHeld: true })));
    expect(runs.reduce((n, r) => n + r.mismatches, 0)).toBeGreaterThan(0);
  });

  it("a bound that falls (finality moved back) makes every row above it held again: a later revert there is followed", async () => {
    const table = new PonderLikeTable();
    const mirror = new LiveVoteMirror(table.reader(), { maxKeys: 2_000, maxLoggedChanges: 100 });
    const vote = (tokenId: bigint, amount: bigint) => ({ tokenId, gauge: "0xg1", voter: "0xa", amount, season: 1, voterContract: "0xvoter" });
    table.mine([vote(1n, 1n)]); // block 1
    table.mine([vote(2n, 1n)]); // block 2
    table.mine([vote(1n, 2n)]); // block 3: token 1's second version
    table.mine([]); // block 4
    // finality at block 4 without pruning the undo log, so a revert can still put back block 1's row
    table.finalized = 4;
    table.safe = 4;
    await mirror.sync(); // bound 4: no row held
    table.finalized = 2;
    table.safe = 2;
    await mirror.sync(); // bound 2: tokens 1 (block 3) and 2 (block 2) held again
    table.revertTo(2); // token 1 back to its block-1 version, below the bound
    await mirror.sync();
    expect(sortedRows(mirror.rows())).toEqual(sortedRows(table.rows.values()));
    expect([...mirror.rows()].find((r) => r.tokenId === 1n)).toMatchObject({ amount: 1n, block: 1 });
    expect(mirror.reads).toEqual({ full: 1, incremental: 2, compared: 1 });
  });

  it("changesSince: [] at the current version, null for a version it no longer logs or never had", async () => {
    const table = new PonderLikeTable();
    const mirror = new LiveVoteMirror(table.reader(), { maxKeys: 2_000, maxLoggedChanges: 3 });
    const vote = (tokenId: bigint, amount: bigint) => ({ tokenId, gauge: "0xg1", voter: "0xa", amount, season: 1, voterContract: "0xvoter" });
    table.mine([vote(1n, 1n)]);
    await mirror.sync(); // version 1: the first, full read
    expect(mirror.reads).toEqual({ full: 1, incremental: 0, compared: 0 });
    table.mine([vote(1n, 2n), vote(2n, 5n)]);
    await mirror.sync(); // version 2: two changes
    expect(mirror.changesSince(1)).toEqual([
      { before: { ...vote(1n, 1n), block: 1 }, after: { ...vote(1n, 2n), block: 2 } },
      { after: { ...vote(2n, 5n), block: 2 } },
    ]);
    expect(mirror.changesSince(2)).toEqual([]);
    expect(mirror.changesSince(0)).toBeNull(); // before the full read
    expect(mirror.changesSince(7)).toBeNull();
    await mirror.sync(); // nothing changed: same version
    expect(mirror.version).toBe(2);
    table.mine([vote(3n, 1n), vote(4n, 1n)]);
    await mirror.sync(); // version 3: four changes logged in all, over the limit of 3: version 2's are dropped
    expect(mirror.changesSince(1)).toBeNull();
    expect(mirror.changesSince(2)).toHaveLength(2);
    expect(mirror.reads).toEqual({ full: 1, incremental: 3, compared: 0 }); // no revert: held versions never sent
  });
});
