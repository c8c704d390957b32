import { describe, expect, it } from "vitest";
import {
  BEDROCK_8X_CURVE,
  type CurveConstants,
  InvalidCurveError,
  type LockPoints,
  assertCurve,
  biasAt,
  isWarm,
  nextCheckpoint,
  powersAt,
  votingPowerAt,
} from "../../src/domain/votingPower";

const E18 = 10n ** 18n;
const WEEK = 604_800n;
const WARMUP = 259_200n; // 3 days

// The Mode / upstream Season curve (fact sheet section 5, version 3): C = 1e18, L = 236205593348,
// Q = 97637, MAX_EPOCHS = 5.
const MODE: CurveConstants = { constant: E18, linear: 236_205_593_348n, quadratic: 97_637n, maxTime: 5n * 1_209_600n };

/** A lock deposited at `writtenTs`, starting at the next checkpoint. */
const lock = (writtenTs: bigint, amount = E18, exitCheckpointTs: bigint | null = null): LockPoints => ({
  amount,
  start: nextCheckpoint(writtenTs),
  writtenTs,
  exitCheckpointTs,
});
const at = (now: bigint, seasonStarts: bigint[] = [], curve = BEDROCK_8X_CURVE, warmup = WARMUP) => ({
  now,
  warmup,
  seasonStarts,
  curve,
});

describe("biasAt: floor(A*(C + L*T + Q*T^2) / 1e18), T capped at maxTime", () => {
  it("gives the curves' published maxima for 1e18 (the contracts' previewMaxBias(1e18))", () => {
    // Values the real contracts return (kit README / fact sheet section 4).
    expect(biasAt(E18, BEDROCK_8X_CURVE.maxTime, BEDROCK_8X_CURVE)).toBe(7_999_999_999_996_326_400n);
    expect(biasAt(E18, MODE.maxTime, MODE)).toBe(5_999_967_296_216_704_000n);
  });

  it("is the amount at the anchor and stops growing at maxTime", () => {
    expect(biasAt(123n * E18, 0n, BEDROCK_8X_CURVE)).toBe(123n * E18);
    expect(biasAt(E18, BEDROCK_8X_CURVE.maxTime + 1_000_000n, BEDROCK_8X_CURVE)).toBe(7_999_999_999_996_326_400n);
  });

  it("truncates once, at the end (hand-worked)", () => {
    // A = 3 wei, T = 1 week: 3*(1e18 + 964506172839*604800)/1e18 = 3*(1e18 + 583333333333027200)/1e18
    //   = 4749999999999081600/1e18 = 4.74999... -> 4
    expect(biasAt(3n, WEEK, BEDROCK_8X_CURVE)).toBe(4n);
    // A = 1e18, T = 6 weeks (half of the 8x curve): 1e18 + 964506172839*3628800 = 4.4999999999981632e18
    expect(biasAt(E18, 6n * WEEK, BEDROCK_8X_CURVE)).toBe(4_499_999_999_998_163_200n);
    // Quadratic term: A = 1e18, T = 1 week on MODE: 1e18 + 236205593348*604800 + 97637*604800^2
    expect(biasAt(E18, WEEK, MODE)).toBe(E18 + 236_205_593_348n * WEEK + 97_637n * WEEK * WEEK);
  });

  it("is 0 when the polynomial is negative (a decreasing curve past its end)", () => {
    const falling: CurveConstants = { constant: E18, linear: -E18, quadratic: 0n, maxTime: 10n };
    expect(biasAt(E18, 2n, falling)).toBe(0n);
  });
});

describe("votingPowerAt as a block at `now` evaluates it", () => {
  const written = 10n * WEEK + 5_000n; // a Thursday + 5000 s
  const start = 11n * WEEK;

  it("is 0 before the lock's start (the next weekly checkpoint after the deposit)", () => {
    expect(nextCheckpoint(written)).toBe(start);
    const now = start + 10n * WEEK;
    expect(votingPowerAt(lock(written), start - 1n, at(now))).toBe(0n);
    expect(votingPowerAt(lock(written), start, at(now))).toBe(E18);
  });

  it("compares the warmup with the evaluating block's time, strictly, not with t", () => {
    const l = lock(written);
    const t = start + WEEK;
    // While the block time is within writtenTs + warmup, every t reads 0 (even a future one).
    expect(votingPowerAt(l, t, at(written + WARMUP))).toBe(0n);
    expect(votingPowerAt(l, t + 50n * WEEK, at(written + WARMUP))).toBe(0n);
    // One second later the point is warm, and a past t reads its full value.
    expect(votingPowerAt(l, t, at(written + WARMUP + 1n))).toBe(biasAt(E18, WEEK, BEDROCK_8X_CURVE));
    expect(isWarm(l, written + WARMUP, WARMUP)).toBe(false);
    expect(isWarm(l, written + WARMUP + 1n, WARMUP)).toBe(true);
  });

  it("keeps the power until the exit's checkpoint, then 0", () => {
    const queuedAt = start + 4n * WEEK + 100n;
    const l = lock(written, E18, nextCheckpoint(queuedAt));
    const now = start + 20n * WEEK;
    expect(votingPowerAt(l, queuedAt, at(now))).toBe(biasAt(E18, queuedAt - start, BEDROCK_8X_CURVE));
    expect(votingPowerAt(l, start + 5n * WEEK - 1n, at(now))).toBeGreaterThan(0n);
    expect(votingPowerAt(l, start + 5n * WEEK, at(now))).toBe(0n);
  });

  it("restarts at 1x at a season start for locks that began before it", () => {
    const season = start + 3n * WEEK;
    const now = start + 30n * WEEK;
    const l = lock(written);
    expect(votingPowerAt(l, season - 1n, at(now, [season]))).toBe(biasAt(E18, season - 1n - start, BEDROCK_8X_CURVE));
    expect(votingPowerAt(l, season, at(now, [season]))).toBe(E18);
    expect(votingPowerAt(l, season + WEEK, at(now, [season]))).toBe(biasAt(E18, WEEK, BEDROCK_8X_CURVE));
    // A lock that starts after the season start keeps its own start as the anchor.
    const later = lock(season + 10n);
    expect(votingPowerAt(later, season + 2n * WEEK, at(now, [season]))).toBe(biasAt(E18, WEEK, BEDROCK_8X_CURVE));
  });

  it("is 0 for an empty lock", () => {
    expect(votingPowerAt(lock(written, 0n), start + WEEK, at(start + 10n * WEEK))).toBe(0n);
  });
});

describe("nextCheckpoint (the clock's epochNextCheckpointTs)", () => {
  it("is strictly after ts, even on a checkpoint", () => {
    expect(nextCheckpoint(0n)).toBe(WEEK);
    expect(nextCheckpoint(WEEK)).toBe(2n * WEEK);
    expect(nextCheckpoint(WEEK - 1n)).toBe(WEEK);
    expect(nextCheckpoint(WEEK + 1n)).toBe(2n * WEEK);
  });
});

describe("assertCurve", () => {
  it("refuses constants no curve can have", () => {
    expect(() => assertCurve({ ...BEDROCK_8X_CURVE, maxTime: 0n })).toThrow(InvalidCurveError);
    expect(() => assertCurve({ ...BEDROCK_8X_CURVE, constant: -1n })).toThrow(/C must be >= 0/);
    expect(assertCurve(BEDROCK_8X_CURVE)).toBe(BEDROCK_8X_CURVE);
  });

  it("says which constant is wrong, in an error named for it", () => {
    const zeroTime = { ...BEDROCK_8X_CURVE, maxTime: 0n };
    expect(() => assertCurve(zeroTime)).toThrow(
      expect.objectContaining({
        name: "InvalidCurveError",
        message: "invalid curve constants (C=1000000000000000000, L=964506172839, Q=0, maxTime=0): maxTime must be > 0",
      }),
    );
  });

  it("accepts C = 0 (a curve that starts at zero power)", () => {
    const fromZero = { ...BEDROCK_8X_CURVE, constant: 0n };
    expect(assertCurve(fromZero)).toBe(fromZero);
  });
});

describe("biasAt outside [0, maxTime]", () => {
  it("a negative elapsed time counts as 0 (the anchor itself)", () => {
    expect(biasAt(E18, -WEEK, BEDROCK_8X_CURVE)).toBe(E18);
    expect(biasAt(E18, -1n, MODE)).toBe(biasAt(E18, 0n, MODE));
  });
});

describe("powersAt: votingPowerAt of many locks at one moment", () => {
  // A decreasing curve (negative polynomial past its peak) besides the published ones.
  const FALLING: CurveConstants = { constant: E18, linear: -2_000_000_000_000n, quadratic: 0n, maxTime: 2n * 1_209_600n };
  const curves = [BEDROCK_8X_CURVE, MODE, FALLING];

  it("equals votingPowerAt on 6,000 seeded locks: warm or not, queued or exited, before and after season starts", () => {
    let seed = 0x2545f491;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed % n;
    };
    const seasons = [10n * WEEK, 14n * WEEK];
    let compared = 0;
    let positive = 0;
    for (const curve of curves) {
      for (const t of [9n * WEEK, 10n * WEEK, 10n * WEEK + 1n, 13n * WEEK + 5n, 20n * WEEK]) {
        const ev = at(t + BigInt(next(2) * 100_000), seasons, curve);
        const power = powersAt(t, ev);
        for (let i = 0; i < 400; i++) {
          const writtenTs = BigInt(next(20 * 604_800));
          const exit = next(3) === 0 ? nextCheckpoint(writtenTs + BigInt(next(12 * 604_800))) : null;
          const l = lock(writtenTs, BigInt(next(4)) * E18 + BigInt(next(1_000_000_007)), exit);
          const expected = votingPowerAt(l, t, ev);
          expect(power(l)).toBe(expected);
          compared++;
          if (expected > 0n) positive++;
        }
      }
    }
    expect(compared).toBe(6_000);
    expect(positive).toBeGreaterThan(1_000);
  });

  it("is 0 before the lock's start checkpoint, also for a lock already warm there", () => {
    const l = lock(100n); // starts at the next checkpoint, 604,800
    const t = l.start - 1n;
    const ev = at(t, [], BEDROCK_8X_CURVE, 0n); // no warmup: warm from 101 on
    expect(isWarm(l, t, 0n)).toBe(true);
    expect(votingPowerAt(l, t, ev)).toBe(0n);
    expect(powersAt(t, ev)(l)).toBe(0n);
    expect(powersAt(l.start, at(l.start, [], BEDROCK_8X_CURVE, 0n))(l)).toBe(E18);
  });

  it("is 0 where the polynomial is negative, as biasAt is", () => {
    const l = lock(0n);
    const t = l.start + 2n * 1_209_600n;
    expect(biasAt(E18, 2n * 1_209_600n, FALLING)).toBe(0n);
    expect(powersAt(t, at(t, [], FALLING))(l)).toBe(0n);
    expect(powersAt(t, at(t, [], BEDROCK_8X_CURVE))(l)).toBe(biasAt(E18, 2n * 1_209_600n, BEDROCK_8X_CURVE));
  });
});
