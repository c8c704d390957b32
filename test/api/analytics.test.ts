import { describe, expect, it } from "vitest";
import { NotFoundError, InvalidParameterError, NotReadyError } from "../../src/api/errors";
import { createAnalytics, decodeCursor, encodeCursor, sortDistribution } from "../../src/api/queries/analytics";
import { A, B, C, D, G1, G2, VAULT, createFakeStore } from "./fakeStore";

const e18 = 10n ** 18n;

describe("sortDistribution and cursors", () => {
  it("sums per owner, drops zeros, orders by amount desc then owner", () => {
    expect(
      sortDistribution([
        { owner: B, amount: 5n },
        { owner: A, amount: 5n },
        { owner: C, amount: 0n },
        { owner: D, amount: 3n },
        { owner: D, amount: 4n },
      ]),
    ).toEqual([
      { owner: D, amount: 7n },
      { owner: A, amount: 5n },
      { owner: B, amount: 5n },
    ]);
  });

  it("round-trips cursors and rejects foreign ones", () => {
    expect(decodeCursor(encodeCursor({ owner: A, amount: 12n }))).toEqual({ owner: A, amount: 12n });
    expect(() => decodeCursor("bm9wZQ")).toThrow(InvalidParameterError);
    expect(() => decodeCursor("!!!")).toThrow(/invalid after/);
  });
});

describe("createAnalytics over a store", () => {
  it("resolves stored, closed and live epochs, and rejects unknown ones with the indexed range", async () => {
    const a = createAnalytics(createFakeStore());
    const epochs = await a.epochs({});
    expect(epochs.map((e) => [e.id, e.finalized, e.live])).toEqual([
      [10, true, false],
      [11, true, false],
      [12, false, false],
      [13, false, true],
    ]);
    await expect(a.concentration({ epoch: 9, scope: "CAST_VOTES" })).rejects.toThrow(NotFoundError);
    await expect(a.concentration({ epoch: 99, scope: "CAST_VOTES" })).rejects.toThrow("unknown epoch 99: indexed epochs are 10 to 13");
    await expect(a.epochs({ from: 12, to: 11 })).rejects.toThrow("invalid to: must be >= from");
  });

  it("answers 'not ready' before the first checkpoint", async () => {
    const store = createFakeStore();
    store.checkpoint = async () => null;
    await expect(createAnalytics(store).epochs({})).rejects.toThrow(NotReadyError);
  });

  it("computes the live epoch from current-season votes and the voting-power curve", async () => {
    const a = createAnalytics(createFakeStore());
    const live = await a.epoch(13);
    // D's season-1 vote and its vote held by a replaced voter do not count; C's lock is past its exit checkpoint
    expect(live.castPower).toBe((120n * e18).toString());
    expect(live.voters).toBe(2);
    expect(live.season).toBe(2);
    expect(live.eligibleOwners).toBe(2);
    const power = await a.distribution({ epoch: 13, scope: "ELIGIBLE_POWER", first: 10 });
    // Locks started at epoch 8; season 2 restarted their curve at epoch 12, 1_309_600 s ago. On the
    // 8x curve (L = 964506172839 per second): 1e18 + L * 1_309_600 = 2_263_117_283_949_954_400 per
    // whole BR, worked out by hand: 50 BR -> 113_155_864_197_497_720_000, 25 BR -> 56_577_932_098_748_860_000.
    expect(power.items.map((i) => [i.owner, i.amount])).toEqual([
      [A, "113155864197497720000"],
      [B, "56577932098748860000"],
    ]);
    expect(live.eligiblePower).toBe("169733796296246580000");
  });

  it("serves the stored metric rows of closed epochs (hand-worked values of epoch 11)", async () => {
    const a = createAnalytics(createFakeStore());
    // Epoch 11 populations (units of 1e18), worked out by hand from the definitions:
    // CAST_VOTES 70, 40, 10 (S = 120): Gini (2·120 − 2·(10 + 50)) / 360 = 1/3; HHI 6600/14400 = 11/24;
    //   Nakamoto 1/3 and 1/2: 70 alone; 2/3 (> 80): 70 + 40; Palma (1 − (50 + 0.7·70)/120) / ((10 + 0.2·40)/120) = 21/18.
    // ELIGIBLE_POWER 120, 60, 20 (S = 200): Gini 200/600; HHI 18400/40000; Palma (36/200) / (32/200).
    // LOCKED_BR 50, 25, 10 (S = 85): Gini (170 − 90)/255 = 16/51; HHI 3225/7225; Palma (15/85) / (15/85).
    // BR_HOLDINGS 400, 5 (S = 405): Gini 395/810; HHI 160025/164025; Nakamoto 1 at every threshold; Palma (80/405) / (4/405).
    // GAUGES 70, 50 (S = 120): Gini 20/240; HHI 7400/14400; Nakamoto 2/3: both; Palma (14/120) / (40/120).
    const theil = (xs: number[]) => xs.reduce((t, x) => t + (x / sum(xs)) * Math.log((xs.length * x) / sum(xs)), 0);
    const sum = (xs: number[]) => xs.reduce((t, x) => t + x, 0);
    const expected = {
      CAST_VOTES: { xs: [70, 40, 10], gini: 1 / 3, n33: 1, n50: 1, n66: 2, hhi: 11 / 24, palma: 21 / 18 },
      ELIGIBLE_POWER: { xs: [120, 60, 20], gini: 1 / 3, n33: 1, n50: 1, n66: 2, hhi: 0.46, palma: 36 / 32 },
      LOCKED_BR: { xs: [50, 25, 10], gini: 16 / 51, n33: 1, n50: 1, n66: 2, hhi: 3225 / 7225, palma: 1 },
      BR_HOLDINGS: { xs: [400, 5], gini: 395 / 810, n33: 1, n50: 1, n66: 1, hhi: 160025 / 164025, palma: 20 },
      GAUGES: { xs: [70, 50], gini: 20 / 240, n33: 1, n50: 1, n66: 2, hhi: 7400 / 14400, palma: 0.35 },
    } as const;
    for (const [scope, x] of Object.entries(expected)) {
      const c = await a.concentration({ epoch: 11, scope: scope as keyof typeof expected });
      const S = sum([...x.xs]);
      expect(c, scope).toMatchObject({ epoch: 11, n: x.xs.length, total: (BigInt(S) * e18).toString(), nakamoto33: x.n33, nakamoto50: x.n50, nakamoto66: x.n66 });
      expect(c.gini, scope).toBeCloseTo(x.gini, 12);
      expect(c.hhi, scope).toBeCloseTo(x.hhi, 12);
      expect(c.effectiveN, scope).toBeCloseTo(1 / x.hhi, 12);
      expect(c.top1Share, scope).toBeCloseTo(x.xs[0]! / S, 12);
      expect(c.top10Share, scope).toBe(1);
      expect(c.theil, scope).toBeCloseTo(theil([...x.xs]), 12);
      expect(c.entropy, scope).toBeCloseTo(1 - theil([...x.xs]) / Math.log(x.xs.length), 12);
      expect(c.palma, scope).toBeCloseTo(x.palma, 12);
    }
    const gv = await a.concentration({ epoch: 11, scope: "GAUGE_VOTERS", gauge: G2 });
    // G2's voters: B 40, C 10: Gini (50 − 20)/100 = 0.3, top-1 0.8
    expect(gv).toMatchObject({ n: 2, gauge: G2, total: (50n * e18).toString(), gini: 0.3, top1Share: 0.8 });
  });

  it("reads closed epochs' metrics from the store rather than recomputing them", async () => {
    const store = createFakeStore();
    const stored = store.metrics.bind(store);
    store.metrics = async (...args) => (await stored(...args)).map((m) => (m.epoch === 11 ? { ...m, gini: 0.123, nakamoto50: 7 } : m));
    const c = await createAnalytics(store).concentration({ epoch: 11, scope: "CAST_VOTES" });
    expect(c).toMatchObject({ gini: 0.123, nakamoto50: 7 });
  });

  it("computes the live epoch's metrics from its live population (A twice B: hand-worked)", async () => {
    const c = await createAnalytics(createFakeStore()).concentration({ epoch: 13, scope: "ELIGIBLE_POWER" });
    // amounts 2u and u (see the distribution above): Gini (3u − 2u)/(2·3u) = 1/6, HHI 5/9,
    // Nakamoto 1, 1, 2 (2/3 is not more than 2/3), Palma (1 − 2.6/3)/(0.8/3) = 0.5
    expect(c).toMatchObject({ epoch: 13, live: true, finalized: false, n: 2, total: "169733796296246580000", nakamoto33: 1, nakamoto50: 1, nakamoto66: 2 });
    expect(c.gini).toBeCloseTo(1 / 6, 12);
    expect(c.hhi).toBeCloseTo(5 / 9, 12);
    expect(c.effectiveN).toBeCloseTo(1.8, 12);
    expect(c.top1Share).toBeCloseTo(2 / 3, 12);
    expect(c.theil).toBeCloseTo((2 / 3) * Math.log(4 / 3) + (1 / 3) * Math.log(2 / 3), 12);
    expect(c.palma).toBeCloseTo(0.5, 12);
  });

  it("requires a gauge for GAUGE_VOTERS and refuses one elsewhere", async () => {
    const a = createAnalytics(createFakeStore());
    await expect(a.concentration({ epoch: 11, scope: "GAUGE_VOTERS" })).rejects.toThrow("invalid gauge: required when scope is GAUGE_VOTERS");
    await expect(a.distribution({ epoch: 11, scope: "CAST_VOTES", gauge: G1, first: 5 })).rejects.toThrow("only used with scope GAUGE_VOTERS");
  });

  it("pages a distribution with cursors without gaps or repeats", async () => {
    const a = createAnalytics(createFakeStore());
    const all = await a.distribution({ epoch: 12, scope: "ELIGIBLE_POWER", first: 1000 });
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await a.distribution({ epoch: 12, scope: "ELIGIBLE_POWER", first: 1, after });
      seen.push(...page.items.map((i) => i.owner));
      expect(page.items[0]?.rank).toBe(seen.length);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(seen).toEqual(all.items.map((i) => i.owner));
    expect(all.totalCount).toBe(3);
    expect(all.items.reduce((s, i) => s + i.share, 0)).toBeCloseTo(1, 12);
  });

  it("caches live answers until the next block", async () => {
    const store = createFakeStore();
    const a = createAnalytics(store);
    await a.concentration({ epoch: 13, scope: "CAST_VOTES" });
    await a.concentration({ epoch: 13, scope: "CAST_VOTES" });
    expect(store.calls.standingVotes).toBe(1);
    store.setBlock(1001);
    await a.concentration({ epoch: 13, scope: "CAST_VOTES" });
    expect(store.calls.standingVotes).toBe(2);
  });

  it("computes live answers again when the block is replaced at the same height (a new checkpoint id)", async () => {
    const store = createFakeStore();
    const a = createAnalytics(store);
    const at = await store.checkpoint();
    await a.concentration({ epoch: 13, scope: "CAST_VOTES" });
    await a.concentration({ epoch: 13, scope: "CAST_VOTES" });
    expect(store.calls.standingVotes).toBe(1);
    store.checkpoint = async () => ({ ...at!, id: `${at!.id}@reorged` });
    await a.concentration({ epoch: 13, scope: "CAST_VOTES" });
    expect(store.calls.standingVotes).toBe(2);
  });

  it("caches finalized distributions across blocks", async () => {
    const store = createFakeStore();
    const a = createAnalytics(store);
    await a.distribution({ epoch: 10, scope: "CAST_VOTES", first: 1 });
    store.setBlock(2000);
    await a.distribution({ epoch: 10, scope: "CAST_VOTES", first: 1 });
    expect(store.calls.storedAmounts).toBe(1);
  });

  it("caches finalized metrics and never shares the cached object", async () => {
    const store = createFakeStore();
    const a = createAnalytics(store);
    const withCurve = await a.concentration({ epoch: 10, scope: "CAST_VOTES", points: 3 });
    expect(withCurve.lorenz).toHaveLength(3);
    store.setBlock(5000);
    const plain = await a.concentration({ epoch: 10, scope: "CAST_VOTES" });
    expect(plain.lorenz).toBeUndefined();
    expect(store.calls.metrics).toBe(1);
  });

  it("builds a concentration series with seasons and the Gini jump at the season start", async () => {
    const a = createAnalytics(createFakeStore());
    const s = await a.concentrationSeries({ scope: "CAST_VOTES" });
    expect(s.points.map((p) => [p.epoch, p.season, p.live])).toEqual([
      [10, 1, false],
      [11, 1, false],
      [12, 2, false],
      [13, 2, true],
    ]);
    expect(s.seasons).toHaveLength(2);
    expect(s.seasons[1]!.jump).toBeCloseTo(s.points[2]!.gini - s.points[1]!.gini, 12);
  });

  it("reports influence: top voters, capture, participation and persistence", async () => {
    const a = createAnalytics(createFakeStore());
    const inf = await a.influence({ epoch: 12, top: 1, k: 2 });
    expect(inf.topVoters).toEqual([{ voter: A, amount: (80n * e18).toString(), share: 80 / 95 }]);
    expect(inf.persistence.kUsed).toBe(2);
    // A voted in 10 and 11, C only in 11: persistent power is A's
    expect(inf.persistence.share).toBeCloseTo(80 / 95, 12);
    expect(inf.participation.powerShare).toBeCloseTo(95 / 220, 12);
    expect(inf.mostCaptured?.share).toBe(1);
  });

  it("lists gauge shares with vault names and metadata", async () => {
    const a = createAnalytics(createFakeStore());
    const g = await a.gauges({ epoch: 11 });
    expect(g.map((x) => [x.gauge, x.votes, x.vault])).toEqual([
      [G1, (70n * e18).toString(), null],
      [G2, (50n * e18).toString(), VAULT],
    ]);
    expect(g[0]!.share + g[1]!.share).toBeCloseTo(1, 12);
    const live = await a.gauges({ epoch: 13 });
    expect(live.map((x) => x.votes)).toEqual([(90n * e18).toString(), (30n * e18).toString()]);
  });

  it("answers vault TVL and rejects an unknown vault", async () => {
    const a = createAnalytics(createFakeStore());
    const tvl = await a.vaultTvl({ vault: VAULT, lag: 1, drop: 0.2 });
    expect(tvl.points.map((p) => p.epoch)).toEqual([10, 11, 12, 13]);
    expect(tvl.points[1]!.gaugeShare).toBeCloseTo(50 / 120, 12);
    await expect(a.vaultTvl({ vault: A, lag: 2, drop: 0.2 })).rejects.toThrow(/unknown vault/);
  });

  it("returns no alerts without an alert source", async () => {
    expect(await createAnalytics(createFakeStore()).alerts({ first: 5 })).toEqual([]);
  });
});
