/**
 * A flaky JSON-RPC endpoint for reliability tests: a local HTTP proxy in front of anvil (or any
 * JSON-RPC URL) that, decided by a seeded generator, answers a share of requests with a failure
 * (HTTP 500, or HTTP 200 carrying a JSON-RPC error), delays others, and drops connections
 * without an answer. Everything else is forwarded unchanged.
 *
 * The fate of the n-th request is a pure function of the seed and n, so a run's fault mix is
 * reproducible (the order in which concurrent requests arrive is not).
 * Listens on 127.0.0.1 only.
 *
 * @example
 * const proxy = await startFaultProxy({ target: anvil.rpcUrl, seed: 7, failRate: 0.2, delayRate: 0.2, dropRate: 0.05 });
 * // ... point the indexer at proxy.url ...
 * proxy.stats(); // { requests: 1234, failed500: 120, failedRpc: 118, dropped: 61, delayed: 240, forwarded: ... }
 * await proxy.stop();
 */
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Rng } from "./rng";

export interface FaultRates {
  /** Share of requests answered with a failure (half HTTP 500, half a JSON-RPC error). Default 0. */
  failRate?: number;
  /** Share of requests whose connection is destroyed without an answer. Default 0. */
  dropRate?: number;
  /** Share of forwarded requests held back before forwarding. Default 0. */
  delayRate?: number;
  /** Longest delay in ms; a delayed request waits uniformly in [0, maxDelayMs). Default 400. */
  maxDelayMs?: number;
  /** Only requests for these JSON-RPC methods get faults (default: every method). */
  methods?: string[];
}

export interface FaultProxyOptions extends FaultRates {
  /** Upstream JSON-RPC URL. */
  target: string;
  /** Seed of the fault generator (default 1). */
  seed?: number;
  /** Port on 127.0.0.1 (default: a free one). */
  port?: number;
}

export interface FaultStats {
  requests: number;
  forwarded: number;
  delayed: number;
  failed500: number;
  failedRpc: number;
  dropped: number;
  /** Requests the upstream itself failed (connection refused and the like). */
  upstreamErrors: number;
  /** Requests per JSON-RPC method. */
  methods: Record<string, number>;
}

export interface FaultProxy {
  url: string;
  port: number;
  /** Counters since start. */
  stats(): FaultStats;
  /** Changes the fault rates from now on (e.g. `setRates({ failRate: 0 })` to heal). */
  setRates(rates: FaultRates): void;
  /** Closes the server and every open connection. */
  stop(): Promise<void>;
}

/** Thrown for rates outside [0, 1] or a failRate + dropRate above 1. */
export class FaultProxyConfigError extends Error {
  override name = "FaultProxyConfigError";
}

function checkRates(rates: Required<Omit<FaultRates, "methods">>): void {
  for (const key of ["failRate", "dropRate", "delayRate"] as const) {
    const v = rates[key];
    if (!(v >= 0 && v <= 1)) throw new FaultProxyConfigError(`${key} must be between 0 and 1, got ${v}`);
  }
  if (rates.failRate + rates.dropRate > 1) {
    throw new FaultProxyConfigError(`failRate + dropRate must be at most 1, got ${rates.failRate + rates.dropRate}`);
  }
  if (!(rates.maxDelayMs >= 0)) throw new FaultProxyConfigError(`maxDelayMs must be >= 0, got ${rates.maxDelayMs}`);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Method names and ids of a JSON-RPC request body (single or batch); empty when unparsable. */
function describeBody(body: Buffer): { methods: string[]; ids: unknown[]; batch: boolean } {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as unknown;
    const items = Array.isArray(parsed) ? parsed : [parsed];
    return {
      batch: Array.isArray(parsed),
      methods: items.map((i) => String((i as { method?: unknown })?.method ?? "")),
      ids: items.map((i) => (i as { id?: unknown })?.id ?? null),
    };
  } catch {
    return { methods: [], ids: [], batch: false };
  }
}

/** Starts the proxy; resolves once it listens. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const rng = new Rng(options.seed ?? 1, "fault-proxy");
  let rates = {
    failRate: options.failRate ?? 0,
    dropRate: options.dropRate ?? 0,
    delayRate: options.delayRate ?? 0,
    maxDelayMs: options.maxDelayMs ?? 400,
  };
  let methodFilter = options.methods ? new Set(options.methods) : undefined;
  checkRates(rates);
  const target = options.target;
  const stats: FaultStats = {
    requests: 0,
    forwarded: 0,
    delayed: 0,
    failed500: 0,
    failedRpc: 0,
    dropped: 0,
    upstreamErrors: 0,
    methods: {},
  };
  let stopping = false;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    stats.requests += 1;
    const { methods, ids, batch } = describeBody(body);
    for (const m of methods) stats.methods[m] = (stats.methods[m] ?? 0) + 1;
    // Draw every number for every request, so the n-th request's fate depends on n alone.
    const fateDraw = rng.float();
    const kindDraw = rng.float();
    const delayDraw = rng.float();
    const delayLength = rng.float();
    const eligible = !methodFilter || methods.some((m) => methodFilter!.has(m));

    if (eligible && fateDraw < rates.dropRate) {
      stats.dropped += 1;
      req.socket.destroy();
      return;
    }
    if (eligible && fateDraw < rates.dropRate + rates.failRate) {
      if (kindDraw < 0.5) {
        stats.failed500 += 1;
        res.writeHead(500, { "content-type": "text/plain" }).end("fault proxy: injected internal server error");
      } else {
        stats.failedRpc += 1;
        const error = (id: unknown) => ({
          jsonrpc: "2.0",
          id,
          error: { code: -32603, message: "fault proxy: injected internal error" },
        });
        const payload = batch ? ids.map(error) : error(ids[0] ?? null);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(payload));
      }
      return;
    }
    if (eligible && delayDraw < rates.delayRate) {
      stats.delayed += 1;
      await new Promise((r) => setTimeout(r, Math.floor(delayLength * rates.maxDelayMs)));
    }
    if (stopping) {
      req.socket.destroy();
      return;
    }
    try {
      const upstream = await fetch(target, {
        method: req.method ?? "POST",
        headers: { "content-type": req.headers["content-type"] ?? "application/json" },
        body: req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(body),
      });
      const text = Buffer.from(await upstream.arrayBuffer());
      stats.forwarded += 1;
      res
        .writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" })
        .end(text);
    } catch (error) {
      stats.upstreamErrors += 1;
      if (!res.headersSent) {
        res.writeHead(502, { "content-type": "text/plain" }).end(`fault proxy: upstream error: ${(error as Error).message}`);
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => ({ ...stats, methods: { ...stats.methods } }),
    setRates(next: FaultRates) {
      const merged = {
        failRate: next.failRate ?? rates.failRate,
        dropRate: next.dropRate ?? rates.dropRate,
        delayRate: next.delayRate ?? rates.delayRate,
        maxDelayMs: next.maxDelayMs ?? rates.maxDelayMs,
      };
      checkRates(merged);
      rates = merged;
      if (next.methods) methodFilter = new Set(next.methods);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
