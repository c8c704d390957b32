import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AlertsConfigJson, DEFAULT_RULES, type Rule, parseAlertsConfig } from "../../src/alerts/config";
import { alertId, evaluateAlerts, sortAlerts } from "../../src/alerts/rules";
import type { AlertInput } from "../../src/alerts/types";
import { epochRow, input, metricRow, sampleAlert, vaultRow, vestingRow, voteRow } from "./fixtures";

const DAY = 86_400n;
const G1 = "0x0000000000000000000000000000000000000001";
const VAULT = "0x00000000000000000000000000000000000000b1";

function run(rule: AlertsConfigJson["rules"][number], data: AlertInput) {
  return evaluateAlerts(data, parseAlertsConfig({ rules: [rule] }));
}

/** Evaluates one rule given as a config object directly (not through the schema, which would refuse it). */
function runUnparsed(rule: Rule, data: AlertInput) {
  return evaluateAlerts(data, { rules: [rule] });
}

describe("sortAlerts", () => {
  it("orders alerts of one ts by id, whichever way they come in", () => {
    const [a, b] = [sampleAlert(200, "a"), sampleAlert(200, "b")];
    expect(sortAlerts([a, b])).toEqual([a, b]);
    expect(sortAlerts([b, a])).toEqual([a, b]);
    expect(sortAlerts([sampleAlert(300, "a"), b, a])).toEqual([a, b, sampleAlert(300, "a")]);
  });
  it("is stable: two versions of one alert (same ts and id) keep their order", () => {
    const first = sampleAlert(200, "a", { provisional: true });
    const second = sampleAlert(200, "a", { provisional: false });
    const sorted = sortAlerts([first, second]);
    expect(sorted[0]).toBe(first);
    expect(sorted[1]).toBe(second);
  });
});

describe("alertId", () => {
  it("is 32 hex characters, fixed for (rule, epoch, subject)", () => {
    const id = alertId("cast-nakamoto", 2938, "");
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(alertId("cast-nakamoto", 2938, "")).toBe(id);
    expect(alertId("cast-nakamoto", 2939, "")).not.toBe(id);
    expect(alertId("cast-nakamoto", 2938, G1)).not.toBe(id);
    expect(alertId("other", 2938, "")).not.toBe(id);
  });
  it("does not run fields together (rule 'a1' epoch 2 ≠ rule 'a' epoch 12)", () => {
    expect(alertId("a1", 2, "")).not.toBe(alertId("a", 12, ""));
  });
});

describe("participation (cast / eligible < threshold)", () => {
  const rule = { id: "p", type: "participation", threshold: 0.3 } as const;
  it("does not fire at exactly 30 % (300 / 1000)", () => {
    expect(run(rule, input({ epochs: [epochRow(10, { castPower: 300n, eligiblePower: 1000n })] }))).toEqual([]);
  });
  it("fires at 299 / 1000 = 29.9 %", () => {
    const [a, ...rest] = run(rule, input({ epochs: [epochRow(10, { castPower: 299n, eligiblePower: 1000n })] }));
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ rule: "p", type: "participation", epoch: 10, subject: "", value: 0.299, threshold: 0.3, provisional: false });
    expect(a!.message).toContain("29.9%");
  });
  it("is exact on 18-decimal amounts: 0.9e21 of 3e21 is 30 % (no alert), one wei less alerts", () => {
    const e = 3n * 10n ** 21n;
    expect(run(rule, input({ epochs: [epochRow(10, { castPower: 9n * 10n ** 20n, eligiblePower: e })] }))).toEqual([]);
    expect(run(rule, input({ epochs: [epochRow(10, { castPower: 9n * 10n ** 20n - 1n, eligiblePower: e })] }))).toHaveLength(1);
  });
  it("ignores epochs without eligible power", () => {
    expect(run(rule, input({ epochs: [epochRow(10, { castPower: 0n, eligiblePower: 0n })] }))).toEqual([]);
    // the guard, not the comparison, skips it: -1 × 10 >= 3 × 0 is false, and -1 / 0 has no share
    expect(run(rule, input({ epochs: [epochRow(10, { castPower: -1n, eligiblePower: 0n })] }))).toEqual([]);
  });
  it("is provisional while the epoch is not finalized, with the same id", () => {
    const open = run(rule, input({ epochs: [epochRow(10, { castPower: 1n, finalized: false })] }));
    const done = run(rule, input({ epochs: [epochRow(10, { castPower: 1n, finalized: true })] }));
    expect(open[0]!.provisional).toBe(true);
    expect(done[0]!.provisional).toBe(false);
    expect(open[0]!.id).toBe(done[0]!.id);
    expect(done[0]!.id).toBe(alertId("p", 10, ""));
  });
});

describe("nakamoto (Nakamoto 50 % <= max)", () => {
  const rule = { id: "n", type: "nakamoto", max: 3 } as const;
  it("fires at 3, not at 4", () => {
    const data = input({ epochs: [epochRow(1), epochRow(2)], metrics: [metricRow(1, { nakamoto50: 3 }), metricRow(2, { nakamoto50: 4 })] });
    const alerts = run(rule, data);
    expect(alerts.map((a) => [a.epoch, a.value])).toEqual([[1, 3]]);
    expect(alerts[0]!.message).toContain("3 voters hold more than 50% of cast votes");
  });
  it("ignores empty populations (n = 0 has coefficient 0)", () => {
    expect(run(rule, input({ epochs: [epochRow(1)], metrics: [metricRow(1, { n: 0, nakamoto50: 0, total: 0n })] }))).toEqual([]);
  });
  it("reads only its scope and skips metrics of epochs without an epoch row", () => {
    const data = input({
      epochs: [epochRow(1)],
      metrics: [metricRow(1, { scope: "ELIGIBLE_POWER", nakamoto50: 1 }), metricRow(2, { nakamoto50: 1 })],
    });
    expect(run(rule, data)).toEqual([]);
    expect(run({ ...rule, scope: "ELIGIBLE_POWER" }, data)).toHaveLength(1);
  });
  it("GAUGE_VOTERS scope: one alert per gauge, the gauge is the subject", () => {
    const data = input({
      epochs: [epochRow(1)],
      metrics: [metricRow(1, { scope: "GAUGE_VOTERS", gauge: G1, nakamoto50: 1 }), metricRow(1, { scope: "GAUGE_VOTERS", gauge: VAULT, nakamoto50: 2 })],
    });
    expect(run({ ...rule, scope: "GAUGE_VOTERS" }, data).map((a) => a.subject).sort()).toEqual([G1, VAULT].sort());
  });
});

describe("topShare (top-k share > threshold)", () => {
  it("top-1: 0.33 does not fire at threshold 0.33, 0.3301 does", () => {
    const rule = { id: "t1", type: "topShare", top: 1, threshold: 0.33 } as const;
    const data = input({ epochs: [epochRow(1), epochRow(2)], metrics: [metricRow(1, { top1Share: 0.33 }), metricRow(2, { top1Share: 0.3301 })] });
    const alerts = run(rule, data);
    expect(alerts.map((a) => a.epoch)).toEqual([2]);
    expect(alerts[0]!.message).toContain("Epoch 2: the largest voter holds 33.0% of cast votes");
  });
  it("top-10 with minHolders 11: 10 holders (share 1) never fire; 11 holders fire above 0.8, not at 0.8", () => {
    const rule = { id: "t10", type: "topShare", top: 10, threshold: 0.8, minHolders: 11 } as const;
    const data = input({
      epochs: [epochRow(1), epochRow(2), epochRow(3)],
      metrics: [metricRow(1, { n: 10, top10Share: 1 }), metricRow(2, { n: 11, top10Share: 0.8 }), metricRow(3, { n: 11, top10Share: 0.81 })],
    });
    expect(run(rule, data).map((a) => a.epoch)).toEqual([3]);
  });
  it("an empty population never fires, even with minHolders 0 (a config not read through the schema)", () => {
    const rule: Rule = { id: "t", type: "topShare", scope: "CAST_VOTES", top: 1, threshold: 0.5, minHolders: 0, severity: "warning", enabled: true };
    const data = (n: number) => input({ epochs: [epochRow(1)], metrics: [metricRow(1, { n, top1Share: 0.9 })] });
    expect(runUnparsed(rule, data(0))).toEqual([]);
    expect(runUnparsed(rule, data(1))).toHaveLength(1);
  });
  it("top-5 reads top5Share", () => {
    const rule = { id: "t5", type: "topShare", top: 5, threshold: 0.5 } as const;
    const data = input({ epochs: [epochRow(1)], metrics: [metricRow(1, { top5Share: 0.51, top1Share: 0, top10Share: 0 })] });
    expect(run(rule, data)).toHaveLength(1);
  });
});

describe("giniRise", () => {
  const rule = { id: "g", type: "giniRise", across: "epoch", threshold: 0.05 } as const;
  it("0.35 → 0.40 is a rise of exactly 0.05 (no alert); 0.35 → 0.4001 alerts", () => {
    const base = [epochRow(1), epochRow(2)];
    expect(run(rule, input({ epochs: base, metrics: [metricRow(1, { gini: 0.35 }), metricRow(2, { gini: 0.4 })] }))).toEqual([]);
    const alerts = run(rule, input({ epochs: base, metrics: [metricRow(1, { gini: 0.35 }), metricRow(2, { gini: 0.4001 })] }));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ epoch: 2, value: 0.0501 });
    expect(alerts[0]!.details).toMatchObject({ previousEpoch: 1, previousGini: 0.35 });
  });
  it("a fall never fires; a gap between epochs is not consecutive", () => {
    expect(run(rule, input({ epochs: [epochRow(1), epochRow(2)], metrics: [metricRow(1, { gini: 0.9 }), metricRow(2, { gini: 0.1 })] }))).toEqual([]);
    expect(run(rule, input({ epochs: [epochRow(1), epochRow(3)], metrics: [metricRow(1, { gini: 0.1 }), metricRow(3, { gini: 0.9 })] }))).toEqual([]);
  });
  it("across a season start: only the seasonStart rule looks at the pair", () => {
    const epochs = [epochRow(1, { season: 1 }), epochRow(2, { season: 2 })];
    const metrics = [metricRow(1, { gini: 0.3 }), metricRow(2, { gini: 0.9 })];
    expect(run(rule, input({ epochs, metrics }))).toEqual([]);
    const season = { id: "gs", type: "giniRise", across: "seasonStart", threshold: 0.1 } as const;
    const alerts = run(season, input({ epochs, metrics }));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.message).toContain("across the start of season 2");
    // 0.3 → 0.4 is exactly +0.1: no alert; 0.3 → 0.41: alert
    expect(run(season, input({ epochs, metrics: [metricRow(1, { gini: 0.3 }), metricRow(2, { gini: 0.4 })] }))).toEqual([]);
    expect(run(season, input({ epochs, metrics: [metricRow(1, { gini: 0.3 }), metricRow(2, { gini: 0.41 })] }))).toHaveLength(1);
    // inside a season the seasonStart rule is silent
    expect(run(season, input({ epochs: [epochRow(1), epochRow(2)], metrics }))).toEqual([]);
  });
});

describe("gaugeDominance (top-1 share of a gauge's votes > threshold)", () => {
  const rule = { id: "d", type: "gaugeDominance", threshold: 0.5, minVoters: 2 } as const;
  const A = "0x000000000000000000000000000000000000000a";
  const B = "0x000000000000000000000000000000000000000b";
  it("fires at 0.6 and names the voter (two tokens of A: 40 + 20 of 100)", () => {
    const data = input({
      epochs: [epochRow(5)],
      metrics: [metricRow(5, { scope: "GAUGE_VOTERS", gauge: G1, n: 2, total: 100n, top1Share: 0.6 })],
      votes: [voteRow(5, G1, A, 40n), voteRow(5, G1, B, 40n), voteRow(5, G1, A, 20n), voteRow(4, G1, B, 1000n)],
    });
    const [a] = run(rule, data);
    expect(a).toMatchObject({ subject: G1, value: 0.6, details: { voter: A, voterVotes: "60", gaugeVotes: "100", voters: 2 } });
    expect(a!.message).toContain(`voter ${A} holds 60.0% of the votes for gauge ${G1}`);
  });
  it("names the larger voter even when a smaller one has a lower address, and the first of a tie only if it is the lower", () => {
    const metrics = [metricRow(5, { scope: "GAUGE_VOTERS", gauge: G1, n: 2, total: 700n, top1Share: 0.6 })];
    const larger = run(rule, input({ epochs: [epochRow(5)], metrics, votes: [voteRow(5, G1, B, 600n), voteRow(5, G1, A, 100n)] }));
    expect(larger[0]!.details).toMatchObject({ voter: B, voterVotes: "600" });
    const tie = run(rule, input({ epochs: [epochRow(5)], metrics, votes: [voteRow(5, G1, A, 350n), voteRow(5, G1, B, 350n)] }));
    expect(tie[0]!.details).toMatchObject({ voter: A, voterVotes: "350" });
  });
  it("a gauge without voters never fires, even with minVoters 0 (a config not read through the schema)", () => {
    const unchecked: Rule = { id: "d", type: "gaugeDominance", threshold: 0.5, minVoters: 0, severity: "warning", enabled: true };
    const data = (n: number) => input({ epochs: [epochRow(5)], metrics: [metricRow(5, { scope: "GAUGE_VOTERS", gauge: G1, n, top1Share: 0.6 })] });
    expect(runUnparsed(unchecked, data(0))).toEqual([]);
    expect(runUnparsed(unchecked, data(1))).toHaveLength(1);
  });
  it("does not fire at exactly 0.5, nor for a gauge with fewer than minVoters voters", () => {
    const data = input({
      epochs: [epochRow(5)],
      metrics: [
        metricRow(5, { scope: "GAUGE_VOTERS", gauge: G1, n: 2, top1Share: 0.5 }),
        metricRow(5, { scope: "GAUGE_VOTERS", gauge: VAULT, n: 1, top1Share: 1 }),
      ],
    });
    expect(run(rule, data)).toEqual([]);
  });
});

describe("unlock (vested in (windowEnd, windowEnd + days] >= threshold × circulating)", () => {
  const rule = { id: "u", type: "unlock", threshold: 0.01, days: 14 } as const;
  const e = epochRow(10, { circulatingSupply: 1_000_000n });
  const cliffAt = (start: bigint, total: bigint) => vestingRow({ start, cliff: 0n, duration: 1n, tgeBps: 10_000, total });
  it("a TGE of 10 000 = 1 % of 1 000 000 inside the window fires; 9 999 does not", () => {
    const alerts = run(rule, input({ epochs: [e], vesting: [cliffAt(e.windowEnd + 7n * DAY, 10_000n)] }));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ value: 0.01, subject: "0x00000000000000000000000000000000000000aa", details: { unlocking: "10000" } });
    expect(run(rule, input({ epochs: [e], vesting: [cliffAt(e.windowEnd + 7n * DAY, 9_999n)] }))).toEqual([]);
  });
  it("the window is (windowEnd, windowEnd + 14 days]: at +14 d fires, at windowEnd or +14 d + 1 s not", () => {
    expect(run(rule, input({ epochs: [e], vesting: [cliffAt(e.windowEnd + 14n * DAY, 10_000n)] }))).toHaveLength(1);
    expect(run(rule, input({ epochs: [e], vesting: [cliffAt(e.windowEnd + 14n * DAY + 1n, 10_000n)] }))).toEqual([]);
    expect(run(rule, input({ epochs: [e], vesting: [cliffAt(e.windowEnd, 10_000n)] }))).toEqual([]);
  });
  it("linear vesting: 140 days for 1 400 000 gives 140 000 in 14 days = 14 % (fires at 0.14, not 0.15)", () => {
    const w = vestingRow({ start: e.windowEnd - 100n * DAY, cliff: 0n, duration: 140n * DAY, tgeBps: 0, total: 1_400_000n });
    expect(run({ ...rule, threshold: 0.14 }, input({ epochs: [e], vesting: [w] }))[0]!.details.unlocking).toBe("140000");
    expect(run({ ...rule, threshold: 0.15 }, input({ epochs: [e], vesting: [w] }))).toEqual([]);
  });
});

describe("vaultTvlDrop (TVL end of e-1 → end of e falls by > threshold)", () => {
  const rule = { id: "v", type: "vaultTvlDrop", threshold: 0.2 } as const;
  it("1000 → 800 is exactly 20 % (no alert); 1000 → 799 alerts", () => {
    const epochs = [epochRow(10), epochRow(11)];
    expect(run(rule, input({ epochs, vaults: [vaultRow(VAULT, 10, 1000n), vaultRow(VAULT, 11, 800n)] }))).toEqual([]);
    const [a] = run(rule, input({ epochs, vaults: [vaultRow(VAULT, 10, 1000n), vaultRow(VAULT, 11, 799n)] }));
    expect(a).toMatchObject({ epoch: 11, subject: VAULT, value: 0.201, provisional: false, details: { tvlBefore: "1000", tvlAfter: "799" } });
  });
  it("before the epoch ends it reads the window-end TVL and is provisional", () => {
    const epochs = [epochRow(10), epochRow(11, { finalized: false })];
    const [a] = run(rule, input({ epochs, vaults: [vaultRow(VAULT, 10, 1000n), vaultRow(VAULT, 11, null, 700n)] }));
    expect(a).toMatchObject({ provisional: true, value: 0.3 });
    expect(a!.message).toContain("so far");
  });
  it("needs the previous epoch's end TVL > 0", () => {
    const epochs = [epochRow(10), epochRow(11)];
    expect(run(rule, input({ epochs, vaults: [vaultRow(VAULT, 11, 0n)] }))).toEqual([]);
    expect(run(rule, input({ epochs, vaults: [vaultRow(VAULT, 10, 0n), vaultRow(VAULT, 11, 0n)] }))).toEqual([]);
    // the guard, not the comparison, skips a previous TVL of 0: a drop of 1 from 0 has no share
    expect(run(rule, input({ epochs, vaults: [vaultRow(VAULT, 10, 0n), vaultRow(VAULT, 11, -1n)] }))).toEqual([]);
  });
  it("skips a vault row of an epoch without an epoch row (window end not passed)", () => {
    // 1000 → 500 would be a 50 % drop, but epoch 11 has no row
    expect(run(rule, input({ epochs: [epochRow(10)], vaults: [vaultRow(VAULT, 10, 1000n), vaultRow(VAULT, 11, 500n)] }))).toEqual([]);
  });
});

describe("evaluateAlerts", () => {
  const data = input({
    epochs: [epochRow(1), epochRow(2, { castPower: 10n, finalized: false }), epochRow(3, { season: 2, finalized: false })],
    metrics: [
      metricRow(1, { gini: 0.2, nakamoto50: 2, top1Share: 0.4 }),
      metricRow(2, { gini: 0.5, nakamoto50: 1 }),
      metricRow(3, { gini: 0.9 }),
      metricRow(2, { scope: "GAUGE_VOTERS", gauge: G1, n: 3, top1Share: 0.7 }),
    ],
    vaults: [vaultRow(VAULT, 1, 100n), vaultRow(VAULT, 2, null, 10n)],
    vesting: [vestingRow({ start: epochRow(1).windowEnd + 1n, tgeBps: 10_000, total: 100_000n })],
  });
  // parsed inside each test: Stryker switches a mutant on just before the tests, after the describe body ran
  const config = () => parseAlertsConfig(DEFAULT_RULES);

  it("the defaults raise one alert per rule on this data, ordered by (ts, id)", () => {
    const alerts = evaluateAlerts(data, config());
    expect(alerts.map((a) => a.rule).sort()).toEqual(
      ["cast-gini-rise", "cast-gini-rise-season", "cast-nakamoto", "cast-nakamoto", "cast-top1", "gauge-dominance", "low-participation", "unlock-soon", "vault-tvl-drop"].sort(),
    );
    for (let i = 1; i < alerts.length; i++) {
      const [p, q] = [alerts[i - 1]!, alerts[i]!];
      expect(p.ts < q.ts || (p.ts === q.ts && p.id < q.id)).toBe(true);
    }
    expect(new Set(alerts.map((a) => a.id)).size).toBe(alerts.length);
  });

  it("a disabled rule raises nothing", () => {
    const off = parseAlertsConfig({ rules: DEFAULT_RULES.rules.map((r) => ({ ...r, enabled: r.id !== "cast-nakamoto" })) });
    expect(evaluateAlerts(data, off).some((a) => a.rule === "cast-nakamoto")).toBe(false);
  });

  it("is a function of the rows, not of their order", () => {
    const expected = evaluateAlerts(data, config());
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const shuffled = Object.fromEntries(Object.entries(data).map(([k, rows]) => [k, shuffle(rows as unknown[], seed)])) as unknown as AlertInput;
        expect(evaluateAlerts(shuffled, config())).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });
});

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
