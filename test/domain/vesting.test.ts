import { describe, expect, it } from "vitest";
import { InvalidVestingScheduleError, vestedAmount, vestedUnreleased } from "../../src/domain/vesting";

// start 100, cliff 50, duration 200, TGE 10% of 1000 = 100; the other 900 stream over [150, 300).
const s = { start: 100n, cliff: 50n, duration: 200n, tgeBps: 1_000n, total: 1_000n };

describe("vestedAmount (VestingWallet._vested)", () => {
  it("is 0 before start, the TGE share until the cliff ends", () => {
    expect(vestedAmount(s, 99n)).toBe(0n);
    expect(vestedAmount(s, 100n)).toBe(100n);
    expect(vestedAmount(s, 149n)).toBe(100n);
    expect(vestedAmount(s, 150n)).toBe(100n);
  });
  it("streams the rest linearly with a floor division, everything at start + duration", () => {
    expect(vestedAmount(s, 200n)).toBe(400n); // 100 + 900 * 50 / 150
    expect(vestedAmount(s, 299n)).toBe(994n); // 100 + floor(900 * 149 / 150) = 100 + 894
    expect(vestedAmount(s, 300n)).toBe(1_000n);
    expect(vestedAmount(s, 10_000n)).toBe(1_000n);
  });
  it("cliff == duration: TGE until the end, then all (no division by zero)", () => {
    const c = { ...s, cliff: 200n };
    expect(vestedAmount(c, 299n)).toBe(100n);
    expect(vestedAmount(c, 300n)).toBe(1_000n);
  });
  it("rejects a schedule the constructor would reject", () => {
    expect(() => vestedAmount({ ...s, cliff: 201n }, 0n)).toThrow(InvalidVestingScheduleError);
    expect(() => vestedAmount({ ...s, tgeBps: 10_001n }, 0n)).toThrow(/tgeBps/);
    expect(() => vestedAmount({ ...s, tgeBps: -1n }, 0n)).toThrow(expect.objectContaining({ name: "InvalidVestingScheduleError" }));
  });
  it("accepts the bounds: everything at TGE (10000 bps) and nothing at TGE (0 bps)", () => {
    expect(vestedAmount({ ...s, tgeBps: 10_000n }, 100n)).toBe(1_000n);
    expect(vestedAmount({ ...s, tgeBps: 0n }, 149n)).toBe(0n);
    expect(vestedAmount({ ...s, tgeBps: 0n }, 200n)).toBe(333n); // floor(1000 * 50 / 150)
  });
  it("vestedUnreleased never goes below 0", () => {
    expect(vestedUnreleased(s, 200n, 150n)).toBe(250n);
    expect(vestedUnreleased(s, 100n, 150n)).toBe(0n);
  });
});
