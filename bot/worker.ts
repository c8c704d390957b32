/**
 * The delivery loop. Every `pollMs` the bot reads alerts from the API; each target works
 * through the final alerts in (ts, id) order, one at a time, and for each alert:
 *
 *   journal `attempt` (fsync) → POST with `Idempotency-Key: <alert id>:<target>` →
 *   2xx: journal `sent` | 4xx (not 408/429): journal `failed` | else back off and retry,
 *   journal `failed` after `maxAttempts`.
 *
 * Provisional alerts are not delivered: an alert is posted once its epoch is finalized, so a
 * posted alert never needs a correction. Targets are independent: one that is down does not
 * hold up the others.
 */
import { acquireLock } from "./lock";
import { backoffDelay, seededRandom, targetSeed } from "./backoff";
import type { BotConfig, Target } from "./config";
import { errorCode, postJson } from "./deliver";
import { formatPayload } from "./format";
import { Journal } from "./journal";
import type { Logger } from "./log";
import { fetchAlerts } from "./source";
import { sortAlerts } from "../src/alerts/rules";
import type { Alert } from "../src/alerts/types";

/** The API is re-read from this far (s) before the oldest unsettled alert: two epochs. */
const LOOKBACK_S = 2 * 1_209_600;

export interface BotSummary {
  /** Keys delivered by this run. */
  sent: number;
  /** Keys this run gave up on (journal `failed`). */
  failed: number;
}

/** Runs until `signal` aborts (or, with `config.once`, until everything final now is settled). */
export async function runBot(config: BotConfig, log: Logger, signal: AbortSignal): Promise<BotSummary> {
  const release = acquireLock(config.dir);
  let journal: Journal;
  try {
    journal = Journal.open(config.dir);
  } catch (error) {
    release();
    throw error;
  }
  const summary: BotSummary = { sent: 0, failed: 0 };
  const feed = new AlertFeed(config, log, signal, (alert) => config.targets.every((t) => journal.state(key(alert, t)).status !== "pending"));
  log("info", `started: targets ${config.targets.map((t) => t.name).join(", ")}, journal ${journal.path}${config.once ? ", once" : ""}`);
  try {
    if (config.once) {
      await feed.refreshUntilOk();
      await Promise.all(config.targets.map((t) => drain(t, feed.current())));
    } else {
      const poller = feed.pollForever();
      await Promise.all(config.targets.map((t) => targetLoop(t)));
      await poller;
    }
  } finally {
    journal.close();
    release();
  }
  log("info", `stopped: ${summary.sent} sent, ${summary.failed} failed`);
  return summary;

  async function targetLoop(target: Target): Promise<void> {
    let version = 0;
    while (!signal.aborted) {
      version = await feed.changedSince(version);
      if (signal.aborted) return;
      await drain(target, feed.current());
    }
  }

  async function drain(target: Target, alerts: Alert[]): Promise<void> {
    const random = seededRandom(targetSeed(config.seed, target.name));
    for (const alert of alerts) {
      if (signal.aborted) return;
      if (journal.state(key(alert, target)).status === "pending") await deliver(target, alert, random);
    }
  }

  async function deliver(target: Target, alert: Alert, random: () => number): Promise<void> {
    const k = key(alert, target);
    const record = { v: 1 as const, key: k, alert: alert.id, target: target.name };
    const where = `alert ${alert.id} (${alert.rule}, epoch ${alert.epoch}) to ${target.name}`;
    for (;;) {
      const state = journal.state(k);
      if (state.status !== "pending") return;
      if (state.attempts >= config.maxAttempts) {
        journal.append({ ...record, t: "failed", reason: `gave up after ${state.attempts} attempts`, attempts: state.attempts, at: now() });
        summary.failed++;
        log("error", `failed ${where}: gave up after ${state.attempts} attempts`);
        return;
      }
      const n = state.attempts + 1;
      journal.append({ ...record, t: "attempt", n, at: now() });
      const outcome = await postJson(target.url, formatPayload(target, alert, config.dashboardUrl), k, config.timeoutMs, signal);
      if (outcome.kind === "sent") {
        journal.append({ ...record, t: "sent", status: outcome.status, attempts: n, at: now() });
        summary.sent++;
        log("info", `sent ${where}: HTTP ${outcome.status} after ${n} attempt${n === 1 ? "" : "s"}`);
        return;
      }
      if (signal.aborted) return; // the attempt is journaled; the next run goes on from here
      if (outcome.kind === "permanent" || n >= config.maxAttempts) {
        const reason = outcome.kind === "permanent" ? outcome.reason : `${outcome.reason}; gave up after ${n} attempts`;
        journal.append({ ...record, t: "failed", reason, attempts: n, at: now() });
        summary.failed++;
        log("error", `failed ${where}: ${reason}`);
        return;
      }
      const delay = Math.min(config.backoffMaxMs, Math.max(backoffDelay(n, random, config.backoffMs, config.backoffMaxMs), outcome.retryAfterMs ?? 0));
      log("warn", `attempt ${n} of ${where} failed: ${outcome.reason}; retrying in ${delay} ms`);
      await sleep(delay, signal);
    }
  }
}

function key(alert: Alert, target: Target): string {
  return `${alert.id}:${target.name}`;
}

function now(): string {
  return new Date().toISOString();
}

/** Final alerts read from the API so far that are not settled for every target. */
class AlertFeed {
  private readonly alerts = new Map<string, Alert>();
  private since = 0;
  private version = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly config: BotConfig,
    private readonly log: Logger,
    private readonly signal: AbortSignal,
    private readonly settled: (alert: Alert) => boolean,
  ) {
    signal.addEventListener("abort", () => this.wake(), { once: true });
  }

  /** Pending final alerts in (ts, id) order. */
  current(): Alert[] {
    return sortAlerts([...this.alerts.values()]);
  }

  /** Resolves with the new version once the feed changed after `version` (or on stop). */
  async changedSince(version: number): Promise<number> {
    while (this.version === version && !this.signal.aborted) await new Promise<void>((r) => this.waiters.push(r));
    return this.version;
  }

  async pollForever(): Promise<void> {
    while (!this.signal.aborted) {
      await this.refresh().catch((error) => this.log("warn", `cannot read alerts from the API: ${errorCode(error)}`));
      await sleep(this.config.pollMs, this.signal);
    }
  }

  async refreshUntilOk(): Promise<void> {
    for (let attempt = 1; !this.signal.aborted; attempt++) {
      try {
        return await this.refresh();
      } catch (error) {
        if (attempt >= this.config.maxAttempts) throw error;
        this.log("warn", `cannot read alerts from the API: ${errorCode(error)}; retrying`);
        await sleep(Math.min(this.config.backoffMaxMs, this.config.backoffMs * 2 ** (attempt - 1)), this.signal);
      }
    }
  }

  private async refresh(): Promise<void> {
    const list = await fetchAlerts(this.config.apiUrl, Math.max(0, this.since - LOOKBACK_S), this.config.timeoutMs, this.signal);
    let changed = false;
    for (const [id, alert] of this.alerts) {
      if (this.settled(alert)) this.alerts.delete(id);
    }
    let oldestProvisional = Infinity;
    let newest = this.since;
    for (const alert of list) {
      newest = Math.max(newest, alert.ts);
      if (alert.provisional) {
        oldestProvisional = Math.min(oldestProvisional, alert.ts);
        continue;
      }
      if (this.alerts.has(alert.id) || this.settled(alert)) continue;
      this.alerts.set(alert.id, alert);
      changed = true;
    }
    this.since = Math.min(oldestProvisional, newest);
    if (changed || this.version === 0) {
      this.version++;
      this.wake();
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}


function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
