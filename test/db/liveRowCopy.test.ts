import { describe, expect, it } from "vitest";
import type { Hex } from "../../src/config/profile";
import { LiveRowCopy } from "../../src/db/liveRowCopy";
import type { HoldingRow, LockRow, StandingVoteRow } from "../../src/domain/snapshot";
import { VoteTally } from "../../src/domain/voteTally";

const A = "0x00000000000000000000000000000000000000a1" as Hex;
const B = "0x00000000000000000000000000000000000000b2" as Hex;
const G1 = "0x0000000000000000000000000000000000000001" as Hex;
const G2 = "0x0000000000000000000000000000000000000002" as Hex;
const V = "0x00000000000000000000000000000000000000e1" as Hex;

const lock = (tokenId: bigint, amount: bigint, status: LockRow["status"] = "active", owner = A): LockRow => ({
  tokenId,
  owner,
  amount,
  startTs: 0n,
  writtenTs: 0n,
  status,
  exitCheckpointTs: status === "active" ? null : 10n,
});
const vote = (tokenId: bigint, gauge: Hex, amount: bigint): StandingVoteRow => ({ tokenId, gauge, voter: A, amount, season: 1, voterContract: V });
const holding = (address: Hex, brBalance: bigint): HoldingRow => ({ address, brBalance, label: null });

const loaded = (writes = 5n) => {
  const copy = new LiveRowCopy();
  copy.load({ locks: [lock(1n, 10n), lock(2n, 20n)], votes: [vote(1n, G1, 6n), vote(1n, G2, 4n)], holdings: [holding(A, 7n)] }, writes);
  return copy;
};

describe("LiveRowCopy", () => {
  it("answers the rows it loaded while the database counts the same writes", () => {
    const rows = loaded(5n).rowsAt(5n)!;
    expect(rows.locks.map((l) => l.tokenId)).toEqual([1n, 2n]);
    expect(rows.votes.map((v) => [v.gauge, v.amount])).toEqual([
      [G1, 6n],
      [G2, 4n],
    ]);
    expect(rows.holdings).toEqual([holding(A, 7n)]);
  });

  it("applies each write by key: a replaced row, a new one; its counts are the database's", () => {
    const copy = loaded(5n);
    copy.setLock(lock(1n, 15n));
    copy.setVote(vote(2n, G1, 3n));
    copy.count(); // the block of those two
    copy.setHolding(holding(B, 2n));
    copy.setHolding(holding(A, 9n));
    copy.count(); // the next block
    expect(copy.rowsAt(7n)).not.toBeNull();
    const rows = copy.rowsAt(7n)!;
    expect(rows.locks.map((l) => [l.tokenId, l.amount])).toEqual([
      [1n, 15n],
      [2n, 20n],
    ]);
    expect(rows.votes.map((v) => [v.tokenId, v.gauge, v.amount])).toEqual([
      [1n, G1, 6n],
      [1n, G2, 4n],
      [2n, G1, 3n],
    ]);
    expect(rows.holdings).toEqual([holding(A, 9n), holding(B, 2n)]);
  });

  it("drops what the tables' read leaves out: an exited lock, a vote reset to 0, an emptied balance", () => {
    const copy = loaded(5n);
    copy.setLock(lock(2n, 20n, "exited"));
    copy.setLock(lock(1n, 10n, "queued"));
    copy.setVote(vote(1n, G1, 0n));
    copy.setHolding(holding(A, 0n));
    copy.count();
    const rows = copy.rowsAt(6n)!;
    expect(rows.locks.map((l) => [l.tokenId, l.status])).toEqual([[1n, "queued"]]);
    expect(rows.votes.map((v) => v.gauge)).toEqual([G2]);
    expect(rows.holdings).toEqual([]);
  });

  it("keeps its votes' tally equal to the tally of the votes it holds, through replaced and reset votes and a reload", () => {
    const copy = loaded(5n);
    copy.setVote(vote(1n, G1, 9n)); // replaces 6
    copy.setVote(vote(2n, G1, 3n)); // new
    copy.setVote(vote(1n, G2, 0n)); // reset
    copy.setVote(vote(3n, G2, 0n)); // reset of a vote never held
    copy.count();
    const rows = copy.rowsAt(6n)!;
    const tally = rows.tally.scope(1, V)!;
    expect([tally.cast, tally.voters.get(A)?.cast, tally.gauges.get(G1)?.votes, tally.gauges.has(G2), tally.tokens.size]).toEqual([12n, 12n, 12n, false, 2]);
    expect(rows.tally).toEqual(VoteTally.of(rows.votes));
    // a reload starts the tally again from the rows read
    copy.load({ locks: [], votes: [vote(5n, G2, 1n)], holdings: [] }, 9n);
    expect(copy.rowsAt(9n)!.tally).toEqual(VoteTally.of([vote(5n, G2, 1n)]));
  });

  it("holds votes by token and gauge: a token whose votes are all reset leaves nothing, token ids above 2^53 stay apart", () => {
    const copy = loaded(5n);
    copy.setVote(vote(1n, G1, 0n));
    copy.setVote(vote(1n, G2, 0n));
    copy.count();
    expect(copy.rowsAt(6n)!.votes).toEqual([]);
    expect(copy.rowsAt(6n)!.tally.scope(1, V)).toBeUndefined();
    // 2^53 and 2^53 + 1 are the same double: as keys they must not be
    const big = 2n ** 53n;
    copy.setVote(vote(big, G1, 7n));
    copy.setVote(vote(big + 1n, G1, 5n));
    copy.setVote(vote(1n, G2, 2n));
    copy.count();
    const rows = copy.rowsAt(7n)!;
    expect(rows.votes.map((v) => [v.tokenId, v.gauge, v.amount])).toEqual([
      [big, G1, 7n],
      [big + 1n, G1, 5n],
      [1n, G2, 2n],
    ]);
    expect(rows.tally).toEqual(VoteTally.of(rows.votes));
  });

  it("gives nothing, and drops everything, when the database counts less (a revert it did not see)", () => {
    const copy = loaded(5n);
    copy.setVote(vote(1n, G1, 1n)); // written and counted, then reverted by the database: it counts 5 again
    copy.count();
    expect(copy.rowsAt(5n)).toBeNull();
    // dropped for good: even the count it had before is not trusted any more
    expect(copy.rowsAt(6n)).toBeNull();
    copy.setVote(vote(1n, G1, 2n));
    copy.count();
    expect(copy.rowsAt(7n)).toBeNull();
  });

  it("gives nothing when the database counts more than it did", () => {
    expect(loaded(5n).rowsAt(6n)).toBeNull();
  });

  it("neither applies nor counts writes before it is loaded", () => {
    const copy = new LiveRowCopy();
    copy.setLock(lock(9n, 1n));
    copy.setVote(vote(1n, G1, 6n));
    copy.count();
    expect(copy.rowsAt(0n)).toBeNull();
    expect(copy.rowsAt(1n)).toBeNull();
    copy.load({ locks: [], votes: [], holdings: [] }, 1n);
    expect(copy.rowsAt(1n)).toEqual({ locks: [], votes: [], holdings: [], tally: new VoteTally() });
  });

  it("load replaces whatever was held", () => {
    const copy = loaded(5n);
    copy.load({ locks: [lock(3n, 1n, "active", B)], votes: [], holdings: [] }, 40n);
    const rows = copy.rowsAt(40n)!;
    expect(rows.locks.map((l) => [l.tokenId, l.owner])).toEqual([[3n, B]]);
    expect([rows.votes, rows.holdings]).toEqual([[], []]);
  });

  it("heldAt: true while the counts agree, without giving the rows; false and dropped when they differ", () => {
    const copy = loaded(5n);
    expect(copy.heldAt(5n)).toBe(true);
    copy.setVote(vote(1n, G1, 1n));
    copy.count();
    expect(copy.heldAt(6n)).toBe(true);
    expect(copy.rowsAt(6n)!.votes.map((v) => [v.gauge, v.amount])).toEqual([
      [G1, 1n],
      [G2, 4n],
    ]);
    // the database reverted that block: it counts 5, the copy 6
    expect(copy.heldAt(5n)).toBe(false);
    expect(copy.heldAt(6n)).toBe(false);
    expect(copy.rowsAt(6n)).toBeNull();
    expect(new LiveRowCopy().heldAt(0n)).toBe(false);
  });
});
