import { describe, expect, it } from "vitest";
import { timeSplit } from "../../bench/run";

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
    ]);
    expect(timeSplit(metrics)).toEqual({
      handlerSeconds: 1.75,
      handlerEvents: [
        { event: "BR:Transfer", seconds: 1.5, count: 9999 },
        { event: "EpochTick:block", seconds: 0.25, count: 0 },
      ],
      flushSeconds: 6.64,
      flushTables: [
        { table: "epoch_vote", seconds: 3.2 },
        { table: "epoch_holding", seconds: 3.03 },
        { table: "lock", seconds: 0.4 },
      ],
      rawSqlSeconds: 0.29,
    });
  });

  it("is all zeros for a scrape without those metrics", () => {
    expect(timeSplit(new Map())).toEqual({ handlerSeconds: 0, handlerEvents: [], flushSeconds: 0, flushTables: [], rawSqlSeconds: 0 });
  });
});
