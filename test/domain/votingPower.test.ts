import { describe, expect, it } from "vitest";
import { BEDROCK_CURVE, InvalidCurveError, votingPowerAt } from "../../src/domain/votingPower";

// Bedrock curve: 8x over 12 weeks (7_257_600 s), 3-day warmup (259_200 s).
// power = amount + amount * 70000 * elapsed / 72_576_000_000 (one floor division).
const A = 1_000_000n;
const lock = (start: bigint, exitQueuedAt: bigint | null = 0n, amount = A) => ({ amount, start, exitQueuedAt });

describe("votingPowerAt (EscrowCurve formula)", () => {
  it("is 0 during the warmup and jumps at its edge", () => {
    expect(votingPowerAt(lock(0n), 259_199n, [])).toBe(0n);
    // elapsed = 259200 = growth/28: 1e6 + 1e6 * 7 / 28 = 1_250_000
    expect(votingPowerAt(lock(0n), 259_200n, [])).toBe(1_250_000n);
  });

  it("grows linearly and caps at 8x after 12 weeks", () => {
    expect(votingPowerAt(lock(0n), 7_257_600n / 2n, [])).toBe(4_500_000n);
    expect(votingPowerAt(lock(0n), 7_257_600n, [])).toBe(8_000_000n);
    expect(votingPowerAt(lock(0n), 100_000_000n, [])).toBe(8_000_000n);
  });

  it("uses one floor division at the end", () => {
    // 1e6 * 70000 * 999999 / 72576000000 = 964505.2...
    expect(votingPowerAt(lock(0n), 999_999n, [])).toBe(1_964_505n);
    // 3 + 3 * 70000 * 259200 / 72576000000 = 3 + 0.75
    expect(votingPowerAt(lock(0n, 0n, 3n), 259_200n, [])).toBe(3n);
  });

  it("restarts curve time at a season start (amount unchanged)", () => {
    const seasons = [0n, 1_000_000n];
    expect(votingPowerAt(lock(0n), 999_999n, seasons)).toBe(1_964_505n);
    expect(votingPowerAt(lock(0n), 1_000_000n, seasons)).toBe(A); // back to 1x
    expect(votingPowerAt(lock(0n), 1_259_200n, seasons)).toBe(1_250_000n);
    // a lock started after the season start keeps its own start as anchor
    expect(votingPowerAt(lock(2_000_000n), 2_259_200n, seasons)).toBe(1_250_000n);
    // the warmup counts from the lock start, not from the season start
    expect(votingPowerAt(lock(900_000n), 1_100_000n, seasons)).toBe(0n);
  });

  it("is 0 from the moment the exit is queued", () => {
    expect(votingPowerAt(lock(0n, 500_000n), 499_999n, [])).toBeGreaterThan(0n);
    expect(votingPowerAt(lock(0n, 500_000n), 500_000n, [])).toBe(0n);
    expect(votingPowerAt(lock(0n, null), 500_000n, [])).toBeGreaterThan(0n);
  });

  it("is 0 for an empty lock and rejects a curve the contract would reject", () => {
    expect(votingPowerAt(lock(0n, 0n, 0n), 10_000_000n, [])).toBe(0n);
    expect(() => votingPowerAt(lock(0n), 1n, [], { ...BEDROCK_CURVE, growthPeriod: 0n })).toThrow(InvalidCurveError);
    expect(() => votingPowerAt(lock(0n), 1n, [], { ...BEDROCK_CURVE, maxMultiplierBps: 9_999n })).toThrow(/maxMultiplierBps/);
  });

  it("honours other curve parameters (warmup from WarmupSet)", () => {
    const curve = { maxMultiplierBps: 20_000n, growthPeriod: 100n, warmup: 0n };
    expect(votingPowerAt(lock(0n, 0n, 20n), 50n, [], curve)).toBe(30n);
    expect(votingPowerAt(lock(0n, 0n, 20n), 0n, [], curve)).toBe(20n);
  });
});
