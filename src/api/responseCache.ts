/**
 * Finished HTTP answers about finalized epochs, kept serialized with their strong ETag, so a
 * repeated request is answered from memory without reading the database or running the
 * analytics (REST: `rest.ts`; GraphQL `concentration`: `graphql.ts`).
 *
 * - What: only answers their route declares immutable (every epoch they concern is finalized,
 *   nothing read at request time such as the entity clustering), with status 200.
 * - Bounded: by total body bytes (`VE_LENS_RESPONSE_CACHE_MB`, default 64 MiB; 0 turns the cache
 *   off) and per entry (1/16 of that, at most 4 MiB); least recently used answers go first.
 * - Invalidated: entries belong to a generation, the index's identity read from the database
 *   every second (`generation()`: Ponder's build id of the schema, plus a counter bumped when
 *   the indexed block goes backwards). A new generation empties the cache; an answer computed
 *   under an older generation is not stored. Until the first generation is known nothing is
 *   cached. So a rebuilt index (new build id) is never answered from the old one's entries,
 *   at worst one refresh interval late.
 *
 * @example
 * const cache = new ResponseCache({ maxBytes: 2 ** 20 });
 * cache.setGeneration("build-a");
 * const g = cache.generation;
 * cache.put(g, "/api/v1/concentration?epoch=1", { body: "{}", contentType: "application/json" });
 * cache.get("/api/v1/concentration?epoch=1")?.etag; // "\"…\"" (sha1 of the body)
 */
import { createHash } from "node:crypto";
import { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import type { LiveResponses } from "./liveResponses";

/** A stored answer. */
export interface CachedResponse {
  body: string;
  /** Strong ETag: the quoted base64url sha1 of the body. */
  etag: string;
  contentType: string;
  /** Other headers to send with it (Cache-Control, Content-Disposition, ...). */
  headers: Record<string, string>;
}

export interface ResponseCacheOptions {
  /** Total body bytes kept (default 64 MiB). */
  maxBytes?: number;
  /** Largest body kept (default min(maxBytes / 16, 4 MiB)). */
  maxEntryBytes?: number;
}

/** Strong ETag of a body. */
export function strongEtag(body: string): string {
  return `"${createHash("sha1").update(body).digest("base64url")}"`;
}

/** Whether an `If-None-Match` header matches the ETag (weak comparison, lists and `*`). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === bare);
}

/** Key of a REST answer: `GET` and the path and query string as sent. */
export function restKey(url: string): string {
  return `GET ${url.slice(url.indexOf("/", url.indexOf("//") + 2))}`;
}

/** Key of a GraphQL answer: `POST`, the path, the `Accept` header and the exact body. */
export function graphqlKey(url: string, accept: string | undefined, body: string): string {
  const path = url.slice(url.indexOf("/", url.indexOf("//") + 2));
  return `POST ${path}\n${accept ?? ""}\n${body}`;
}

/** Sends a stored answer, or 304 when the client has it. */
export function sendCached(c: Context, hit: CachedResponse): Response {
  const headers = { ETag: hit.etag, ...hit.headers };
  if (etagMatches(c.req.header("If-None-Match"), hit.etag)) return c.body(null, 304, headers);
  return c.body(hit.body, 200, { "Content-Type": hit.contentType, ...headers });
}

/**
 * Middleware answering requests whose answer is stored (REST GET, GraphQL POST with a
 * `Content-Length` of at most `maxBodyBytes`), else passing them on: finalized answers from
 * `cache`, and with `live`, answers about the live state kept for the indexed position the
 * request finds (`liveResponses.ts`). Mounted before the admission control of database reads,
 * since a stored answer reads nothing (a live one, only the shared checkpoint read).
 * @example app.use("/api/v1/*", servedFromCache(cache, { maxBodyBytes: 65_536, live }));
 */
export function servedFromCache(cache: ResponseCache, options: { maxBodyBytes: number; live?: LiveResponses }): MiddlewareHandler {
  const { live } = options;
  const serve = async (c: Context, key: string, next: () => Promise<void>) => {
    const hit = cache.get(key) ?? (live && (await live.lookup(key)));
    return hit ? sendCached(c, hit) : next();
  };
  return async (c, next) => {
    if (cache.generation === null && live === undefined) return next();
    if (c.req.method === "GET") return serve(c, restKey(c.req.url), next);
    if (c.req.method === "POST") {
      const length = Number(c.req.header("content-length") ?? NaN);
      if (!(length >= 0 && length <= options.maxBodyBytes)) return next();
      return serve(c, graphqlKey(c.req.url, c.req.header("accept"), await bodyText(c)), next);
    }
    return next();
  };
}

/**
 * The request body as text. Under Node's HTTP server (`@hono/node-server`, whose bindings carry
 * the `IncomingMessage`) an untouched body is read from the socket stream itself and left on the
 * message as `rawBody`, from which the server builds the Web `Request` if a later handler asks
 * for it: a cache hit then never builds one (a `Request` with a streamed body costs more than
 * the rest of the hit). Elsewhere (another runtime, or a body already being read), `c.req.text()`.
 */
async function bodyText(c: Context): Promise<string> {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  if (!(incoming instanceof IncomingMessage) || incoming.readableFlowing !== null || incoming.readableDidRead || "rawBody" in incoming) {
    return c.req.text();
  }
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  (incoming as IncomingMessage & { rawBody: Buffer }).rawBody = raw;
  return raw.toString("utf8");
}

export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;
  private current: string | null = null;
  readonly maxBytes: number;
  readonly maxEntryBytes: number;

  constructor(options: ResponseCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? 64 * 2 ** 20;
    this.maxEntryBytes = options.maxEntryBytes ?? Math.min(this.maxBytes / 16, 4 * 2 ** 20);
  }

  /** The generation answers are stored under now (null: unknown yet, nothing is cached). */
  get generation(): string | null {
    return this.current;
  }

  /** Sets the index's generation (null: unknown, cache off); a different one empties the cache. */
  setGeneration(generation: string | null): void {
    if (generation === this.current) return;
    this.current = generation;
    this.clear();
  }

  /** Number of answers and their body bytes. */
  size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** The stored answer for `key` in the current generation. */
  get(key: string): CachedResponse | undefined {
    if (this.current === null) return undefined;
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // most recently used last
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /**
   * Stores an answer computed under `generation` (read before computing it); ignored when the
   * generation has changed since, when the body is too large or when the cache is off.
   */
  put(generation: string | null, key: string, answer: { body: string; contentType: string; headers?: Record<string, string>; etag?: string }): CachedResponse | undefined {
    if (generation === null || generation !== this.current) return undefined;
    const size = answer.body.length + key.length;
    if (size > this.maxEntryBytes || this.maxBytes <= 0) return undefined;
    const entry: CachedResponse = {
      body: answer.body,
      etag: answer.etag ?? strongEtag(answer.body),
      contentType: answer.contentType,
      headers: answer.headers ?? {},
    };
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.body.length + key.length;
    }
    this.entries.set(key, entry);
    this.bytes += size;
    while (this.bytes > this.maxBytes) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, CachedResponse];
      this.entries.delete(oldestKey);
      this.bytes -= oldest.body.length + oldestKey.length;
    }
    return entry;
  }
}

/**
 * Keeps `cache`'s generation current: reads `generation()` now and every `intervalMs` (the
 * timer does not keep the process alive). A failed read leaves the cache off (generation
 * unknown) until a read succeeds. Logs each new generation and the first failure of a series.
 * Returns a stop function.
 * @example const stop = followGeneration(cache, () => indexGeneration(db));
 */
export function followGeneration(
  cache: ResponseCache,
  generation: () => Promise<string>,
  intervalMs = 1_000,
  log: (line: string) => void = (line) => console.info(line),
): () => void {
  let stopped = false;
  let failing = false;
  const refresh = async () => {
    try {
      const g = await generation();
      if (stopped) return;
      if (g !== cache.generation) log(`[api] response cache: index generation ${g}${cache.generation ? ` (was ${cache.generation}); emptied` : ""}`);
      cache.setGeneration(g);
      failing = false;
    } catch (error) {
      if (stopped) return;
      if (!failing) log(`[api] response cache off: cannot read the index generation (${(error as Error).message})`);
      failing = true;
      cache.setGeneration(null);
    }
  };
  void refresh();
  const timer = setInterval(() => void refresh(), intervalMs);
  timer.unref?.();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/** Bytes of answers kept from `VE_LENS_RESPONSE_CACHE_MB` (MiB; 0 turns the caches off), default 64 MiB. */
export function responseCacheBytes(env: Record<string, string | undefined>): number {
  const raw = env.VE_LENS_RESPONSE_CACHE_MB;
  const mb = raw === undefined || raw === "" ? 64 : Number(raw);
  if (!Number.isFinite(mb) || mb < 0) throw new Error(`VE_LENS_RESPONSE_CACHE_MB must be a number of MiB >= 0 (got "${raw}")`);
  return mb * 2 ** 20;
}

/** Cache size from `VE_LENS_RESPONSE_CACHE_MB` (MiB; 0 turns it off), default 64 MiB. */
export function responseCacheFromEnv(env: Record<string, string | undefined>): ResponseCache {
  return new ResponseCache({ maxBytes: responseCacheBytes(env) });
}
