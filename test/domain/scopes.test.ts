/**
 * One list of metric scopes (src/domain/scopes.ts) reaches every place that names them: the
 * schema's enum, GraphQL's `Scope` (with each description), the REST/OpenAPI argument, the
 * export layout and the alert rules' argument.
 */
import { type EnumTypeDefinitionNode, Kind, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { metricScope } from "../../ponder.schema";
import { NakamotoRuleSchema } from "../../src/alerts/config";
import { EXPORT_LAYOUT } from "../../src/api/exportLayout";
import { typeDefs } from "../../src/api/graphql";
import { scope } from "../../src/api/args";
import { METRIC_SCOPES, SCOPE_DESCRIPTIONS } from "../../src/domain/scopes";

/** The `Scope` enum of the API's GraphQL schema. */
function scopeEnum(): EnumTypeDefinitionNode {
  const def = parse(typeDefs).definitions.find((d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === "Scope");
  if (def?.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error("no enum Scope in the GraphQL schema");
  return def;
}

describe("metric scopes, defined once", () => {
  it("are the schema's metric_scope enum", () => {
    expect(metricScope.enumValues).toEqual([...METRIC_SCOPES]);
  });

  it("are GraphQL's Scope enum, each value described", () => {
    const def = scopeEnum();
    expect(def.values?.map((v) => v.name.value)).toEqual([...METRIC_SCOPES]);
    expect(def.values?.map((v) => v.description?.value)).toEqual(METRIC_SCOPES.map((s) => SCOPE_DESCRIPTIONS[s]));
  });

  it("each has a description of its own", () => {
    const descriptions = METRIC_SCOPES.map((s) => SCOPE_DESCRIPTIONS[s]);
    for (const d of descriptions) expect(d.length).toBeGreaterThan(10);
    expect(new Set(descriptions).size).toBe(METRIC_SCOPES.length);
  });

  it("are the REST argument's values and its description", () => {
    expect(scope.options).toEqual([...METRIC_SCOPES]);
    for (const s of METRIC_SCOPES) expect(scope.parse(s)).toBe(s);
    expect(() => scope.parse("NOT_A_SCOPE")).toThrow(/must be one of CAST_VOTES, ELIGIBLE_POWER/);
    for (const s of METRIC_SCOPES) expect(scope.description).toContain(`${s} (${SCOPE_DESCRIPTIONS[s]})`);
  });

  it("are the export layout's scope column and the alert rules' scope argument", () => {
    const column = EXPORT_LAYOUT.epochMetric.find((c) => c.name === "scope");
    expect(column?.doc).toBe(METRIC_SCOPES.join(" | "));
    for (const s of METRIC_SCOPES) {
      const parsed = NakamotoRuleSchema.safeParse({ id: "r", type: "nakamoto", scope: s, max: 3 });
      expect(parsed.success, `${s}: ${parsed.error?.message}`).toBe(true);
    }
    expect(NakamotoRuleSchema.safeParse({ id: "r", type: "nakamoto", scope: "NOT_A_SCOPE", max: 3 }).success).toBe(false);
  });
});
