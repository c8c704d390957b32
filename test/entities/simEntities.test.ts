/** The simulator's entities: deterministic per seed, spread over several wallets and routes, absent without the scenario block. */
import { describe, expect, it } from "vitest";
import { Rng } from "../../devnet/rng";
import { loadScenario } from "../../devnet/scenario";
import { entityTruth, planEntities } from "../../devnet/sim/entities";
import { Model } from "../../devnet/sim/model";
import { addGaugesAndVaults } from "../../devnet/sim/world";

function plan(name: string, seed: number) {
  const scenario = loadScenario(name);
  const model = new Model(scenario);
  addGaugesAndVaults(model, scenario);
  return planEntities(model, scenario, seed, new Rng(seed, scenario.name).fork("entities"));
}

describe("simulator entities", () => {
  it("default: deterministic per seed, every route used, 2+ wallets each", () => {
    const a = plan("default", 1);
    const b = plan("default", 1);
    expect(entityTruth(a)).toEqual(entityTruth(b));
    expect(a.map((e) => e.wallets.map((w) => `${w.route}@${w.fundEpoch}`))).toEqual(b.map((e) => e.wallets.map((w) => `${w.route}@${w.fundEpoch}`)));
    expect(a).toHaveLength(14);
    for (const e of a) expect(e.wallets.length).toBeGreaterThanOrEqual(2);
    const routes = new Set(a.flatMap((e) => e.wallets.map((w) => w.route)));
    expect([...routes].sort()).toEqual(["chain", "exchange", "funded", "late", "lockFor"]);
    expect(entityTruth(plan("default", 2))).not.toEqual(entityTruth(a));
    const addresses = entityTruth(a).flatMap((e) => e.addresses);
    expect(new Set(addresses).size).toBe(addresses.length);
  });

  it("scenarios without an entities block have none (their worlds are unchanged)", () => {
    expect(plan("small", 1)).toEqual([]);
    expect(plan("large", 1)).toEqual([]);
  });
});
