/**
 * Admission control for the requests that read the database. At most `maxConcurrent` run at
 * once; the others wait in a queue that serves the client with the fewest requests running
 * first (oldest first among equals), so one client sending many requests cannot make the
 * others wait behind all of them. A client with `perClient` requests running or waiting gets
 * 429 `TOO_MANY_REQUESTS`; a request that waited `maxWaitMs` for its turn gets 503 `BUSY`.
 * Both carry `Retry-After`. The next request is let in on a later turn of the event loop, so
 * that the server answers what else is pending (`/ready`, sockets) between two database requests.
 *
 * @example
 * app.use("/api/v1/*", requestGate({ maxConcurrent: 4, perClient: 2, maxWaitMs: 5000, trustProxy: false }));
 */
import type { Context, MiddlewareHandler } from "hono";

export interface RequestGateOptions {
  maxConcurrent: number;
  perClient: number;
  maxWaitMs: number;
  /** Identify clients by the first `X-Forwarded-For` address (behind a trusted proxy only). */
  trustProxy: boolean;
}

interface Waiter {
  client: string;
  since: number;
  /** Takes a running slot for the waiter (counted at once, before its continuation runs) and lets it go on. */
  admit: () => void;
}

/** The client's address: the socket's peer, or the first `X-Forwarded-For` entry behind a trusted proxy. */
export function clientOf(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "unknown";
}

function refusal(status: 429 | 503, error: string, detail: string, retryAfter: number): Response {
  return new Response(JSON.stringify({ error, detail, limit: status === 429 ? "VE_LENS_CLIENT_CONCURRENCY" : "VE_LENS_DB_WAIT_MS" }), {
    status,
    headers: { "Content-Type": "application/json; charset=UTF-8", "Cache-Control": "no-store", "Retry-After": String(retryAfter) },
  });
}

export interface RequestGate extends MiddlewareHandler {
  /** Requests running and waiting now. */
  stats(): { running: number; waiting: number };
}

export function requestGate(options: RequestGateOptions): RequestGate {
  let running = 0;
  const perClient = new Map<string, { running: number; waiting: number }>();
  const queue: Waiter[] = [];
  let dispatching = false;

  const countOf = (client: string) => {
    let c = perClient.get(client);
    if (!c) perClient.set(client, (c = { running: 0, waiting: 0 }));
    return c;
  };
  const forget = (client: string) => {
    const c = perClient.get(client);
    if (c && c.running === 0 && c.waiting === 0) perClient.delete(client);
  };

  /**
   * Lets the fairest waiters in, on a later turn of the event loop. A waiter's slot is counted
   * when it is admitted, not when its continuation runs: otherwise this loop, which sees
   * `running` unchanged until then, would let the whole queue in at once.
   */
  const dispatch = () => {
    if (dispatching) return;
    dispatching = true;
    setImmediate(() => {
      dispatching = false;
      while (running < options.maxConcurrent && queue.length > 0) {
        let best = 0;
        for (let i = 1; i < queue.length; i++) {
          const a = countOf(queue[i]!.client).running;
          const b = countOf(queue[best]!.client).running;
          if (a < b) best = i;
        }
        const [w] = queue.splice(best, 1);
        w!.admit();
      }
    });
  };

  const gate = (async (c, next) => {
    const client = clientOf(c, options.trustProxy);
    const mine = countOf(client);
    if (mine.running + mine.waiting >= options.perClient) {
      return refusal(429, "TOO_MANY_REQUESTS", `at most ${options.perClient} requests per client may run or wait at once; retry after the running ones finish`, 1);
    }
    if (running >= options.maxConcurrent || queue.length > 0) {
      mine.waiting += 1;
      const admitted = await new Promise<boolean>((resolve) => {
        const waiter: Waiter = {
          client,
          since: Date.now(),
          admit: () => {
            clearTimeout(timer);
            mine.waiting -= 1;
            running += 1;
            mine.running += 1;
            resolve(true);
          },
        };
        const timer = setTimeout(() => {
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          mine.waiting -= 1;
          resolve(false);
        }, options.maxWaitMs);
        queue.push(waiter);
        dispatch();
      });
      if (!admitted) {
        forget(client);
        return refusal(503, "BUSY", `the server is busy: no turn to read the database within ${options.maxWaitMs} ms`, Math.max(1, Math.ceil(options.maxWaitMs / 1000)));
      }
    } else {
      running += 1;
      mine.running += 1;
    }
    try {
      await next();
    } finally {
      running -= 1;
      mine.running -= 1;
      forget(client);
      dispatch();
    }
  }) as RequestGate;
  gate.stats = () => ({ running, waiting: queue.length });
  return gate;
}
