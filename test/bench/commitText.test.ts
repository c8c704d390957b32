import { describe, expect, it } from "vitest";
import { commitText } from "../../bench/run";

describe("commitText", () => {
  it("is the commit alone when nothing but the results file changed", () => {
    expect(commitText("4b39949", "")).toBe("4b39949");
    expect(commitText("4b39949", " M bench/RESULTS.md\n")).toBe("4b39949");
  });

  it("names the changed paths, a rename by its new path, an untracked file too", () => {
    const porcelain = " M src/indexing/escrow.ts\nM  src/indexing/state.ts\n M bench/RESULTS.md\nR  src/a.ts -> src/b.ts\n?? bench/new.ts\n";
    expect(commitText("21e0eb3", porcelain)).toBe(
      "21e0eb3 with uncommitted changes to src/indexing/escrow.ts, src/indexing/state.ts, src/b.ts, bench/new.ts",
    );
  });

  it("names five paths and counts the rest", () => {
    const porcelain = Array.from({ length: 7 }, (_, i) => ` M src/f${i}.ts`).join("\n");
    expect(commitText("abc1234", porcelain)).toBe("abc1234 with uncommitted changes to src/f0.ts, src/f1.ts, src/f2.ts, src/f3.ts, src/f4.ts and 2 more");
  });
});
