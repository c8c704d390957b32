import { describe, expect, it } from "vitest";
import { NotFoundError, InvalidParameterError, NotReadyError } from "../../src/api/errors.js";
import { createAnalytics, decodeCursor, encodeCursor, sortDistribution } from "../../src/api/queries/analytics.js";
import { computeConcentration } from "../../src/metrics/index.js";
import { A, B, C, D, G1, G2, VAULT, createFakeStore } from "./fakeStore.js";

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

  it("reads stored metrics for closed epochs and computes the same from the distribution", async () => {
    const store = createFakeStore();
    const a = createAnalytics(store);
    for (const scope of ["CAST_VOTES", "ELIGIBLE_POWER", "LOCKED_BR", "BR_HOLDINGS", "GAUGES"] as const) {
      const c = await a.concentration({ epoch: 11, scope });
      const d = await a.distribution({ epoch: 11, scope, first: 1000 });
      const m = computeConcentration(d.items.map((i) => BigInt(i.amount)));
      expect(c).toMatchObject({ n: m.n, total: m.total.toString(), gini: m.gini, nakamoto50: m.nakamoto50, hhi: m.hhi, palma: m.palma });
    }
    const gv = await a.concentration({ epoch: 11, scope: "GAUGE_VOTERS", gauge: G2 });
    expect(gv).toMatchObject({ n: 2, gauge: G2, total: (50n * e18).toString() });
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
    expect(store.calls.liveVotes).toBe(1);
    store.setBlock(1001);
    await a.concentration({ epoch: 13, scope: "CAST_VOTES" });
    expect(store.calls.liveVotes).toBe(2);
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
