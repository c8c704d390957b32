/**
 * bot/worker.ts in this process (the child-process crash and restart runs are in
 * delivery.test.ts): the real alerts routes over a fixed list and a real webhook receiver on
 * loopback, `runBot` with `once`. Checked against what the receiver recorded and the journal
 * file, with expectations written out by hand: which keys are posted in which order, when a
 * delivery is retried, when it is given up, and that a second run posts nothing again.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { BotConfig, Target } from "../../bot/config";
import { Journal, readJournal } from "../../bot/journal";
import { runBot } from "../../bot/worker";
import { sampleAlert } from "../alerts/fixtures";
import { type Behaviour, Receiver, removeTempDirs, startAlertApi, tempDir } from "./harness";

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
  removeTempDirs();
});

const id = (s: string) => s.padStart(32, "0");

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
    const until = Date.now() + 10_000;
    while (w.receiver.arrivals.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    expect(await running).toEqual({ sent: 2, failed: 0 });
    expect(w.receiver.requests("json").map((a) => a.key)).toEqual([`${id("p1")}:json`, `${id("p2")}:json`]);
  });
});
