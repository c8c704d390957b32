/**
 * src/alerts/config.ts field by field: for each rule type, the defaults it fills, a value just
 * inside and just outside each bound, and the exact text of each refusal (path, message, rule id),
 * written out by hand from the documented rules of each field.
 */
import { describe, expect, it } from "vitest";
import { AlertsConfigError, AlertsConfigSchema, parseAlertsConfig } from "../../src/alerts/config";

/** The refusal of the configuration `{ rules }` as text, or "accepted". */
const verdict = (rules: unknown[]): string => configVerdict({ rules });

/** The refusal of a configuration value as text (an AlertsConfigError from x.json), or "accepted". */
function configVerdict(value: unknown): string {
  let thrown: unknown;
  try {
    parseAlertsConfig(value, "x.json");
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) return "accepted";
  expect(thrown).toBeInstanceOf(AlertsConfigError);
  expect((thrown as Error).name).toBe("AlertsConfigError");
  expect((thrown as AlertsConfigError).source).toBe("x.json");
  return (thrown as Error).message;
}
const refused = (detail: string) => `invalid alerts config x.json: ${detail}`;
const INT1 = "expected an integer >= 1";

const base = {
  nakamoto: { id: "n", type: "nakamoto", max: 3 },
  entityNakamoto: { id: "e", type: "entityNakamoto", max: 3 },
  topShare: { id: "t", type: "topShare", top: 1, threshold: 0.5 },
  giniRise: { id: "g", type: "giniRise", threshold: 0.1 },
  gaugeDominance: { id: "d", type: "gaugeDominance", threshold: 0.5 },
  unlock: { id: "u", type: "unlock", threshold: 0.01, days: 14 },
  vaultTvlDrop: { id: "v", type: "vaultTvlDrop", threshold: 0.2 },
  participation: { id: "p", type: "participation", threshold: 0.3 },
} as const;

describe("alert rule fields", () => {
  it("fills the defaults of every rule type", () => {
    const rules = parseAlertsConfig({ rules: Object.values(base) }).rules;
    const common = { severity: "warning", enabled: true };
    expect(rules).toEqual([
      { ...base.nakamoto, ...common, scope: "CAST_VOTES" },
      { ...base.entityNakamoto, ...common, scope: "CAST_VOTES", minDrop: 1 },
      { ...base.topShare, ...common, scope: "CAST_VOTES", minHolders: 1 },
      { ...base.giniRise, ...common, scope: "CAST_VOTES", across: "epoch" },
      { ...base.gaugeDominance, ...common, minVoters: 1 },
      { ...base.unlock, ...common },
      { ...base.vaultTvlDrop, ...common },
      { ...base.participation, ...common },
    ]);
  });

  const cases: [string, object, string][] = [
    // integers with a floor of 1
    ["nakamoto max 0", { ...base.nakamoto, max: 0 }, `rules[0].max: ${INT1} (rule "n")`],
    ["nakamoto max 1.5", { ...base.nakamoto, max: 1.5 }, `rules[0].max: ${INT1} (rule "n")`],
    ["nakamoto max as text", { ...base.nakamoto, max: "3" }, `rules[0].max: ${INT1} (rule "n")`],
    ["nakamoto max 1", { ...base.nakamoto, max: 1 }, "accepted"],
    ["entity max 0", { ...base.entityNakamoto, max: 0 }, `rules[0].max: ${INT1} (rule "e")`],
    ["entity max 2.5", { ...base.entityNakamoto, max: 2.5 }, `rules[0].max: ${INT1} (rule "e")`],
    ["entity max as text", { ...base.entityNakamoto, max: "3" }, `rules[0].max: ${INT1} (rule "e")`],
    ["entity minDrop -1", { ...base.entityNakamoto, minDrop: -1 }, `rules[0].minDrop: expected an integer >= 0 (rule "e")`],
    ["entity minDrop 0.5", { ...base.entityNakamoto, minDrop: 0.5 }, `rules[0].minDrop: expected an integer >= 0 (rule "e")`],
    ["entity minDrop as text", { ...base.entityNakamoto, minDrop: "1" }, `rules[0].minDrop: expected an integer >= 0 (rule "e")`],
    ["entity minDrop 0", { ...base.entityNakamoto, minDrop: 0 }, "accepted"],
    ["entity scope GAUGES", { ...base.entityNakamoto, scope: "GAUGES" }, `rules[0].scope: expected one of CAST_VOTES, ELIGIBLE_POWER, LOCKED_BR, BR_HOLDINGS (rule "e")`],
    // each owner scope written out (a default is not checked against the enum, so CAST_VOTES too)
    ["entity scope CAST_VOTES", { ...base.entityNakamoto, scope: "CAST_VOTES" }, "accepted"],
    ["entity scope ELIGIBLE_POWER", { ...base.entityNakamoto, scope: "ELIGIBLE_POWER" }, "accepted"],
    ["entity scope LOCKED_BR", { ...base.entityNakamoto, scope: "LOCKED_BR" }, "accepted"],
    ["entity scope BR_HOLDINGS", { ...base.entityNakamoto, scope: "BR_HOLDINGS" }, "accepted"],
    ["topShare minHolders 0", { ...base.topShare, minHolders: 0 }, `rules[0].minHolders: ${INT1} (rule "t")`],
    ["topShare minHolders 1.5", { ...base.topShare, minHolders: 1.5 }, `rules[0].minHolders: ${INT1} (rule "t")`],
    ["topShare minHolders as text", { ...base.topShare, minHolders: "2" }, `rules[0].minHolders: ${INT1} (rule "t")`],
    ["topShare top 2", { ...base.topShare, top: 2 }, `rules[0].top: expected 1, 5 or 10 (rule "t")`],
    ["topShare top 5", { ...base.topShare, top: 5 }, "accepted"],
    ["topShare top 10", { ...base.topShare, top: 10 }, "accepted"],
    ["gaugeDominance minVoters 0", { ...base.gaugeDominance, minVoters: 0 }, `rules[0].minVoters: ${INT1} (rule "d")`],
    ["gaugeDominance minVoters 2.5", { ...base.gaugeDominance, minVoters: 2.5 }, `rules[0].minVoters: ${INT1} (rule "d")`],
    ["gaugeDominance minVoters as text", { ...base.gaugeDominance, minVoters: "2" }, `rules[0].minVoters: ${INT1} (rule "d")`],
    ["unlock days 0", { ...base.unlock, days: 0 }, `rules[0].days: expected an integer in [1, 3650] (rule "u")`],
    ["unlock days 3651", { ...base.unlock, days: 3651 }, `rules[0].days: expected an integer in [1, 3650] (rule "u")`],
    ["unlock days 1.5", { ...base.unlock, days: 1.5 }, `rules[0].days: expected an integer in [1, 3650] (rule "u")`],
    ["unlock days as text", { ...base.unlock, days: "14" }, `rules[0].days: expected an integer in [1, 3650] (rule "u")`],
    ["unlock days 1", { ...base.unlock, days: 1 }, "accepted"],
    ["unlock days 3650", { ...base.unlock, days: 3650 }, "accepted"],
    // fractions in (0, 1]
    ["threshold 0", { ...base.vaultTvlDrop, threshold: 0 }, `rules[0].threshold: expected a number in (0, 1] (rule "v")`],
    ["threshold 1.01", { ...base.giniRise, threshold: 1.01 }, `rules[0].threshold: expected a number in (0, 1] (rule "g")`],
    ["threshold as text", { ...base.participation, threshold: "0.3" }, `rules[0].threshold: expected a number in (0, 1] (rule "p")`],
    ["threshold 1", { ...base.participation, threshold: 1 }, "accepted"],
    ["threshold 0.0001", { ...base.participation, threshold: 0.0001 }, "accepted"],
    // enums and common fields
    ["giniRise across 'season'", { ...base.giniRise, across: "season" }, `rules[0].across: expected "epoch" or "seasonStart" (rule "g")`],
    ["giniRise across seasonStart", { ...base.giniRise, across: "seasonStart" }, "accepted"],
    ["giniRise across epoch written out", { ...base.giniRise, across: "epoch" }, "accepted"],
    ["severity 'error'", { ...base.nakamoto, severity: "error" }, `rules[0].severity: expected "info", "warning" or "critical" (rule "n")`],
    ["severity info", { ...base.nakamoto, severity: "info" }, "accepted"],
    ["severity warning written out", { ...base.nakamoto, severity: "warning" }, "accepted"],
    ["severity critical", { ...base.nakamoto, severity: "critical" }, "accepted"],
    ["enabled 'yes'", { ...base.nakamoto, enabled: "yes" }, `rules[0].enabled: expected true or false (rule "n")`],
    ["enabled false", { ...base.nakamoto, enabled: false }, "accepted"],
    ["an id in capitals", { ...base.nakamoto, id: "Cast" }, `rules[0].id: expected 1-64 characters a-z 0-9 . _ - (lowercase, not starting with a separator) (rule "Cast")`],
    ["an id starting with a dash", { ...base.nakamoto, id: "-x" }, `rules[0].id: expected 1-64 characters a-z 0-9 . _ - (lowercase, not starting with a separator) (rule "-x")`],
    ["an id of 65 characters", { ...base.nakamoto, id: "a".repeat(65) }, `rules[0].id: expected 1-64 characters a-z 0-9 . _ - (lowercase, not starting with a separator) (rule "${"a".repeat(65)}")`],
    ["an id of 64 characters with . _ -", { ...base.nakamoto, id: `a.b_c-${"d".repeat(58)}` }, "accepted"],
    ["an id that is a number", { ...base.nakamoto, id: 7 }, "rules[0].id: expected a string"],
    ["a scope that is not one", { ...base.nakamoto, scope: "VOTES" }, `rules[0].scope: expected one of CAST_VOTES, ELIGIBLE_POWER, LOCKED_BR, BR_HOLDINGS, GAUGE_VOTERS, GAUGES (rule "n")`],
    ["an unknown type", { id: "z", type: "median" }, `rules[0].type: expected "type" to be one of nakamoto, topShare, giniRise, gaugeDominance, unlock, vaultTvlDrop, participation, entityNakamoto (rule "z")`],
  ];
  it.each(cases)("%s", (_what, ruleValue, expected) => {
    expect(verdict([ruleValue])).toBe(expected === "accepted" ? "accepted" : refused(expected));
  });

  it("names the index and id of the rule at fault, and every duplicate id", () => {
    expect(verdict([base.nakamoto, { ...base.participation, threshold: 2 }])).toBe(refused(`rules[1].threshold: expected a number in (0, 1] (rule "p")`));
    expect(verdict([base.nakamoto, base.participation, { ...base.unlock, id: "n" }, { ...base.vaultTvlDrop, id: "p" }])).toBe(
      refused(`rules[2].id: duplicate id "n" (also rules[0]) (rule "n"); rules[3].id: duplicate id "p" (also rules[1]) (rule "p")`),
    );
    expect(verdict([{ ...base.nakamoto, max: 0, severity: "loud" }])).toBe(
      refused(`rules[0].severity: expected "info", "warning" or "critical" (rule "n"); rules[0].max: ${INT1} (rule "n")`),
    );
  });

  it("refuses a configuration that is not an object of rules", () => {
    expect(configVerdict({ rules: "all" })).toBe(refused("rules: expected an array of rules"));
    expect(configVerdict({ rules: [], extra: 1 })).toMatch(/^invalid alerts config x\.json: Unrecognized key/);
    expect(configVerdict(null)).toMatch(/^invalid alerts config x\.json: /);
    expect(configVerdict({ rules: [] })).toBe("accepted");
  });

  it("names the source (object) when none is given", () => {
    expect(() => parseAlertsConfig({ rules: "all" })).toThrow(new AlertsConfigError("(object)", "rules: expected an array of rules"));
    expect(() => parseAlertsConfig({ rules: "all" })).toThrow("invalid alerts config (object): rules: expected an array of rules");
  });

  it("reports a duplicate id as a custom zod issue on rules[i].id", () => {
    const result = AlertsConfigSchema.safeParse({ rules: [base.participation, base.participation] });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: "custom", path: ["rules", 1, "id"], message: 'duplicate id "p" (also rules[0])' })]);
  });

  it("a rule that is null is refused without a rule id (it has none)", () => {
    // The union's own error names the types; null has no id to add.
    expect(configVerdict({ rules: [null] })).toBe(
      refused('rules[0]: expected "type" to be one of nakamoto, topShare, giniRise, gaugeDominance, unlock, vaultTvlDrop, participation, entityNakamoto'),
    );
  });

  it("an issue outside the rules names no rule, whatever properties the rules array carries", () => {
    // An issue with no rule index must not look a rule up: rules["undefined"] is an id here.
    const rules = Object.assign([base.participation], { undefined: { id: "ghost" } });
    const text = configVerdict({ rules, extra: 1 });
    expect(text).toMatch(/^invalid alerts config x\.json: Unrecognized key/);
    expect(text).not.toContain("(rule");
  });
});
