import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createGraphqlApp, selectsOnlyConcentration } from "../../src/api/graphql";
import { createAnalytics } from "../../src/api/queries/analytics";
import { createEntityQueries } from "../../src/api/queries/entities";
import { ResponseCache, followGeneration, servedFromCache, strongEtag } from "../../src/api/responseCache";
import { createRestApp } from "../../src/api/rest";
import { createFakeEntityStore } from "../entities/fakeEntityStore";
import { createFakeStore } from "./fakeStore";

/** The REST and GraphQL apps over a fresh in-memory store, with or without a response cache. */
function apps(responses?: ResponseCache, before?: (app: Hono) => void) {
  // every store method call counted (the database's door)
  let reads = 0;
  const fake = createFakeStore();
  const store = new Proxy(fake, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        reads++;
        return value.apply(target, args);
      };
    },
  });
  const analytics = createAnalytics(store, { entities: createEntityQueries(createFakeEntityStore(), { block: async () => 1 }) });
  const app = new Hono();
  before?.(app);
  app.route("/", createGraphqlApp(analytics, { responses }));
  app.route("/api/v1", createRestApp(analytics, { responses }));
  const storeCalls = () => reads;
  return { app, storeCalls };
}

const gql = (query: string, headers: Record<string, string> = {}) => {
  const body = JSON.stringify({ query });
  // an HTTP client sends the length; servedFromCache reads only bodies of known, bounded length
  return { method: "POST", headers: { "content-type": "application/json", accept: "application/json", "content-length": String(Buffer.byteLength(body)), ...headers }, body };
};
const FINALIZED_QUERY = "{ concentration(epoch: 11, scope: CAST_VOTES) { epoch n total gini nakamoto50 top1Share lorenz(points: 3) { x y } } }";

describe("ResponseCache", () => {
  it("keeps nothing until the generation is known, and nothing computed under an older one", () => {
    const cache = new ResponseCache({ maxBytes: 1_000 });
    expect(cache.put(cache.generation, "k", { body: "x", contentType: "text/plain" })).toBeUndefined();
    cache.setGeneration("a");
    const before = cache.generation;
    cache.setGeneration("b");
    expect(cache.put(before, "k", { body: "x", contentType: "text/plain" })).toBeUndefined();
    expect(cache.get("k")).toBeUndefined();
    expect(cache.put(cache.generation, "k", { body: "x", contentType: "text/plain" })?.etag).toBe(strongEtag("x"));
    expect(cache.get("k")?.body).toBe("x");
    cache.setGeneration("c");
    expect(cache.get("k")).toBeUndefined();
    cache.setGeneration(null);
    expect(cache.put(null, "k", { body: "x", contentType: "text/plain" })).toBeUndefined();
  });

  it("is bounded by body bytes, least recently used first, and refuses bodies over the entry bound", () => {
    const cache = new ResponseCache({ maxBytes: 100, maxEntryBytes: 40 });
    cache.setGeneration("g");
    const g = cache.generation;
    for (const k of ["a", "b", "c"]) cache.put(g, k, { body: "x".repeat(29), contentType: "t" }); // 30 bytes each with the key
    cache.get("a"); // a is now the most recent
    cache.put(g, "d", { body: "x".repeat(29), contentType: "t" });
    expect(cache.size()).toEqual({ entries: 3, bytes: 90 });
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.put(g, "e", { body: "x".repeat(40), contentType: "t" })).toBeUndefined();
  });

  it("follows the generation reader, and turns off when it fails", async () => {
    const cache = new ResponseCache();
    let next: () => Promise<string> = async () => "build-1";
    const lines: string[] = [];
    const stop = followGeneration(cache, () => next(), 10, (l) => lines.push(l));
    await new Promise((r) => setTimeout(r, 30));
    expect(cache.generation).toBe("build-1");
    cache.put(cache.generation, "k", { body: "x", contentType: "t" });
    next = async () => {
      throw new Error("database gone");
    };
    await new Promise((r) => setTimeout(r, 30));
    expect(cache.generation).toBeNull();
    expect(cache.get("k")).toBeUndefined();
    expect(lines).toEqual(["[api] response cache: index generation build-1", "[api] response cache off: cannot read the index generation (database gone)"]);
    stop();
  });
});

describe("REST answers about finalized epochs from the response cache", () => {
  it("serves the same bytes and ETag again without reading the store, and 304 on If-None-Match", async () => {
    const cache = new ResponseCache();
    cache.setGeneration("g1");
    const { app, storeCalls } = apps(cache);
    const plain = apps();
    const path = "/api/v1/concentration?epoch=11&scope=CAST_VOTES&points=5";
    const expected = await (await plain.app.request(path)).text();
    const first = await app.request(path);
    expect(first.status).toBe(200);
    const body = await first.text();
    expect(body).toBe(expected);
    const etag = first.headers.get("etag")!;
    expect(etag).toBe(strongEtag(body));
    expect(first.headers.get("cache-control")).toMatch(/immutable/);
    const calls = storeCalls();
    const again = await app.request(path);
    expect(await again.text()).toBe(body);
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("content-type")).toMatch(/^application\/json/);
    const notModified = await app.request(path, { headers: { "If-None-Match": etag } });
    expect(notModified.status).toBe(304);
    expect(storeCalls()).toBe(calls);
    const csv = await app.request(`${path}&format=csv`);
    expect(await csv.text()).toBe(await (await plain.app.request(`${path}&format=csv`)).text());
  });

  it("does not keep answers about the live or unfinalized epoch, by entity, or across generations", async () => {
    const cache = new ResponseCache();
    cache.setGeneration("g1");
    const { app, storeCalls } = apps(cache);
    for (const path of ["/api/v1/concentration?epoch=12&scope=CAST_VOTES", "/api/v1/concentration?epoch=11&scope=CAST_VOTES&by=ENTITY"]) {
      expect((await app.request(path)).status).toBe(200);
      const calls = storeCalls();
      expect((await app.request(path)).status).toBe(200);
      expect(storeCalls(), path).toBeGreaterThan(calls);
    }
    const path = "/api/v1/concentration?epoch=11&scope=CAST_VOTES";
    await app.request(path);
    cache.setGeneration("g2");
    const calls = storeCalls();
    await app.request(path);
    expect(storeCalls()).toBeGreaterThan(calls);
    expect(cache.size().entries).toBe(1);
  });
});

describe("GraphQL concentration of finalized epochs from the response cache", () => {
  it("serves the same bytes again without reading the store, with an ETag and 304", async () => {
    const cache = new ResponseCache();
    cache.setGeneration("g1");
    const { app, storeCalls } = apps(cache);
    const expected = await (await apps().app.request("/graphql", gql(FINALIZED_QUERY))).text();
    expect(JSON.parse(expected).data.concentration.epoch).toBe(11);
    const first = await app.request("/graphql", gql(FINALIZED_QUERY));
    const body = await first.text();
    expect(body).toBe(expected);
    const etag = first.headers.get("etag")!;
    expect(etag).toBe(strongEtag(body));
    const calls = storeCalls();
    const again = await app.request("/graphql", gql(FINALIZED_QUERY));
    expect(await again.text()).toBe(body);
    expect((await app.request("/graphql", gql(FINALIZED_QUERY, { "If-None-Match": etag }))).status).toBe(304);
    expect(storeCalls()).toBe(calls);
  });

  it.each([
    ["a live epoch", "{ concentration(epoch: 12, scope: CAST_VOTES) { gini } }"],
    ["another root field", "{ concentration(epoch: 11, scope: CAST_VOTES) { gini } status { block } }"],
    ["by entity", "{ concentration(epoch: 11, scope: CAST_VOTES, by: ENTITY) { gini } }"],
    ["an error", "{ concentration(epoch: 99, scope: CAST_VOTES) { gini } }"],
  ])("does not keep an answer with %s", async (_name, query) => {
    const cache = new ResponseCache();
    cache.setGeneration("g1");
    const { app, storeCalls } = apps(cache);
    await app.request("/graphql", gql(query));
    const calls = storeCalls();
    await app.request("/graphql", gql(query));
    expect(storeCalls()).toBeGreaterThan(calls);
    expect(cache.size().entries).toBe(0);
  });

  it("recognises operations that select only concentration", () => {
    const body = (query: string) => JSON.stringify({ query });
    expect(selectsOnlyConcentration(body(FINALIZED_QUERY))).toBe(true);
    expect(selectsOnlyConcentration(body("query Q { a: concentration(epoch: 1, scope: CAST_VOTES) { gini } __typename }"))).toBe(true);
    expect(selectsOnlyConcentration(body("{ status { block } }"))).toBe(false);
    expect(selectsOnlyConcentration(body("{ ...F } fragment F on Query { concentration(epoch: 1, scope: CAST_VOTES) { gini } }"))).toBe(false);
    expect(selectsOnlyConcentration(body("{ concentration(epoch: 1, scope: CAST_VOTES) @include(if: true) { gini } }"))).toBe(false);
    expect(selectsOnlyConcentration(body("mutation { concentration }"))).toBe(false);
    expect(selectsOnlyConcentration("not json")).toBe(false);
  });
});

describe("servedFromCache", () => {
  it("answers stored REST and GraphQL answers before the middleware behind it", async () => {
    const cache = new ResponseCache();
    cache.setGeneration("g1");
    let passed = 0;
    const { app } = apps(cache, (a) => {
      for (const path of ["/graphql", "/api/v1/*"]) {
        a.use(path, servedFromCache(cache, { maxBodyBytes: 65_536 }));
        a.use(path, async (_c, next) => {
          passed++;
          await next();
        });
      }
    });
    const path = "/api/v1/concentration?epoch=11&scope=CAST_VOTES";
    const rest = await (await app.request(path)).text();
    const graphql = await (await app.request("/graphql", gql(FINALIZED_QUERY))).text();
    expect(passed).toBe(2);
    expect(await (await app.request(path)).text()).toBe(rest);
    expect(await (await app.request("/graphql", gql(FINALIZED_QUERY))).text()).toBe(graphql);
    expect(passed).toBe(2);
    // not stored: passes on
    await app.request("/api/v1/concentration?epoch=12&scope=CAST_VOTES");
    expect(passed).toBe(3);
  });
});

describe("servedFromCache under Node's HTTP server", () => {
  /** POSTs `body` in the given pieces (a real socket, Content-Length set). */
  function post(port: number, pieces: string[]): Promise<{ status: number; body: string }> {
    const length = pieces.reduce((n, p) => n + Buffer.byteLength(p), 0);
    return new Promise((done, fail) => {
      const req = httpRequest(
        { port, host: "127.0.0.1", path: "/graphql", method: "POST", headers: { "content-type": "application/json", accept: "application/json", "content-length": length } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => (text += d));
          res.on("end", () => done({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on("error", fail);
      const write = (i: number) => {
        if (i === pieces.length) return void req.end();
        req.write(pieces[i]);
        setTimeout(() => write(i + 1), 5);
      };
      write(0);
    });
  }

  it("reads the body off the socket once: a miss still reaches GraphQL with it, a hit is the same bytes", async () => {
    const cache = new ResponseCache();
    cache.setGeneration("g1");
    let passed = 0;
    const { app } = apps(cache, (a) => {
      a.use("/graphql", servedFromCache(cache, { maxBodyBytes: 65_536 }));
      a.use("/graphql", async (_c, next) => {
        passed++;
        await next();
      });
    });
    const reference = await (await apps().app.request("/graphql", gql(FINALIZED_QUERY))).text();
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((done) => server.once("listening", () => done()));
    const { port } = server.address() as AddressInfo;
    const body = JSON.stringify({ query: FINALIZED_QUERY });
    const third = Math.floor(body.length / 3);
    const pieces = [body.slice(0, third), body.slice(third, 2 * third), body.slice(2 * third)];
    try {
      const miss = await post(port, pieces);
      const hit = await post(port, pieces);
      const other = await post(port, [JSON.stringify({ query: "{ concentration(epoch: 12, scope: CAST_VOTES) { epoch n } }" })]);
      expect(miss).toEqual({ status: 200, body: reference });
      expect(hit).toEqual(miss);
      expect(passed).toBe(2);
      expect(other.status).toBe(200);
      expect(JSON.parse(other.body)).toEqual({ data: { concentration: { epoch: 12, n: expect.any(Number) } } });
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
});
