/**
 * bot/worker.ts in this process (the child-process crash and restart runs are in
 * delivery.test.ts): the real alerts routes over a fixed list and a real webhook receiver on
 * loopback, `runBot` with `once`. Checked against what the receiver recorded and the journal
 * file, with expectations written out by hand: which keys are posted in which order, when a
 * delivery is retried, when it is given up, and that a second run posts nothing again; how long
 * it waits between attempts and between reads of the API (no less than configured: read from
 * the arrival times the receiver and the API record), which `since` it reads from, that it stops
 * at once when aborted (a wait of an hour that did not end on abort would not finish) and leaves
 * no abort listener, lock or journal descriptor behind.
 */
import { getEventListeners } from "node:events";
import { existsSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { BotConfig, Target } from "../../bot/config";
import { JOURNAL_FILE, Journal, readJournal } from "../../bot/journal";
import { runBot } from "../../bot/worker";
import { sampleAlert } from "../alerts/fixtures";
import { type Behaviour, Receiver, descriptorsOn, removeTempDirs, startAlertApi, tempDir, waitFor } from "./harness";

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
  removeTempDirs();
});

const id = (s: string) => s.padStart(32, "0");
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A receiver and an alerts API over `alerts` (left unsorted on purpose: the bot orders what it delivers itself; one page, so the API's order does not matter). */
async function world(behave: (target: string, nth: number, key: string) => Behaviour, alerts = [sampleAlert(2000, "a2"), sampleAlert(1000, "a1"), sampleAlert(3000, "a3", { provisional: true }), sampleAlert(2000, "a0")]) {
  const receiver = await Receiver.start(behave);
  const api = await startAlertApi(alerts);
  cleanup.push(() => receiver.stop(), () => api.stop());
  const dir = tempDir("ve-lens-worker-");
  const targets: Target[] = [
    { name: "json", url: `${receiver.url}/json` },
    { name: "slack", url: `${receiver.url}/slack` },
  ];
  const config: BotConfig = {
    apiUrl: api.url,
    dashboardUrl: "http://dash.example",
    dir,
    targets,
    pollMs: 50,
    timeoutMs: 2_000,
    maxAttempts: 3,
    backoffMs: 1,
    backoffMaxMs: 5,
    seed: 1,
    once: true,
    secrets: [],
  };
  const lines: string[] = [];
  const log = (level: string, message: string) => lines.push(`${level} ${message}`);
  return { receiver, api, config, lines, run: (over: Partial<BotConfig> = {}, signal = new AbortController().signal) => runBot({ ...config, ...over }, log, signal) };
}

describe("runBot (once)", () => {
  it("posts every final alert to every target in (ts, id) order with its idempotency key, skips provisional ones, and journals each as sent", async () => {
    const w = await world(() => ({ kind: "ok" }));
    expect(await w.run()).toEqual({ sent: 6, failed: 0 });
    const order = [id("a1"), id("a0"), id("a2")];
    for (const target of ["json", "slack"]) {
      expect(w.receiver.requests(target).map((a) => a.key)).toEqual(order.map((a) => `${a}:${target}`));
    }
    const journal = readJournal(w.config.dir);
    expect(journal.filter((r) => r.t === "attempt")).toHaveLength(6);
    expect(journal.filter((r) => r.t === "sent").map((r) => [r.key, r.t === "sent" ? r.status : 0, r.t === "sent" ? r.attempts : 0]).sort()).toEqual(
      order.flatMap((a) => [[`${a}:json`, 200, 1], [`${a}:slack`, 200, 1]]).sort(),
    );
    expect(w.lines.filter((l) => l.startsWith("info sent "))).toHaveLength(6);
    expect(w.lines).toContain(`info sent alert ${id("a1")} (p, epoch 0) to json: HTTP 200 after 1 attempt`);
    expect(w.lines.at(-1)).toBe("info stopped: 6 sent, 0 failed");

    // a second run over the same journal posts nothing
    const before = w.receiver.arrivals.length;
    expect(await w.run()).toEqual({ sent: 0, failed: 0 });
    expect(w.receiver.arrivals.length).toBe(before);
  });

  it("retries 500, 429 and 408 with backoff until a 2xx, counting the attempts", async () => {
    const script: Behaviour[] = [{ kind: "status", status: 500 }, { kind: "status", status: 429, retryAfter: 0 }, { kind: "status", status: 408 }];
    const w = await world((target, nth) => (target === "json" && nth <= 3 ? script[nth - 1]! : { kind: "ok" }), [sampleAlert(1000, "r1")]);
    expect(await w.run({ maxAttempts: 4 })).toEqual({ sent: 2, failed: 0 });
    expect(w.receiver.requests("json").map((a) => a.key)).toEqual(Array(4).fill(`${id("r1")}:json`));
    const sent = readJournal(w.config.dir).find((r) => r.t === "sent" && r.target === "json");
    expect(sent).toMatchObject({ attempts: 4, status: 200 });
    expect(w.lines.filter((l) => l.startsWith("warn attempt "))).toEqual([
      expect.stringMatching(new RegExp(`^warn attempt 1 of alert ${id("r1")} \\(p, epoch 0\\) to json failed: HTTP 500; retrying in [0-5] ms$`)),
      expect.stringMatching(/^warn attempt 2 of .* to json failed: HTTP 429; retrying in [0-5] ms$/),
      expect.stringMatching(/^warn attempt 3 of .* to json failed: HTTP 408; retrying in [0-5] ms$/),
    ]);
    expect(w.lines).toContain(`info sent alert ${id("r1")} (p, epoch 0) to json: HTTP 200 after 4 attempts`);
  });

  it("gives up at once on a 404 and after maxAttempts on 503s; the other target is not held up", async () => {
    const w = await world((target) => (target === "json" ? { kind: "status", status: 404 } : { kind: "status", status: 503 }), [sampleAlert(1000, "f1")]);
    expect(await w.run()).toEqual({ sent: 0, failed: 2 });
    expect(w.receiver.requests("json")).toHaveLength(1);
    expect(w.receiver.requests("slack")).toHaveLength(3);
    const failed = readJournal(w.config.dir).filter((r) => r.t === "failed");
    expect(failed.map((r) => (r.t === "failed" ? [r.target, r.attempts, r.reason] : [])).sort()).toEqual([
      ["json", 1, "HTTP 404"],
      ["slack", 3, "HTTP 503; gave up after 3 attempts"],
    ]);
    expect(w.lines).toContain(`error failed alert ${id("f1")} (p, epoch 0) to json: HTTP 404`);
    // failed keys are final: a later run does not post them again
    expect(await w.run()).toEqual({ sent: 0, failed: 0 });
    expect(w.receiver.arrivals).toHaveLength(4);
  });

  it("a key already at its attempt limit in the journal is given up without a post", async () => {
    const w = await world(() => ({ kind: "status", status: 500 }), [sampleAlert(1000, "g1")]);
    expect(await w.run({ targets: [w.config.targets[0]!], maxAttempts: 1 })).toEqual({ sent: 0, failed: 1 });
    expect(w.receiver.arrivals).toHaveLength(1);
    const w2 = await world(() => ({ kind: "ok" }), [sampleAlert(1000, "g2")]);
    // a crash after the attempt record: the journal holds 2 attempts, the limit is 2
    const j = Journal.open(w2.config.dir);
    for (const n of [1, 2]) j.append({ v: 1, t: "attempt", key: `${id("g2")}:json`, alert: id("g2"), target: "json", n, at: "2026-01-01T00:00:00.000Z" });
    j.close();
    expect(await w2.run({ targets: [w2.config.targets[0]!], maxAttempts: 2 })).toEqual({ sent: 0, failed: 1 });
    expect(w2.receiver.arrivals).toHaveLength(0);
    expect(w2.lines).toContain(`error failed alert ${id("g2")} (p, epoch 0) to json: gave up after 2 attempts`);
    expect(readJournal(w2.config.dir).at(-1)).toEqual({
      v: 1,
      t: "failed",
      key: `${id("g2")}:json`,
      alert: id("g2"),
      target: "json",
      reason: "gave up after 2 attempts",
      attempts: 2,
      at: expect.stringMatching(ISO),
    });
  });

  it("delivers an alert already sent to one target to the other", async () => {
    const w = await world(() => ({ kind: "ok" }), [sampleAlert(1000, "h1")]);
    const j = Journal.open(w.config.dir);
    j.append({ v: 1, t: "sent", key: `${id("h1")}:json`, alert: id("h1"), target: "json", status: 200, attempts: 1, at: "2026-01-01T00:00:00.000Z" });
    j.close();
    expect(await w.run()).toEqual({ sent: 1, failed: 0 });
    expect(w.receiver.arrivals.map((a) => a.key)).toEqual([`${id("h1")}:slack`]);
  });

  it("logs its targets and journal, stamps every record with the time it was written, and releases the lock and the journal when done", async () => {
    const w = await world(() => ({ kind: "ok" }), [sampleAlert(1000, "s1")]);
    const before = new Date().toISOString();
    expect(await w.run()).toEqual({ sent: 2, failed: 0 });
    const after = new Date().toISOString();
    expect(w.lines[0]).toBe(`info started: targets json, slack, journal ${join(w.config.dir, JOURNAL_FILE)}, once`);
    const stamps = readJournal(w.config.dir).map((r) => r.at);
    expect(stamps).toHaveLength(4);
    expect(stamps.filter((at) => ISO.test(at) && at >= before && at <= after)).toEqual(stamps);
    expect(existsSync(join(w.config.dir, "bot.lock"))).toBe(false);
    expect(process.platform !== "linux" || descriptorsOn(join(realpathSync(w.config.dir), JOURNAL_FILE)) === 0).toBe(true);
  });

  it("a journal it cannot read: rejects with that error, posts nothing and releases the lock", async () => {
    const w = await world(() => ({ kind: "ok" }));
    writeFileSync(join(w.config.dir, JOURNAL_FILE), "not json\n");
    await expect(w.run()).rejects.toThrow(SyntaxError);
    expect(existsSync(join(w.config.dir, "bot.lock"))).toBe(false);
    expect(w.receiver.arrivals).toHaveLength(0);
  });

  it("aborted during a post: that attempt stays journaled as an attempt, it is neither retried nor given up, and later alerts are not tried", async () => {
    const w = await world(() => ({ kind: "hold" }), [sampleAlert(1000, "b1"), sampleAlert(2000, "b2"), sampleAlert(3000, "b3")]);
    const controller = new AbortController();
    const running = w.run({ targets: [w.config.targets[0]!] }, controller.signal);
    await waitFor("the first post", () => w.receiver.arrivals.length === 1);
    controller.abort();
    expect(await running).toEqual({ sent: 0, failed: 0 });
    expect(readJournal(w.config.dir).map((r) => [r.t, r.key])).toEqual([["attempt", `${id("b1")}:json`]]);
    expect(w.receiver.arrivals).toHaveLength(1);
    expect(w.lines.filter((l) => !l.startsWith("info "))).toEqual([]);
  });

  it("waits between attempts: the jittered backoff, a Retry-After up to the ceiling, the ceiling for a longer one", async () => {
    const script: Behaviour[] = [{ kind: "status", status: 500 }, { kind: "status", status: 503, retryAfter: 1 }];
    const w = await world((_target, nth) => script[nth - 1] ?? { kind: "ok" }, [sampleAlert(1000, "d1")]);
    expect(await w.run({ targets: [w.config.targets[0]!], backoffMs: 100, backoffMaxMs: 200 })).toEqual({ sent: 1, failed: 0 });
    const delays = w.lines.filter((l) => l.startsWith("warn attempt ")).map((l) => Number(/ retrying in (\d+) ms$/.exec(l)?.[1]));
    // attempt 1: cap min(200, 100 · 2^0) = 100, jittered into [50, 100); attempt 2: Retry-After 1 s = 1000 ms, above the ceiling: 200
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThan(100);
    expect(delays[1]).toBe(200);
    // and it did wait that long before posting again (10 ms of slack: a timer counts from the event loop's cached clock)
    const at = w.receiver.arrivals.map((a) => a.at);
    expect(at).toHaveLength(3);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(delays[0]! - 10);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(190);
  });

  it("retries reading the API after backoffMs, doubling each time, far below a ceiling of an hour", async () => {
    const w = await world(() => ({ kind: "ok" }), []);
    w.api.answer = (nth) => (nth <= 3 ? 503 : "serve");
    // waiting the ceiling (an hour) instead of the backoff would not finish
    expect(await w.run({ maxAttempts: 4, backoffMs: 40, backoffMaxMs: 3_600_000 })).toEqual({ sent: 0, failed: 0 });
    expect(w.lines.filter((l) => l.startsWith("warn "))).toEqual(Array(3).fill("warn cannot read alerts from the API: alerts API answered HTTP 503; retrying"));
    const at = w.api.reads.map((r) => r.at);
    expect(at).toHaveLength(4);
    // waits of 40, 80 and 160 ms (10 ms of slack, as above)
    expect([at[1]! - at[0]!, at[2]! - at[1]!, at[3]! - at[2]!].map((gap, i) => gap >= 40 * 2 ** i - 10)).toEqual([true, true, true]);
  });

  it("with the alerts API down, retries the read maxAttempts times and then throws, releasing the journal", async () => {
    const w = await world(() => ({ kind: "ok" }), []);
    await w.api.stop();
    await expect(w.run({ maxAttempts: 2 })).rejects.toThrow("fetch failed");
    expect(w.lines.filter((l) => l.startsWith("warn cannot read alerts from the API: ECONNREFUSED; retrying"))).toHaveLength(1);
    // the lock was released: a new run can take it (and fails the same way, not with BotLockedError)
    await expect(w.run({ maxAttempts: 1 })).rejects.toThrow("fetch failed");
  });

  it("stops when aborted: an aborted run posts nothing", async () => {
    const w = await world(() => ({ kind: "ok" }));
    const controller = new AbortController();
    controller.abort();
    expect(await w.run({}, controller.signal)).toEqual({ sent: 0, failed: 0 });
    expect(w.receiver.arrivals).toHaveLength(0);
  });
});

describe("runBot (polling)", () => {
  it("delivers alerts that become final while it polls, and stops on abort", async () => {
    const w = await world(() => ({ kind: "ok" }), [sampleAlert(1000, "p1", { provisional: true })]);
    const controller = new AbortController();
    const running = w.run({ once: false, targets: [w.config.targets[0]!] }, controller.signal);
    await new Promise((r) => setTimeout(r, 200));
    expect(w.receiver.arrivals).toHaveLength(0);
    w.api.set([sampleAlert(1000, "p1"), sampleAlert(1500, "p2")]);
    // the bot counts a delivery once the receiver has answered: wait for its own line, not for the arrival
    await waitFor("both deliveries", () => w.lines.filter((l) => l.startsWith("info sent ")).length === 2);
    controller.abort();
    expect(await running).toEqual({ sent: 2, failed: 0 });
    expect(w.receiver.requests("json").map((a) => a.key)).toEqual([`${id("p1")}:json`, `${id("p2")}:json`]);
  });

  it("re-reads from two epochs before the oldest provisional alert, else before the newest one, and delivers an alert that turns final later", async () => {
    const final = sampleAlert(5_000_000, "f5");
    const provisional = sampleAlert(3_000_000, "p3", { provisional: true });
    const w = await world(() => ({ kind: "ok" }), [provisional, final]);
    const controller = new AbortController();
    const running = w.run({ once: false, pollMs: 5, targets: [w.config.targets[0]!] }, controller.signal);
    await waitFor("a second read", () => w.api.reads.length >= 2);
    // 3,000,000 - 2 · 1,209,600
    expect(w.api.reads.slice(0, 2).map((r) => r.since)).toEqual(["0", "580800"]);
    w.api.set([{ ...provisional, provisional: false }, final]);
    await waitFor("the alert that turned final", () => w.lines.filter((l) => l.startsWith("info sent ")).length === 2);
    const k = w.api.reads.length;
    await waitFor("a read after it", () => w.api.reads.length > k);
    // nothing provisional left: 5,000,000 - 2 · 1,209,600
    expect(w.api.reads[k]!.since).toBe("2580800");
    controller.abort();
    expect(await running).toEqual({ sent: 2, failed: 0 });
    expect(w.receiver.arrivals.map((a) => a.key)).toEqual([`${id("f5")}:json`, `${id("p3")}:json`]);
    expect(w.lines[0]).toBe(`info started: targets json, journal ${join(w.config.dir, JOURNAL_FILE)}`);
  });

  it("keeps an alert it has not delivered yet when the API's window has moved past it", async () => {
    // json is busy with a1 (its answer waits for the test) while a2 arrives, then a3 three epochs
    // later: from then on the reads start after a2, which json has still to post
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const alerts = [sampleAlert(1000, "k1"), sampleAlert(2000, "k2"), sampleAlert(2000 + 3 * 1_209_600, "k3")];
    const keys = alerts.map((a) => `${a.id}:json`);
    const w = await world((_target, _nth, key) => (key === keys[0] ? { kind: "wait", until: gate } : { kind: "ok" }), alerts.slice(0, 1));
    const controller = new AbortController();
    const running = w.run({ once: false, pollMs: 5, timeoutMs: 60_000, targets: [w.config.targets[0]!] }, controller.signal);
    await waitFor("the first post", () => w.receiver.arrivals.length === 1);
    w.api.set(alerts.slice(0, 2));
    let n = w.api.reads.length;
    await waitFor("two reads after the second alert", () => w.api.reads.length >= n + 2);
    w.api.set(alerts);
    n = w.api.reads.length;
    await waitFor("three reads after the third alert", () => w.api.reads.length >= n + 3);
    // the window moved past the second alert: 3,630,800 - 2 · 1,209,600
    expect(w.api.reads[n + 1]!.since).toBe("1211600");
    release();
    await waitFor("the third delivery", () => w.lines.filter((l) => l.startsWith("info sent ")).length === 3);
    controller.abort();
    expect(await running).toEqual({ sent: 3, failed: 0 });
    expect(w.receiver.arrivals.map((a) => a.key)).toEqual(keys);
  });

  it("keeps polling an API that fails, warning each time, with one abort listener per wait at most, and none once stopped", async () => {
    const w = await world(() => ({ kind: "ok" }), []);
    w.api.answer = () => 503;
    const controller = new AbortController();
    const running = w.run({ once: false, pollMs: 5 }, controller.signal);
    await waitFor("five failed reads", () => w.lines.filter((l) => l.startsWith("warn ")).length >= 5);
    // the feed's own listener, and the poll wait's while it waits
    expect(getEventListeners(controller.signal, "abort").length).toBeLessThanOrEqual(2);
    controller.abort();
    expect(await running).toEqual({ sent: 0, failed: 0 });
    expect(w.lines.filter((l) => l.startsWith("warn ")).slice(0, 5)).toEqual(Array(5).fill("warn cannot read alerts from the API: alerts API answered HTTP 503"));
    expect(getEventListeners(controller.signal, "abort")).toEqual([]);
  });

  it("stops at once when aborted while it waits an hour for the next poll", async () => {
    const w = await world(() => ({ kind: "ok" }), [sampleAlert(1000, "w1")]);
    const controller = new AbortController();
    const running = w.run({ once: false, pollMs: 3_600_000, targets: [w.config.targets[0]!] }, controller.signal);
    await waitFor("the delivery", () => w.lines.some((l) => l.startsWith("info sent ")));
    // the feed's listener and the poll wait's
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(2);
    controller.abort();
    expect(await running).toEqual({ sent: 1, failed: 0 });
    expect(getEventListeners(controller.signal, "abort")).toEqual([]);
  });

  it("stops at once when aborted during a read of the API, without waiting for the next poll", async () => {
    const w = await world(() => ({ kind: "ok" }), []);
    w.api.answer = () => "hold";
    const controller = new AbortController();
    const running = w.run({ once: false, pollMs: 3_600_000 }, controller.signal);
    await waitFor("the first read", () => w.api.reads.length === 1);
    controller.abort();
    expect(await running).toEqual({ sent: 0, failed: 0 });
    expect(w.lines).toContain("warn cannot read alerts from the API: timeout");
  });
});
