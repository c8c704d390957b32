/**
 * REST API for researchers: `GET /api/v1/...` for every entry of {@link ENDPOINTS}, plus the
 * OpenAPI document at `/api/v1/openapi.json`.
 *
 * - Query parameters are validated with the endpoint's zod schema; a bad or unknown one is a
 *   400 `{ error, detail, parameter }` naming it. An unknown epoch or vault is a 404.
 * - `?format=csv` answers `text/csv` (RFC 4180) on every endpoint.
 * - Every answer has an ETag (hash of the body) and honours `If-None-Match` with 304. Answers
 *   about finalized epochs only are `Cache-Control: public, max-age=31536000, immutable`;
 *   anything touching live data is `no-cache`.
 * - With a {@link ResponseCache}, the immutable answers of {@link SERVER_CACHED} endpoints are
 *   kept serialized (keyed by path and query string as sent) and served again without running
 *   the analytics or reading the database (`responseCache.ts` says how it is bounded and
 *   invalidated). With {@link LiveResponses}, their other answers (not by entity) are kept for
 *   the indexed position they were computed at (`liveResponses.ts`).
 */
import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import { toCsv } from "./csv";
import { ENDPOINTS, type Endpoint, pathParams } from "./endpoints";
import { InvalidParameterError, errorResponse } from "./errors";
import { buildOpenApiDocument } from "./openapi";
import type { Analytics } from "./queries/analytics";
import type { LiveResponses, LiveTicket } from "./liveResponses";
import { type ResponseCache, etagMatches, restKey, sendCached, strongEtag } from "./responseCache";
import { FormatArgs, parseArgs } from "./args";

export const IMMUTABLE = "public, max-age=31536000, immutable";
export const NO_CACHE = "no-cache";

/** Strong ETag of a body. */
export function etagOf(body: string): string {
  return strongEtag(body);
}

export { etagMatches } from "./responseCache";

function errorJson(c: Context, error: unknown) {
  const { status, body } = errorResponse(error);
  if (status === 500) console.error("[api] rest handler failed:", error);
  return c.json(body, status as 400);
}

/** Query parameters as a record: empty values dropped, a repeated name is an error. */
function queryArgs(c: Context, endpoint: Endpoint): { args: Record<string, unknown>; format: "json" | "csv" } {
  const all = c.req.queries();
  const args: Record<string, unknown> = {};
  let formatRaw: Record<string, unknown> = {};
  const known = new Set([...Object.keys(endpoint.args.shape), "format"]);
  for (const [name, values] of Object.entries(all)) {
    if (!known.has(name) || pathParams(endpoint.path).includes(name)) {
      throw new InvalidParameterError(name, `unknown parameter; ${endpoint.path} accepts ${[...known].filter((k) => !pathParams(endpoint.path).includes(k)).join(", ")}`);
    }
    if (values.length > 1) throw new InvalidParameterError(name, "given more than once");
    const value = values[0];
    if (name === "format" && value === "") throw new InvalidParameterError("format", 'must be json or csv (got "")');
    if (value === undefined || value === "") continue;
    if (name === "format") formatRaw = { format: value };
    else args[name] = value;
  }
  for (const name of pathParams(endpoint.path)) args[name] = c.req.param(name);
  const { format } = parseArgs(FormatArgs, formatRaw);
  return { args, format };
}

/** Sends a body with ETag / Cache-Control, or 304 when the client has it. */
function send(c: Context, body: string, contentType: string, immutable: boolean, extra: Record<string, string> = {}) {
  const etag = etagOf(body);
  const headers: Record<string, string> = { ETag: etag, "Cache-Control": immutable ? IMMUTABLE : NO_CACHE, ...extra };
  if (etagMatches(c.req.header("If-None-Match"), etag)) {
    return c.body(null, 304, headers);
  }
  return c.body(body, 200, { "Content-Type": contentType, ...headers });
}

const json = (value: unknown) => JSON.stringify(value);

/** Endpoints whose immutable answers are kept by the server's response cache (stored snapshots only). */
export const SERVER_CACHED: ReadonlySet<string> = new Set(["concentration", "concentrationSeries", "distribution"]);

/** The `/api/v1` sub-app. */
export function createRestApp(analytics: Analytics, options: { serverUrl?: string; responses?: ResponseCache; live?: LiveResponses } = {}) {
  const { responses, live } = options;
  const app = new Hono();
  app.use("*", cors({ origin: "*", allowMethods: ["GET", "HEAD", "OPTIONS"], exposeHeaders: ["ETag", "X-Next-Cursor"] }));

  let openapi: string | undefined;
  app.get("/openapi.json", (c) => {
    openapi ??= json(buildOpenApiDocument({ serverUrl: options.serverUrl }));
    return send(c, openapi, "application/json; charset=utf-8", false);
  });

  for (const endpoint of ENDPOINTS) {
    if (endpoint.external) continue;
    const cached = SERVER_CACHED.has(endpoint.id);
    app.get(endpoint.path, async (c) => {
      // path and query string as sent: the same request gets the same stored answer
      const key = cached && (responses || live) ? restKey(c.req.url) : "";
      if (cached && responses) {
        const hit = responses.get(key);
        if (hit) return sendCached(c, hit);
      }
      const generation = responses?.generation ?? null;
      let ticket: LiveTicket | undefined;
      if (cached && live) {
        const claim = await live.claim(key);
        if ("hit" in claim) return sendCached(c, claim.hit);
        ticket = claim.ticket;
      }
      try {
        const { args: raw, format } = queryArgs(c, endpoint);
        const args = parseArgs(endpoint.args, raw);
        const view = await endpoint.run(analytics, args);
        const immutable = await endpoint.immutable(analytics, args, view);
        let body: string;
        let contentType: string;
        const extra: Record<string, string> = {};
        if (format === "csv") {
          extra["Content-Disposition"] = `attachment; filename="ve-lens-${endpoint.id}.csv"`;
          const page = (view as { pageInfo?: { endCursor: string | null; hasNextPage: boolean } }).pageInfo;
          if (page?.hasNextPage && page.endCursor) extra["X-Next-Cursor"] = page.endCursor;
          body = toCsv(endpoint.csv(view, args));
          contentType = "text/csv; charset=utf-8";
        } else {
          body = json(view);
          contentType = "application/json; charset=utf-8";
        }
        if (cached && responses && immutable) {
          const stored = responses.put(generation, key, { body, contentType, headers: { "Cache-Control": IMMUTABLE, ...extra } });
          if (stored) return sendCached(c, stored);
        }
        // by entity: the clustering is reused across blocks for a while, so not an answer of the position alone
        const byEntity = (args as { by?: string }).by === "ENTITY";
        const kept = await ticket?.finish(immutable || byEntity ? null : { body, contentType, headers: { "Cache-Control": NO_CACHE, ...extra } });
        if (kept) return sendCached(c, kept);
        return send(c, body, contentType, immutable, extra);
      } catch (error) {
        return errorJson(c, error);
      } finally {
        void ticket?.finish(null); // no-op once finished
      }
    });
  }

  // Sub-app notFound handlers are not used once mounted: answer unknown paths explicitly.
  // Mount this app after any other `/api/v1/...` routes (the alerts module's).
  app.all("*", (c) =>
    c.json({ error: "NOT_FOUND", detail: `no route ${c.req.method} ${new URL(c.req.url).pathname}; see /api/v1/openapi.json` }, 404),
  );
  return app;
}
