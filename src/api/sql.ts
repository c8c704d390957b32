/**
 * A guard around Ponder's `client()` middleware (`/sql/*`, used by `@ponder/client`).
 *
 * Ponder answers SQL it refuses (not read-only, unknown function, malformed `sql` parameter)
 * with a 500 whose plain-text body is the raw error message, which can contain file paths of
 * the server. Those answers become 400 `{ error: "BAD_SQL", detail }` with a short reason
 * stripped of paths and stack lines. Successful answers (superjson, or the Server-Sent Events
 * stream of `/sql/live`) are passed through untouched and unbuffered; a 503 (live queries not
 * available yet, too many live queries) is kept: it is not the client's fault.
 */
import type { Context, MiddlewareHandler } from "hono";

/** Longest `detail` returned. */
const MAX_DETAIL = 200;
const FALLBACK = "the SQL query was rejected";

/** A short, path-free reason from an error message or body text. */
export function sqlErrorDetail(raw: string): string {
  const firstLine =
    raw
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== "" && !/^at\s/.test(l)) ?? "";
  const cleaned = firstLine
    // file URLs and absolute or relative paths with at least two segments (POSIX or Windows)
    .replace(/(?:file:\/\/)?(?:[A-Za-z]:)?(?:\.{0,2}[\\/][\w.@+-]+){2,}(?::\d+)*/g, "<path>")
    .replace(/\s*\(<path>\)/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (cleaned === "" || cleaned === "<path>") return FALLBACK;
  return cleaned.length > MAX_DETAIL ? `${cleaned.slice(0, MAX_DETAIL - 1)}…` : cleaned;
}

function badSql(detail: string): Response {
  return new Response(JSON.stringify({ error: "BAD_SQL", detail }), {
    status: 400,
    headers: { "Content-Type": "application/json; charset=UTF-8", "Cache-Control": "no-store" },
  });
}

/** Wraps `inner` (Ponder's `client({ db, schema })`): its 500s and throws become 400 BAD_SQL. */
export function guardSql(inner: MiddlewareHandler): MiddlewareHandler {
  return async (c: Context, next) => {
    let res: Response | void;
    try {
      res = await inner(c, next);
    } catch (error) {
      return badSql(sqlErrorDetail(error instanceof Error ? error.message : String(error)));
    }
    if (!res) return; // not a /sql path Ponder answers: it called next()
    if (res.status >= 500 && res.status !== 503) {
      const text = await res.text().catch(() => "");
      return badSql(sqlErrorDetail(text));
    }
    return res;
  };
}
