import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  emissionSteering,
  InvalidCountError,
  InvalidSeriesError,
  NegativeAmountError,
  participation,
  persistence,
  seasonDrift,
} from "../../src/metrics/index";

describe("emissionSteering: hand-worked examples", () => {
  it("three votes over two gauges, top 1", () => {
    // g1: a 6, b 2 → total 8, top voter a 6/8 = 0.75; g2: b 2 → share 1
    // overall: a 6, b 4, total 10 → top 1 (a) holds 0.6
    const result = emissionSteering(
      [
        { voter: "a", gauge: "g1", amount: 6n },
        { voter: "b", gauge: "g1", amount: 2n },
        { voter: "b", gauge: "g2", amount: 2n },
      ],
      1,
    );
    expect(result.total).toBe(10n);
    expect(result.gauges).toEqual([
      { gauge: "g1", total: 8n, voters: 2, topNShare: 0.75, topVoter: "a", topVoterAmount: 6n, topVoterShare: 0.75 },
      { gauge: "g2", total: 2n, voters: 1, topNShare: 1, topVoter: "b", topVoterAmount: 2n, topVoterShare: 1 },
    ]);
    expect(result.topVoters).toEqual([{ voter: "a", amount: 6n, share: 0.6 }]);
    expect(result.topNShare).toBe(0.6);
    expect(result.mostCaptured).toEqual({ gauge: "g2", voter: "b", share: 1, total: 2n });
  });

  it("sums repeated (voter, gauge) votes and breaks ties deterministically", () => {
    // g: a 1 + 1 = 2, b 2 → tie, "a" < "b"; top 2 of g = everything
    const result = emissionSteering(
      [
        { voter: "b", gauge: "g", amount: 2n },
        { voter: "a", gauge: "g", amount: 1n },
        { voter: "a", gauge: "g", amount: 1n },
      ],
      2,
    );
    expect(result.gauges[0]).toMatchObject({ total: 4n, topVoter: "a", topVoterShare: 0.5, topNShare: 1 });
    expect(result.topVoters.map((v) => v.voter)).toEqual(["a", "b"]);
  });

  it("equal single-voter capture: the larger gauge wins, then the smaller id", () => {
    const result = emissionSteering(
      [
        { voter: "a", gauge: "small", amount: 1n },
        { voter: "b", gauge: "big", amount: 5n },
        { voter: "c", gauge: "also-big", amount: 5n },
      ],
      1,
    );
    expect(result.mostCaptured).toEqual({ gauge: "also-big", voter: "c", share: 1, total: 5n });
  });

  it("no votes, zero votes, topN 0", () => {
    expect(emissionSteering([], 3)).toEqual({
      topN: 3,
      total: 0n,
      gauges: [],
      topVoters: [],
      topNShare: 0,
      mostCaptured: null,
    });
    const zero = emissionSteering([{ voter: "a", gauge: "g", amount: 0n }], 1);
    expect(zero.gauges[0]).toMatchObject({ total: 0n, voters: 0, topVoter: null, topVoterShare: 0, topNShare: 0 });
    expect(zero.mostCaptured).toBeNull();
    expect(zero.topVoters).toEqual([]);
    expect(emissionSteering([{ voter: "a", gauge: "g", amount: 5n }], 0).topNShare).toBe(0);
  });

  it("rejects negative amounts and a bad topN", () => {
    expect(() => emissionSteering([{ voter: "a", gauge: "g", amount: -1n }], 1)).toThrow(NegativeAmountError);
    expect(() => emissionSteering([], -1)).toThrow(InvalidCountError);
  });

  it("top-N shares are monotone in N and bounded by 1 (property)", () => {
    const voteArb = fc.record({
      voter: fc.constantFrom("a", "b", "c", "d", "e"),
      gauge: fc.constantFrom("g1", "g2", "g3"),
      amount: fc.bigInt({ min: 0n, max: 10n ** 27n }),
    });
    fc.assert(
      fc.property(fc.array(voteArb, { maxLength: 30 }), (votes) => {
        let previous = 0;
        for (let n = 0; n <= 6; n++) {
          const r = emissionSteering(votes, n);
          expect(r.topNShare).toBeGreaterThanOrEqual(previous);
          expect(r.topNShare).toBeLessThanOrEqual(1);
          previous = r.topNShare;
          for (const g of r.gauges) expect(g.topVoterShare).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe("participation", () => {
  it("shares by power and by head count", () => {
    // 30/120 = 0.25, 3/4 = 0.75
    expect(participation({ castPower: 30n, eligiblePower: 120n, voters: 3, eligibleOwners: 4 })).toEqual({
      powerShare: 0.25,
      voterShare: 0.75,
    });
  });

  it("is 0 when a denominator is 0, and does not clamp above 1", () => {
    expect(participation({ castPower: 0n, eligiblePower: 0n, voters: 0, eligibleOwners: 0 })).toEqual({
      powerShare: 0,
      voterShare: 0,
    });
    expect(participation({ castPower: 3n, eligiblePower: 2n, voters: 1, eligibleOwners: 1 }).powerShare).toBe(1.5);
  });

  it("keeps 1e27-scale precision and rejects bad input", () => {
    const e = 10n ** 27n;
    expect(participation({ castPower: e, eligiblePower: 3n * e, voters: 1, eligibleOwners: 3 }).powerShare).toBe(1 / 3);
    expect(() => participation({ castPower: -1n, eligiblePower: 1n, voters: 0, eligibleOwners: 0 })).toThrow(
      NegativeAmountError,
    );
    expect(() => participation({ castPower: 1n, eligiblePower: 1n, voters: 1.5, eligibleOwners: 2 })).toThrow(
      InvalidCountError,
    );
  });
});

describe("persistence", () => {
  const m = (entries: [string, bigint][]) => new Map(entries);

  it("share of current power from voters present in each of the last k epochs", () => {
    // current a 3, b 1 (total 4); previous (most recent first): {a}, {a, b}
    // k = 2: a is in both, b missed the latest → 3/4
    const current = m([
      ["a", 3n],
      ["b", 1n],
    ]);
    const previous = [m([["a", 5n]]), m([
      ["a", 1n],
      ["b", 1n],
    ])];
    expect(persistence(current, previous, 2)).toEqual({
      kUsed: 2,
      currentPower: 4n,
      persistentPower: 3n,
      currentVoters: 2,
      persistentVoters: 1,
      share: 0.75,
    });
    // k = 5 with only 2 epochs of history: uses 2
    expect(persistence(current, previous, 5).kUsed).toBe(2);
  });

  it("a zero amount in a previous epoch does not count as present", () => {
    const r = persistence(m([["a", 2n]]), [m([["a", 0n]])], 1);
    expect(r.share).toBe(0);
  });

  it("no history gives null; no current power gives 0", () => {
    expect(persistence(m([["a", 1n]]), [], 3)).toMatchObject({ kUsed: 0, share: null });
    expect(persistence(m([["a", 1n]]), [m([["a", 1n]])], 0)).toMatchObject({ kUsed: 0, share: null });
    expect(persistence(m([]), [m([["a", 1n]])], 1)).toMatchObject({ kUsed: 1, share: 0, currentPower: 0n });
  });

  it("rejects negative amounts (naming the voter) and a bad k", () => {
    expect(() => persistence(m([["0xabc", -1n]]), [], 1)).toThrow(/for 0xabc is negative/);
    expect(() => persistence(m([]), [], -1)).toThrow(InvalidCountError);
  });
});

describe("seasonDrift", () => {
  it("splits by season and measures the jump at each season start", () => {
    // season 1: epochs 1, 2 → 10, 14 (change +4)
    // season 2: epochs 3, 4 → 4, 6   (jump 4 − 14 = −10, change +2)
    // season 3: epoch 6 → 9          (jump 9 − 6 = +3)
    const result = seasonDrift([
      { epoch: 4, season: 2, value: 6 },
      { epoch: 1, season: 1, value: 10 },
      { epoch: 3, season: 2, value: 4 },
      { epoch: 2, season: 1, value: 14 },
      { epoch: 6, season: 3, value: 9 },
    ]);
    expect(result).toEqual([
      {
        season: 1,
        path: [
          { epoch: 1, value: 10 },
          { epoch: 2, value: 14 },
        ],
        firstEpoch: 1,
        lastEpoch: 2,
        change: 4,
        previousSeason: null,
        jump: null,
      },
      {
        season: 2,
        path: [
          { epoch: 3, value: 4 },
          { epoch: 4, value: 6 },
        ],
        firstEpoch: 3,
        lastEpoch: 4,
        change: 2,
        previousSeason: 1,
        jump: -10,
      },
      {
        season: 3,
        path: [{ epoch: 6, value: 9 }],
        firstEpoch: 6,
        lastEpoch: 6,
        change: 0,
        previousSeason: 2,
        jump: 3,
      },
    ]);
  });

  it("empty series → no seasons; a skipped season number links to the previous present one", () => {
    expect(seasonDrift([])).toEqual([]);
    const r = seasonDrift([
      { epoch: 1, season: 1, value: 1 },
      { epoch: 2, season: 3, value: 5 },
    ]);
    expect(r[1]).toMatchObject({ season: 3, previousSeason: 1, jump: 4 });
  });

  it("rejects duplicate epochs, seasons going backwards and non-integers", () => {
    expect(() =>
      seasonDrift([
        { epoch: 1, season: 1, value: 1 },
        { epoch: 1, season: 1, value: 2 },
      ]),
    ).toThrow(InvalidSeriesError);
    expect(() =>
      seasonDrift([
        { epoch: 1, season: 2, value: 1 },
        { epoch: 2, season: 1, value: 2 },
      ]),
    ).toThrow(/follows season 2/);
    expect(() => seasonDrift([{ epoch: 1.5, season: 1, value: 1 }])).toThrow(InvalidSeriesError);
  });
});
