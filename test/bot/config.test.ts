/**
 * bot/config.ts: every variable's accepted and refused values, the defaults, the derived fields
 * (targets, `once`, the backoff ceiling, the secrets to redact) and the error texts, against
 * values written out by hand.
 */
import { describe, expect, it } from "vitest";
import { BotConfigError, readBotConfig } from "../../bot/config";

const JSON_HOOK = "https://example.org/hook/secret-json";
const base = { VE_LENS_WEBHOOK_JSON: JSON_HOOK };

/** The error text of `readBotConfig(env)` (which must be a BotConfigError), or undefined when it is accepted. */
function refusal(env: Record<string, string | undefined>): string | undefined {
  let thrown: unknown;
  try {
    readBotConfig(env);
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) return undefined;
  expect(thrown).toBeInstanceOf(BotConfigError);
  expect((thrown as Error).name).toBe("BotConfigError");
  return (thrown as Error).message;
}

describe("readBotConfig: defaults and derived fields", () => {
  it("fills every default with one JSON webhook set", () => {
    expect(readBotConfig(base)).toEqual({
      apiUrl: "http://localhost:42069",
      dashboardUrl: "http://localhost:42069",
      dir: ".ve-lens/bot",
      targets: [{ name: "json", url: JSON_HOOK }],
      pollMs: 5000,
      timeoutMs: 10_000,
      maxAttempts: 10,
      backoffMs: 1000,
      backoffMaxMs: 300_000,
      seed: 1,
      once: false,
      secrets: [JSON_HOOK],
    });
  });

  it("orders the targets json, discord, slack, telegram and trims trailing slashes of the URLs it builds on", () => {
    const c = readBotConfig({
      VE_LENS_WEBHOOK_SLACK: "https://hooks.example/slack",
      VE_LENS_WEBHOOK_DISCORD: "https://hooks.example/discord",
      VE_LENS_WEBHOOK_JSON: JSON_HOOK,
      VE_LENS_TELEGRAM_BOT_TOKEN: "12:ab_C-d",
      VE_LENS_TELEGRAM_CHAT_ID: "@chan_1",
      VE_LENS_TELEGRAM_API_URL: "http://tg.example//",
      VE_LENS_API_URL: "http://api.example:1/base///",
      VE_LENS_DASHBOARD_URL: "https://dash.example/x/",
    });
    expect(c.targets).toEqual([
      { name: "json", url: JSON_HOOK },
      { name: "discord", url: "https://hooks.example/discord" },
      { name: "slack", url: "https://hooks.example/slack" },
      { name: "telegram", url: "http://tg.example/bot12:ab_C-d/sendMessage", chatId: "@chan_1" },
    ]);
    expect(c.apiUrl).toBe("http://api.example:1/base");
    expect(c.dashboardUrl).toBe("https://dash.example/x");
    expect(c.secrets).toEqual([JSON_HOOK, "https://hooks.example/discord", "https://hooks.example/slack", "12:ab_C-d", "http://tg.example/bot12:ab_C-d/sendMessage"]);
  });

  it("reads only VE_LENS_ variables and treats an empty one as unset", () => {
    expect(readBotConfig({ ...base, VE_LENS_BOT_DIR: "", VE_LENS_BOT_POLL_MS: "", VE_LENS_WEBHOOK_SLACK: "" }).dir).toBe(".ve-lens/bot");
    expect(readBotConfig({ ...base, VE_LENS_WEBHOOK_SLACK: "" }).targets).toHaveLength(1);
    // a variable without the prefix is not read, even one that would be refused
    expect(readBotConfig({ ...base, WEBHOOK_SLACK: "ftp://x", BOT_POLL_MS: "nope" }).targets).toEqual([{ name: "json", url: JSON_HOOK }]);
  });

  it("takes numbers within their ranges, and the backoff ceiling is at least the first backoff", () => {
    const c = readBotConfig({
      ...base,
      VE_LENS_BOT_DIR: "/var/lib/bot",
      VE_LENS_BOT_POLL_MS: "10",
      VE_LENS_BOT_TIMEOUT_MS: "600000",
      VE_LENS_BOT_MAX_ATTEMPTS: "1000",
      VE_LENS_BOT_BACKOFF_MS: "5000",
      VE_LENS_BOT_BACKOFF_MAX_MS: "2000",
      VE_LENS_BOT_SEED: String(2 ** 32 - 1),
    });
    expect([c.dir, c.pollMs, c.timeoutMs, c.maxAttempts, c.backoffMs, c.backoffMaxMs, c.seed]).toEqual(["/var/lib/bot", 10, 600_000, 1000, 5000, 5000, 2 ** 32 - 1]);
    expect(readBotConfig({ ...base, VE_LENS_BOT_BACKOFF_MS: "5000", VE_LENS_BOT_BACKOFF_MAX_MS: "9000" }).backoffMaxMs).toBe(9000);
    expect(readBotConfig({ ...base, VE_LENS_BOT_SEED: "0" }).seed).toBe(0);
  });

  it("runs once with --once, VE_LENS_BOT_ONCE=1 or true, and not with 0, false or unset", () => {
    const once = (env: Record<string, string>, argv: string[] = []) => readBotConfig({ ...base, ...env }, argv).once;
    expect(once({}, ["--once"])).toBe(true);
    expect(once({ VE_LENS_BOT_ONCE: "0" }, ["--verbose", "--once"])).toBe(true);
    expect(once({ VE_LENS_BOT_ONCE: "1" })).toBe(true);
    expect(once({ VE_LENS_BOT_ONCE: "true" })).toBe(true);
    expect(once({ VE_LENS_BOT_ONCE: "0" })).toBe(false);
    expect(once({ VE_LENS_BOT_ONCE: "false" })).toBe(false);
    expect(once({}, ["--onc", "once"])).toBe(false);
    expect(once({})).toBe(false);
  });

  it("builds the Telegram URL on https://api.telegram.org when no API URL is set", () => {
    expect(readBotConfig({ VE_LENS_TELEGRAM_BOT_TOKEN: "12:ab", VE_LENS_TELEGRAM_CHAT_ID: "7" }).targets).toEqual([
      { name: "telegram", url: "https://api.telegram.org/bot12:ab/sendMessage", chatId: "7" },
    ]);
  });

  it("lists each secret once", () => {
    const c = readBotConfig({ VE_LENS_WEBHOOK_JSON: JSON_HOOK, VE_LENS_WEBHOOK_DISCORD: JSON_HOOK });
    expect(c.secrets).toEqual([JSON_HOOK]);
  });
});

describe("readBotConfig: refusals name the variable", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["a non-numeric integer", { VE_LENS_BOT_POLL_MS: "5s" }, "VE_LENS_BOT_POLL_MS: expected an integer in [10, 3600000]"],
    ["digits after a letter", { VE_LENS_BOT_POLL_MS: "x500" }, "VE_LENS_BOT_POLL_MS: expected an integer in [10, 3600000]"],
    ["a negative integer", { VE_LENS_BOT_SEED: "-1" }, "VE_LENS_BOT_SEED: expected an integer in [0, 4294967295]"],
    ["a fraction", { VE_LENS_BOT_TIMEOUT_MS: "100.5" }, "VE_LENS_BOT_TIMEOUT_MS: expected an integer in [10, 600000]"],
    ["below the range", { VE_LENS_BOT_POLL_MS: "9" }, "VE_LENS_BOT_POLL_MS: expected an integer in [10, 3600000]"],
    ["above the range", { VE_LENS_BOT_TIMEOUT_MS: "600001" }, "VE_LENS_BOT_TIMEOUT_MS: expected an integer in [10, 600000]"],
    ["a seed of 2^32", { VE_LENS_BOT_SEED: String(2 ** 32) }, "VE_LENS_BOT_SEED: expected an integer in [0, 4294967295]"],
    ["a backoff of 0", { VE_LENS_BOT_BACKOFF_MS: "0" }, "VE_LENS_BOT_BACKOFF_MS: expected an integer in [1, 3600000]"],
    ["a backoff ceiling above a day", { VE_LENS_BOT_BACKOFF_MAX_MS: "86400001" }, "VE_LENS_BOT_BACKOFF_MAX_MS: expected an integer in [1, 86400000]"],
    ["an ftp webhook", { VE_LENS_WEBHOOK_DISCORD: "ftp://x/secret" }, "VE_LENS_WEBHOOK_DISCORD: expected an http(s) URL"],
    ["a scheme that only ends in http", { VE_LENS_WEBHOOK_SLACK: "xhttp://x/secret" }, "VE_LENS_WEBHOOK_SLACK: expected an http(s) URL"],
    ["a scheme that only starts with http", { VE_LENS_API_URL: "https2://x" }, "VE_LENS_API_URL: expected an http(s) URL"],
    ["not a URL", { VE_LENS_DASHBOARD_URL: "dashboard" }, "VE_LENS_DASHBOARD_URL: expected an http(s) URL"],
    ["a bad Telegram API URL", { VE_LENS_TELEGRAM_API_URL: "file:///etc", VE_LENS_TELEGRAM_BOT_TOKEN: "1:a", VE_LENS_TELEGRAM_CHAT_ID: "1" }, "VE_LENS_TELEGRAM_API_URL: expected an http(s) URL"],
    ["a token with a slash", { VE_LENS_TELEGRAM_BOT_TOKEN: "1:a/b", VE_LENS_TELEGRAM_CHAT_ID: "1" }, "VE_LENS_TELEGRAM_BOT_TOKEN: expected a bot token"],
    ["a token with a space first", { VE_LENS_TELEGRAM_BOT_TOKEN: " 1:a", VE_LENS_TELEGRAM_CHAT_ID: "1" }, "VE_LENS_TELEGRAM_BOT_TOKEN: expected a bot token"],
    ["a chat id with a letter", { VE_LENS_TELEGRAM_BOT_TOKEN: "1:a", VE_LENS_TELEGRAM_CHAT_ID: "12a" }, "VE_LENS_TELEGRAM_CHAT_ID: expected a chat id or @channel"],
    ["a chat id with a letter first", { VE_LENS_TELEGRAM_BOT_TOKEN: "1:a", VE_LENS_TELEGRAM_CHAT_ID: "a12" }, "VE_LENS_TELEGRAM_CHAT_ID: expected a chat id or @channel"],
    ["a channel with a dash", { VE_LENS_TELEGRAM_BOT_TOKEN: "1:a", VE_LENS_TELEGRAM_CHAT_ID: "@a-b" }, "VE_LENS_TELEGRAM_CHAT_ID: expected a chat id or @channel"],
    ["a bare @", { VE_LENS_TELEGRAM_BOT_TOKEN: "1:a", VE_LENS_TELEGRAM_CHAT_ID: "@" }, "VE_LENS_TELEGRAM_CHAT_ID: expected a chat id or @channel"],
    ["VE_LENS_BOT_ONCE=yes", { VE_LENS_BOT_ONCE: "yes" }, "VE_LENS_BOT_ONCE: expected 1 or 0"],
  ];
  it.each(cases)("refuses %s", (_what, env, message) => {
    expect(refusal({ ...base, ...env })).toBe(message);
  });

  it("joins several refusals with '; '", () => {
    expect(refusal({ ...base, VE_LENS_BOT_POLL_MS: "1", VE_LENS_BOT_ONCE: "2" })).toBe("VE_LENS_BOT_POLL_MS: expected an integer in [10, 3600000]; VE_LENS_BOT_ONCE: expected 1 or 0");
  });

  it("accepts the edges of each pattern", () => {
    const telegram = (token: string, chat: string) => readBotConfig({ VE_LENS_TELEGRAM_BOT_TOKEN: token, VE_LENS_TELEGRAM_CHAT_ID: chat }).targets[0]!.chatId;
    expect(telegram("123456:AA-b_c", "-100123")).toBe("-100123");
    expect(telegram("9", "7")).toBe("7");
    expect(telegram("9", "@ab_9")).toBe("@ab_9");
    expect(readBotConfig({ VE_LENS_WEBHOOK_JSON: "http://localhost:1/x" }).targets[0]!.url).toBe("http://localhost:1/x");
    expect(readBotConfig({ ...base, VE_LENS_BOT_DIR: "d" }).dir).toBe("d");
  });

  it("refuses a Telegram half and no target, naming what to set", () => {
    expect(refusal({ VE_LENS_TELEGRAM_CHAT_ID: "1" })).toBe("VE_LENS_TELEGRAM_BOT_TOKEN and VE_LENS_TELEGRAM_CHAT_ID go together: set both or neither");
    expect(refusal({ VE_LENS_TELEGRAM_BOT_TOKEN: "1:a" })).toBe("VE_LENS_TELEGRAM_BOT_TOKEN and VE_LENS_TELEGRAM_CHAT_ID go together: set both or neither");
    expect(refusal({ VE_LENS_API_URL: "http://x" })).toBe(
      "no delivery target: set VE_LENS_WEBHOOK_JSON, VE_LENS_WEBHOOK_DISCORD, VE_LENS_WEBHOOK_SLACK or VE_LENS_TELEGRAM_BOT_TOKEN + VE_LENS_TELEGRAM_CHAT_ID",
    );
    expect(refusal(base)).toBeUndefined();
  });
});
