/**
 * Argument checks (exact error names and messages), sort orders with ties, zero amounts and
 * history windows of the influence metrics. Every expected value is worked out by hand in the
 * comments next to it.
 */
import { describe, expect, it } from "vitest";
import { emissionSteering, participation, persistence, seasonDrift } from "../../src/metrics/index";

const m = (entries: [string, bigint][]) => new Map(entries);
/** A value of the wrong type where a bigint is expected (as from untyped JSON). */
const notBigint = (x: number) => x as unknown as bigint;
const error = (name: string, message: string) => expect.objectContaining({ name, message });

describe("emissionSteering: argument checks", () => {
  it("names topN and what it must be", () => {
    expect(() => emissionSteering([], -1)).toThrow(
      error("InvalidCountError", "topN must be a non-negative integer, got -1"),
    );
    expect(() => emissionSteering([], 1.5)).toThrow(
      error("InvalidCountError", "topN must be a non-negative integer, got 1.5"),
    );
  });

  it("rejects a vote amount that is not a bigint, naming its index", () => {
    const votes = [
      { voter: "a", gauge: "g", amount: 1n },
      { voter: "b", gauge: "g", amount: notBigint(5) },
    ];
    expect(() => emissionSteering(votes, 1)).toThrow(
      error("InvalidAmountError", "amount at index 1 must be a bigint, got number 5"),
    );
  });
});

describe("emissionSteering: ordering", () => {
  it("a larger gauge (and voter) comes first even when its id sorts last", () => {
    // gauge a: x 1; gauge z: y 5 (inserted in that order). Total 6.
    // gauges by total: z (5), a (1). Voters: y 5, x 1 → top 1 = y, 5/6.
    // mostCaptured: both gauges have share 1; tie keeps the larger gauge z.
    expect(
      emissionSteering(
        [
          { voter: "x", gauge: "a", amount: 1n },
          { voter: "y", gauge: "z", amount: 5n },
        ],
        1,
      ),
    ).toEqual({
      topN: 1,
      total: 6n,
      gauges: [
        { gauge: "z", total: 5n, voters: 1, topNShare: 1, topVoter: "y", topVoterAmount: 5n, topVoterShare: 1 },
        { gauge: "a", total: 1n, voters: 1, topNShare: 1, topVoter: "x", topVoterAmount: 1n, topVoterShare: 1 },
      ],
      topVoters: [{ voter: "y", amount: 5n, share: 5 / 6 }],
      topNShare: 5 / 6,
      mostCaptured: { gauge: "z", voter: "y", share: 1, total: 5n },
    });
  });

  it("a smaller gauge (and voter) comes last even when its id sorts first", () => {
    // gauge b: z 5; gauge a: a 1 (inserted in that order). Total 6.
    // gauges by total: b (5), a (1). Voters: z 5, a 1 → top 1 = z, 5/6.
    expect(
      emissionSteering(
        [
          { voter: "z", gauge: "b", amount: 5n },
          { voter: "a", gauge: "a", amount: 1n },
        ],
        1,
      ),
    ).toEqual({
      topN: 1,
      total: 6n,
      gauges: [
        { gauge: "b", total: 5n, voters: 1, topNShare: 1, topVoter: "z", topVoterAmount: 5n, topVoterShare: 1 },
        { gauge: "a", total: 1n, voters: 1, topNShare: 1, topVoter: "a", topVoterAmount: 1n, topVoterShare: 1 },
      ],
      topVoters: [{ voter: "z", amount: 5n, share: 5 / 6 }],
      topNShare: 5 / 6,
      mostCaptured: { gauge: "b", voter: "z", share: 1, total: 5n },
    });
  });

  it("equal gauge totals and equal voter amounts, inserted in id order, stay in id order", () => {
    // g1: a 2; g2: b 2. Total 4. Gauges tie on 2 → g1, g2. Voters tie on 2 → a, b; top 1 = a, 2/4.
    // mostCaptured: both 2/2 = 1, tie keeps the first (g1).
    expect(
      emissionSteering(
        [
          { voter: "a", gauge: "g1", amount: 2n },
          { voter: "b", gauge: "g2", amount: 2n },
        ],
        1,
      ),
    ).toEqual({
      topN: 1,
      total: 4n,
      gauges: [
        { gauge: "g1", total: 2n, voters: 1, topNShare: 1, topVoter: "a", topVoterAmount: 2n, topVoterShare: 1 },
        { gauge: "g2", total: 2n, voters: 1, topNShare: 1, topVoter: "b", topVoterAmount: 2n, topVoterShare: 1 },
      ],
      topVoters: [{ voter: "a", amount: 2n, share: 0.5 }],
      topNShare: 0.5,
      mostCaptured: { gauge: "g1", voter: "a", share: 1, total: 2n },
    });
  });

  it("equal totals inserted against id order come out in id order", () => {
    // g2: b 2, then g1: a 2 → gauges g1, g2; voters a, b.
    const r = emissionSteering(
      [
        { voter: "b", gauge: "g2", amount: 2n },
        { voter: "a", gauge: "g1", amount: 2n },
      ],
      2,
    );
    expect(r.gauges.map((g) => g.gauge)).toEqual(["g1", "g2"]);
    expect(r.topVoters).toEqual([
      { voter: "a", amount: 2n, share: 0.5 },
      { voter: "b", amount: 2n, share: 0.5 },
    ]);
    expect(r.topNShare).toBe(1);
    expect(r.mostCaptured).toEqual({ gauge: "g1", voter: "a", share: 1, total: 2n });
  });

  it("within a gauge, equal voters inserted in id order: the smaller id is the top voter", () => {
    // g: a 3, b 3 → total 6, top voter a (3/6), top 1 share 1/2.
    expect(
      emissionSteering(
        [
          { voter: "a", gauge: "g", amount: 3n },
          { voter: "b", gauge: "g", amount: 3n },
        ],
        1,
      ),
    ).toEqual({
      topN: 1,
      total: 6n,
      gauges: [
        { gauge: "g", total: 6n, voters: 2, topNShare: 0.5, topVoter: "a", topVoterAmount: 3n, topVoterShare: 0.5 },
      ],
      topVoters: [{ voter: "a", amount: 3n, share: 0.5 }],
      topNShare: 0.5,
      mostCaptured: { gauge: "g", voter: "a", share: 0.5, total: 6n },
    });
  });
});

describe("emissionSteering: zero amounts", () => {
  it("a zero-total gauge sorts last with no top voter; zero voters are not counted", () => {
    // g0: a 0 (total 0, no top voter); g1: a 0, b 4 → total 4, 1 positive voter, top 2 = 4/4.
    // Voters: b 4, a 0 → only b listed. mostCaptured g1 (g0 has no votes).
    expect(
      emissionSteering(
        [
          { voter: "a", gauge: "g0", amount: 0n },
          { voter: "a", gauge: "g1", amount: 0n },
          { voter: "b", gauge: "g1", amount: 4n },
        ],
        2,
      ),
    ).toEqual({
      topN: 2,
      total: 4n,
      gauges: [
        { gauge: "g1", total: 4n, voters: 1, topNShare: 1, topVoter: "b", topVoterAmount: 4n, topVoterShare: 1 },
        { gauge: "g0", total: 0n, voters: 0, topNShare: 0, topVoter: null, topVoterAmount: 0n, topVoterShare: 0 },
      ],
      topVoters: [{ voter: "b", amount: 4n, share: 1 }],
      topNShare: 1,
      mostCaptured: { gauge: "g1", voter: "b", share: 1, total: 4n },
    });
  });
});

describe("participation: argument checks", () => {
  const ok = { castPower: 1n, eligiblePower: 2n, voters: 1, eligibleOwners: 2 };

  it("names the power that is negative or not a bigint", () => {
    expect(() => participation({ ...ok, castPower: -1n })).toThrow(
      error("NegativeAmountError", "amount for castPower is negative: -1"),
    );
    expect(() => participation({ ...ok, eligiblePower: -2n })).toThrow(
      error("NegativeAmountError", "amount for eligiblePower is negative: -2"),
    );
    expect(() => participation({ ...ok, castPower: notBigint(3) })).toThrow(
      error("InvalidAmountError", "amount for castPower must be a bigint, got number 3"),
    );
  });

  it("names the count that is not a non-negative integer", () => {
    expect(() => participation({ ...ok, voters: 1.5 })).toThrow(
      error("InvalidCountError", "voters must be a non-negative integer, got 1.5"),
    );
    expect(() => participation({ ...ok, eligibleOwners: -1 })).toThrow(
      error("InvalidCountError", "eligibleOwners must be a non-negative integer, got -1"),
    );
  });
});

describe("persistence: windows and zero amounts", () => {
  it("k = 0 or no history: nobody is persistent and share is null", () => {
    const expected = {
      kUsed: 0,
      currentPower: 2n,
      persistentPower: 0n,
      currentVoters: 1,
      persistentVoters: 0,
      share: null,
    };
    expect(persistence(m([["a", 2n]]), [], 3)).toEqual(expected);
    expect(persistence(m([["a", 2n]]), [m([["a", 1n]])], 0)).toEqual(expected);
  });

  it("only the k most recent epochs count", () => {
    // k = 1: only {a, b} is used, both present → 8/8. (b is missing from the older epoch.)
    const previous = [
      m([
        ["a", 1n],
        ["b", 1n],
      ]),
      m([["a", 1n]]),
    ];
    const current = m([
      ["a", 2n],
      ["b", 6n],
    ]);
    expect(persistence(current, previous, 1)).toEqual({
      kUsed: 1,
      currentPower: 8n,
      persistentPower: 8n,
      currentVoters: 2,
      persistentVoters: 2,
      share: 1,
    });
    // k = 2: b missed the older epoch → 2/8.
    expect(persistence(current, previous, 2)).toEqual({
      kUsed: 2,
      currentPower: 8n,
      persistentPower: 2n,
      currentVoters: 2,
      persistentVoters: 1,
      share: 0.25,
    });
  });

  it("k larger than the history uses all of it", () => {
    // one epoch {a}: a persistent (3), b not (1) → 3/4
    expect(
      persistence(
        m([
          ["a", 3n],
          ["b", 1n],
        ]),
        [m([["a", 1n]])],
        4,
      ),
    ).toEqual({ kUsed: 1, currentPower: 4n, persistentPower: 3n, currentVoters: 2, persistentVoters: 1, share: 0.75 });
  });

  it("a current voter with amount 0 is not a voter", () => {
    // a 0 is skipped although a voted before; b 3 → 3/3
    expect(
      persistence(
        m([
          ["a", 0n],
          ["b", 3n],
        ]),
        [
          m([
            ["a", 1n],
            ["b", 1n],
          ]),
        ],
        1,
      ),
    ).toEqual({ kUsed: 1, currentPower: 3n, persistentPower: 3n, currentVoters: 1, persistentVoters: 1, share: 1 });
  });

  it("checks amounts of the epochs used, and only those", () => {
    expect(() => persistence(m([["a", 1n]]), [m([["b", -2n]])], 1)).toThrow(
      error("NegativeAmountError", "amount for b is negative: -2"),
    );
    expect(() => persistence(m([["a", 1n]]), [m([["b", notBigint(2)]])], 1)).toThrow(
      error("InvalidAmountError", "amount for b must be a bigint, got number 2"),
    );
    // the bad epoch is beyond k = 1: not used, not checked
    expect(persistence(m([["a", 1n]]), [m([["a", 1n]]), m([["a", -1n]])], 1)).toEqual({
      kUsed: 1,
      currentPower: 1n,
      persistentPower: 1n,
      currentVoters: 1,
      persistentVoters: 1,
      share: 1,
    });
  });

  it("names the current voter whose amount is not a bigint, and k", () => {
    expect(() => persistence(m([["a", notBigint(1)]]), [], 1)).toThrow(
      error("InvalidAmountError", "amount for a must be a bigint, got number 1"),
    );
    expect(() => persistence(m([]), [], -1)).toThrow(error("InvalidCountError", "k must be a non-negative integer, got -1"));
    expect(() => persistence(m([]), [], 0.5)).toThrow(error("InvalidCountError", "k must be a non-negative integer, got 0.5"));
  });
});

describe("seasonDrift: argument checks", () => {
  it("names a non-integer epoch or season and its index", () => {
    expect(() => seasonDrift([{ epoch: 1.5, season: 1, value: 1 }])).toThrow(
      error("InvalidSeriesError", "invalid series at index 0: epoch 1.5 is not an integer"),
    );
    expect(() =>
      seasonDrift([
        { epoch: 1, season: 1, value: 1 },
        { epoch: 2, season: 1.5, value: 2 },
      ]),
    ).toThrow(error("InvalidSeriesError", "invalid series at index 1: season 1.5 is not an integer"));
  });

  it("names a duplicate epoch at the index of its later occurrence", () => {
    // sorted by epoch (stable): indices 1 (epoch 1), 0 (epoch 2), 2 (epoch 2) → the duplicate is index 2
    expect(() =>
      seasonDrift([
        { epoch: 2, season: 1, value: 1 },
        { epoch: 1, season: 1, value: 2 },
        { epoch: 2, season: 1, value: 3 },
      ]),
    ).toThrow(error("InvalidSeriesError", "invalid series at index 2: duplicate epoch 2"));
  });
});
