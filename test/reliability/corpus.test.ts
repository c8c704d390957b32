import { describe, expect, it } from "vitest";
import { hostileRequests } from "./corpus/hostileRequests";

describe("hostile request corpus", () => {
  const corpus = hostileRequests({ epoch: 1452, gauge: "0x" + "ab".repeat(20), vault: "0x" + "cd".repeat(20) });

  it("has at least 200 requests with unique names in every group", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.map((r) => r.name)).size).toBe(corpus.length);
    const groups = new Set(corpus.map((r) => r.group));
    for (const g of ["graphql", "rest", "csv", "path", "http", "sql"]) expect(groups).toContain(g);
  });

  it("is deterministic", () => {
    const again = hostileRequests({ epoch: 1452, gauge: "0x" + "ab".repeat(20), vault: "0x" + "cd".repeat(20) });
    expect(again.map((r) => [r.name, r.path, String(r.body ?? "").length])).toEqual(corpus.map((r) => [r.name, r.path, String(r.body ?? "").length]));
  });
});
