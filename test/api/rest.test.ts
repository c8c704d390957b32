import { describe, expect, it } from "vitest";
import { ENDPOINTS } from "../../src/api/endpoints";
import { buildOpenApiDocument } from "../../src/api/openapi";
import { IMMUTABLE, NO_CACHE, etagMatches } from "../../src/api/rest";
import { expectCsvMatchesJson } from "./csvCheck";
import { A, G1, VAULT } from "./fakeStore";
import { createFakeApp } from "./fakeServer";

const { app } = createFakeApp();
const get = (path: string, headers: Record<string, string> = {}) => app.request(`/api/v1${path}`, { headers });

/** One request per endpoint (path params filled in), JSON and CSV. */
const SAMPLE: Record<string, string> = {
  status: "/status",
  epochs: "/epochs?from=10&to=11",
  concentration: "/concentration?epoch=11&scope=CAST_VOTES&points=5",
  concentrationSeries: "/concentration/series?scope=BR_HOLDINGS&fromEpoch=10&toEpoch=11",
  distribution: "/distribution?epoch=11&scope=ELIGIBLE_POWER&first=2",
  influence: "/influence?epoch=11&top=2",
  gauges: "/gauges?epoch=11",
  seasons: "/seasons",
  unlocks: "/unlocks?step=2419200",
  vaults: "/vaults",
  vaultTvl: `/vaults/${VAULT}/tvl?lag=1`,
  alerts: "/alerts?first=5",
  account: `/accounts/${A}?transfers=2`,
  votingPower: `/voting-power?owner=${A}&block=900`,
  balance: `/balance?address=${A}&timestamp=15000000`,
  export: "/export/epochGauge?fromEpoch=10&toEpoch=10",
  entities: "/entities",
  entity: `/entities/${A}`,
  concentrationUplift: "/concentration/uplift?epoch=11&scope=ELIGIBLE_POWER",
};
/** Answers CSV or Parquet, never JSON (tested in export.test.ts). */
const BINARY = new Set(["export"]);

describe("REST /api/v1 (in-memory store)", () => {
  it("has a sample request for every endpoint", () => {
    expect(Object.keys(SAMPLE).sort()).toEqual(ENDPOINTS.map((e) => e.id).sort());
  });

  it.each(Object.entries(SAMPLE).filter(([id]) => !BINARY.has(id)))("%s answers JSON and CSV with the same rows", async (id, path) => {
    const res = await get(path);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const csvPath = `${path}${path.includes("?") ? "&" : "?"}format=csv`;
    const csv = await get(csvPath);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const rows = expectCsvMatchesJson(id, await csv.text(), await res.json(), csvPath);
    expect(rows, `${id}: the sample answers at least one row`).toBeGreaterThan(0);
  });

  it.each(["transfers", "epochs", "votes", "ranks", "steering", "locks"])("account CSV part=%s holds the rows of that list", async (part) => {
    const path = `${SAMPLE.account}&part=${part}`;
    const json = await (await get(path)).json();
    const rows = expectCsvMatchesJson("account", await (await get(`${path}&format=csv`)).text(), json, `${path}&format=csv`);
    expect(rows, part).toBeGreaterThan(0);
  });

  it("puts the next cursor of a CSV page in X-Next-Cursor", async () => {
    const res = await get("/distribution?epoch=11&scope=CAST_VOTES&first=1&format=csv");
    const cursor = res.headers.get("x-next-cursor");
    expect(cursor).toBeTruthy();
    expect((await res.text()).split("\r\n")).toEqual(["epoch,scope,gauge,rank,owner,amount,share", `11,CAST_VOTES,,1,${A},70000000000000000000,0.583333333333333`, ""]);
    const next = await (await get(`/distribution?epoch=11&scope=CAST_VOTES&first=5&after=${cursor}`)).json();
    expect((next as { items: { rank: number }[] }).items[0]!.rank).toBe(2);
  });

  it("400 names the bad parameter: negative first, bad address, bad format, unknown parameter, repeated", async () => {
    const cases: [string, string, RegExp][] = [
      ["/distribution?epoch=11&scope=CAST_VOTES&first=-1", "first", /must be an integer from 1 to 1000/],
      [`/vaults/0x12/tvl`, "vault", /0x-prefixed 20-byte hex address/],
      ["/epochs?format=xml", "format", /must be json or csv/],
      ["/epochs?format=", "format", /must be json or csv/],
      ["/epochs?form=10", "form", /unknown parameter; \/epochs accepts from, to, format/],
      ["/epochs?from=1&from=2", "from", /given more than once/],
      ["/concentration?epoch=11", "scope", /is required/],
      ["/concentration?epoch=11&scope=GAUGE_VOTERS", "gauge", /required when scope is GAUGE_VOTERS/],
      ["/unlocks?from=100&to=50", "to", /must be >= from/],
    ];
    for (const [path, parameter, detail] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: string; detail: string; parameter: string };
      expect(body.error).toBe("BAD_USER_INPUT");
      expect(body.parameter, path).toBe(parameter);
      expect(body.detail, path).toMatch(detail);
    }
  });

  it("404 for an unknown epoch, vault or route", async () => {
    const epoch = await get("/gauges?epoch=3");
    expect(epoch.status).toBe(404);
    expect(await epoch.json()).toEqual({ error: "NOT_FOUND", detail: "unknown epoch 3: indexed epochs are 10 to 13", parameter: "epoch" });
    expect((await get(`/vaults/${A}/tvl`)).status).toBe(404);
    const route = await get("/nope");
    expect(route.status).toBe(404);
    expect(((await route.json()) as { detail: string }).detail).toContain("/api/v1/openapi.json");
  });

  it("finalized answers are immutable with an ETag; If-None-Match gives 304", async () => {
    const res = await get("/concentration?epoch=11&scope=CAST_VOTES");
    expect(res.headers.get("cache-control")).toBe(IMMUTABLE);
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await get("/concentration?epoch=11&scope=CAST_VOTES", { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
    const csv = await get("/concentration?epoch=11&scope=CAST_VOTES&format=csv", { "If-None-Match": etag });
    expect(csv.status).toBe(200); // a different representation, a different tag
    expect((await get("/epochs?from=10&to=11")).headers.get("cache-control")).toBe(IMMUTABLE);
    expect((await get("/gauges?epoch=11")).headers.get("cache-control")).toBe(IMMUTABLE);
  });

  it("live and not-yet-finalized answers are no-cache (but still carry an ETag)", async () => {
    for (const path of ["/concentration?epoch=13&scope=CAST_VOTES", "/concentration?epoch=12&scope=CAST_VOTES", "/epochs", "/epochs?from=10&to=12", "/gauges?epoch=13", "/seasons"]) {
      const res = await get(path);
      expect(res.headers.get("cache-control"), path).toBe(NO_CACHE);
      expect(res.headers.get("etag"), path).toBeTruthy();
    }
  });

  it("compares ETags like HTTP: lists, weak tags and *", () => {
    expect(etagMatches('"a", W/"b"', '"b"')).toBe(true);
    expect(etagMatches("*", '"x"')).toBe(true);
    expect(etagMatches('"a"', '"b"')).toBe(false);
    expect(etagMatches(undefined, '"b"')).toBe(false);
  });

  it("serves the alerts of the alerts module", async () => {
    const res = await get("/alerts");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { alerts: { epoch: number }[] };
    expect(body.alerts[0]!.epoch).toBe(11);
  });

  it("allows cross-origin reads", async () => {
    const res = await get("/seasons", { Origin: "https://notebook.example" });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("OpenAPI document", () => {
  const doc = buildOpenApiDocument() as {
    openapi: string;
    paths: Record<string, { get: { operationId: string; parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[]; responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> } }>;
  };

  it("documents every endpoint with its parameters and response schema", () => {
    expect(doc.openapi).toBe("3.1.0");
    for (const e of ENDPOINTS) {
      const path = `/api/v1${e.path.replace(/:(\w+)/g, "{$1}")}`;
      const op = doc.paths[path]?.get;
      expect(op, path).toBeDefined();
      expect(op!.operationId).toBe(e.id);
      const names = op!.parameters.map((p) => p.name);
      for (const key of Object.keys(e.args.shape)) expect(names, `${path} ${key}`).toContain(key);
      expect(names).toContain("format");
      expect(op!.responses["200"]!.content!["application/json"]!.schema).toBeTypeOf("object");
    }
  });

  it("derives parameter constraints from the zod schemas", () => {
    const dist = doc.paths["/api/v1/distribution"]!.get.parameters;
    expect(dist.find((p) => p.name === "first")).toMatchObject({ in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 } });
    expect(dist.find((p) => p.name === "epoch")).toMatchObject({ required: true });
    expect(dist.find((p) => p.name === "scope")!.schema).toMatchObject({ enum: expect.arrayContaining(["CAST_VOTES", "GAUGE_VOTERS"]) });
    const tvl = doc.paths["/api/v1/vaults/{vault}/tvl"]!.get.parameters;
    expect(tvl.find((p) => p.name === "vault")).toMatchObject({ in: "path", required: true, schema: { pattern: "^0x[0-9a-fA-F]{40}$" } });
  });

  it("is served at /api/v1/openapi.json", async () => {
    const res = await get("/openapi.json");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});

describe("gauge shares in CSV", () => {
  it("lists gauges of an epoch", async () => {
    const text = await (await get("/gauges?epoch=11&format=csv")).text();
    expect(text.split("\r\n")[1]).toContain(G1);
  });
});
