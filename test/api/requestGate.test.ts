/**
 * The request gate (src/api/requestGate.ts) in front of a Hono app whose handler counts how many
 * requests run at once and holds each one until the test lets it go.
 */
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { type RequestGateOptions, requestGate } from "../../src/api/requestGate";

/** An app behind a gate; each request runs until `release()` is called for it, in arrival order. */
function gatedApp(options: Partial<RequestGateOptions> = {}) {
  const gate = requestGate({ maxConcurrent: 1, perClient: 100, maxWaitMs: 5_000, trustProxy: true, ...options });
  const held: { client: string; go: () => void }[] = [];
  const started: string[] = [];
  let active = 0;
  let maxActive = 0;
  const app = new Hono();
  app.use("*", gate);
  app.get("/x", async (c) => {
    active += 1;
    maxActive = Math.max(maxActive, active);
    const client = c.req.header("x-forwarded-for") ?? "?";
    started.push(client);
    await new Promise<void>((go) => held.push({ client, go }));
    active -= 1;
    return c.text("ok");
  });
  const send = (client: string) => app.request("/x", { headers: { "x-forwarded-for": client } });
  /** Waits for the event loop to run the gate's dispatch (setImmediate) and the admitted handlers. */
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };
  const releaseOne = async () => {
    const h = held.shift();
    if (!h) throw new Error("no request is running");
    h.go();
    await settle();
  };
  return { gate, send, settle, releaseOne, started, held, maxActive: () => maxActive };
}

describe("request gate", () => {
  it("never runs more than maxConcurrent requests, however many wait", async () => {
    for (const maxConcurrent of [1, 2, 4]) {
      const t = gatedApp({ maxConcurrent });
      const answers = Array.from({ length: 12 }, (_, i) => t.send(`10.0.0.${i + 1}`));
      await t.settle();
      expect(t.gate.stats(), `maxConcurrent ${maxConcurrent}: right after arrival`).toEqual({ running: maxConcurrent, waiting: 12 - maxConcurrent });
      while (t.held.length > 0) {
        await t.releaseOne();
        expect(t.gate.stats().running, `maxConcurrent ${maxConcurrent}`).toBeLessThanOrEqual(maxConcurrent);
      }
      const statuses = await Promise.all(answers.map(async (a) => (await a).status));
      expect(statuses).toEqual(Array(12).fill(200));
      expect(t.maxActive(), `maxConcurrent ${maxConcurrent}: most handlers running at once`).toBe(maxConcurrent);
      expect(t.gate.stats()).toEqual({ running: 0, waiting: 0 });
    }
  });

  it("lets the waiting client with the fewest running requests in first", async () => {
    const t = gatedApp({ maxConcurrent: 2 });
    const answers = [t.send("a"), t.send("a"), t.send("a"), t.send("b")];
    await t.settle();
    expect(t.started).toEqual(["a", "a"]);
    await t.releaseOne(); // a finishes: a has 1 running, b none: b goes first although a's third came earlier
    expect(t.started).toEqual(["a", "a", "b"]);
    while (t.held.length > 0) await t.releaseOne();
    expect(t.started).toEqual(["a", "a", "b", "a"]);
    expect((await Promise.all(answers)).map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });

  it("answers 429 with Retry-After to a client with perClient requests running or waiting", async () => {
    const t = gatedApp({ maxConcurrent: 1, perClient: 2 });
    const answers = [t.send("a"), t.send("a")];
    await t.settle();
    const third = await t.send("a");
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toBe("1");
    expect(await third.json()).toMatchObject({ error: "TOO_MANY_REQUESTS", limit: "VE_LENS_CLIENT_CONCURRENCY" });
    const other = t.send("b"); // another client still waits its turn
    await t.settle();
    expect(t.gate.stats()).toEqual({ running: 1, waiting: 2 });
    while (t.held.length > 0) await t.releaseOne();
    expect((await Promise.all([...answers, other])).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it("answers 503 BUSY with Retry-After to a request that waited maxWaitMs, and forgets it", async () => {
    const t = gatedApp({ maxConcurrent: 1, maxWaitMs: 100 });
    const first = t.send("a");
    await t.settle();
    const late = await t.send("b");
    expect(late.status).toBe(503);
    expect(late.headers.get("retry-after")).toBe("1");
    expect(await late.json()).toMatchObject({ error: "BUSY", limit: "VE_LENS_DB_WAIT_MS" });
    expect(t.gate.stats()).toEqual({ running: 1, waiting: 0 });
    await t.releaseOne();
    expect((await first).status).toBe(200);
    // the timed-out client holds no slot: it may send perClient requests again
    const again = t.send("b");
    await t.settle();
    expect(t.gate.stats()).toEqual({ running: 1, waiting: 0 });
    await t.releaseOne();
    expect((await again).status).toBe(200);
  });
});
