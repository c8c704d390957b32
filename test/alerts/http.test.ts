import { afterEach, describe, expect, it, vi } from "vitest";
import { createAlertsApp } from "../../src/alerts/http";
import { alertCursor } from "../../src/alerts/page";
import type { Alert } from "../../src/alerts/types";
import { sampleAlert } from "./fixtures";

// Every app is created inside its test: Stryker switches a mutant on just before the tests,
// after the describe bodies ran, and createAlertsApp reads its options when it is called.
const list = () => [sampleAlert(100, "a"), sampleAlert(200, "b", { provisional: true })];
const listApp = () => createAlertsApp(async () => list());

type StreamEvent = { event: string; id: string | undefined; data: { id: string; provisional?: boolean } };

/** Reads the Server-Sent Events of a stream response, block by block. */
function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const events: StreamEvent[] = [];
  return {
    events,
    /** Reads until `count` events have arrived. */
    async until(count: number): Promise<StreamEvent[]> {
      while (events.length < count) {
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        text += decoder.decode(value);
        let cut: number;
        while ((cut = text.indexOf("\n\n")) >= 0) {
          const block = text.slice(0, cut);
          text = text.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, id: /^id: (.*)$/m.exec(block)?.[1], data: JSON.parse(data) });
        }
      }
      return events;
    },
    cancel: () => reader.cancel(),
  };
}

/** An alert source that counts its calls; `answer` gives the list of the nth call (or throws). */
function countingSource(answer: (nth: number) => Alert[] = () => []) {
  let polls = 0;
  return { source: async () => answer(++polls), polls: () => polls };
}

/** The last character of each event's alert id (sampleAlert pads "a" to 32 characters). */
const tails = (events: StreamEvent[]) => events.map((e) => e.data.id.slice(-1));

describe("alerts routes", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("GET /api/v1/alerts answers a JSON page", async () => {
    const res = await listApp().request("/api/v1/alerts?since=150&first=5");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { alerts: Alert[]; pageInfo: unknown };
    expect(body.alerts.map((a) => a.ts)).toEqual([200]);
    expect(body.pageInfo).toEqual({ hasNextPage: false, endCursor: `200.${"b".padStart(32, "0")}` });
  });

  it("format=csv answers text/csv", async () => {
    const res = await listApp().request("/api/v1/alerts?format=csv");
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect((await res.text()).split("\r\n")).toHaveLength(4);
  });

  it("format=csv gives the page info in headers: the end cursor only when the page has an alert", async () => {
    const app = listApp();
    const page = await app.request("/api/v1/alerts?format=csv&first=1");
    expect(page.headers.get("X-End-Cursor")).toBe(alertCursor(list()[0]!));
    expect(page.headers.get("X-Has-Next-Page")).toBe("true");
    const empty = await app.request("/api/v1/alerts?format=csv&since=300");
    expect(empty.headers.get("X-End-Cursor")).toBeNull();
    expect(empty.headers.get("X-Has-Next-Page")).toBe("false");
    expect(await empty.text()).toBe("id,ts,epoch,season,rule,type,severity,subject,provisional,value,threshold,title,message\r\n");
  });

  it("a bad parameter is a 400 naming it", async () => {
    const res = await listApp().request("/api/v1/alerts?first=0");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "BAD_USER_INPUT", detail: "invalid first: expected an integer in [1, 1000]", parameter: "first" });
  });

  it("a failing source is an opaque 500", async () => {
    const errors: unknown[] = [];
    const broken = createAlertsApp(async () => Promise.reject(new Error("db down")), { onError: (e) => errors.push(e) });
    const res = await broken.request("/api/v1/alerts");
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: "INTERNAL", detail: "internal error while evaluating alerts" });
    expect(errors).toEqual([new Error("db down")]);
  });

  it("without onError, a source error is logged to the console", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failure = new Error("db down");
    const res = await createAlertsApp(async () => Promise.reject(failure)).request("/api/v1/alerts");
    expect(res.status).toBe(500);
    expect(logged).toHaveBeenCalledWith("alerts: source failed", failure);
  });

  it("the stream sends existing alerts, then changes (provisional → final) and retractions", async () => {
    let current: Alert[] = [sampleAlert(100, "a"), sampleAlert(200, "b", { provisional: true }), sampleAlert(300, "c", { provisional: true })];
    const live = createAlertsApp(async () => current, { pollMs: 20 });
    const res = await live.request("/api/v1/alerts/stream?since=150");
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const sse = sseReader(res);
    const events = await sse.until(2);
    expect(events.map((e) => [e.event, e.data.id.slice(-1), e.data.provisional])).toEqual([["alert", "b", true], ["alert", "c", true]]);
    current = [sampleAlert(100, "a"), sampleAlert(200, "b", { provisional: false })];
    await sse.until(4);
    expect(events.slice(2).map((e) => [e.event, e.data.id.slice(-1), e.data.provisional])).toEqual([["alert", "b", false], ["retract", "c", undefined]]);
    await sse.cancel();
  });

  it("the stream's since is inclusive, and absent means from the start", async () => {
    const alerts = [sampleAlert(100, "a"), sampleAlert(200, "b"), sampleAlert(300, "c")];
    const app = createAlertsApp(async () => alerts, { pollMs: 5 });
    const from200 = sseReader(await app.request("/api/v1/alerts/stream?since=200"));
    // the first event alone first: a stream that dropped b would otherwise leave until(2) waiting
    expect(tails(await from200.until(1))).toEqual(["b"]);
    expect(tails(await from200.until(2))).toEqual(["b", "c"]);
    expect(from200.events.map((e) => e.id)).toEqual([alertCursor(alerts[1]!), alertCursor(alerts[2]!)]);
    await from200.cancel();
    const all = await app.request("/api/v1/alerts/stream");
    expect(all.status).toBe(200);
    const fromStart = sseReader(all);
    expect(tails(await fromStart.until(3))).toEqual(["a", "b", "c"]);
    await fromStart.cancel();
  });

  it("the stream refuses a since that is not only digits", async () => {
    const app = listApp();
    for (const since of ["abc", "150x", "x150"]) {
      const res = await app.request(`/api/v1/alerts/stream?since=${since}`);
      expect(res.status, since).toBe(400);
      expect(await res.json()).toEqual({ error: "BAD_USER_INPUT", detail: "invalid since: expected unix seconds", parameter: "since" });
    }
  });

  it("a reconnect with Last-Event-ID resumes at the cursor's timestamp; an ID that is no cursor is ignored", async () => {
    const alerts = [sampleAlert(100, "a"), sampleAlert(200, "b"), sampleAlert(300, "c")];
    const app = createAlertsApp(async () => alerts, { pollMs: 5 });
    const open = async (path: string, lastEventId: string) => sseReader(await app.request(path, { headers: { "Last-Event-ID": lastEventId } }));
    // resumes at ts 200 (inclusive), without a since parameter
    const resumed = await open("/api/v1/alerts/stream", alertCursor(alerts[1]!));
    expect(tails(await resumed.until(1))).toEqual(["b"]);
    expect(tails(await resumed.until(2))).toEqual(["b", "c"]);
    await resumed.cancel();
    // not a cursor: since=250 applies, so only c (ts 300)
    for (const id of ["abc", `x${alertCursor(alerts[0]!)}`]) {
      const ignored = await open("/api/v1/alerts/stream?since=250", id);
      expect(tails(await ignored.until(1)), id).toEqual(["c"]);
      await ignored.cancel();
    }
  });

  it("the stream sends an unchanged alert once, however many polls see it", async () => {
    // Polls 1-3 see alert a final; from poll 4 on it is provisional again (a changed alert).
    const { source, polls } = countingSource((nth) => [sampleAlert(100, "a", { provisional: nth >= 4 })]);
    const sse = sseReader(await createAlertsApp(source, { pollMs: 5 }).request("/api/v1/alerts/stream"));
    const events = await sse.until(2);
    expect(events.map((e) => [e.event, e.data.provisional])).toEqual([["alert", false], ["alert", true]]);
    expect(polls()).toBeGreaterThanOrEqual(4);
    await sse.cancel();
  });

  it("the stream reports a failing poll to onError and goes on with the next one", async () => {
    const errors: unknown[] = [];
    const { source } = countingSource((nth) => {
      if (nth === 1) throw new Error("db down");
      return [sampleAlert(100, "a")];
    });
    const sse = sseReader(await createAlertsApp(source, { pollMs: 5, onError: (e) => errors.push(e) }).request("/api/v1/alerts/stream"));
    expect(tails(await sse.until(1))).toEqual(["a"]);
    expect(errors).toEqual([new Error("db down")]);
    await sse.cancel();
  });
});

describe("alerts stream timing (fake clock)", () => {
  // Only setTimeout (the stream's sleep) and Date (its keep-alive clock) are faked; setImmediate
  // stays real so that settle() lets the stream's promises run.
  const fakeClock = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Lets every pending promise of the stream run (real macrotask turns, no clock time). */
  async function settle() {
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Collects a stream response's text as it arrives. */
  function collect(res: Response) {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const got = { text: "" };
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        got.text += decoder.decode(value);
      }
    })();
    return { got, cancel: () => reader.cancel() };
  }

  it("polls every pollMs, writes a keep-alive once keepAliveMs passed without a write, and stops when the client leaves", async () => {
    fakeClock();
    const { source, polls } = countingSource();
    const stream = collect(await createAlertsApp(source, { pollMs: 10, keepAliveMs: 100 }).request("/api/v1/alerts/stream"));
    await settle();
    // t = 0: the first poll, nothing to write, no keep-alive yet (0 ms since the start)
    expect([polls(), stream.got.text]).toEqual([1, ""]);
    await vi.advanceTimersByTimeAsync(99);
    await settle();
    // t = 99: polls at 0, 10, ..., 90; 99 ms < 100 ms, still no keep-alive
    expect([polls(), stream.got.text]).toEqual([10, ""]);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    // t = 100: the poll at 100 finds 100 - 0 >= 100
    expect([polls(), stream.got.text]).toEqual([11, ": keep-alive\n\n"]);
    await vi.advanceTimersByTimeAsync(100);
    await settle();
    // t = 200: the next one 100 ms after the last write
    expect([polls(), stream.got.text]).toEqual([21, ": keep-alive\n\n: keep-alive\n\n"]);
    await stream.cancel();
    await settle();
    const pollsAtCancel = polls();
    await vi.advanceTimersByTimeAsync(100);
    await settle();
    // the loop ends when it wakes from its sleep: no poll after the client left
    expect(polls()).toBe(pollsAtCancel);
  });

  it("defaults: polls every 1000 ms and writes a keep-alive after 15 s without a write", async () => {
    fakeClock();
    const { source, polls } = countingSource();
    const stream = collect(await createAlertsApp(source).request("/api/v1/alerts/stream"));
    await settle();
    expect(polls()).toBe(1);
    await vi.advanceTimersByTimeAsync(999);
    await settle();
    expect(polls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(polls()).toBe(2);
    // t = 14 999: polls at 0, 1000, ..., 14 000; no keep-alive yet
    await vi.advanceTimersByTimeAsync(13_999);
    await settle();
    expect([polls(), stream.got.text]).toEqual([15, ""]);
    // t = 15 000: the poll at 15 000 finds 15 000 ms without a write
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect([polls(), stream.got.text]).toEqual([16, ": keep-alive\n\n"]);
    await stream.cancel();
    await vi.advanceTimersByTimeAsync(1000);
  });
});
