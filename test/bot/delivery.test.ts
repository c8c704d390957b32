/**
 * The bot against a real local HTTP receiver, run as a child process.
 *
 * What is asserted, precisely:
 * - every (final alert, target) key reaches the receiver and is processed; no key of a
 *   provisional alert reaches it until the alert is final;
 * - the journal holds exactly one `sent` record per key, and no `failed` one where the
 *   receiver came back;
 * - a key is processed twice only when the receiver processed a request whose answer the bot
 *   never got (held when the bot was killed, or answered after the bot's timeout): the
 *   accepted duplicates are exactly those keys, once each; every key got exactly one 2xx answer;
 * - a permanent failure (404) is tried once, an always-500 target `maxAttempts` times; both are
 *   journaled `failed`, logged by target name, and never retried by a later run;
 * - no webhook URL or token appears in the bot's output.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { readJournal } from "../../bot/journal";
import { sortAlerts } from "../../src/alerts/rules";
import { sampleAlert } from "../alerts/fixtures";
import { type Behaviour, Receiver, expectDeliveredOnce, removeTempDirs, spawnBot, stallingScript, startAlertApi, tempDir, waitFor } from "./harness";

const TG_TOKEN = "4242:secret-telegram-token";
const TARGETS = ["json", "discord", "slack", "telegram"] as const;

function targetEnv(receiver: Receiver): Record<string, string> {
  return {
    VE_LENS_WEBHOOK_JSON: `${receiver.url}/json/secret-json-path`,
    VE_LENS_WEBHOOK_DISCORD: `${receiver.url}/discord/api/webhooks/1/secret-discord-path`,
    VE_LENS_WEBHOOK_SLACK: `${receiver.url}/slack/services/T0/B0/secret-slack-path`,
    VE_LENS_TELEGRAM_BOT_TOKEN: TG_TOKEN,
    VE_LENS_TELEGRAM_CHAT_ID: "-100123",
    VE_LENS_TELEGRAM_API_URL: `${receiver.url}/tg`,
  };
}

const SECRETS = ["secret-json-path", "secret-discord-path", "secret-slack-path", "secret-telegram-token"];

function sentCounts(dir: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of readJournal(dir)) if (r.t === "sent") counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
  return counts;
}

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});
afterAll(removeTempDirs);

describe("bot delivery", () => {
  it("survives 500s, a stall, a SIGKILL mid-delivery and a restart: every key arrives, sent once in the journal", async () => {
    const final = [1, 2, 3, 4].map((i) => sampleAlert(1000 * i, `a${i}`, { epoch: i, title: `alert ${i}` }));
    const provisional = sampleAlert(5000, "a5", { epoch: 5, provisional: true, title: "alert 5" });
    const api = await startAlertApi(sortAlerts([...final, provisional]));
    cleanup.push(() => api.stop());

    // Per target: requests 1-2 → 500; 3-4 → processed + 200 (alerts 1, 2); 5 → processed,
    // never answered (alert 3). After heal(): everything processed + 2xx.
    const script = stallingScript();
    const receiver = await Receiver.start(script.behave);
    cleanup.push(() => receiver.stop());
    const dir = tempDir("ve-lens-bot-");
    const env = {
      ...targetEnv(receiver),
      VE_LENS_API_URL: api.url,
      VE_LENS_BOT_DIR: dir,
      VE_LENS_BOT_POLL_MS: "50",
      VE_LENS_BOT_TIMEOUT_MS: "60000",
      VE_LENS_BOT_BACKOFF_MS: "20",
      VE_LENS_BOT_SEED: "7",
    };

    const first = spawnBot(env);
    cleanup.push(() => first.child.kill("SIGKILL"));
    await waitFor("every target to stall on alert 3", () => receiver.held === TARGETS.length);
    const heldKeys = receiver.requests().filter((a) => a.behaviour === "hold").map((a) => a.key).sort();
    expect(heldKeys).toEqual(TARGETS.map((t) => `${final[2]!.id}:${t}`).sort());
    first.child.kill("SIGKILL");
    await first.exited;
    // The journal has alerts 1-2 sent and alert 3 attempted, not sent.
    const before = sentCounts(dir);
    expect([...before.keys()].sort()).toEqual(final.slice(0, 2).flatMap((a) => TARGETS.map((t) => `${a.id}:${t}`)).sort());

    script.heal();
    const second = spawnBot(env);
    cleanup.push(() => second.child.kill("SIGKILL"));
    const expectedKeys = final.flatMap((a) => TARGETS.map((t) => `${a.id}:${t}`)).sort();
    await waitFor("all final alerts delivered", () => sentCounts(dir).size === expectedKeys.length);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);

    // Every key processed (the provisional alert's never); duplicates exactly the requests
    // held at the kill, once each; one 2xx per key; one `sent` per key; no `failed`.
    expectDeliveredOnce(receiver, dir, expectedKeys, heldKeys);
    // Wire: per target 2 × 500 + alerts 1-4 + the re-sent alert 3 = 7.
    for (const t of TARGETS) expect(receiver.requests(t)).toHaveLength(7);
    // Each target got the alerts in (ts, id) order, and the Idempotency-Key names the target.
    for (const t of TARGETS) {
      const order = receiver.requests(t).filter((a) => a.behaviour !== "status").map((a) => a.key.split(":")[0]);
      expect(order).toEqual([final[0]!.id, final[1]!.id, final[2]!.id, final[2]!.id, final[3]!.id]);
    }
    for (const out of [first.output(), second.output()]) for (const s of SECRETS) expect(out).not.toContain(s);
    expect(second.output()).toContain(`sent alert ${final[3]!.id} (p, epoch 4) to telegram`);

    // A further run has nothing to do.
    const third = spawnBot(env, ["--once"]);
    expect(await third.exited).toBe(0);
    expect(receiver.requests()).toHaveLength(28);

    // The provisional alert becomes final (same id): delivered once to each target.
    api.set(sortAlerts([...final, { ...provisional, provisional: false }]));
    const fourth = spawnBot(env, ["--once"]);
    expect(await fourth.exited).toBe(0);
    expect(receiver.requests()).toHaveLength(32);
    for (const t of TARGETS) expect(receiver.processed.get(`${provisional.id}:${t}`)).toBe(1);
    expect(sentCounts(dir).get(`${provisional.id}:telegram`)).toBe(1);
  });

  it("a timed-out request whose answer comes late is re-sent once; Retry-After is honoured; permanent failures are final", async () => {
    const alerts = [sampleAlert(1000, "b1", { epoch: 1 }), sampleAlert(2000, "b2", { epoch: 2 })];
    const api = await startAlertApi(alerts);
    cleanup.push(() => api.stop());
    const receiver = await Receiver.start((target, nth): Behaviour => {
      switch (target) {
        case "json":
          return nth === 1 ? { kind: "late", ms: 1500 } : { kind: "ok" };
        case "telegram":
          return nth === 1 ? { kind: "status", status: 429, retryAfter: 1 } : { kind: "ok" };
        case "slack":
          return { kind: "status", status: 404 };
        default:
          return { kind: "status", status: 503 };
      }
    });
    cleanup.push(() => receiver.stop());
    const dir = tempDir("ve-lens-bot-");
    const env = {
      ...targetEnv(receiver),
      VE_LENS_API_URL: api.url,
      VE_LENS_BOT_DIR: dir,
      VE_LENS_BOT_TIMEOUT_MS: "300",
      VE_LENS_BOT_BACKOFF_MS: "20",
      VE_LENS_BOT_MAX_ATTEMPTS: "3",
    };
    const run = spawnBot(env, ["--once"]);
    expect(await run.exited).toBe(3);
    const out = run.output();

    // json: the first request was processed but answered after the timeout → sent again (1 duplicate).
    expect(receiver.requests("json").map((a) => a.key)).toEqual([`${alerts[0]!.id}:json`, `${alerts[0]!.id}:json`, `${alerts[1]!.id}:json`]);
    expect([...receiver.acceptedDuplicates()]).toEqual([[`${alerts[0]!.id}:json`, 1]]);
    expect(out).toContain(`attempt 1 of alert ${alerts[0]!.id} (p, epoch 1) to json failed: timeout after 300 ms`);
    // telegram: 429 with Retry-After: 1 → the retry came at least 1 s later.
    const tg = receiver.requests("telegram");
    expect(tg).toHaveLength(3);
    expect(tg[1]!.at - tg[0]!.at).toBeGreaterThanOrEqual(950);
    expect((tg[1]!.body as { chat_id: string }).chat_id).toBe("-100123");
    // slack: 404 is permanent: one request per alert, journaled failed.
    expect(receiver.requests("slack")).toHaveLength(2);
    expect(out).toContain(`failed alert ${alerts[0]!.id} (p, epoch 1) to slack: HTTP 404`);
    // discord: 503 three times per alert, then failed.
    expect(receiver.requests("discord")).toHaveLength(6);
    expect(out).toContain(`failed alert ${alerts[1]!.id} (p, epoch 2) to discord: HTTP 503; gave up after 3 attempts`);

    const journal = readJournal(dir);
    const final = (t: string) => journal.filter((r) => r.t === t).map((r) => r.key).sort();
    expect(final("sent")).toEqual(alerts.flatMap((a) => [`${a.id}:json`, `${a.id}:telegram`]).sort());
    expect(final("failed")).toEqual(alerts.flatMap((a) => [`${a.id}:discord`, `${a.id}:slack`]).sort());
    for (const s of SECRETS) expect(out).not.toContain(s);

    // A later run posts nothing: sent and failed are final.
    const again = spawnBot(env, ["--once"]);
    expect(await again.exited).toBe(0);
    expect(receiver.requests()).toHaveLength(3 + 3 + 2 + 6);
  });

  it("refuses a bad configuration, naming the variable", async () => {
    const run = spawnBot({ VE_LENS_WEBHOOK_SLACK: "not a url", VE_LENS_BOT_DIR: tempDir("ve-lens-bot-") });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain("VE_LENS_WEBHOOK_SLACK: expected an http(s) URL");
    expect(run.output()).not.toContain("not a url");
  });
});
