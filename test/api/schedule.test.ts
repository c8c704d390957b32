import { describe, expect, it } from "vitest";
import { vestedAmount } from "../../src/domain/vesting";
import { unlockSchedule } from "../../src/api/queries/unlockSchedule";
import { vaultStickiness } from "../../src/api/queries/vaultStickiness";

const schedule = { start: 1000n, cliff: 100n, duration: 1100n, tgeBps: 1000n, total: 1000n };
const alloc = [{ name: "team", address: "0x1", schedule }];

describe("unlockSchedule", () => {
  it("marks points after asOf as projected and keeps the TGE and cliff breakpoints", () => {
    const { points, upcoming, totalAllocated } = unlockSchedule(alloc, [{ ts: 1000, circulatingSupply: 5n }], { step: 500, asOf: 1100 });
    expect(totalAllocated).toBe(1000n);
    expect(points.map((p) => p.ts)).toEqual([1000, 1100, 1500, 2000, 2100]);
    expect(points.map((p) => p.projected)).toEqual([false, false, true, true, true]);
    for (const p of points) {
      expect(p.unlocked).toBe(vestedAmount(schedule, BigInt(p.ts)));
      expect(p.unlocked + p.locked).toBe(1000n);
    }
    expect(points[0]!.unlocked).toBe(100n);
    expect(points[0]!.circulatingSupply).toBe(5n);
    expect(points[2]!.circulatingSupply).toBeNull();
    expect(upcoming.reduce((s, u) => s + u.amount, 0n)).toBe(1000n - vestedAmount(schedule, 1100n));
  });

  it("rejects a reversed range and too many points, naming the parameter", () => {
    expect(() => unlockSchedule(alloc, [], { from: 5, to: 4, step: 3600, asOf: 0 })).toThrow("invalid to: must be >= from");
    expect(() => unlockSchedule(alloc, [], { from: 0, to: 3600 * 5000, step: 3600, asOf: 0 })).toThrow(/invalid step: .*needs 5001 points/);
  });
});

describe("vaultStickiness", () => {
  it("averages the TVL kept lag epochs after each vote-share drop", () => {
    const s = vaultStickiness(
      [
        { epoch: 1, tvl: 100n, gaugeShare: 0.5 },
        { epoch: 2, tvl: 100n, gaugeShare: 0.1 },
        { epoch: 3, tvl: 90n, gaugeShare: 0.1 },
        { epoch: 4, tvl: 80n, gaugeShare: 0.05 },
        { epoch: 5, tvl: 40n, gaugeShare: 0.05 },
      ],
      2,
      0.2,
    );
    // drops at 2 (0.5 → 0.1, kept 80/100) and 4 (0.1 → 0.05, epoch 6 missing: left out)
    expect(s.events.map((e) => [e.epoch, e.retained])).toEqual([[2, 0.8]]);
    expect(s.stickiness).toBe(0.8);
  });

  it("is null without a drop", () => {
    expect(vaultStickiness([{ epoch: 1, tvl: 1n, gaugeShare: 0.2 }, { epoch: 2, tvl: 1n, gaugeShare: 0.19 }], 1, 0.2).stickiness).toBeNull();
  });
});
