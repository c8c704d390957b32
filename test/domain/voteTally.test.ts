import { describe, expect, it } from "vitest";
import { Rng } from "../../devnet/rng";
import type { Hex } from "../../src/config/profile";
import type { StandingVoteRow } from "../../src/domain/snapshot";
import { VoteTally } from "../../src/domain/voteTally";

const A = "0x00000000000000000000000000000000000000a1" as Hex;
const B = "0x00000000000000000000000000000000000000b2" as Hex;
const G1 = "0x0000000000000000000000000000000000000001" as Hex;
const G2 = "0x0000000000000000000000000000000000000002" as Hex;
const V1 = "0x00000000000000000000000000000000000000e1" as Hex;
const V0 = "0x00000000000000000000000000000000000000e0" as Hex;

const vote = (tokenId: bigint, gauge: Hex, voter: Hex, amount: bigint, season = 2, voterContract = V1): StandingVoteRow => ({
  tokenId,
  gauge,
  voter,
  amount,
  season,
  voterContract,
});

/** A scope's sums as plain values, for comparison. */
const plain = (tally: VoteTally, season: number, voterContract: Hex | null) => {
  const s = tally.scope(season, voterContract);
  if (s === undefined) return undefined;
  const sums = (m: Map<Hex, { cast: bigint }>) => Object.fromEntries([...m].map(([k, v]) => [k, v.cast]).sort());
  return {
    cast: s.cast,
    voters: sums(s.voters),
    gauges: Object.fromEntries([...s.gauges].sort().map(([g, t]) => [g, { votes: t.votes, tokens: t.tokens, voters: sums(t.voters) }])),
    tokens: Object.fromEntries([...s.tokens].map(([k, n]) => [String(k), n]).sort()),
  };
};

describe("VoteTally", () => {
  it("counts token ids above 2^53 apart even where they are the same double", () => {
    const big = 2n ** 60n;
    expect(Number(big)).toBe(Number(big + 1n));
    const tally = VoteTally.of([vote(big, G1, A, 5n), vote(big + 1n, G1, A, 7n), vote(3n, G2, B, 1n)]);
    expect(plain(tally, 2, V1)?.tokens).toEqual({ [String(big)]: 1, [String(big + 1n)]: 1, "3": 1 });
    tally.remove(vote(big, G1, A, 5n));
    expect(plain(tally, 2, V1)?.tokens).toEqual({ [String(big + 1n)]: 1, "3": 1 });
  });

  it("sums a scope's votes per voter, per gauge and per token (hand-worked)", () => {
    const tally = VoteTally.of([
      vote(1n, G1, A, 60n),
      vote(1n, G2, A, 40n),
      vote(4n, G1, B, 30n),
      vote(9n, G1, B, 999n, 1), // another season
      vote(6n, G2, B, 777n, 2, V0), // another voter contract
      vote(7n, G2, B, 0n), // no amount: counts for nothing
    ]);
    expect(plain(tally, 2, V1)).toEqual({
      cast: 130n,
      voters: { [A]: 100n, [B]: 30n },
      gauges: {
        [G1]: { votes: 90n, tokens: 2, voters: { [A]: 60n, [B]: 30n } },
        [G2]: { votes: 40n, tokens: 1, voters: { [A]: 40n } },
      },
      tokens: { "1": 2, "4": 1 },
    });
    expect(plain(tally, 1, V1)?.cast).toBe(999n);
    expect(plain(tally, 2, V0)?.cast).toBe(777n);
    expect(tally.scope(3, V1)).toBeUndefined();
    expect(tally.scope(2, null)).toBeUndefined();
  });

  it("forgets a voter, a gauge, a token and the scope once their votes are taken back", () => {
    const tally = VoteTally.of([vote(1n, G1, A, 60n), vote(1n, G2, A, 40n), vote(4n, G1, B, 30n)]);
    tally.remove(vote(4n, G1, B, 30n));
    expect(plain(tally, 2, V1)).toEqual({
      cast: 100n,
      voters: { [A]: 100n },
      gauges: { [G1]: { votes: 60n, tokens: 1, voters: { [A]: 60n } }, [G2]: { votes: 40n, tokens: 1, voters: { [A]: 40n } } },
      tokens: { "1": 2 },
    });
    tally.remove(vote(1n, G2, A, 40n));
    expect(plain(tally, 2, V1)?.gauges).toEqual({ [G1]: { votes: 60n, tokens: 1, voters: { [A]: 60n } } });
    tally.remove(vote(1n, G1, A, 60n));
    expect(tally.scope(2, V1)).toBeUndefined();
  });

  it("refuses to take back a vote it never counted", () => {
    const tally = VoteTally.of([vote(1n, G1, A, 60n)]);
    expect(() => tally.remove(vote(2n, G1, B, 5n))).toThrow(/has no vote to take back/);
    expect(() => tally.remove(vote(1n, G1, A, 5n, 3))).toThrow(/no vote of season 3/);
  });

  it("kept write by write, equals the tally of the final rows (seeded random writes over seasons, contracts, zero votes)", () => {
    const rng = new Rng(7, "vote-tally");
    const voters = Array.from({ length: 12 }, (_, i) => `0x${(0xa00 + i).toString(16).padStart(40, "0")}` as Hex);
    const gauges = [G1, G2, "0x0000000000000000000000000000000000000003" as Hex];
    const rows = new Map<string, StandingVoteRow>();
    const kept = new VoteTally();
    for (let i = 0; i < 3_000; i++) {
      const tokenId = BigInt(rng.int(1, 40));
      const gauge = rng.pick(gauges);
      // a token's holder changes now and then, as after a transfer
      const row = vote(tokenId, gauge, rng.pick(voters), rng.chance(0.2) ? 0n : BigInt(rng.int(1, 1_000)) * 10n ** 18n, rng.int(1, 3), rng.chance(0.1) ? V0 : V1);
      const key = `${tokenId}:${gauge}`;
      const replaced = rows.get(key);
      if (replaced) kept.remove(replaced);
      kept.add(row);
      rows.set(key, row);
    }
    const fresh = VoteTally.of(rows.values());
    for (const season of [1, 2, 3]) {
      for (const contract of [V1, V0]) expect(plain(kept, season, contract)).toEqual(plain(fresh, season, contract));
    }
    expect(plain(fresh, 2, V1)?.cast).toBeGreaterThan(0n);
  });
});
