import { describe, expect, it } from "vitest";
import { backfillMillis, samplesOf, timeSplit } from "../../bench/run";

describe("samplesOf", () => {
  it("gives each labelled sample of one metric with its labels; no unlabelled sample, none of a metric whose name only starts the same", () => {
    const metrics = new Map<string, number>([
      ['ponder_indexing_store_queries_total{table="lock",method="find"}', 7],
      ['ponder_indexing_store_queries_total_extra{table="lock",method="find"}', 99],
      ["ponder_indexing_store_queries_total", 5],
      ['ponder_indexing_completed_events{event="BR:Transfer"}', 3],
      ['ponder_indexing_store_queries_total{table="epoch_vote",method="insert",chain=""}', 2],
    ]);
    expect(samplesOf(metrics, "ponder_indexing_store_queries_total")).toEqual([
      { labels: { table: "lock", method: "find" }, value: 7 },
      { labels: { table: "epoch_vote", method: "insert", chain: "" }, value: 2 },
    ]);
    expect(samplesOf(metrics, "ponder_indexing_completed")).toEqual([]);
  });
});

describe("timeSplit", () => {
  it("sums Ponder's handler, flush and raw SQL durations (ms) into seconds, longest flushes first", () => {
    const metrics = new Map<string, number>([
      ['ponder_indexing_function_duration_sum{chain="31337",event="BR:Transfer"}', 1500],
      ['ponder_indexing_function_duration_sum{chain="31337",event="EpochTick:block"}', 250],
      ['ponder_indexing_function_duration_count{chain="31337",event="BR:Transfer"}', 9999],
      ['ponder_indexing_cache_query_duration_sum{table="epoch_vote",method="flush"}', 3200],
      ['ponder_indexing_cache_query_duration_sum{table="epoch_vote",method="find"}', 7000],
      ['ponder_indexing_cache_query_duration_sum{table="lock",method="flush"}', 400],
      ['ponder_indexing_cache_query_duration_sum{table="epoch_holding",method="flush"}', 3030],
      ['ponder_indexing_cache_query_duration_sum{table="account",method="flush"}', 10],
      ["ponder_indexing_store_raw_sql_duration_sum", 290],
      ["ponder_indexing_store_raw_sql_duration_count", 12],
      ['ponder_historical_transform_duration{step="index"}', 4321],
      ['ponder_historical_transform_duration{step="load"}', 1500],
      ['ponder_indexing_cache_requests_total{table="standing_vote",type="miss"}', 40],
      ['ponder_indexing_cache_requests_total{table="standing_vote",type="prefetch"}', 900],
      ['ponder_indexing_cache_requests_total{table="standing_vote",type="complete"}', 123456],
      ['ponder_indexing_cache_requests_total{table="lock",type="prefetch"}', 7000],
      ['ponder_indexing_cache_requests_total{table="lock",type="hit"}', 5],
      ['ponder_indexing_cache_requests_total{table="account",type="miss"}', 0],
      ['ponder_indexing_store_queries_total{table="standing_vote",method="find"}', 300],
      ['ponder_indexing_store_queries_total{table="standing_vote",method="insert"}', 120],
      ['ponder_indexing_store_queries_total{table="lock",method="update"}', 7],
      ['ponder_indexing_store_queries_total{table="lock",method="delete"}', 0],
    ]);
    expect(timeSplit(metrics)).toEqual({
      steps: { index: 4.32, load: 1.5 },
      handlerSeconds: 1.75,
      handlerEvents: [
        { event: "BR:Transfer", seconds: 1.5, count: 9999 },
        { event: "EpochTick:block", seconds: 0.25, count: 0 },
      ],
      flushTables: [
        { table: "epoch_vote", seconds: 3.2 },
        { table: "epoch_holding", seconds: 3.03 },
        { table: "lock", seconds: 0.4 },
      ],
      rawSqlSeconds: 0.29,
      // misses first, then prefetched rows; tables with neither left out
      cacheMisses: [
        { table: "standing_vote", miss: 40, prefetch: 900 },
        { table: "lock", miss: 0, prefetch: 7000 },
      ],
      storeCalls: 427,
      // most calls first; a method never called left out
      storeCallsBy: [
        { table: "standing_vote", method: "find", calls: 300 },
        { table: "standing_vote", method: "insert", calls: 120 },
        { table: "lock", method: "update", calls: 7 },
      ],
    });
  });

  it("is all zeros for a scrape without those metrics", () => {
    expect(timeSplit(new Map())).toEqual({ steps: {}, handlerSeconds: 0, handlerEvents: [], flushTables: [], rawSqlSeconds: 0, cacheMisses: [], storeCalls: 0, storeCallsBy: [] });
  });
});

describe("backfillMillis", () => {
  it("times the backfill by its log lines' clock, to the millisecond", () => {
    const lines = [
      "05:35:20.100 INFO  Created HTTP server port=42069",
      "05:35:21.250 INFO  Started backfill indexing chain=chain block_range=[1,248]",
      "05:35:33.005 INFO  Completed backfill indexing across all chains (12s)",
    ];
    expect(backfillMillis(lines)).toBe(11_755);
  });
  it("crosses midnight", () => {
    expect(backfillMillis(["23:59:59.500 INFO  Started backfill indexing", "00:00:01.000 INFO  Completed backfill indexing (2s)"])).toBe(1_500);
  });
  it("falls back to the printed duration without a start line, and is undefined without a completion", () => {
    expect(backfillMillis(["Completed backfill indexing across all chains (1m 31s)"])).toBe(91_000);
    expect(backfillMillis(["05:35:21.250 INFO  Started backfill indexing"])).toBeUndefined();
  });
});
