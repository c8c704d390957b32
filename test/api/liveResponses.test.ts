import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { Rng } from "../../devnet/rng";
import { freshRead } from "../../src/api/freshRead";
import { LiveResponses, type LiveTicket } from "../../src/api/liveResponses";
import { ResponseCache, sendCached, servedFromCache, strongEtag } from "../../src/api/responseCache";
import { createGraphqlApp } from "../../src/api/graphql";
import { createAnalytics } from "../../src/api/queries/analytics";
import { createEntityQueries } from "../../src/api/queries/entities";
import { createRestApp } from "../../src/api/rest";
import { createFakeEntityStore } from "../entities/fakeEntityStore";
import { createFakeStore } from "./fakeStore";

const offer = (body: string) => ({ body, contentType: "text/plain", headers: { "Cache-Control": "no-cache" } });
/** The ticket of a claim that must give one. */
function ticketOf(claim: Awaited<ReturnType<LiveResponses["claim"]>>): LiveTicket {
  if (!("ticket" in claim)) throw new Error(`expected a ticket, got a kept answer: ${claim.hit.body}`);
  return claim.ticket;
}
/** Lets pending continuations run (a few turns of the microtask queue and one of the event loop). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A position reader the test moves by hand, counting its reads. */
function positions(first = "p1") {
  let id: string | null = first;
  let reads = 0;
  let failing = false;
  return {
    read: async () => {
      reads++;
      if (failing) throw new Error("database down");
      return id;
    },
    move: (next: string | null) => void (id = next),
    fail: (on: boolean) => void (failing = on),
    reads: () => reads,
  };
}

describe("LiveResponses", () => {
  it("keeps an answer for its position: served again at that position, not after a move", async () => {
    const p = positions();
    const live = new LiveResponses(p.read);
    expect(await live.lookup("k")).toBeUndefined();
    expect(p.reads()).toBe(0); // nothing held for the key: no read
    const kept = await ticketOf(await live.claim("k")).finish(offer("at p1"));
    expect(kept).toEqual({ body: "at p1", etag: strongEtag("at p1"), contentType: "text/plain", headers: { "Cache-Control": "no-cache" } });
    expect((await live.lookup("k"))?.body).toBe("at p1");
    expect(await live.claim("k")).toEqual({ hit: kept });
    expect(live.size()).toEqual({ entries: 1, bytes: "at p1".length + 1 });
    p.move("p2");
    expect(await live.lookup("k")).toBeUndefined();
    expect(live.size()).toEqual({ entries: 0, bytes: 0 });
  });

  it("does not keep an answer when the position moved while it was computed, or moved and came back", async () => {
    const p = positions();
    const live = new LiveResponses(p.read);
    const moved = await live.claim("k");
    p.move("p2");
    expect(await ticketOf(moved).finish(offer("p1 or p2?"))).toBeNull();
    expect(await live.lookup("k")).toBeUndefined();

    // p2 -> p3 -> p2 while computing, with a read in between seeing p3
    const back = await live.claim("k");
    p.move("p3");
    expect(await live.lookup("other")).toBeUndefined(); // holds nothing: no read
    expect(await live.claim("other")).toHaveProperty("ticket"); // reads: sees p3
    p.move("p2");
    expect(await ticketOf(back).finish(offer("p3's?"))).toBeNull();
    expect(await live.lookup("k")).toBeUndefined();
  });

  it("makes requests for an answer being computed wait for it; one not kept holds nobody again at that position", async () => {
    const p = positions();
    const live = new LiveResponses(p.read);
    const first = ticketOf(await live.claim("k"));
    let waited: unknown;
    const waiter = live.lookup("k").then((v) => (waited = v));
    const claimer = live.claim("k");
    await turn();
    expect(waited).toBeUndefined(); // still waiting
    await first.finish(offer("shared"));
    await waiter;
    expect((waited as { body: string }).body).toBe("shared");
    expect(await claimer).toHaveProperty("hit.body", "shared");

    const refused = ticketOf(await live.claim("e"));
    const behind = live.lookup("e");
    await refused.finish(null);
    expect(await behind).toBeUndefined();
    // at this position a claim gets a ticket that keeps nothing, without waiting for anyone
    const again = ticketOf(await live.claim("e"));
    expect(await again.finish(offer("not kept"))).toBeNull();
    expect(await live.lookup("e")).toBeUndefined();
    // a ticket finishes once: the second call keeps nothing
    const twice = ticketOf(await live.claim("t"));
    expect(await twice.finish(offer("once"))).not.toBeNull();
    expect(await twice.finish(offer("twice"))).toBeNull();
    expect((await live.lookup("t"))?.body).toBe("once");
  });

  it("is bounded by bytes and keys, off at 0 bytes, and keeps or serves nothing while the position cannot be read", async () => {
    const p = positions();
    const small = new LiveResponses(p.read, 10, 3);
    const finish = async (live: LiveResponses, key: string, body: string) =>
      ticketOf(await live.claim(key)).finish(offer(body));
    expect(await finish(small, "a", "1234567890")).toBeNull(); // key and body: 11 bytes > 10
    expect(await finish(small, "b", "12345678")).not.toBeNull(); // 9 bytes
    expect(await finish(small, "c", "1")).toBeNull(); // 9 + 2 > 10
    expect(await finish(small, "d", "")).toBeNull(); // 9 + 1 fits, but 3 keys are held (a and c: not kept)
    expect(small.size()).toEqual({ entries: 1, bytes: 9 });

    const off = new LiveResponses(p.read, 0);
    expect(await finish(off, "a", "x")).toBeNull();
    expect(p.reads()).toBeGreaterThan(0);
    const readsBefore = p.reads();
    expect(await off.lookup("a")).toBeUndefined();
    expect(p.reads()).toBe(readsBefore);

    const live = new LiveResponses(p.read);
    expect(await finish(live, "k", "kept")).not.toBeNull();
    p.fail(true);
    expect(await live.lookup("k")).toBeUndefined();
    expect(await finish(live, "j", "not kept")).toBeNull();
    p.fail(false);
    expect((await live.lookup("k"))?.body).toBe("kept");
    p.move(null); // nothing indexed
    expect(await finish(live, "k", "none")).toBeNull();
    expect(await live.lookup("k")).toBeUndefined();
  });
});

/**
 * The server as wired in `src/api/index.ts`, over a state the test moves: `servedFromCache` with
 * the live cache, then a stand-in for the request gate counting who passes it, then a handler
 * that claims, reads the state (with pauses) and finishes.
 */
function server(seed: number) {
  const rng = new Rng(seed, "live server");
  let clock = 0;
  let version = 0;
  // every state: its content and the clock interval it was current
  const history: { content: string; from: number; to: number }[] = [{ content: "s0", from: 0, to: Infinity }];
  const state = { id: "v0", content: "s0" };
  const move = (content: string) => {
    clock++;
    history.at(-1)!.to = clock;
    history.push({ content, from: clock, to: Infinity });
    state.id = `v${++version}`; // every write is a new position (a row version)
    state.content = content;
  };
  const pause = async () => {
    for (let i = rng.int(0, 3); i > 0; i--) await turn();
  };
  const live = new LiveResponses(
    freshRead(async () => {
      await pause();
      const id = state.id;
      await pause();
      return id;
    }),
  );
  let passed = 0;
  /** Answers computed for keys whose answers are kept. */
  let computed = 0;
  const app = new Hono();
  app.use("/q/*", servedFromCache(new ResponseCache(), { maxBodyBytes: 1024, live }));
  app.use("/q/*", async (_c, next) => {
    passed++;
    await next();
  });
  app.get("/q/:key", async (c) => {
    const claim = await live.claim(`GET ${new URL(c.req.url).pathname}`);
    if ("hit" in claim) return sendCached(c, claim.hit);
    try {
      const keep = c.req.param("key") !== "never";
      if (keep) computed++;
      await pause();
      const body = state.content;
      await pause();
      const kept = await claim.ticket.finish(keep ? offer(body) : null);
      return kept ? sendCached(c, kept) : c.text(body);
    } finally {
      void claim.ticket.finish(null);
    }
  });
  return { rng, app, history, move, now: () => clock, tick: () => ++clock, passed: () => passed, computed: () => computed };
}

describe("live answers through servedFromCache (random schedules)", () => {
  it.each([1, 2, 3, 4])("every answer is a state current between the request and its answer (seed %i)", async (seed) => {
    const s = server(seed);
    const requests: Promise<void>[] = [];
    const outcomes: { sent: number; answered: number; body: string }[] = [];
    let content = 0;
    let kept = 0;
    for (let step = 0; step < 2_000; step++) {
      const r = s.rng.float();
      if (r < 0.01) s.move(`s${++content}`); // a new block
      else if (r < 0.015 && s.history.length > 1) s.move(s.history.at(-2)!.content); // a rewind: the previous content again, as a new row version
      else if (r < 0.8) {
        const key = ["a", "b", "never"][s.rng.int(0, 2)]!;
        if (key !== "never") kept++;
        const sent = s.tick();
        requests.push(
          Promise.resolve(s.app.request(`/q/${key}`)).then(async (res) => {
            const body = await res.text();
            outcomes.push({ sent, answered: s.tick(), body });
          }),
        );
      } else await turn();
    }
    await Promise.all(requests);
    expect(outcomes.length).toBeGreaterThan(300);
    for (const o of outcomes) {
      const current = s.history.filter((h) => h.content === o.body && h.from <= o.answered && h.to >= o.sent);
      expect(current.length, `"${o.body}" answered a request sent at ${o.sent}, answered at ${o.answered}`).toBeGreaterThan(0);
    }
    // shared: few computations of answers that are kept; many requests answered before the gate
    expect(s.computed()).toBeLessThan(kept / 3);
    expect(outcomes.length - s.passed()).toBeGreaterThan(kept / 4);
  });
});

/** The REST and GraphQL apps over the in-memory store, wired as in `src/api/index.ts`. */
function liveApps() {
  const store = createFakeStore();
  const calls: string[] = [];
  const counted = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.push(String(name));
        return value.apply(target, args);
      };
    },
  });
  const shared = { ...counted, checkpoint: freshRead(() => counted.checkpoint()) };
  const analytics = createAnalytics(shared, { entities: createEntityQueries(createFakeEntityStore(), { block: async () => 1 }) });
  const live = new LiveResponses(async () => (await shared.checkpoint())?.id ?? null);
  const responses = new ResponseCache();
  responses.setGeneration("g1");
  let passed = 0;
  const app = new Hono();
  for (const path of ["/graphql", "/api/v1/*"]) {
    app.use(path, servedFromCache(responses, { maxBodyBytes: 65_536, live }));
    app.use(path, async (_c, next) => {
      passed++; // the request gate's place
      await next();
    });
  }
  app.route("/", createGraphqlApp(analytics, { responses, live }));
  app.route("/api/v1", createRestApp(analytics, { responses, live }));
  const plain = new Hono();
  plain.route("/", createGraphqlApp(analytics));
  plain.route("/api/v1", createRestApp(analytics));
  return { app, plain, store, live, calls, passed: () => passed };
}

const gqlPost = (query: string, headers: Record<string, string> = {}) => {
  const body = JSON.stringify({ query });
  return { method: "POST", headers: { "content-type": "application/json", accept: "application/json", "content-length": String(Buffer.byteLength(body)), ...headers }, body };
};

describe("live answers of the REST and GraphQL apps", () => {
  it("REST: the same request at the same block is answered before the gate, reading only the checkpoint; a new block computes again", async () => {
    const s = liveApps();
    const path = "/api/v1/concentration?epoch=13&scope=CAST_VOTES&points=3";
    const first = await s.app.request(path);
    expect(first.status).toBe(200);
    const body = await first.text();
    expect(JSON.parse(body)).toMatchObject({ epoch: 13, finalized: false });
    expect(body).toBe(await (await s.plain.request(path)).text());
    expect(first.headers.get("etag")).toBe(strongEtag(body));
    expect(first.headers.get("cache-control")).toBe("no-cache");
    expect(s.passed()).toBe(1);
    s.calls.length = 0;
    const again = await s.app.request(path);
    expect(await again.text()).toBe(body);
    expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
    expect((await s.app.request(path, { headers: { "If-None-Match": first.headers.get("etag")! } })).status).toBe(304);
    expect(s.passed()).toBe(1);
    expect(new Set(s.calls)).toEqual(new Set(["checkpoint"]));
    s.store.setBlock(1001);
    expect(await (await s.app.request(path)).text()).toBe(body); // the same votes at the next block
    expect(s.passed()).toBe(2);
    expect(s.live.size().entries).toBe(1);
  });

  it("REST: answers by entity and errors are not kept", async () => {
    const s = liveApps();
    for (const path of ["/api/v1/concentration?epoch=13&scope=CAST_VOTES&by=ENTITY", "/api/v1/concentration?epoch=99&scope=CAST_VOTES"]) {
      const before = s.passed();
      const a = await s.app.request(path);
      const b = await s.app.request(path);
      expect(a.status).toBe(b.status);
      expect(s.passed() - before, path).toBe(2);
    }
    expect(s.live.size().entries).toBe(0);
  });

  it("GraphQL: an operation selecting only concentration of the live epoch is kept; one with another root field or by entity is not", async () => {
    const s = liveApps();
    const query = "{ concentration(epoch: 13, scope: CAST_VOTES) { epoch n gini nakamoto50 } }";
    const first = await s.app.request("/graphql", gqlPost(query));
    const body = await first.text();
    expect(JSON.parse(body).data.concentration.epoch).toBe(13);
    expect(body).toBe(await (await s.plain.request("/graphql", gqlPost(query))).text());
    const again = await s.app.request("/graphql", gqlPost(query));
    expect(await again.text()).toBe(body);
    expect(again.headers.get("etag")).toBe(strongEtag(body));
    expect(s.passed()).toBe(1);
    for (const other of ["{ concentration(epoch: 13, scope: CAST_VOTES) { gini } status { block } }", "{ concentration(epoch: 13, scope: CAST_VOTES, by: ENTITY) { gini } }"]) {
      const before = s.passed();
      await s.app.request("/graphql", gqlPost(other));
      await s.app.request("/graphql", gqlPost(other));
      expect(s.passed() - before, other).toBe(2);
    }
    expect(s.live.size().entries).toBe(1);
  });
});
