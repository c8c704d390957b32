import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { metricScope } from "../../ponder.schema";
import { removeTempDirs, tempDir } from "../bot/harness";
import { AlertsConfigError, DEFAULT_RULES, METRIC_SCOPES, loadAlertsConfig, parseAlertsConfig } from "../../src/alerts/config";

function messageOf(value: unknown): string {
  let thrown: unknown;
  try {
    parseAlertsConfig(value, "test.json");
  } catch (error) {
    thrown = error;
  }
  expect(thrown, "the config is refused").toBeInstanceOf(AlertsConfigError);
  return (thrown as Error).message;
}

const rule = (over: Record<string, unknown>) => ({ id: "p", type: "participation", threshold: 0.3, ...over });

describe("parseAlertsConfig", () => {
  it("knows the metric scopes of the schema", () => {
    expect([...METRIC_SCOPES]).toEqual(metricScope.enumValues);
  });

  it("accepts the defaults and fills severity / enabled / scope", () => {
    const config = parseAlertsConfig(DEFAULT_RULES);
    expect(config.rules).toHaveLength(10);
    expect(config.rules.every((r) => r.enabled)).toBe(true);
    expect(config.rules.find((r) => r.id === "cast-top1")).toMatchObject({ severity: "warning", scope: "CAST_VOTES", minHolders: 1 });
  });

  it("names the rule index, the field and the rule id", () => {
    const value = { rules: [rule({ id: "a" }), rule({ id: "b" }), { id: "cast-top10", type: "topShare", top: 10, threshold: 1.5 }] };
    expect(messageOf(value)).toBe('invalid alerts config test.json: rules[2].threshold: expected a number in (0, 1] (rule "cast-top10")');
  });

  it("refuses 0 and accepts 1 for a fraction", () => {
    expect(messageOf({ rules: [rule({ threshold: 0 })] })).toContain("rules[0].threshold: expected a number in (0, 1]");
    expect(messageOf({ rules: [rule({ threshold: "0.3" })] })).toContain("rules[0].threshold: expected a number in (0, 1]");
    expect(parseAlertsConfig({ rules: [rule({ threshold: 1 })] }).rules[0]).toMatchObject({ threshold: 1 });
  });

  it("refuses unknown types, unknown keys, bad ids, duplicate ids and bad enum values", () => {
    expect(messageOf({ rules: [rule({ type: "whale" })] })).toContain('rules[0].type: expected "type" to be one of nakamoto, topShare');
    expect(messageOf({ rules: [rule({ treshold: 0.2 })] })).toMatch(/rules\[0\]: .*treshold/);
    expect(messageOf({ rules: [rule({ id: "Bad Id" })] })).toContain("rules[0].id: expected 1-64 characters");
    expect(messageOf({ rules: [rule({}), rule({})] })).toContain('rules[1].id: duplicate id "p" (also rules[0])');
    expect(messageOf({ rules: [{ id: "n", type: "nakamoto", max: 0 }] })).toContain('rules[0].max: expected an integer >= 1 (rule "n")');
    expect(messageOf({ rules: [{ id: "t", type: "topShare", top: 3, threshold: 0.5 }] })).toContain("rules[0].top: expected 1, 5 or 10");
    expect(messageOf({ rules: [{ id: "t", type: "topShare", top: 1, threshold: 0.5, scope: "WHALES" }] })).toContain("rules[0].scope: expected one of CAST_VOTES");
    expect(messageOf({ rules: [{ id: "u", type: "unlock", threshold: 0.5, days: 0 }] })).toContain("rules[0].days: expected an integer in [1, 3650]");
    expect(messageOf({ rules: [rule({ severity: "loud" })] })).toContain('rules[0].severity: expected "info", "warning" or "critical"');
    expect(messageOf({})).toContain("rules: expected an array of rules");
  });
});

describe("loadAlertsConfig", () => {
  const dir = () => tempDir("ve-lens-alerts-");
  afterAll(removeTempDirs);

  it("uses the built-in defaults when there is no file", () => {
    const { config, source } = loadAlertsConfig({}, dir());
    expect(source).toBe("built-in defaults");
    expect(config.rules.map((r) => r.id)).toEqual(DEFAULT_RULES.rules.map((r) => r.id));
  });

  it("reads alerts.config.json in the working directory", () => {
    const d = dir();
    writeFileSync(join(d, "alerts.config.json"), JSON.stringify({ rules: [rule({})] }));
    expect(loadAlertsConfig({}, d)).toMatchObject({ source: "alerts.config.json", config: { rules: [{ id: "p" }] } });
  });

  it("reads VE_LENS_ALERTS and refuses a missing file, bad JSON or a bad rule", () => {
    const d = dir();
    writeFileSync(join(d, "mine.json"), JSON.stringify({ rules: [rule({ id: "mine" })] }));
    expect(loadAlertsConfig({ VE_LENS_ALERTS: "mine.json" }, d).config.rules[0]!.id).toBe("mine");
    expect(() => loadAlertsConfig({ VE_LENS_ALERTS: "nope.json" }, d)).toThrow("invalid alerts config nope.json: cannot read the file (ENOENT)");
    writeFileSync(join(d, "broken.json"), "{ rules: ");
    expect(() => loadAlertsConfig({ VE_LENS_ALERTS: "broken.json" }, d)).toThrow(/invalid alerts config broken.json: not valid JSON/);
    writeFileSync(join(d, "bad.json"), JSON.stringify({ rules: [rule({ threshold: 2 })] }));
    expect(() => loadAlertsConfig({ VE_LENS_ALERTS: "bad.json" }, d)).toThrow('rules[0].threshold: expected a number in (0, 1] (rule "p")');
  });
});
