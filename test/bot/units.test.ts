import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { backoffDelay, seededRandom, targetSeed } from "../../bot/backoff";
import { BotConfigError, readBotConfig } from "../../bot/config";
import { classifyStatus } from "../../bot/deliver";
import { formatPayload } from "../../bot/format";
import { JOURNAL_FILE, Journal } from "../../bot/journal";
import { acquireLock, BotLockedError } from "../../bot/lock";
import { createLogger } from "../../bot/log";
import { sampleAlert } from "../alerts/fixtures";
import { removeTempDirs, tempDir } from "./harness";

const tmp = () => tempDir("ve-lens-bot-");
afterAll(removeTempDirs);

describe("classifyStatus", () => {
  it("2xx sent; 408, 429, 5xx retry; other 4xx (and 3xx) permanent", () => {
    expect([200, 201, 204, 299].map(classifyStatus)).toEqual(["sent", "sent", "sent", "sent"]);
    expect([408, 429, 500, 502, 503].map(classifyStatus)).toEqual(["retry", "retry", "retry", "retry", "retry"]);
    expect([400, 401, 403, 404, 410, 413, 301].map(classifyStatus)).toEqual(Array(7).fill("permanent"));
  });
});

describe("backoffDelay", () => {
  it("doubles from the base up to the cap, within [cap/2, cap)", () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, () => 0, 1000, 5000))).toEqual([500, 1000, 2000, 2500, 2500]);
    expect(backoffDelay(3, () => 0.999999, 1000, 60_000)).toBe(3999);
  });
  it("is reproducible for a seed and differs between targets", () => {
    const a = seededRandom(targetSeed(1, "slack"));
    const b = seededRandom(targetSeed(1, "slack"));
    const c = seededRandom(targetSeed(1, "discord"));
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect([c(), c(), c()]).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe("Journal", () => {
  const rec = { v: 1 as const, key: "a:json", alert: "a", target: "json" };
  it("replays attempts, sent and failed; final states stay final", () => {
    const dir = tmp();
    const j = Journal.open(dir);
    j.append({ ...rec, t: "attempt", n: 1, at: "x" });
    j.append({ ...rec, t: "attempt", n: 2, at: "x" });
    j.append({ ...rec, key: "b:json", alert: "b", t: "failed", reason: "HTTP 404", attempts: 1, at: "x" });
    expect(j.state("a:json")).toEqual({ status: "pending", attempts: 2 });
    j.append({ ...rec, t: "sent", status: 200, attempts: 2, at: "x" });
    j.close();
    const again = Journal.open(dir);
    expect(again.state("a:json")).toEqual({ status: "sent", attempts: 2 });
    expect(again.state("b:json")).toEqual({ status: "failed", attempts: 1 });
    expect(again.state("c:json")).toEqual({ status: "pending", attempts: 0 });
    again.close();
  });
  it("cuts a torn last line (a crash mid-write) and appends after it cleanly", () => {
    const dir = tmp();
    const j = Journal.open(dir);
    j.append({ ...rec, t: "attempt", n: 1, at: "x" });
    j.close();
    appendFileSync(join(dir, JOURNAL_FILE), '{"v":1,"t":"sent","key":"a:js');
    const again = Journal.open(dir);
    expect(again.state("a:json")).toEqual({ status: "pending", attempts: 1 });
    again.append({ ...rec, t: "sent", status: 204, attempts: 2, at: "x" });
    again.close();
    const lines = readFileSync(join(dir, JOURNAL_FILE), "utf8").trimEnd().split("\n");
    expect(lines.map((l) => JSON.parse(l).t)).toEqual(["attempt", "sent"]);
  });
});

describe("acquireLock", () => {
  it("refuses a lock held by a live process (pid 1) and takes over a dead one's", () => {
    const dir = tmp();
    acquireLock(dir)();
    writeFileSync(join(dir, "bot.lock"), "1");
    expect(() => acquireLock(dir)).toThrow(BotLockedError);
    writeFileSync(join(dir, "bot.lock"), "999999999");
    const r2 = acquireLock(dir);
    expect(readFileSync(join(dir, "bot.lock"), "utf8")).toBe(String(process.pid));
    r2();
  });
  it("creates the directory", () => {
    const dir = join(tmp(), "a", "b");
    acquireLock(dir)();
  });
});

describe("readBotConfig", () => {
  it("builds targets from env; the Telegram URL uses the API base override", () => {
    const c = readBotConfig({
      VE_LENS_WEBHOOK_DISCORD: "https://discord.com/api/webhooks/1/secret-a",
      VE_LENS_WEBHOOK_SLACK: "https://hooks.slack.com/services/T/B/secret-b",
      VE_LENS_TELEGRAM_BOT_TOKEN: "123:secret-c",
      VE_LENS_TELEGRAM_CHAT_ID: "-10042",
      VE_LENS_TELEGRAM_API_URL: "http://127.0.0.1:9/",
    });
    expect(c.targets.map((t) => t.name)).toEqual(["discord", "slack", "telegram"]);
    expect(c.targets[2]).toEqual({ name: "telegram", url: "http://127.0.0.1:9/bot123:secret-c/sendMessage", chatId: "-10042" });
    expect(c.apiUrl).toBe("http://localhost:42069");
    expect(c.dashboardUrl).toBe("http://localhost:42069");
    expect(c.secrets).toEqual(expect.arrayContaining(["123:secret-c", "https://hooks.slack.com/services/T/B/secret-b"]));
  });
  it("names the bad variable without printing its value", () => {
    const bad = () => readBotConfig({ VE_LENS_WEBHOOK_SLACK: "ftp://x/secret-zzz" });
    expect(bad).toThrow(BotConfigError);
    expect(bad).toThrow("VE_LENS_WEBHOOK_SLACK: expected an http(s) URL");
    let thrown: unknown;
    try {
      bad();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).not.toContain("secret-zzz");
    expect(() => readBotConfig({})).toThrow("no delivery target");
    expect(() => readBotConfig({ VE_LENS_TELEGRAM_BOT_TOKEN: "1:a" })).toThrow("go together");
    expect(() => readBotConfig({ VE_LENS_WEBHOOK_JSON: "http://x/", VE_LENS_BOT_MAX_ATTEMPTS: "0" })).toThrow("VE_LENS_BOT_MAX_ATTEMPTS: expected an integer in [1, 1000]");
  });
});

describe("createLogger", () => {
  it("replaces every secret", () => {
    const lines: string[] = [];
    const log = createLogger(["https://hooks.example/abc", "123:tok"], (_l, line) => lines.push(line));
    log("error", "posting to https://hooks.example/abc/x with 123:tok failed");
    expect(lines[0]).toContain("posting to [redacted]/x with [redacted] failed");
  });
});

describe("formatPayload", () => {
  const alert = sampleAlert(1_700_000_000, "ab", { title: "Top-1 share 45.0% of cast votes", message: "Epoch 1405: <b> & co", severity: "critical", epoch: 1405 });
  const dash = "http://localhost:42069";
  const link = `${dash}/?epoch=1405&alert=${alert.id}`;
  it("generic JSON carries the alert, key, link and text", () => {
    expect(formatPayload({ name: "json", url: "u" }, alert, dash)).toEqual({
      key: `${alert.id}:json`,
      link,
      text: "🚨 [critical] Top-1 share 45.0% of cast votes (epoch 1405)\nEpoch 1405: <b> & co",
      alert,
    });
  });
  it("Discord: content + one embed with the link", () => {
    const body = formatPayload({ name: "discord", url: "u" }, alert, dash) as { content: string; embeds: { url: string; title: string; color: number }[] };
    expect(body.content).toContain("Top-1 share");
    expect(body.embeds[0]).toMatchObject({ url: link, title: alert.title, color: 0xdc2626 });
  });
  it("Slack: text + blocks with an escaped mrkdwn section and a link", () => {
    const body = formatPayload({ name: "slack", url: "u" }, alert, dash) as { text: string; blocks: { text?: { text: string }; elements?: { text: string }[] }[] };
    expect(body.text).toContain("Epoch 1405");
    expect(body.blocks[0]!.text!.text).toContain("&lt;b&gt; &amp; co");
    expect(body.blocks[1]!.elements![0]!.text).toContain(`<${link}|open in the dashboard>`);
  });
  it("Telegram: sendMessage with chat_id and HTML", () => {
    const body = formatPayload({ name: "telegram", url: "u", chatId: "-1" }, alert, dash) as Record<string, unknown>;
    expect(body).toMatchObject({ chat_id: "-1", parse_mode: "HTML", disable_web_page_preview: true });
    expect(body.text).toContain(`<a href="${link.replace(/&/g, "&amp;")}">Open in the dashboard</a>`);
    expect(body.text).toContain("&lt;b&gt; &amp; co");
  });
});
