/**
 * A minimal JSON-RPC client over one keep-alive HTTP connection. Requests are sent one after
 * the other, so anvil receives transactions exactly in the order they are sent (its pool is
 * FIFO); JSON-RPC batch arrays are answered concurrently by anvil and would lose that order.
 */
import http from "node:http";

export class RpcError extends Error {
  override name = "RpcError";
  constructor(
    readonly method: string,
    readonly code: number | undefined,
    message: string,
  ) {
    super(`${method}: ${message}`);
  }
}

interface RpcResponse {
  id: number;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export class RpcClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly host: string;
  private readonly port: number;
  private readonly path: string;
  private nextId = 1;
  /** Number of requests sent (for progress and measurements). */
  requests = 0;

  constructor(readonly url: string) {
    const u = new URL(url);
    if (u.protocol !== "http:") throw new RpcError("connect", undefined, `only http:// RPC URLs are supported, got ${url}`);
    this.host = u.hostname;
    this.port = Number(u.port || 80);
    this.path = u.pathname || "/";
  }

  private post(body: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.host,
          port: this.port,
          path: this.path,
          method: "POST",
          agent: this.agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            try {
              resolve(JSON.parse(text));
            } catch {
              reject(new RpcError("http", res.statusCode, `HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
            }
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  /** One JSON-RPC call; throws {@link RpcError} with the node's message on error. */
  async request<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    this.requests++;
    const id = this.nextId++;
    const response = (await this.post(JSON.stringify({ jsonrpc: "2.0", id, method, params }))) as RpcResponse;
    if (response.error) throw new RpcError(method, response.error.code, response.error.message);
    return response.result as T;
  }

  /** Several independent calls in one HTTP request (answers in request order; execution order is not guaranteed). */
  async batch<T = unknown>(calls: readonly { method: string; params: unknown[] }[]): Promise<T[]> {
    if (calls.length === 0) return [];
    this.requests++;
    const first = this.nextId;
    this.nextId += calls.length;
    const body = JSON.stringify(calls.map((c, i) => ({ jsonrpc: "2.0", id: first + i, method: c.method, params: c.params })));
    const responses = (await this.post(body)) as RpcResponse[];
    const byId = new Map(responses.map((r) => [r.id, r]));
    return calls.map((c, i) => {
      const r = byId.get(first + i);
      if (!r) throw new RpcError(c.method, undefined, "missing answer in batch");
      if (r.error) throw new RpcError(c.method, r.error.code, r.error.message);
      return r.result as T;
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
