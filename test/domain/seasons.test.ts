import { describe, expect, it } from "vitest";
import { seasonAnchor, seasonOf } from "../../src/domain/seasons";

describe("seasons", () => {
  const starts = [100n, 200n];
  it("seasonOf is the 1-based index of the latest start <= ts, 0 before the first", () => {
    expect(seasonOf(99n, starts)).toBe(0);
    expect(seasonOf(100n, starts)).toBe(1);
    expect(seasonOf(199n, starts)).toBe(1);
    expect(seasonOf(200n, starts)).toBe(2);
    expect(seasonOf(10_000n, starts)).toBe(2);
    expect(seasonOf(5n, [])).toBe(0);
  });
  it("seasonAnchor is that start, 0n when none (the escrow's seasonAnchor)", () => {
    expect(seasonAnchor(99n, starts)).toBe(0n);
    expect(seasonAnchor(150n, starts)).toBe(100n);
    expect(seasonAnchor(250n, starts)).toBe(200n);
  });
});
