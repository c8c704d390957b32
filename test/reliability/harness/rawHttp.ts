/**
 * Sends an HTTP request exactly as written (no URL normalisation, any method, any body) and
 * judges whether an error answer is a clear client error.
 */
import { request } from "node:http";

export interface RawRequest {
  method: string;
  /** Request target as sent, e.g. `/api/v1/../x?y=%00`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  statusMessage: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
  /** Set when the connection failed before a response arrived. */
  error?: string;
}

/** Sends `req` to `baseUrl` (http only); never throws. */
export function sendRaw(baseUrl: string, req: RawRequest, timeoutMs = 20_000): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const t0 = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: Omit<RawResponse, "ms">) => {
      if (settled) return;
      settled = true;
      resolve({ ...r, ms: performance.now() - t0 });
    };
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, "utf8");
    const headers: Record<string, string> = { connection: "close", ...(req.headers ?? {}) };
    if (body) headers["content-length"] = String(body.length);
    const r = request(
      { host: url.hostname, port: url.port, method: req.method, path: req.path, headers, timeout: timeoutMs, insecureHTTPParser: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        const finish = () =>
          done({ status: res.statusCode ?? 0, statusMessage: res.statusMessage ?? "", headers: res.headers, body: Buffer.concat(chunks).toString("utf8") });
        res.on("end", finish);
        res.on("error", finish);
        res.on("aborted", finish);
      },
    );
    r.on("timeout", () => {
      r.destroy();
      done({ status: 0, statusMessage: "", headers: {}, body: "", error: `no answer within ${timeoutMs} ms` });
    });
    r.on("error", (e) => done({ status: 0, statusMessage: "", headers: {}, body: "", error: e.message }));
    if (body) {
      r.write(body, () => r.end());
    } else {
      r.end();
    }
  });
}

/** Why `res` is not a clear 4xx answer, or undefined when it is. */
export function unclearClientError(res: RawResponse): string | undefined {
  if (res.error) return `no HTTP answer: ${res.error}`;
  if (res.status < 400 || res.status > 499) return `status ${res.status} (expected 4xx): ${res.body.slice(0, 300)}`;
  const body = res.body;
  if (/\n\s+at [^\n]+[(:]\d+/.test(body) || body.includes("node_modules")) return `body leaks a stack trace: ${body.slice(0, 300)}`;
  if (body.length > 64 * 1024) return `error body of ${body.length} bytes`;
  const trimmed = body.trim();
  if (trimmed === "") {
    // Node's own parser answers 413/414/431 without a body; the status line is the message.
    return res.statusMessage.trim() !== "" && [413, 414, 431].includes(res.status) ? undefined : `status ${res.status} with an empty body`;
  }
  const type = String(res.headers["content-type"] ?? "");
  if (type.includes("json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return `content-type ${type} but the body is not JSON: ${trimmed.slice(0, 200)}`;
    }
    const message = messageOf(parsed);
    if (!message || message.trim().length < 3) return `JSON error body without a message: ${trimmed.slice(0, 200)}`;
  }
  return undefined;
}

/** The human message of a JSON error body (`errors[0].message`, `detail`, `error`, `message`). */
export function messageOf(parsed: unknown): string | undefined {
  if (typeof parsed !== "object" || parsed === null) return typeof parsed === "string" ? parsed : undefined;
  const o = parsed as Record<string, unknown>;
  const errors = o.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const m = (errors[0] as { message?: unknown }).message;
    if (typeof m === "string") return m;
  }
  for (const k of ["detail", "message", "error"]) if (typeof o[k] === "string") return o[k] as string;
  return undefined;
}
