import { describe, expect, it } from "vitest";
import {
  EPOCH_DURATION,
  InvalidEpochInputError,
  epochEnd,
  epochOf,
  epochStart,
  firstWindowAfter,
  isVotingWindow,
  windowEnd,
  windowStart,
} from "../../src/domain/epochs";

describe("epochs", () => {
  it("epochOf floors ts / 1209600", () => {
    expect(EPOCH_DURATION).toBe(1_209_600n);
    expect(epochOf(0n)).toBe(0);
    expect(epochOf(1_209_599n)).toBe(0);
    expect(epochOf(1_209_600n)).toBe(1);
    expect(epochOf(1_796_256_000n)).toBe(1485);
    expect(epochOf(1_796_256_000n + 1_209_599n)).toBe(1485);
  });

  it("start, window and end of an epoch", () => {
    expect(epochStart(1485)).toBe(1_796_256_000n);
    expect(windowStart(1)).toBe(1_213_200n); // 1209600 + 3600
    expect(windowEnd(1)).toBe(1_810_800n); // 1209600 + 604800 - 3600
    expect(epochEnd(1)).toBe(2_419_200n);
    expect(windowEnd(0)).toBe(601_200n);
  });

  it("voting window is [start + 1 h, start + 1 week - 1 h)", () => {
    expect(isVotingWindow(windowStart(1) - 1n)).toBe(false);
    expect(isVotingWindow(windowStart(1))).toBe(true);
    expect(isVotingWindow(windowEnd(1) - 1n)).toBe(true);
    expect(isVotingWindow(windowEnd(1))).toBe(false);
    expect(isVotingWindow(epochEnd(1) - 1n)).toBe(false);
  });

  it("firstWindowAfter: the first window end at or after which a change at ts is seen", () => {
    // Each case checked against the definition: the smallest e with windowEnd(e) > ts.
    const bySearch = (ts: bigint) => {
      let e = 0;
      while (windowEnd(e) <= ts) e++;
      return e;
    };
    for (const ts of [0n, 601_199n, 601_200n, 601_201n, 1_209_599n, 1_209_600n, 1_810_799n, 1_810_800n, 1_796_256_000n + 604_800n]) {
      expect(firstWindowAfter(ts)).toBe(bySearch(ts));
    }
    expect(firstWindowAfter(windowEnd(7) - 1n)).toBe(7);
    expect(firstWindowAfter(windowEnd(7))).toBe(8);
    expect(firstWindowAfter(epochEnd(7))).toBe(8);
  });

  it("rejects negative input", () => {
    expect(() => epochOf(-1n)).toThrow(InvalidEpochInputError);
    expect(() => epochStart(-1)).toThrow(InvalidEpochInputError);
    expect(() => windowEnd(1.5)).toThrow(/non-negative/);
    expect(() => epochOf(-1n)).toThrow(expect.objectContaining({ name: "InvalidEpochInputError", value: -1n }));
  });
});
