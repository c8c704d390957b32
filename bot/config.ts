/**
 * Bot configuration from the environment. Secrets (webhook URLs, the Telegram token) come
 * from env only; {@link BotConfig.secrets} lists them so the logger can redact them.
 */
import { z } from "zod";

/** Kinds of delivery target; the kind is also the target's name in logs and idempotency keys. */
export type TargetKind = "json" | "discord" | "slack" | "telegram";

export interface Target {
  /** Name used in logs, journal records and `Idempotency-Key` (never the URL). */
  name: TargetKind;
  /** Where to POST (secret: contains the webhook token or bot token). */
  url: string;
  /** Telegram chat id. */
  chatId?: string;
}

export interface BotConfig {
  apiUrl: string;
  dashboardUrl: string;
  /** Journal directory. */
  dir: string;
  targets: Target[];
  pollMs: number;
  timeoutMs: number;
  maxAttempts: number;
  backoffMs: number;
  backoffMaxMs: number;
  seed: number;
  /** Deliver what is final now, then exit. */
  once: boolean;
  /** Strings never to print. */
  secrets: string[];
}

/** A bad environment variable, named (its value is not printed). */
export class BotConfigError extends Error {
  override name = "BotConfigError";
}

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `expected an integer in [${min}, ${max}]` })
    .transform(Number)
    .pipe(z.number().min(min, { error: `expected an integer in [${min}, ${max}]` }).max(max, { error: `expected an integer in [${min}, ${max}]` }));
const url = z.url({ protocol: /^https?$/, error: "expected an http(s) URL" });

const EnvSchema = z.object({
  VE_LENS_API_URL: url.default("http://localhost:42069"),
  VE_LENS_DASHBOARD_URL: url.optional(),
  VE_LENS_WEBHOOK_JSON: url.optional(),
  VE_LENS_WEBHOOK_DISCORD: url.optional(),
  VE_LENS_WEBHOOK_SLACK: url.optional(),
  VE_LENS_TELEGRAM_BOT_TOKEN: z.string().regex(/^[A-Za-z0-9:_-]+$/, { error: "expected a bot token" }).optional(),
  VE_LENS_TELEGRAM_CHAT_ID: z.string().regex(/^(-?\d+|@\w+)$/, { error: "expected a chat id or @channel" }).optional(),
  VE_LENS_TELEGRAM_API_URL: url.default("https://api.telegram.org"),
  VE_LENS_BOT_DIR: z.string().min(1).default(".ve-lens/bot"),
  VE_LENS_BOT_POLL_MS: int(10, 3_600_000).default(5000),
  VE_LENS_BOT_TIMEOUT_MS: int(10, 600_000).default(10_000),
  VE_LENS_BOT_MAX_ATTEMPTS: int(1, 1000).default(10),
  VE_LENS_BOT_BACKOFF_MS: int(1, 3_600_000).default(1000),
  VE_LENS_BOT_BACKOFF_MAX_MS: int(1, 86_400_000).default(300_000),
  VE_LENS_BOT_SEED: int(0, 2 ** 32 - 1).default(1),
  VE_LENS_BOT_ONCE: z.enum(["0", "1", "true", "false"], { error: "expected 1 or 0" }).optional(),
});

const trim = (s: string) => s.replace(/\/+$/, "");

/**
 * Reads the configuration.
 * @throws BotConfigError naming the variable, e.g. `VE_LENS_WEBHOOK_SLACK: expected an http(s) URL`.
 */
export function readBotConfig(env: Record<string, string | undefined> = process.env, argv: string[] = []): BotConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith("VE_LENS_") && v !== ""));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new BotConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  const e = parsed.data;
  const targets: Target[] = [];
  if (e.VE_LENS_WEBHOOK_JSON) targets.push({ name: "json", url: e.VE_LENS_WEBHOOK_JSON });
  if (e.VE_LENS_WEBHOOK_DISCORD) targets.push({ name: "discord", url: e.VE_LENS_WEBHOOK_DISCORD });
  if (e.VE_LENS_WEBHOOK_SLACK) targets.push({ name: "slack", url: e.VE_LENS_WEBHOOK_SLACK });
  if (e.VE_LENS_TELEGRAM_BOT_TOKEN || e.VE_LENS_TELEGRAM_CHAT_ID) {
    if (!e.VE_LENS_TELEGRAM_BOT_TOKEN || !e.VE_LENS_TELEGRAM_CHAT_ID) {
      throw new BotConfigError("VE_LENS_TELEGRAM_BOT_TOKEN and VE_LENS_TELEGRAM_CHAT_ID go together: set both or neither");
    }
    targets.push({
      name: "telegram",
      url: `${trim(e.VE_LENS_TELEGRAM_API_URL)}/bot${e.VE_LENS_TELEGRAM_BOT_TOKEN}/sendMessage`,
      chatId: e.VE_LENS_TELEGRAM_CHAT_ID,
    });
  }
  if (targets.length === 0) {
    throw new BotConfigError(
      "no delivery target: set VE_LENS_WEBHOOK_JSON, VE_LENS_WEBHOOK_DISCORD, VE_LENS_WEBHOOK_SLACK or VE_LENS_TELEGRAM_BOT_TOKEN + VE_LENS_TELEGRAM_CHAT_ID",
    );
  }
  const secrets = [e.VE_LENS_WEBHOOK_JSON, e.VE_LENS_WEBHOOK_DISCORD, e.VE_LENS_WEBHOOK_SLACK, e.VE_LENS_TELEGRAM_BOT_TOKEN, ...targets.map((t) => t.url)];
  const apiUrl = trim(e.VE_LENS_API_URL);
  return {
    apiUrl,
    dashboardUrl: trim(e.VE_LENS_DASHBOARD_URL ?? apiUrl),
    dir: e.VE_LENS_BOT_DIR,
    targets,
    pollMs: e.VE_LENS_BOT_POLL_MS,
    timeoutMs: e.VE_LENS_BOT_TIMEOUT_MS,
    maxAttempts: e.VE_LENS_BOT_MAX_ATTEMPTS,
    backoffMs: e.VE_LENS_BOT_BACKOFF_MS,
    backoffMaxMs: Math.max(e.VE_LENS_BOT_BACKOFF_MAX_MS, e.VE_LENS_BOT_BACKOFF_MS),
    seed: e.VE_LENS_BOT_SEED,
    once: argv.includes("--once") || e.VE_LENS_BOT_ONCE === "1" || e.VE_LENS_BOT_ONCE === "true",
    secrets: [...new Set(secrets.filter((s): s is string => typeof s === "string" && s.length > 0))],
  };
}
