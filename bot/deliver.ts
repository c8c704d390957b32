/**
 * One HTTP delivery attempt and the classification of its outcome.
 */

export type Outcome =
  | { kind: "sent"; status: number }
  /** Worth retrying: 5xx, 408, 429, timeout, connection error. `retryAfterMs` from a Retry-After header. */
  | { kind: "retry"; reason: string; retryAfterMs?: number }
  /** Never worth retrying: another 4xx (bad URL, revoked webhook, malformed body). */
  | { kind: "permanent"; reason: string };

/** Classifies an HTTP status: 2xx sent; 408, 429 and 5xx retry; any other status permanent. */
export function classifyStatus(status: number): Outcome["kind"] {
  if (status >= 200 && status < 300) return "sent";
  if (status === 408 || status === 429 || status >= 500) return "retry";
  return "permanent";
}

/**
 * POSTs `body` as JSON with an `Idempotency-Key` header, giving up after `timeoutMs` (or when
 * `signal` aborts). Error reasons never contain the URL.
 */
export async function postJson(url: string, body: unknown, key: string, timeoutMs: number, signal?: AbortSignal): Promise<Outcome> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": key, "User-Agent": "ve-lens-bot" },
      body: JSON.stringify(body),
      signal: combined,
      redirect: "error",
    });
  } catch (error) {
    if (timeout.aborted) return { kind: "retry", reason: `timeout after ${timeoutMs} ms` };
    if (signal?.aborted) return { kind: "retry", reason: "stopped" };
    return { kind: "retry", reason: `network error (${errorCode(error)})` };
  }
  // Drain the body so the connection is reused; its text is not logged (it may echo secrets).
  await response.arrayBuffer().catch(() => undefined);
  const kind = classifyStatus(response.status);
  if (kind === "sent") return { kind, status: response.status };
  const reason = `HTTP ${response.status}`;
  if (kind === "permanent") return { kind, reason };
  const retryAfter = retryAfterMs(response.headers.get("retry-after"));
  return retryAfter === undefined ? { kind, reason } : { kind, reason, retryAfterMs: retryAfter };
}

/** `Retry-After` in seconds (an HTTP date is ignored). */
function retryAfterMs(header: string | null): number | undefined {
  if (!header || !/^\d{1,6}$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1000;
}

/**
 * A short description of a failed request without its URL: the system error code
 * (`ECONNREFUSED`), else the error name, else for our own errors their message.
 */
export function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (cause && typeof cause.code === "string") return cause.code;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return "timeout";
  if (error instanceof Error && error.name !== "Error") return error.name;
  return error instanceof Error ? error.message : String(error);
}
