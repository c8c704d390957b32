/**
 * GraphQL's `Concentration` and `ConcentrationPoint` carry every metric `computeConcentration`
 * returns, from the one list of metric fields.
 */
import { Kind, type ObjectTypeDefinitionNode, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { typeDefs } from "../../src/api/graphql";
import { computeConcentration } from "../../src/metrics";

function fieldsOf(name: string): string[] {
  const def = parse(typeDefs).definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === name);
  if (!def) throw new Error(`no type ${name} in the GraphQL schema`);
  return (def.fields ?? []).map((f) => f.name.value);
}

describe("GraphQL metric fields", () => {
  it.each(["Concentration", "ConcentrationPoint"])("%s has every concentration metric", (type) => {
    const metrics = Object.keys(computeConcentration([3n, 1n, 2n]));
    expect(metrics.length).toBeGreaterThanOrEqual(14);
    expect(fieldsOf(type)).toEqual(expect.arrayContaining(metrics));
  });
});
