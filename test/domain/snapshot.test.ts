import { describe, expect, it } from "vitest";
import type { Hex } from "../../src/config/profile";
import { windowEnd } from "../../src/domain/epochs";
import { type LockRow, buildWindowSnapshot, supplyAt } from "../../src/domain/snapshot";
import { VoteTally } from "../../src/domain/voteTally";

const A = "0x00000000000000000000000000000000000000a1" as Hex;
const B = "0x00000000000000000000000000000000000000b2" as Hex;
const C = "0x00000000000000000000000000000000000000c3" as Hex;
const D = "0x00000000000000000000000000000000000000d4" as Hex;
const G1 = "0x0000000000000000000000000000000000000001" as Hex;
const G2 = "0x0000000000000000000000000000000000000002" as Hex;
const G3 = "0x0000000000000000000000000000000000000003" as Hex;
const W = windowEnd(0); // 601_200
const V1 = "0x00000000000000000000000000000000000000e1" as Hex; // the escrow's voter
const V0 = "0x00000000000000000000000000000000000000e0" as Hex; // a voter the escrow replaced
// 2x over 100 s (C = 1e18, L = 1e16 per second, Q = 0), 10 s warmup, evaluated by a block at W:
// power = amount + amount * elapsed / 100 (elapsed <= 100), 0 until now > writtenTs + 10.
const evaluation = {
  now: W,
  warmup: 10n,
  seasonStarts: [100n, 200n],
  curve: { constant: 10n ** 18n, linear: 10n ** 16n, quadratic: 0n, maxTime: 100n },
};

const lock = (
  tokenId: bigint,
  owner: Hex,
  amount: bigint,
  startTs: bigint,
  writtenTs: bigint,
  status: LockRow["status"] = "active",
  exitCheckpointTs: bigint | null = null,
): LockRow => ({ tokenId, owner, amount, startTs, writtenTs, status, exitCheckpointTs });

const input = {
  epoch: 0,
  windowEnd: W,
  season: 2,
  voterContract: V1,
  evaluation,
  locks: [
    lock(1n, A, 100n, 0n, 0n), // anchored at season 2 (200), capped: 200
    lock(2n, A, 50n, 0n, W - 5n), // not warm at W (W > W - 5 + 10 is false): 0
    lock(3n, B, 30n, 0n, 0n, "queued", W - 1000n), // past its exit checkpoint: 0, still locked
    lock(6n, B, 10n, 0n, 0n, "queued", W + 1000n), // queued, before its exit checkpoint: 20
    lock(4n, C, 20n, W - 50n, 0n), // 20 + 20 * 50 / 100 = 30
    lock(5n, D, 70n, 0n, 0n, "exited", 5n), // exited: not part of the snapshot
  ],
  standingVotes: [
    { tokenId: 1n, gauge: G1, voter: A, amount: 60n, season: 2, voterContract: V1 },
    { tokenId: 1n, gauge: G2, voter: A, amount: 40n, season: 2, voterContract: V1 },
    { tokenId: 4n, gauge: G1, voter: C, amount: 30n, season: 2, voterContract: V1 },
    { tokenId: 9n, gauge: G3, voter: D, amount: 999n, season: 1, voterContract: V1 }, // earlier season: dropped
    { tokenId: 6n, gauge: G3, voter: B, amount: 777n, season: 2, voterContract: V0 }, // replaced voter: dropped
  ],
  holdings: [
    { address: A, brBalance: 500n, label: null },
    { address: B, brBalance: 300n, label: "exchange" as const },
    { address: C, brBalance: 1_000n, label: "vesting" as const },
    { address: D, brBalance: 2_000n, label: "contract" as const },
    { address: G3, brBalance: 10n, label: "burn" as const },
  ],
  vesting: [{ address: C, start: 0n, cliff: 0n, duration: 2n * W, tgeBps: 0, total: 1_200n, released: 200n }],
  totalSupply: 3_810n,
  holdingsExcludedLabels: ["exchange", "vesting", "contract", "burn"] as const,
};

/**
 * The snapshot of `input`, built inside each test: Stryker switches a mutant on before each test,
 * so a snapshot built once in the describe body would be the original code's in every mutant run.
 */
const build = (over: Partial<Parameters<typeof buildWindowSnapshot>[0]> = {}) =>
  buildWindowSnapshot({ ...input, holdingsExcludedLabels: [...input.holdingsExcludedLabels], ...over });

describe("buildWindowSnapshot", () => {

  it("sums every lock's power at window end (warmup, cap, exit checkpoint) per owner and leaves exited locks out", () => {
    const snap = build();
    // powers: 1 -> 200 (A), 2 -> 0 (A), 3 -> 0 (B), 6 -> 20 (B), 4 -> 30 (C); 5 exited
    const power = snap.metrics.find((m) => m.scope === "ELIGIBLE_POWER")!;
    expect([power.n, power.total, power.top1Share]).toEqual([3, 250n, 200 / 250]);
    expect(power.nakamoto50).toBe(1);
    expect(snap.totals).toMatchObject({
      eligiblePower: 250n,
      lockedBr: 210n,
      activeLocks: 3,
      queuedLocks: 2,
      eligibleLocks: 3,
      eligibleOwners: 3,
    });
  });

  it("counts an owner whose locks have no power as locked, not as an eligible owner", () => {
    const E = "0x00000000000000000000000000000000000000e5" as Hex;
    const snap = build({ locks: [...input.locks, lock(7n, E, 40n, 0n, W - 5n)] }); // not warm at W: 0
    expect(snap.totals).toMatchObject({ eligiblePower: 250n, lockedBr: 250n, eligibleOwners: 3 });
    const m = (scope: string) => snap.metrics.find((x) => x.scope === scope)!;
    expect([m("ELIGIBLE_POWER").n, m("LOCKED_BR").n]).toEqual([3, 4]);
  });

  it("keeps the standing votes of the season in force held by the escrow's voter only", () => {
    const snap = build();
    expect(snap.gauges).toEqual([
      { gauge: G1, votes: 90n, voters: 2, tokens: 2 },
      { gauge: G2, votes: 40n, voters: 1, tokens: 1 },
    ]);
    expect(snap.totals).toMatchObject({ castPower: 130n, voters: 2, votingTokens: 2, gaugesVoted: 2 });
  });

  it("measures each population: per voter, per owner, locked incl. queued, holders without labels, per gauge", () => {
    const snap = build();
    const m = (scope: string, gauge = "") => snap.metrics.find((x) => x.scope === scope && x.gauge === gauge)!;
    expect([m("CAST_VOTES").n, m("CAST_VOTES").total]).toEqual([2, 130n]); // A 100, C 30
    expect(m("CAST_VOTES").top1Share).toBeCloseTo(100 / 130, 12);
    expect([m("ELIGIBLE_POWER").n, m("ELIGIBLE_POWER").total]).toEqual([3, 250n]); // A 200, C 30, B 20
    expect([m("LOCKED_BR").n, m("LOCKED_BR").total]).toEqual([3, 210n]); // A 150, B 40, C 20
    expect(m("LOCKED_BR").top1Share).toBeCloseTo(150 / 210, 12);
    expect([m("BR_HOLDINGS").n, m("BR_HOLDINGS").total]).toEqual([1, 500n]);
    expect([m("GAUGES").n, m("GAUGES").total]).toEqual([2, 130n]);
    expect([m("GAUGE_VOTERS", G1).n, m("GAUGE_VOTERS", G1).total]).toEqual([2, 90n]);
    expect([m("GAUGE_VOTERS", G2).n, m("GAUGE_VOTERS", G2).total]).toEqual([1, 40n]);
    expect(snap.metrics).toHaveLength(7);
  });

  it("breaks the supply down", () => {
    const snap = build();
    expect(snap.totals.holders).toBe(5);
    expect(snap.supply).toEqual({
      totalSupply: 3_810n,
      circulatingSupply: 800n, // 3810 - vesting 1000 - contract 2000 - burn 10
      lockedSupply: 210n,
      vestingBalance: 1_000n,
      vestedUnreleased: 400n, // 1200 * W / 2W - 200
      exchangeBalance: 300n,
      burned: 10n,
    });
  });

  it("an empty epoch gives zero totals and empty metrics", () => {
    const empty = buildWindowSnapshot({ ...input, locks: [], standingVotes: [], holdings: [], vesting: [], totalSupply: 0n, holdingsExcludedLabels: [] });
    expect(empty.totals.eligiblePower).toBe(0n);
    expect(empty.metrics.map((x) => [x.scope, x.n, x.gini])).toEqual([
      ["CAST_VOTES", 0, 0],
      ["ELIGIBLE_POWER", 0, 0],
      ["LOCKED_BR", 0, 0],
      ["BR_HOLDINGS", 0, 0],
      ["GAUGES", 0, 0],
    ]);
  });
});

describe("buildWindowSnapshot: order and filters", () => {
  // Rows arrive in no particular order; a zero vote and a zero balance are not part of the epoch.
  const shuffled = {
    locks: [lock(9n, A, 10n, 0n, 0n), lock(7n, B, 10n, 0n, 0n), lock(8n, C, 10n, 0n, 0n)],
    standingVotes: [
      { tokenId: 9n, gauge: G2, voter: A, amount: 5n, season: 2, voterContract: V1 },
      { tokenId: 7n, gauge: G3, voter: B, amount: 4n, season: 2, voterContract: V1 },
      { tokenId: 9n, gauge: G1, voter: A, amount: 3n, season: 2, voterContract: V1 },
      { tokenId: 8n, gauge: G2, voter: C, amount: 0n, season: 2, voterContract: V1 },
    ],
    holdings: [
      { address: C, brBalance: 7n, label: "exchange" as const },
      { address: A, brBalance: 0n, label: null },
      { address: D, brBalance: 5n, label: null },
      { address: B, brBalance: 9n, label: null },
    ],
    holdingsExcludedLabels: ["vesting" as const],
  };

  it("sorts gauges by address, whatever the order of the rows", () => {
    const snap = build(shuffled);
    // first seen in vote order G3, G1, G2
    expect(snap.gauges).toEqual([
      { gauge: G1, votes: 3n, voters: 1, tokens: 1 },
      { gauge: G2, votes: 5n, voters: 1, tokens: 1 },
      { gauge: G3, votes: 4n, voters: 1, tokens: 1 },
    ]);
    expect(snap.metrics.filter((m) => m.scope === "GAUGE_VOTERS").map((m) => [m.gauge, m.total])).toEqual([
      [G1, 3n],
      [G2, 5n],
      [G3, 4n],
    ]);
  });

  it("gives the same totals and metrics for the rows in any order, as arrays or as a Map's values", () => {
    const reversed = build({ ...shuffled, locks: [...shuffled.locks].reverse(), standingVotes: [...shuffled.standingVotes].reverse(), holdings: [...shuffled.holdings].reverse() });
    const fromMaps = build({
      ...shuffled,
      locks: new Map(shuffled.locks.map((l) => [l.tokenId, l])).values(),
      standingVotes: new Map(shuffled.standingVotes.map((v, i) => [i, v])).values(),
      holdings: new Map(shuffled.holdings.map((h) => [h.address, h])).values(),
    });
    expect(reversed).toEqual(build(shuffled));
    expect(fromMaps).toEqual(build(shuffled));
    expect(fromMaps.totals).toMatchObject({ eligibleLocks: 3, voters: 2, holders: 3 });
  });

  it("gives the same snapshot from the votes' tally as from the rows (the indexer passes the tally)", () => {
    const fromTally = build({ standingVotes: VoteTally.of(input.standingVotes) });
    expect(fromTally).toEqual(build());
    expect(fromTally.totals).toMatchObject({ castPower: 130n, voters: 2, votingTokens: 2, gaugesVoted: 2 });
    // and a tally the votes left empty: no vote of the season in force
    expect(build({ standingVotes: VoteTally.of(input.standingVotes.filter((v) => v.season !== 2)) })).toEqual(build({ standingVotes: [] }));
  });

  it("sorts long lists too (past the insertion-sort length of the engine's sort)", () => {
    const n = 100;
    const addr = (i: number) => `0x${i.toString(16).padStart(40, "0")}` as Hex;
    // token i votes on gauge 1 + (37 i mod 100), so gauges are first seen in a scrambled order
    const scrambled = (i: number) => addr(1 + ((i * 37) % n));
    const snap = build({
      locks: [],
      standingVotes: Array.from({ length: n }, (_, i) => ({ tokenId: BigInt(i + 1), gauge: scrambled(i), voter: addr(1_000 + i), amount: 1n, season: 2, voterContract: V1 })),
      holdings: Array.from({ length: n }, (_, i) => ({ address: scrambled(i), brBalance: 1n, label: null })),
    });
    const ascending = Array.from({ length: n }, (_, i) => addr(i + 1));
    expect(snap.gauges.map((g) => g.gauge)).toEqual(ascending);
    expect(snap.metrics.filter((m) => m.scope === "GAUGE_VOTERS").map((m) => m.gauge)).toEqual(ascending);
    expect(snap.totals.holders).toBe(n);
  });

  it("leaves a zero vote and a zero balance out of every count", () => {
    const snap = build(shuffled);
    expect(snap.totals).toMatchObject({ castPower: 12n, voters: 2, votingTokens: 2, gaugesVoted: 3, holders: 3 });
  });

  it("counts a labelled holder in BR_HOLDINGS unless its label is excluded", () => {
    const m = build(shuffled).metrics.find((x) => x.scope === "BR_HOLDINGS")!;
    expect([m.n, m.total]).toEqual([3, 21n]); // B 9, C 7 (exchange, not excluded here), D 5
    const excluded = build({ ...shuffled, holdingsExcludedLabels: ["exchange"] }).metrics.find((x) => x.scope === "BR_HOLDINGS")!;
    expect([excluded.n, excluded.total]).toEqual([2, 14n]);
  });
});

describe("supplyAt", () => {
  it("counts exchange balances as circulating", () => {
    const s = supplyAt({ ts: 0n, totalSupply: 100n, holdings: [{ address: A, brBalance: 40n, label: "exchange" }], vesting: [], lockedSupply: 0n });
    expect(s.circulatingSupply).toBe(100n);
    expect(s.exchangeBalance).toBe(40n);
  });
});
