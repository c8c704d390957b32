import { describe, expect, it } from "vitest";
import { type BackfillResult, backfillRatios, median } from "../../bench/run";

const split = { steps: {}, handlerSeconds: 0, handlerEvents: [], flushTables: [], rawSqlSeconds: 0, cacheMisses: [], storeCalls: 0, storeCallsBy: [] };
const result = (run: number, app: "floor" | "ve-lens", backfillSeconds: number, peakRssMiB: number, cpuSeconds?: number): BackfillResult => ({
  app,
  run,
  database: "postgres",
  events: 1000,
  blocks: 10,
  wallSeconds: backfillSeconds + 5,
  backfillSeconds,
  eventsPerSecond: Math.round(1000 / backfillSeconds),
  peakRssMiB,
  ...(cpuSeconds === undefined ? {} : { cpuSeconds }),
  split,
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle values, whatever the order", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeUndefined();
  });
});

describe("backfillRatios", () => {
  it("pairs each run's floor and ve-lens and takes the median of the runs' own ratios", () => {
    // run 1: 12/10 = 1.2, rss 550/500 = 1.1; run 2: 33/30 = 1.1, rss 600/500 = 1.2; run 3: 26/20 = 1.3, rss 500/500 = 1
    const results = [
      result(1, "floor", 10, 500),
      result(1, "ve-lens", 12, 550),
      result(2, "floor", 30, 500),
      result(2, "ve-lens", 33, 600),
      result(3, "floor", 20, 500),
      result(3, "ve-lens", 26, 500),
    ];
    const r = backfillRatios(results);
    expect(r.runs).toEqual([
      { run: 1, time: 1.2, rss: 1.1 },
      { run: 2, time: 1.1, rss: 1.2 },
      { run: 3, time: 1.3, rss: 1 },
    ]);
    // The ratio of the medians is 26/20 = 1.3 for time: the median of ratios is not that.
    expect(r.time).toBe(1.2);
    expect(r.rss).toBe(1.1);
    expect(r.pooledTime).toBe(1.3);
    expect(r.floorRange).toEqual({ min: 10, max: 30 });
  });
  it("gives the ratio of the medians, which a floor that drifted between runs moves apart from the median of the ratios", () => {
    // The machine slowed in runs 3 and 4: both apps took longer, ve-lens less so in run 3.
    // Ratios: 11/10 = 1.1, 11/10 = 1.1, 13/12 = 1.083, 14/12 = 1.167 → median (1.1 + 1.1) / 2 = 1.1.
    // Medians: ve-lens (11 + 13) / 2 = 12, the floor (10 + 12) / 2 = 11 → 12 / 11 = 1.09.
    const r = backfillRatios([
      result(1, "floor", 10, 500),
      result(1, "ve-lens", 11, 500),
      result(2, "floor", 10, 500),
      result(2, "ve-lens", 11, 500),
      result(3, "floor", 12, 500),
      result(3, "ve-lens", 13, 500),
      result(4, "floor", 12, 500),
      result(4, "ve-lens", 14, 500),
    ]);
    expect(r.time).toBe(1.1);
    expect(r.pooledTime).toBe(1.09);
    expect(r.floorRange).toEqual({ min: 10, max: 12 });
  });
  it("leaves out a run whose floor or ve-lens failed, and has no median without a complete run", () => {
    const r = backfillRatios([result(1, "floor", 10, 500), result(2, "floor", 10, 400), result(2, "ve-lens", 15, 500)]);
    expect(r.runs).toEqual([{ run: 2, time: 1.5, rss: 1.25 }]);
    expect(r.time).toBe(1.5);
    // The floor of run 1 has no ve-lens beside it: the medians and the range leave it out too.
    expect(r.pooledTime).toBe(1.5);
    expect(r.floorRange).toEqual({ min: 10, max: 10 });
    expect(backfillRatios([result(1, "ve-lens", 10, 500)])).toEqual({ runs: [], time: undefined, rss: undefined });
  });
  it("takes the CPU ratio of each run where both apps' CPU seconds were read, and their median", () => {
    // run 1: 11/10 = 1.1; run 2: 18/12 = 1.5; run 3: ve-lens unread, no CPU ratio; run 4: 10.5/10 = 1.05
    const r = backfillRatios([
      result(1, "floor", 10, 500, 10),
      result(1, "ve-lens", 12, 500, 11),
      result(2, "floor", 10, 500, 12),
      result(2, "ve-lens", 12, 500, 18),
      result(3, "floor", 10, 500, 9),
      result(3, "ve-lens", 12, 500),
      result(4, "floor", 10, 500, 10),
      result(4, "ve-lens", 12, 500, 10.5),
    ]);
    expect(r.runs.map((x) => x.cpu)).toEqual([1.1, 1.5, undefined, 1.05]);
    // The median of 1.05, 1.1 and 1.5, over the three runs with both readings.
    expect(r.cpu).toBe(1.1);
    expect(r.time).toBe(1.2);
    expect(backfillRatios([result(1, "floor", 10, 500), result(1, "ve-lens", 12, 500)]).cpu).toBeUndefined();
  });
});
