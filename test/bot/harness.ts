/**
 * Test harness for the bot: a webhook receiver on a free loopback port that records every
 * request, deduplicates by `Idempotency-Key`, and answers as the test scripts it; a fake alert
 * API (the real alerts routes over a list the test changes, recording each read and answering
 * with an error or not at all when told); and a way to run the bot as a child process.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createAdaptorServer } from "@hono/node-server";
import { expect } from "vitest";
import { readJournal } from "../../bot/journal";
import { createAlertsApp } from "../../src/alerts/http";
import type { Alert } from "../../src/alerts/types";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** What the receiver does with one request. */
export type Behaviour =
  | { kind: "ok" }
  /** Not processed: answer with this status (500, 404, 429 ...). */
  | { kind: "status"; status: number; retryAfter?: number }
  /** Processed, then no answer until the connection closes. */
  | { kind: "hold" }
  /** Processed, answered 200 after `ms` (after the bot's timeout: the answer is lost). */
  | { kind: "late"; ms: number }
  /** Processed, answered 200 once `until` settles (the test decides when). */
  | { kind: "wait"; until: Promise<unknown> };

export interface Arrival {
  target: string;
  key: string;
  /** 1-based count of requests for this target. */
  nth: number;
  at: number;
  body: unknown;
  behaviour: Behaviour["kind"];
  /** First time the receiver processed this key (false: duplicate or not processed). */
  first: boolean;
}

export class Receiver {
  readonly arrivals: Arrival[] = [];
  /** key → times processed (first arrival included). */
  readonly processed = new Map<string, number>();
  /** key → 2xx answers actually written. */
  readonly okAnswers = new Map<string, number>();
  held = 0;
  private readonly counts = new Map<string, number>();
  private readonly open = new Set<ServerResponse>();
  private constructor(
    private readonly server: Server,
    readonly url: string,
    public behave: (target: string, nth: number, key: string) => Behaviour,
  ) {}

  static async start(behave: (target: string, nth: number, key: string) => Behaviour): Promise<Receiver> {
    let receiver!: Receiver;
    const server = createServer((req, res) => void receiver.handle(req, res));
    receiver = new Receiver(server, (await listenOnLoopback(server)).url, behave);
    return receiver;
  }

  /** Keys processed at least once. */
  keys(): string[] {
    return [...this.processed.keys()].sort();
  }

  /** Σ over keys of (times processed - 1): duplicates that reached the receiver's logic. */
  acceptedDuplicates(): Map<string, number> {
    return new Map([...this.processed].filter(([, n]) => n > 1).map(([k, n]) => [k, n - 1]));
  }

  requests(target?: string): Arrival[] {
    return target ? this.arrivals.filter((a) => a.target === target) : this.arrivals;
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = req.url ?? "";
    const target = path.startsWith("/tg/") ? "telegram" : path.split("/")[1]!;
    const key = String(req.headers["idempotency-key"] ?? "");
    const nth = (this.counts.get(target) ?? 0) + 1;
    this.counts.set(target, nth);
    const behaviour = this.behave(target, nth, key);
    const processes = behaviour.kind !== "status";
    const first = processes && !this.processed.has(key);
    if (processes) this.processed.set(key, (this.processed.get(key) ?? 0) + 1);
    this.arrivals.push({ target, key, nth, at: Date.now(), body: JSON.parse(Buffer.concat(chunks).toString("utf8")), behaviour: behaviour.kind, first });
    const answerOk = () => {
      if (res.destroyed) return;
      this.okAnswers.set(key, (this.okAnswers.get(key) ?? 0) + 1);
      if (target === "discord") res.writeHead(204).end();
      else res.writeHead(200, { "content-type": "application/json" }).end(target === "telegram" ? '{"ok":true}' : "ok");
    };
    switch (behaviour.kind) {
      case "ok":
        return answerOk();
      case "status": {
        const headers: Record<string, string> = behaviour.retryAfter === undefined ? {} : { "retry-after": String(behaviour.retryAfter) };
        res.writeHead(behaviour.status, headers).end("no");
        return;
      }
      case "hold":
        this.held++;
        this.open.add(res);
        return;
      case "late":
        this.open.add(res);
        setTimeout(answerOk, behaviour.ms);
        return;
      case "wait":
        this.open.add(res);
        void behaviour.until.then(answerOk, answerOk);
        return;
    }
  }
}

/** Starts `server` on a free loopback port; `stop` drops its connections and closes it. */
export async function listenOnLoopback(server: Server): Promise<{ url: string; stop(): Promise<void> }> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A plain HTTP server on loopback answering with `handler`. */
export function serveOnLoopback(handler: RequestListener): Promise<{ url: string; stop(): Promise<void> }> {
  return listenOnLoopback(createServer(handler));
}

/** How the alerts API answers its nth request: the real routes, never (held open until `stop`), or this HTTP status. */
export type ApiAnswer = "serve" | "hold" | number;

export interface AlertApi {
  url: string;
  set(alerts: Alert[]): void;
  stop(): Promise<void>;
  /** Every request in arrival order: when it came and its `since` parameter. */
  readonly reads: { at: number; since: string | null }[];
  /** Decides each answer from the 1-based request count; the real routes by default. */
  answer: (nth: number) => ApiAnswer;
}

/** The real alerts routes over a list the test can change. */
export async function startAlertApi(initial: Alert[]): Promise<AlertApi> {
  let alerts = initial;
  const app = createAlertsApp(async () => alerts);
  const reads: AlertApi["reads"] = [];
  const api: Omit<AlertApi, "url" | "stop"> = { set: (next) => (alerts = next), reads, answer: () => "serve" };
  const fetch = (request: Request): Response | Promise<Response> => {
    const nth = reads.push({ at: Date.now(), since: new URL(request.url).searchParams.get("since") });
    const answer = api.answer(nth);
    if (answer === "hold") return new Promise<Response>(() => undefined);
    if (typeof answer === "number") return new Response("unavailable", { status: answer });
    return app.fetch(request);
  };
  const { url, stop } = await listenOnLoopback(createAdaptorServer({ fetch }) as Server);
  return Object.assign(api, { url, stop });
}

export interface BotProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs `bot/index.ts` in its own node process (so SIGKILL hits the bot itself). */
export function spawnBot(env: Record<string, string>, args: string[] = []): BotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "bot/index.ts", ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return { child, output: () => out, exited };
}

export async function waitFor(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** How many of this process's open file descriptors point at `path` (Linux: /proc/self/fd). */
export function descriptorsOn(path: string): number {
  let n = 0;
  for (const fd of readdirSync("/proc/self/fd")) {
    let target = "";
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      // closed since the listing (the listing's own descriptor, or another thread's)
    }
    if (target === path) n++;
  }
  return n;
}

const tempDirs: string[] = [];

/** A fresh directory under the system temp dir, removed by {@link removeTempDirs}. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Registers a directory made elsewhere (e.g. a Ponder database) for removal. */
export function removeLater(dir: string | undefined): void {
  if (dir) tempDirs.push(dir);
}

/** Removes every directory from {@link tempDir} / {@link removeLater}. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * The crash script: per target, requests 1-2 answer 500, requests 3-4 are processed and
 * answered 200, request 5 is processed and never answered (held). After `heal()` every
 * request is processed and answered 2xx.
 */
export function stallingScript(): { behave: (target: string, nth: number) => Behaviour; heal(): void } {
  let healed = false;
  return {
    behave: (_target, nth) => {
      if (healed) return { kind: "ok" };
      if (nth <= 2) return { kind: "status", status: 500 };
      return nth <= 4 ? { kind: "ok" } : { kind: "hold" };
    },
    heal: () => {
      healed = true;
    },
  };
}

/**
 * The exactly-once outcome: every expected key was processed by the receiver and nothing
 * else; the keys processed twice are exactly `duplicateKeys` (requests processed whose answer
 * the bot never got), once each; each key got exactly one 2xx answer; the journal has exactly
 * one `sent` record per key and no `failed` record.
 */
export function expectDeliveredOnce(receiver: Receiver, journalDir: string, expectedKeys: string[], duplicateKeys: string[]): void {
  const keys = [...expectedKeys].sort();
  expect(receiver.keys()).toEqual(keys);
  expect([...receiver.acceptedDuplicates()].sort()).toEqual([...duplicateKeys].sort().map((k) => [k, 1]));
  expect([...receiver.okAnswers.keys()].sort()).toEqual(keys);
  expect([...receiver.okAnswers.values()].every((n) => n === 1)).toBe(true);
  const journal = readJournal(journalDir);
  expect(journal.filter((r) => r.t === "sent").map((r) => r.key).sort()).toEqual(keys);
  expect(journal.filter((r) => r.t === "failed")).toEqual([]);
}
