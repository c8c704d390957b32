import { getIntrospectionQuery } from "graphql";
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../src/api/graphql";
import { A, G2, VAULT } from "./fakeStore";
import { createFakeApp } from "./fakeServer";

const { app } = createFakeApp();

interface GraphqlResponse {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string; parameter?: string }; path?: string[] }[];
}

async function gql(query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: GraphqlResponse }> {
  const res = await app.request("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as GraphqlResponse };
}

function firstError(body: GraphqlResponse) {
  expect(body.errors, JSON.stringify(body)).toBeDefined();
  return body.errors![0]!;
}

describe("analytics GraphQL (in-memory store)", () => {
  it("answers every query", async () => {
    const { status, body } = await gql(`{
      status { block liveEpoch lastClosedEpoch lastFinalizedEpoch }
      epochs(from: 11) { id startTs endTs season finalized live eligiblePower castPower participation voters }
      concentration(epoch: 11, scope: CAST_VOTES) { epoch scope n total gini nakamoto33 nakamoto50 nakamoto66 hhi effectiveN theil entropy top1Share top5Share top10Share palma lorenz(points: 3) { x y } }
      gv: concentration(epoch: 11, scope: GAUGE_VOTERS, gauge: "${G2}") { n gauge }
      concentrationSeries(scope: ELIGIBLE_POWER, fromEpoch: 10, toEpoch: 12) { scope points { epoch season gini } seasons { season jump } }
      distribution(epoch: 11, scope: CAST_VOTES, first: 2) { totalCount total items { rank owner amount share } pageInfo { endCursor hasNextPage } }
      influence(epoch: 12, top: 2) { top total topShare topVoters { voter amount share } gauges { gauge topVoter topShare } mostCaptured { gauge voter share } participation { powerShare voterShare } persistence { k kUsed share } }
      gauges(epoch: 11) { gauge votes share voters vault metadataURI }
      seasons { number startTs startEpoch endTs }
      unlockSchedule(step: 1209600) { asOf totalAllocated allocations { name vested percentUnlocked releases { ts amount } } points { ts projected unlocked locked } upcoming { ts allocation amount } }
      vaults { address name gauge totalAssets }
      vaultTvl(vault: "${VAULT}", lag: 1) { vault name stickiness events { epoch } points { epoch tvl gaugeShare finalized } }
      alerts(first: 5) { id rule severity epoch ts title details { key value } }
    }`);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const d = body.data!;
    expect(d.status).toEqual({ block: 1000, liveEpoch: 13, lastClosedEpoch: 12, lastFinalizedEpoch: 11 });
    expect(d.epochs.map((e: { id: number }) => e.id)).toEqual([11, 12, 13]);
    expect(d.concentration.lorenz).toEqual([
      { x: 0, y: 0 },
      { x: 2 / 3, y: 0.5 / 1.2 },
      { x: 1, y: 1 },
    ]);
    expect(d.gv).toEqual({ n: 2, gauge: G2 });
    expect(d.concentrationSeries.points).toHaveLength(3);
    expect(d.distribution.items).toHaveLength(2);
    expect(d.distribution.pageInfo.hasNextPage).toBe(true);
    expect(d.influence.topVoters[0].voter).toBe(A);
    expect(d.gauges).toHaveLength(2);
    expect(d.seasons.map((s: { number: number }) => s.number)).toEqual([1, 2]);
    expect(d.unlockSchedule.allocations[0].name).toBe("team");
    expect(d.vaults[0].address).toBe(VAULT);
    expect(d.vaultTvl.points).toHaveLength(4);
    expect(d.alerts[0].details).toEqual([{ key: "voter", value: A }]);
  });

  it("follows a distribution cursor to the end", async () => {
    const first = await gql(`{ distribution(epoch: 12, scope: ELIGIBLE_POWER, first: 2) { items { owner } pageInfo { endCursor hasNextPage } } }`);
    const after = first.body.data!.distribution.pageInfo.endCursor;
    const second = await gql(`query($after: String) { distribution(epoch: 12, scope: ELIGIBLE_POWER, first: 2, after: $after) { items { rank owner } pageInfo { hasNextPage } } }`, { after });
    expect(second.body.data!.distribution).toEqual({ items: [{ rank: 3, owner: expect.any(String) }], pageInfo: { hasNextPage: false } });
  });

  it("names the problem: unknown epoch, negative first, bad address, missing gauge, bad cursor", async () => {
    const unknown = firstError((await gql(`{ concentration(epoch: 999, scope: CAST_VOTES) { gini } }`)).body);
    expect(unknown.message).toBe("unknown epoch 999: indexed epochs are 10 to 13");
    expect(unknown.extensions).toEqual({ code: "NOT_FOUND", parameter: "epoch" });

    const negative = firstError((await gql(`{ distribution(epoch: 11, scope: CAST_VOTES, first: -1) { total } }`)).body);
    expect(negative.message).toBe("invalid first: must be an integer from 1 to 1000 (got -1)");
    expect(negative.extensions?.code).toBe("BAD_USER_INPUT");

    const address = firstError((await gql(`{ vaultTvl(vault: "0xnope") { stickiness } }`)).body);
    expect(address.message).toMatch(/^invalid vault: must be a 0x-prefixed 20-byte hex address/);

    const gauge = firstError((await gql(`{ concentration(epoch: 11, scope: GAUGE_VOTERS) { gini } }`)).body);
    expect(gauge.message).toBe("invalid gauge: required when scope is GAUGE_VOTERS");

    const cursor = firstError((await gql(`{ distribution(epoch: 11, scope: CAST_VOTES, after: "garbage") { total } }`)).body);
    expect(cursor.extensions?.parameter).toBe("after");

    const points = firstError((await gql(`{ concentration(epoch: 11, scope: CAST_VOTES) { lorenz(points: 1) { x } } }`)).body);
    expect(points.message).toMatch(/^invalid points/);
  });

  it("never leaks a stack trace for an internal failure", async () => {
    const { createGraphqlApp } = await import("../../src/api/graphql");
    const { createAnalytics } = await import("../../src/api/queries/analytics");
    const { createFakeStore } = await import("./fakeStore");
    const store = createFakeStore();
    store.seasons = async () => {
      throw new Error("database exploded at /secret/path.ts:12");
    };
    const broken = createGraphqlApp(createAnalytics(store));
    const res = await broken.request("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ seasons { number } }" }),
    });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain("secret");
    expect(text).not.toContain("stack");
    expect(JSON.parse(text).errors[0].extensions.code).toBe("INTERNAL_SERVER_ERROR");
  });

  it("rejects malformed documents and unknown fields without a 500", async () => {
    const syntax = await gql(`{ epochs { id `);
    expect(syntax.status).toBe(400);
    expect(firstError(syntax.body).message).toMatch(/^Syntax Error/);
    const field = await gql(`{ epochs { nope } }`);
    expect(field.status).toBe(400);
    expect(firstError(field.body).message).toContain('Cannot query field "nope"');
    const none = await app.request("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: "{}",
    });
    expect(none.status).toBe(400);
    expect(firstError((await none.json()) as GraphqlResponse).message).toBe("Must provide query string.");
  });

  it("answers client errors with 4xx whatever the client accepts, bad arguments with their own status", async () => {
    for (const accept of ["application/json", "application/graphql-response+json"]) {
      const res = await app.request("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", accept },
        body: JSON.stringify({ query: "{ epochs { nope } }" }),
      });
      expect(res.status, accept).toBe(400);
    }
    const bad = await gql(`{ concentration(epoch: -1, scope: CAST_VOTES) { n } }`);
    expect(bad.status).toBe(400);
    expect(firstError(bad.body).extensions?.parameter).toBe("epoch");
    const unknown = await gql(`{ concentration(epoch: 5, scope: CAST_VOTES) { n } }`);
    expect(unknown.status).toBe(404);
    expect(firstError(unknown.body).extensions?.code).toBe("NOT_FOUND");
  });

  it("answers a variable of the wrong type as a client error naming it", async () => {
    const res = await gql(`query($e: Int!) { concentration(epoch: $e, scope: CAST_VOTES) { n } }`, { e: "abc" });
    expect(res.status).toBe(400);
    const error = firstError(res.body);
    expect(error.message).toContain('Variable "$e" got invalid value "abc"');
    expect(error.message).toContain("Int");
    expect(error.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("limits depth, aliases, cost and tokens", async () => {
    // depth: the schema is shallow; nest fragments via introspection-free fields to go deep
    const deep = `{ influence(epoch: 12) { ${"participation { powerShare } ".repeat(1)} gauges { gauge } } }`;
    expect((await gql(deep)).body.errors).toBeUndefined();
    let nested = "gauge";
    for (let i = 0; i < 12; i++) nested = `... on Query { influence(epoch: 12) { gauges { ${nested} } } }`;
    const deepRes = await gql(`{ ${nested} }`);
    expect(deepRes.status).toBe(400);
    const depth = firstError(deepRes.body);
    expect(depth.message).toMatch(/query depth \d+ exceeds the limit of 10/);

    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: status { block }`).join(" ");
    expect(firstError((await gql(`{ ${aliases} }`)).body).message).toBe("query uses 16 aliases; the limit is 15");

    const costly = Array.from({ length: 5 }, (_, i) => `d${i}: distribution(epoch: 11, scope: CAST_VOTES, first: 1000) { items { owner amount share rank } }`).join(" ");
    expect(firstError((await gql(`{ ${costly} }`)).body).message).toMatch(/query cost \d+ exceeds the limit/);

    const unselected = Array.from({ length: 15 }, (_, i) => `p${i}: distribution(epoch: 11, scope: CAST_VOTES, first: 1000) { pageInfo { hasNextPage } }`).join(" ");
    const rowsRes = await gql(`{ ${unselected} }`);
    expect(rowsRes.status).toBe(400);
    expect(firstError(rowsRes.body).message).toMatch(/query cost \d+ exceeds the limit/);

    const viaVariable = await gql(
      `query($n: Int) { ${Array.from({ length: 5 }, (_, i) => `d${i}: distribution(epoch: 11, scope: CAST_VOTES, first: $n) { items { owner amount share rank } }`).join(" ")} }`,
      { n: 1000 },
    );
    expect(firstError(viaVariable.body).message).toMatch(/query cost/);

    const tokens = `{ ${"status { block } ".repeat(800)} }`;
    const tokensRes = await gql(tokens);
    expect(tokensRes.status).toBe(400);
    expect(firstError(tokensRes.body).message).toMatch(/more that 3000 tokens/);
  });

  it("applies the depth limit to introspection, while GraphiQL's introspection query passes", async () => {
    let ofType = "name";
    for (let i = 0; i < 40; i++) ofType = `ofType { ${ofType} }`;
    const chain = await gql(`{ __type(name: "Epoch") { fields { type { ${ofType} } } } }`);
    expect(chain.status).toBe(400);
    expect(firstError(chain.body).message).toMatch(/query depth 40 \(nested ofType\) exceeds the limit of 10/);
    let nested = "name";
    for (let i = 0; i < 6; i++) nested = `fields { type { ${nested} } }`;
    const deep = await gql(`{ __type(name: "Epoch") { ${nested} } }`);
    expect(deep.status).toBe(400);
    expect(firstError(deep.body).message).toMatch(/query depth \d+ exceeds the limit of 10/);
    const standard = await gql(getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }));
    expect(standard.status).toBe(200);
    expect(standard.body.errors).toBeUndefined();
  });

  it("counts depth and aliases through named fragments", async () => {
    const frags = Array.from({ length: 11 }, (_, i) =>
      i === 10 ? `fragment F${i} on Query { status { block } }` : `fragment F${i} on Query { influence(epoch: 12) { gauges { gauge } } ...F${i + 1} }`,
    ).join("\n");
    // spreads do not add depth by themselves: this one is shallow
    expect((await gql(`{ ...F0 }\n${frags}`)).body.errors).toBeUndefined();
    const aliased = `fragment A on Query { ${Array.from({ length: 8 }, (_, i) => `x${i}: status { block }`).join(" ")} }`;
    expect(firstError((await gql(`{ ...A y1: seasons { number } ... on Query { ...A } }\n${aliased}`)).body).message).toMatch(/aliases; the limit is 15/);
  });

  it("lets one full page of a distribution through the cost limit", async () => {
    const page = await gql(`{ distribution(epoch: 11, scope: CAST_VOTES, first: 1000) { items { rank owner amount share } pageInfo { hasNextPage } } }`);
    expect(page.body.errors).toBeUndefined();
  });

  it("refuses an oversized body with 413", async () => {
    const res = await app.request("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ status { block } }", padding: "x".repeat(MAX_BODY_BYTES) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as GraphqlResponse).errors![0]!.message).toBe(`request body too large: the limit is ${MAX_BODY_BYTES} bytes`);
  });

  it("refuses an unsupported content type with 415 and a JSON message", async () => {
    const res = await app.request("/graphql", {
      method: "POST",
      headers: { "content-type": "text/plain", accept: "application/json" },
      body: "{ status { block } }",
    });
    expect(res.status).toBe(415);
    const message = ((await res.json()) as GraphqlResponse).errors![0]!.message;
    expect(message).toBe('unsupported content type "text/plain"; send application/json');
  });

  it("answers GET with variables that are not JSON with 400", async () => {
    const res = await app.request(`/graphql?query=${encodeURIComponent("{ status { block } }")}&variables=%7Bnot-json`, {
      headers: { accept: "application/json" },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as GraphqlResponse).errors![0]!.message).toBe("invalid variables: not valid JSON");
  });

  it("serves GraphiQL on GET and introspection works", async () => {
    const res = await app.request("/graphql", { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("ve-lens analytics");
    const intro = await gql(`{ __schema { queryType { fields { name } } } }`);
    const names = intro.body.data!.__schema.queryType.fields.map((f: { name: string }) => f.name);
    expect(names).toEqual(
      expect.arrayContaining(["epochs", "concentration", "concentrationSeries", "distribution", "influence", "gauges", "seasons", "unlockSchedule", "vaults", "vaultTvl", "alerts"]),
    );
  });
});
