/** The `entityNakamoto` alert rule over hand-made rows. */
import { describe, expect, it } from "vitest";
import { AlertsConfigError, DEFAULT_RULES, parseAlertsConfig } from "../../src/alerts/config";
import { evaluateAlerts } from "../../src/alerts/rules";
import { epochRow, input } from "../alerts/fixtures";

const rule = { id: "ent", type: "entityNakamoto", scope: "CAST_VOTES", max: 3, minDrop: 1 } as const;
const row = (epoch: number, addressNakamoto50: number, entityNakamoto50: number) => ({ epoch, scope: "CAST_VOTES", n: 100, addressNakamoto50, entityN: 80, entityNakamoto50 });

describe("entityNakamoto rule", () => {
  const run = (rows: ReturnType<typeof row>[]) =>
    evaluateAlerts({ ...input({ epochs: [epochRow(10), epochRow(11), epochRow(12)] }), entityMetrics: rows }, parseAlertsConfig({ rules: [rule] }));

  it("fires when the entity Nakamoto is <= max and below the address one", () => {
    const alerts = run([row(10, 5, 2), row(11, 2, 2), row(12, 6, 4)]);
    expect(alerts.map((a) => a.epoch)).toEqual([10]);
    expect(alerts[0]).toMatchObject({ rule: "ent", type: "entityNakamoto", value: 2, threshold: 3 });
    expect(alerts[0]!.message).toContain("where the per-address view counts 5");
  });

  it("never fires without entity rows, and is part of the defaults", () => {
    expect(run([])).toEqual([]);
    expect(DEFAULT_RULES.rules.some((r) => r.type === "entityNakamoto")).toBe(true);
  });

  it("refuses per-gauge scopes", () => {
    expect(() => parseAlertsConfig({ rules: [{ ...rule, scope: "GAUGES" }] })).toThrow(AlertsConfigError);
  });
});
