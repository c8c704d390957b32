/** Entity queries over the in-memory stores: GraphQL and REST, by: ENTITY against a hand grouping. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createEntityQueries, labelsFromEnv } from "../../src/api/queries/entities";
import { EntityLabelsError } from "../../src/entities/index";
import { createFakeEntityStore } from "./fakeEntityStore";
import { computeConcentration } from "../../src/metrics";
import { createFakeApp } from "../api/fakeServer";
import { A, B, C } from "../api/fakeStore";
import { LOCK_FOR_TX } from "./fakeEntityStore";
import { D } from "../api/fakeStore";

const { app } = createFakeApp();
// biome-ignore lint: untyped JSON
async function gql(query: string): Promise<any> {
  const res = await app.request("/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return res.json();
}

describe("entity API (in-memory)", () => {
  it("entity(address) explains the grouping; an unlinked address is alone; account names the entity", async () => {
    const body = await gql(`{ entity(id: "${B}") { id size members { address evidence { kind txHash block confidence other } } } alone: entity(id: "${C}") { id size } entities { id } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.entity).toEqual({
      id: `e-${A.slice(2)}`,
      size: 2,
      members: [
        { address: A, evidence: [{ kind: "lockFor", txHash: LOCK_FOR_TX, block: 900, confidence: 0.9, other: B }] },
        { address: B, evidence: [{ kind: "lockFor", txHash: LOCK_FOR_TX, block: 900, confidence: 0.9, other: A }] },
      ],
    });
    expect(body.data.alone).toEqual({ id: C, size: 1 });
    expect(body.data.entities).toEqual([{ id: `e-${A.slice(2)}` }]);
  });

  it("concentration by ENTITY sums A and B (checked against computeConcentration over a hand grouping)", async () => {
    const dist = await gql(`{ distribution(epoch: 11, scope: ELIGIBLE_POWER, first: 100) { items { owner amount } } }`);
    const rows: { owner: string; amount: string }[] = dist.data.distribution.items;
    const grouped = new Map<string, bigint>();
    for (const r of rows) {
      const key = r.owner === A || r.owner === B ? "AB" : r.owner;
      grouped.set(key, (grouped.get(key) ?? 0n) + BigInt(r.amount));
    }
    const expected = computeConcentration([...grouped.values()]);
    const body = await gql(`{ c: concentration(epoch: 11, scope: ELIGIBLE_POWER, by: ENTITY) { by n total nakamoto50 gini top1Share } a: concentration(epoch: 11, scope: ELIGIBLE_POWER) { by n } u: uplift(epoch: 11, scope: ELIGIBLE_POWER) { address { n } entity { n nakamoto50 } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.c).toMatchObject({ by: "ENTITY", n: expected.n, total: expected.total.toString(), nakamoto50: expected.nakamoto50 });
    expect(body.data.c.gini).toBeCloseTo(expected.gini, 12);
    expect(body.data.a.by).toBe("ADDRESS");
    expect(body.data.u.entity).toEqual({ n: expected.n, nakamoto50: expected.nakamoto50 });
    expect(body.data.u.address.n).toBe(rows.length);
    const rest = await app.request("/api/v1/concentration?epoch=11&scope=ELIGIBLE_POWER&by=entity");
    expect(rest.status).toBe(200);
    expect(((await rest.json()) as { n: number }).n).toBe(expected.n);
  });

  it("clear 4xx for bad arguments", async () => {
    expect((await app.request("/api/v1/concentration?epoch=11&scope=ELIGIBLE_POWER&by=wallet")).status).toBe(400);
    expect((await app.request("/api/v1/entities/nonsense")).status).toBe(400);
    expect((await app.request(`/api/v1/entities/e-${"0".repeat(40)}`)).status).toBe(404);
    const body = await gql(`{ concentration(epoch: 11, scope: ELIGIBLE_POWER, by: WALLET) { n } }`);
    expect(body.errors?.[0]?.message).toBeDefined();
  });
});

describe("labels file (VE_LENS_ENTITY_LABELS)", () => {
  it("names and joins entities, refuses a bad file with its path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ve-lens-labels-"));
    try {
      const good = join(dir, "labels.json");
      writeFileSync(good, JSON.stringify({ entities: [{ name: "Desk", addresses: [C, D] }] }));
      expect(labelsFromEnv({})).toBeUndefined();
      const labels = labelsFromEnv({ VE_LENS_ENTITY_LABELS: good });
      const q = createEntityQueries(createFakeEntityStore(), { block: async () => 1, ...(labels ? { labels } : {}) });
      const e = await q.entity(D);
      expect(e).toMatchObject({ name: "Desk", size: 2 });
      expect(e.members[0]!.evidence[0]).toMatchObject({ kind: "label", confidence: 1, txHash: null });
      const bad = join(dir, "bad.json");
      writeFileSync(bad, JSON.stringify({ entities: [{ name: "x", addresses: ["0x1"] }] }));
      expect(() => labelsFromEnv({ VE_LENS_ENTITY_LABELS: bad })).toThrow(EntityLabelsError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
