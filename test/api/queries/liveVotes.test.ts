/**
 * src/api/queries/liveVotes.ts: the live vote distributions kept up to date from the mirror's
 * changes equal, after every block, the distributions summed and sorted by hand from the table's
 * rows, for every scope, season, voter contract and gauge asked for, through reorgs and restarts.
 */
import { describe, expect, it } from "vitest";
import { Rng } from "../../../devnet/rng";
import { LiveVoteMirror } from "../../../src/api/queries/liveVoteMirror";
import { LiveVotes, type VoteFilter, type VoteScope } from "../../../src/api/queries/liveVotes";
import type { StandingVoteRow } from "../../../src/api/queries/store";
import { oracle } from "./distributionOracle";
import { PonderLikeTable, randomVotes } from "./ponderLikeTable";

function expected(rows: Iterable<StandingVoteRow>, filter: VoteFilter, scope: VoteScope, gauge: string) {
  const sums = new Map<string, bigint>();
  for (const r of rows) {
    if (r.season !== filter.season || r.voterContract !== filter.voterContract) continue;
    if (scope === "GAUGE_VOTERS" && r.gauge !== gauge) continue;
    const owner = scope === "GAUGES" ? r.gauge : r.voter;
    sums.set(owner, (sums.get(owner) ?? 0n) + r.amount);
  }
  return oracle(sums);
}

describe("LiveVotes", () => {
  it("every vote scope's distribution and the vote list equal the table's after every block, reorg and restart", async () => {
    const gauges = ["0xg1", "0xg2", "0xg3"];
    let compared = 0;
    for (const seed of [1, 2, 3]) {
      const rng = new Rng(seed, "liveVotes");
      const table = new PonderLikeTable();
      const mirror = new LiveVoteMirror(table.reader());
      const live = new LiveVotes(mirror);
      const write = randomVotes(rng, { voters: 25, tokens: 60, maxUnits: 4, gauges, oldContractShare: 0.2 });
      for (let step = 0; step < 150; step++) {
        const roll = rng.float();
        if (roll < 0.7) table.mine(Array.from({ length: rng.int(0, 6) }, write));
        else if (roll < 0.76) table.reorg(rng.int(table.finalized, table.latest));
        else if (roll < 0.82 && table.latest > table.finalized) {
          // the latest block replaced by another at the same height, unseen in between
          table.reorg(table.latest - 1);
          table.mine(Array.from({ length: rng.int(1, 6) }, write));
        }
        else if (roll < 0.97) table.finalize(table.latest - rng.int(0, 5));
        else table.crashRecovery();
        const filter = { season: rng.int(1, 2), voterContract: "0xvoter" };
        for (const [scope, gauge] of [["CAST_VOTES", ""], ["GAUGES", ""], ...gauges.map((g) => ["GAUGE_VOTERS", g])] as [VoteScope, string][]) {
          const got = await live.distribution(table.position, filter, scope, gauge);
          expect(got, `seed ${seed} step ${step} ${scope} ${gauge}`).toEqual(expected(table.rows.values(), filter, scope, gauge));
          compared += got.length;
        }
        const votes = await live.votes(table.position, filter);
        const want = [...table.rows.values()].filter((r) => r.amount > 0n && r.season === filter.season && r.voterContract === filter.voterContract);
        expect(votes.map((v) => `${v.tokenId}:${v.gauge}:${v.voter}:${v.amount}`).sort()).toEqual(want.map((v) => `${v.tokenId}:${v.gauge}:${v.voter}:${v.amount}`).sort());
      }
      // the distributions followed the changes: one full read, at the start
      expect(mirror.reads.full).toBe(1);
    }
    expect(compared).toBeGreaterThan(1_000);
  });

  it("follows a block replaced at the same height with no read in between", async () => {
    const table = new PonderLikeTable();
    const live = new LiveVotes(new LiveVoteMirror(table.reader()));
    const filter = { season: 1, voterContract: "0xvoter" };
    const vote = (voter: string, amount: bigint) => ({ tokenId: 1n, gauge: "0xg1", voter, amount, season: 1, voterContract: "0xvoter" });
    table.mine([vote("0xa", 5n)]);
    table.mine([vote("0xa", 7n)]);
    const before = table.position;
    expect(await live.distribution(before, filter, "CAST_VOTES", "")).toEqual(oracle(new Map([["0xa", 7n]])));
    table.reorg(1);
    table.mine([vote("0xb", 9n)]);
    expect(table.latest).toBe(2);
    expect(table.position).not.toBe(before);
    expect(await live.distribution(table.position, filter, "CAST_VOTES", "")).toEqual(oracle(new Map([["0xb", 9n]])));
    expect((await live.votes(table.position, filter)).map((v) => [v.voter, v.amount])).toEqual([["0xb", 9n]]);
  });
});
