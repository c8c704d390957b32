/**
 * bot/deliver.ts against a real webhook receiver on loopback (test/bot/harness.ts): what one
 * POST sends, how each answer or failure is classified, `Retry-After` parsing, and the error
 * descriptions, which never contain the URL.
 */
import type { RequestListener } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { classifyStatus, errorCode, postJson } from "../../bot/deliver";
import { freePort } from "../../devnet/anvil";
import { type Behaviour, Receiver, serveOnLoopback } from "./harness";

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

async function receiver(behave: (target: string, nth: number) => Behaviour): Promise<Receiver> {
  const r = await Receiver.start(behave);
  cleanup.push(() => r.stop());
  return r;
}

/** A plain HTTP server answering with `handler`, stopped after the test; its URL. */
async function server(handler: RequestListener): Promise<string> {
  const s = await serveOnLoopback(handler);
  cleanup.push(() => s.stop());
  return s.url;
}

describe("classifyStatus", () => {
  it.each([
    [199, "permanent"],
    [200, "sent"],
    [204, "sent"],
    [299, "sent"],
    [300, "permanent"],
    [404, "permanent"],
    [407, "permanent"],
    [408, "retry"],
    [429, "retry"],
    [499, "permanent"],
    [500, "retry"],
    [503, "retry"],
  ] as const)("%i → %s", (status, kind) => expect(classifyStatus(status)).toBe(kind));
});

describe("postJson", () => {
  it("POSTs the JSON body with its idempotency key; a 2xx is sent with its status", async () => {
    const r = await receiver(() => ({ kind: "ok" }));
    expect(await postJson(`${r.url}/json`, { a: 1, b: "x" }, "k1:json", 2_000)).toEqual({ kind: "sent", status: 200 });
    expect(await postJson(`${r.url}/discord`, [1], "k2:discord", 2_000)).toEqual({ kind: "sent", status: 204 });
    expect(r.arrivals.map((a) => [a.target, a.key, a.body])).toEqual([
      ["json", "k1:json", { a: 1, b: "x" }],
      ["discord", "k2:discord", [1]],
    ]);
  });

  it("sends the content type and user agent", async () => {
    const seen: Record<string, string | undefined>[] = [];
    const url = await server((req, res) => {
      seen.push({ type: req.headers["content-type"], agent: req.headers["user-agent"], method: req.method });
      req.resume();
      req.on("end", () => res.writeHead(201).end());
    });
    expect(await postJson(`${url}/x`, {}, "k", 2_000)).toEqual({ kind: "sent", status: 201 });
    expect(seen).toEqual([{ type: "application/json", agent: "ve-lens-bot", method: "POST" }]);
  });

  it("a 4xx other than 408/429 is permanent; 5xx, 408 and 429 are retried, with Retry-After in ms when it is whole seconds", async () => {
    const script: Behaviour[] = [
      { kind: "status", status: 404 },
      { kind: "status", status: 500 },
      { kind: "status", status: 429, retryAfter: 7 },
      { kind: "status", status: 503, retryAfter: 0 },
      { kind: "status", status: 408 },
    ];
    const r = await receiver((_t, nth) => script[nth - 1]!);
    const outcomes = [];
    for (let i = 0; i < script.length; i++) outcomes.push(await postJson(`${r.url}/json`, {}, `k${i}`, 2_000));
    // strictly: an outcome without Retry-After has no retryAfterMs key at all
    expect(outcomes).toStrictEqual([
      { kind: "permanent", reason: "HTTP 404" },
      { kind: "retry", reason: "HTTP 500" },
      { kind: "retry", reason: "HTTP 429", retryAfterMs: 7000 },
      { kind: "retry", reason: "HTTP 503", retryAfterMs: 0 },
      { kind: "retry", reason: "HTTP 408" },
    ]);
  });

  it.each([
    [" 12 ", 12_000],
    ["999999", 999_999_000],
    ["1234567", undefined],
    ["1.5", undefined],
    ["-1", undefined],
    ["Wed, 21 Oct 2026 07:28:00 GMT", undefined],
    ["5s", undefined],
    ["x5", undefined],
  ] as const)("Retry-After %j → %s ms", async (header, ms) => {
    const url = await server((req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(503, { "retry-after": header }).end());
    });
    const outcome = await postJson(`${url}/x`, {}, "k", 2_000);
    expect(outcome).toStrictEqual(ms === undefined ? { kind: "retry", reason: "HTTP 503" } : { kind: "retry", reason: "HTTP 503", retryAfterMs: ms });
  });

  it.each([400, 404, 410])("a permanent %i ignores a Retry-After header", async (status) => {
    const url = await server((req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(status, { "retry-after": "5" }).end());
    });
    expect(await postJson(`${url}/x`, {}, "k", 2_000)).toStrictEqual({ kind: "permanent", reason: `HTTP ${status}` });
  });

  it("a receiver that does not answer in time: retry, 'timeout after N ms'", async () => {
    const r = await receiver(() => ({ kind: "hold" }));
    expect(await postJson(`${r.url}/json`, {}, "k", 150)).toEqual({ kind: "retry", reason: "timeout after 150 ms" });
  });

  it("nothing listening: retry, a network error named by its code and without the URL", async () => {
    const url = `http://127.0.0.1:${await freePort()}/hook/secret-token`;
    const outcome = await postJson(url, {}, "k", 2_000);
    expect(outcome).toEqual({ kind: "retry", reason: "network error (ECONNREFUSED)" });
  });

  it("stopped by the caller's signal: retry, 'stopped' (also when the signal was aborted before)", async () => {
    const r = await receiver(() => ({ kind: "hold" }));
    const controller = new AbortController();
    const pending = postJson(`${r.url}/json`, {}, "k", 5_000, controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toEqual({ kind: "retry", reason: "stopped" });
    expect(await postJson(`${r.url}/json`, {}, "k", 5_000, AbortSignal.abort())).toEqual({ kind: "retry", reason: "stopped" });
  });
});

describe("errorCode", () => {
  it("prefers the cause's system code, then timeouts, then the error's own name, then its message", () => {
    expect(errorCode(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }))).toBe("ECONNRESET");
    expect(errorCode(new TypeError("fetch failed", { cause: { code: 42 } }))).toBe("TypeError");
    expect(errorCode(Object.assign(new Error("x"), { name: "TimeoutError" }))).toBe("timeout");
    expect(errorCode(Object.assign(new Error("x"), { name: "AbortError" }))).toBe("timeout");
    expect(errorCode(new RangeError("bad"))).toBe("RangeError");
    expect(errorCode(new Error("alerts API answered HTTP 502"))).toBe("alerts API answered HTTP 502");
    expect(errorCode("plain string")).toBe("plain string");
    expect(errorCode({ name: "TimeoutError" })).toBe("[object Object]");
  });
});
