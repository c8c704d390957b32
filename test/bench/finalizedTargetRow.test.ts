import { describe, expect, it } from "vitest";
import { type LoadResult, finalizedTargetRow } from "../../bench/run";

const load = (target: string, rps: number, p99ms: number, non2xx = 0): LoadResult => ({
  target,
  p50ms: 1,
  p90ms: 2,
  p99ms,
  maxMs: p99ms + 5,
  rps,
  requests: rps * 5,
  non2xx,
  errors: 0,
});

const label = "GraphQL finalized";
const healthBefore = load("ceiling: Ponder /health (same server), before", 4000, 14);
const healthAfter = load("ceiling: Ponder /health (same server), after", 3000, 18);

describe("finalizedTargetRow", () => {
  it("compares RPS with the mean of the /health runs and shows the lower /health p99 beside the route's", () => {
    // mean /health RPS (4000 + 3000) / 2 = 3500; 2800 / 3500 = 80%; lower /health p99 = 14
    const row = finalizedTargetRow(label, load("GraphQL concentration, finalized epoch 7", 2800, 16), [healthBefore, healthAfter]);
    expect(row[1]).toBe("2,800 vs 3,500 (80%), p99 16 ms (`/health`: 14 ms)");
    expect(row[3]).toBe("not met; `/health` itself has p99 14 ms here");
  });

  it("meets the target only with half the ceiling's RPS, a p99 under 10 ms and no failed request", () => {
    const quick = [load("ceiling: Ponder /health", 4000, 3)];
    expect(finalizedTargetRow(label, load("r", 2000, 9), quick)[3]).toBe("met");
    expect(finalizedTargetRow(label, load("r", 1999, 9), quick)[3]).toBe("not met");
    expect(finalizedTargetRow(label, load("r", 2000, 10), quick)[3]).toBe("not met");
    expect(finalizedTargetRow(label, load("r", 2000, 9, 1), quick)[3]).toBe("not met");
  });

  it("says when nothing was measured", () => {
    expect(finalizedTargetRow(label, undefined, [healthBefore])).toEqual([label, "not measured in this run", ">= 50%, p99 < 10 ms", "-"]);
    expect(finalizedTargetRow(label, load("r", 2000, 9), [])[1]).toBe("not measured in this run");
  });
});
