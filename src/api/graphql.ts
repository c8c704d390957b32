/**
 * The analytics GraphQL API (graphql-yoga on `POST /graphql`, GraphiQL on `GET /graphql`; the
 * GraphiQL page loads its files from this server, see `graphiql.ts`).
 *
 * Every argument is validated with the zod schemas of `args.ts`; an invalid one is a
 * GraphQL error naming it (`extensions.code` BAD_USER_INPUT, `extensions.parameter`). Other
 * errors are masked without a stack. Depth, aliases, cost (`graphql/limits.ts`) and tokens
 * are limited, and bodies above {@link MAX_BODY_BYTES} are refused with 413.
 *
 * With a {@link ResponseCache}, a POST whose operation selects only `concentration` fields and
 * whose every `concentration` concerns a finalized epoch (not `by: ENTITY`) is kept serialized,
 * keyed by its exact body (query, variables, operation name) and `Accept` header, with a strong
 * ETag; the same POST is then answered from memory (304 on `If-None-Match`) without parsing,
 * validating, executing or reading the database. With {@link LiveResponses}, such a POST about
 * other epochs (not by entity) is kept for the indexed position it was computed at.
 */
import { Kind, parse } from "graphql";
import { createGraphQLError, createSchema, createYoga, type Plugin } from "graphql-yoga";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { METRIC_SCOPES, SCOPE_DESCRIPTIONS } from "../domain/scopes";
import { ApiError, PayloadTooLargeError } from "./errors";
import { renderLocalGraphiQL } from "./graphiql";
import { accountResolvers, accountTypeDefs } from "./graphql/accounts";
import { entityFieldResolvers, entityQueryResolvers, entityTypeDefs } from "./graphql/entities";
import { DEFAULT_LIMITS, type QueryLimits, limitRules } from "./graphql/limits";
import type { LiveResponses, LiveTicket } from "./liveResponses";
import type { Analytics } from "./queries/analytics";
import { type ResponseCache, graphqlKey, sendCached } from "./responseCache";
import { IMMUTABLE, NO_CACHE } from "./rest";
import { AlertsArgs, ConcentrationArgs, ConcentrationSeriesArgs, DistributionArgs, EpochsArgs, GaugesArgs, InfluenceArgs, UnlockScheduleArgs, VaultTvlArgs, parseArgs, MAX_LORENZ_POINTS } from "./args";
import { z } from "zod";

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Largest number of lexical tokens in one document. */
export const MAX_TOKENS = 3000;

/** The metric fields of `Concentration` and `ConcentrationPoint` (one list: `ConcentrationMetrics`). */
const METRIC_FIELDS = `  n: Int!
  total: String!
  gini: Float!
  nakamoto33: Int!
  nakamoto50: Int!
  nakamoto66: Int!
  hhi: Float!
  effectiveN: Float!
  theil: Float!
  entropy: Float!
  top1Share: Float!
  top5Share: Float!
  top10Share: Float!
  "top 10% share / bottom 40% share; null when the bottom 40% hold nothing"
  palma: Float`;

export const typeDefs = /* GraphQL */ `
"""Population over which concentration is measured."""
enum Scope {
${METRIC_SCOPES.map((s) => `  ${JSON.stringify(SCOPE_DESCRIPTIONS[s])}\n  ${s}`).join("\n")}
}

"""Indexing position."""
type Status {
  block: Int
  timestamp: Int
  "the current epoch while its window end has not passed"
  liveEpoch: Int
  lastClosedEpoch: Int
  lastFinalizedEpoch: Int
}

"""One epoch (two weeks). Amounts are decimal strings of base units (BR: 18 decimals)."""
type Epoch {
  id: Int!
  startTs: Int!
  endTs: Int!
  "snapshot moment: end of the voting window"
  windowEnd: Int!
  season: Int!
  "the chain passed the epoch end; the data never changes again"
  finalized: Boolean!
  "computed from the latest indexed state (window end not passed yet)"
  live: Boolean!
  eligiblePower: String!
  castPower: String!
  "castPower / eligiblePower"
  participation: Float!
  voters: Int!
  eligibleOwners: Int!
  lockedBr: String!
  circulatingSupply: String
}

type LorenzPoint {
  "cumulative population share"
  x: Float!
  "cumulative amount share"
  y: Float!
}

"""Concentration metrics of one population in one epoch. Shares are in [0, 1]."""
type Concentration {
  epoch: Int!
  scope: Scope!
  gauge: String
  finalized: Boolean!
  live: Boolean!
  "ADDRESS, or ENTITY when grouped by entity"
  by: ConcentrationBy!
${METRIC_FIELDS}
  "Lorenz curve downsampled to points (2 to ${MAX_LORENZ_POINTS}; default 101)"
  lorenz(points: Int = 101): [LorenzPoint!]!
}

type ConcentrationPoint {
  epoch: Int!
  season: Int!
  scope: Scope!
  gauge: String
  finalized: Boolean!
  live: Boolean!
${METRIC_FIELDS}
}

type SeasonJump {
  season: Int!
  firstEpoch: Int!
  lastEpoch: Int!
  "Gini change within the season"
  change: Float!
  "Gini at the season's first epoch minus Gini at the previous season's last epoch"
  jump: Float
}

type ConcentrationSeries {
  scope: Scope!
  gauge: String
  points: [ConcentrationPoint!]!
  seasons: [SeasonJump!]!
}

type DistributionRow {
  "1-based rank: amount descending, then owner ascending"
  rank: Int!
  owner: String!
  amount: String!
  share: Float!
}

type PageInfo {
  endCursor: String
  hasNextPage: Boolean!
}

type Distribution {
  epoch: Int!
  scope: Scope!
  gauge: String
  finalized: Boolean!
  live: Boolean!
  total: String!
  totalCount: Int!
  items: [DistributionRow!]!
  pageInfo: PageInfo!
}

type VoterWeight {
  voter: String!
  amount: String!
  share: Float!
}

type GaugeSteering {
  gauge: String!
  total: String!
  voters: Int!
  "share of this gauge's votes cast by its own top voters"
  topShare: Float!
  topVoter: String
  topVoterAmount: String!
  topVoterShare: Float!
}

type Capture {
  gauge: String!
  voter: String!
  share: Float!
  total: String!
}

type Participation {
  powerShare: Float!
  voterShare: Float!
  castPower: String!
  eligiblePower: String!
  voters: Int!
  eligibleOwners: Int!
}

type Persistence {
  k: Int!
  kUsed: Int!
  "share of cast power from voters who voted in each of the previous kUsed epochs"
  share: Float
  currentPower: String!
  persistentPower: String!
  currentVoters: Int!
  persistentVoters: Int!
}

type Influence {
  epoch: Int!
  finalized: Boolean!
  live: Boolean!
  top: Int!
  total: String!
  topShare: Float!
  topVoters: [VoterWeight!]!
  gauges: [GaugeSteering!]!
  "the gauge with the largest single-voter share"
  mostCaptured: Capture
  participation: Participation!
  persistence: Persistence!
}

type GaugeShare {
  epoch: Int!
  gauge: String!
  metadataURI: String
  active: Boolean
  "vault address when the gauge belongs to a vault"
  vault: String
  votes: String!
  share: Float!
  voters: Int!
}

type Season {
  number: Int!
  startTs: Int!
  startEpoch: Int!
  endTs: Int
}

type Release {
  ts: Int!
  amount: String!
}

type Allocation {
  name: String!
  address: String!
  beneficiary: String!
  start: Int!
  cliff: Int!
  duration: Int!
  tgeBps: Int!
  total: String!
  released: String!
  vested: String!
  percentUnlocked: Float!
  releases: [Release!]!
}

type UnlockPoint {
  ts: Int!
  "after the latest indexed block: projected from the vesting schedule"
  projected: Boolean!
  unlocked: String!
  locked: String!
  percentUnlocked: Float!
  circulatingSupply: String
}

type UpcomingUnlock {
  ts: Int!
  allocation: String!
  amount: String!
}

type UnlockSchedule {
  asOf: Int!
  totalAllocated: String!
  allocations: [Allocation!]!
  points: [UnlockPoint!]!
  upcoming: [UpcomingUnlock!]!
}

type Vault {
  address: String!
  name: String!
  asset: String!
  gauge: String!
  totalAssets: String!
  totalShares: String!
}

type VaultTvlPoint {
  epoch: Int!
  finalized: Boolean!
  tvl: String
  tvlAtEpochEnd: String
  deposits: String!
  withdrawals: String!
  gaugeVotes: String
  gaugeShare: Float
}

type StickinessEvent {
  epoch: Int!
  shareBefore: Float!
  shareAfter: Float!
  tvlAtDrop: String!
  tvlAfterLag: String!
  retained: Float!
}

type VaultTvl {
  vault: String!
  name: String!
  lag: Int!
  drop: Float!
  "mean TVL retained lag epochs after each drop of the gauge vote share; null when no drop"
  stickiness: Float
  events: [StickinessEvent!]!
  points: [VaultTvlPoint!]!
}

type Alert {
  id: String!
  rule: String!
  type: String!
  severity: String!
  epoch: Int!
  season: Int!
  ts: Int!
  subject: String!
  provisional: Boolean!
  title: String!
  message: String!
  value: Float!
  threshold: Float!
  "extra facts: addresses, amounts as decimal strings"
  details: [AlertDetail!]!
}

type AlertDetail {
  key: String!
  value: String!
}

type Query {
  status: Status!
  epochs(from: Int, to: Int): [Epoch!]!
  "by: ENTITY groups the population by entity (see entity(id))"
  concentration(epoch: Int!, scope: Scope!, gauge: String, by: ConcentrationBy = ADDRESS): Concentration!
  concentrationSeries(scope: Scope!, fromEpoch: Int, toEpoch: Int, gauge: String): ConcentrationSeries!
  "the per-owner amounts behind a metric, amount descending then owner"
  distribution(epoch: Int!, scope: Scope!, gauge: String, first: Int = 100, after: String): Distribution!
  influence(epoch: Int!, top: Int = 10, k: Int = 3): Influence!
  gauges(epoch: Int!): [GaugeShare!]!
  seasons: [Season!]!
  "vesting unlocks, past (indexed) and future (projected); timestamps in unix seconds"
  unlockSchedule(from: Int, to: Int, step: Int): UnlockSchedule!
  vaults: [Vault!]!
  vaultTvl(vault: String!, fromEpoch: Int, toEpoch: Int, lag: Int, drop: Float): VaultTvl!
  alerts(since: Int, first: Int = 50): [Alert!]!
}
`;

/** GraphQL passes absent arguments as missing and explicit nulls as null; zod wants undefined. */
function clean(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (v !== null) out[k] = v;
  return out;
}

const LorenzArgs = z.object({ points: ConcentrationArgs.shape.points });

/** What the `concentration` resolutions of one request concerned (for the response caches). */
export interface Finality {
  /** Finalized epochs, by address. */
  finalized: number;
  other: number;
  /** By entity (counted in `other` too): clustered at read time, kept by neither cache. */
  byEntity: number;
}

/** Root fields an answer may select to be kept by the response cache. */
const CACHEABLE_ROOT_FIELDS = new Set(["concentration", "__typename"]);

/**
 * Whether a GraphQL POST body holds one query operation selecting only
 * {@link CACHEABLE_ROOT_FIELDS} at its root (no fragments or directives there).
 */
export function selectsOnlyConcentration(body: string): boolean {
  try {
    const { query } = JSON.parse(body) as { query?: unknown };
    if (typeof query !== "string") return false;
    const document = parse(query);
    if (document.definitions.length !== 1) return false;
    const operation = document.definitions[0]!;
    if (operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== "query") return false;
    return operation.selectionSet.selections.every(
      (s) => s.kind === Kind.FIELD && CACHEABLE_ROOT_FIELDS.has(s.name.value) && !s.directives?.length,
    );
  } catch {
    return false;
  }
}

/** The executable schema over an analytics service. */
export function createAnalyticsSchema(analytics: Analytics) {
  return createSchema({
    typeDefs: [typeDefs, accountTypeDefs, entityTypeDefs],
    resolvers: {
      Query: {
        ...accountResolvers(analytics),
        ...entityQueryResolvers(analytics),
        status: () => analytics.status(),
        epochs: (_: unknown, args: Record<string, unknown>) => analytics.epochs(parseArgs(EpochsArgs, clean(args))),
        concentration: async (_: unknown, args: Record<string, unknown>, context: unknown) => {
          const view = await analytics.concentration(parseArgs(ConcentrationArgs, clean(args)));
          const finality = (context as { finality?: Finality }).finality;
          if (finality) {
            if (view.finalized && view.by !== "ENTITY") finality.finalized++;
            else finality.other++;
            if (view.by === "ENTITY") finality.byEntity++;
          }
          return view;
        },
        concentrationSeries: (_: unknown, args: Record<string, unknown>) =>
          analytics.concentrationSeries(parseArgs(ConcentrationSeriesArgs, clean(args))),
        distribution: (_: unknown, args: Record<string, unknown>) =>
          analytics.distribution(parseArgs(DistributionArgs, clean(args))),
        influence: (_: unknown, args: Record<string, unknown>) => analytics.influence(parseArgs(InfluenceArgs, clean(args))),
        gauges: (_: unknown, args: Record<string, unknown>) => analytics.gauges(parseArgs(GaugesArgs, clean(args))),
        seasons: () => analytics.seasons(),
        unlockSchedule: (_: unknown, args: Record<string, unknown>) =>
          analytics.unlockSchedule(parseArgs(UnlockScheduleArgs, clean(args))),
        vaults: () => analytics.vaults(),
        vaultTvl: (_: unknown, args: Record<string, unknown>) => analytics.vaultTvl(parseArgs(VaultTvlArgs, clean(args))),
        alerts: async (_: unknown, args: Record<string, unknown>) =>
          (await analytics.alerts(parseArgs(AlertsArgs, clean(args)))).map((a) => ({
            ...a,
            details: Object.entries(a.details).map(([key, value]) => ({ key, value: String(value) })),
          })),
      },
      Concentration: {
        by: (parent: { by?: string }) => parent.by ?? "ADDRESS",
        lorenz: async (parent: { epoch: number; scope: never; gauge: string | null; by?: string; lorenz?: unknown }, args: Record<string, unknown>) => {
          const { points } = parseArgs(LorenzArgs, clean(args));
          if (parent.by === "ENTITY") {
            const view = await analytics.concentration({ epoch: parent.epoch, scope: parent.scope, ...(parent.gauge ? { gauge: parent.gauge } : {}), by: "ENTITY", points: points ?? 101 });
            return view.lorenz;
          }
          return analytics.lorenz({ epoch: parent.epoch, scope: parent.scope, gauge: parent.gauge, points });
        },
      },
      ...entityFieldResolvers(analytics),
    },
  });
}

/**
 * Turns thrown errors into GraphQL errors: API errors keep their message and code, GraphQL's own
 * errors pass, anything else is masked (logged, no stack to the client). Errors are recognised
 * by shape, not `instanceof`: graphql is a dual CJS/ESM package and may load twice.
 */
export function maskError(error: unknown, message: string): Error {
  const graphqlLike = error instanceof Error && error.name === "GraphQLError";
  const original = graphqlLike ? ((error as Error & { originalError?: unknown }).originalError ?? undefined) : error;
  if (original instanceof ApiError) {
    const e = error as { nodes?: never; path?: readonly (string | number)[] };
    return createGraphQLError(original.message, {
      nodes: graphqlLike ? e.nodes : undefined,
      path: graphqlLike ? e.path : undefined,
      extensions: {
        code: original.code,
        ...(original.parameter ? { parameter: original.parameter } : {}),
        http: { status: original.status },
      },
    });
  }
  if (graphqlLike && original === undefined) return asClientError(error as Error);
  if (graphqlLike && isVariableError(error as Error & { path?: unknown }, original)) {
    // a variable that does not coerce to its declared type: graphql's message names both
    return createGraphQLError((error as Error).message, {
      nodes: (error as { nodes?: never }).nodes,
      extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
    });
  }
  console.error("[api] graphql resolver failed:", original);
  return createGraphQLError(message, { extensions: { code: "INTERNAL_SERVER_ERROR" } });
}

/**
 * graphql's own errors (syntax, validation, limits, a missing query) are the client's fault:
 * answered with their 4xx status (400 unless one is set) in every content type. yoga marks
 * some `http.spec`, which it ignores when the client accepts `application/json` (answering
 * 200), so the marker is dropped.
 */
function asClientError(error: Error): Error {
  const e = error as Error & { extensions?: Record<string, unknown> };
  if (!e.extensions || typeof e.extensions !== "object") return error;
  const http = (e.extensions.http ?? {}) as { status?: number; headers?: Record<string, string>; spec?: boolean };
  const status = typeof http.status === "number" && http.status >= 400 && http.status < 500 ? http.status : 400;
  e.extensions.http = { status, ...(http.headers ? { headers: http.headers } : {}) };
  return error;
}

/**
 * A variable coercion error: graphql wraps the scalar's own GraphQLError in one that names the
 * variable, before execution (so without a path). Errors raised while serialising a resolver's
 * result also wrap a GraphQLError but carry a path: those are server faults.
 */
function isVariableError(error: Error & { path?: unknown }, original: unknown): boolean {
  const wrapsGraphql = original instanceof Error && original.name === "GraphQLError";
  return error.path === undefined && (wrapsGraphql || error.message.startsWith('Variable "$'));
}

/** Envelop plugin: token limit at parse time and the depth/alias/cost rules at validation. */
export function limitsPlugin(limits: QueryLimits = DEFAULT_LIMITS, maxTokens = MAX_TOKENS): Plugin {
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parse(source, { ...options, maxTokens });
        } catch (error) {
          // re-created with yoga's graphql instance so it is answered as a request error (400)
          const e = error as Error & { locations?: readonly { line: number; column: number }[] };
          throw createGraphQLError(e.message, {
            extensions: { code: "GRAPHQL_PARSE_FAILED", http: { status: 400 } },
          });
        }
      });
    },
    onValidate({ addValidationRule, context }) {
      const variables = () => ((context as { params?: { variables?: Record<string, unknown> } }).params?.variables ?? {});
      for (const rule of limitRules(limits, variables)) addValidationRule(rule);
      // validation errors skip maskError; `spec: false` also survives yoga's own hook, which
      // only sets `spec` when it is absent
      return ({ valid, result }) => {
        if (valid) return;
        for (const error of result) {
          const e = error as { extensions?: Record<string, unknown> };
          if (!e.extensions || typeof e.extensions !== "object") continue;
          const http = (e.extensions.http ?? {}) as { status?: number };
          e.extensions.http = { status: typeof http.status === "number" && http.status >= 400 && http.status < 500 ? http.status : 400, spec: false };
        }
      };
    },
  };
}

/** Largest refused body read to its end so the 413 reaches the client (beyond it the connection is cut). */
const DRAIN_LIMIT_BYTES = 32 << 20;

/** Reads and discards `body` until its end or `limit` bytes; never throws. */
async function drain(body: ReadableStream<Uint8Array> | null, limit: number): Promise<void> {
  if (!body) return;
  let read = 0;
  try {
    const reader = body.getReader(); // throws when bodyLimit already reads it (a chunked body)
    while (read < limit) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // the client went away: nothing to answer
  }
}

/** Hono sub-app serving the analytics schema on `path` (POST queries, GET GraphiQL). */
export function createGraphqlApp(
  analytics: Analytics,
  options: { path?: string; limits?: QueryLimits; responses?: ResponseCache; live?: LiveResponses } = {},
) {
  const path = options.path ?? "/graphql";
  const { responses, live } = options;
  /** Per-request finality counters, found by the request object yoga hands to `context`. */
  const finalityOf = new WeakMap<Request, Finality>();
  const yoga = createYoga({
    schema: createAnalyticsSchema(analytics),
    graphqlEndpoint: path,
    maskedErrors: { maskError },
    plugins: [
      limitsPlugin(options.limits),
      { onContextBuilding: ({ context, extendContext }) => extendContext({ finality: finalityOf.get(context.request) } as never) } satisfies Plugin,
    ],
    graphiql: { title: "ve-lens analytics", defaultQuery: DEFAULT_QUERY },
    renderGraphiQL: renderLocalGraphiQL, // assets from this server, not a CDN
    landingPage: false,
    batching: false,
    logging: false,
  });
  const app = new Hono();
  app.use(
    path,
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: async (c) => {
        const e = new PayloadTooLargeError(MAX_BODY_BYTES);
        // Read and drop the rest of the body (up to a cap) before answering: a socket closed with
        // unread data sends a TCP reset, which can destroy the 413 before the client reads it.
        await drain(c.req.raw.body, DRAIN_LIMIT_BYTES);
        return c.json({ errors: [{ message: e.message, extensions: { code: e.code } }] }, 413, { Connection: "close" });
      },
    }),
  );
  app.on(["GET", "POST", "OPTIONS"], path, async (c) => {
    if (c.req.method === "GET") {
      // yoga parses these with JSON.parse and lets a failure through as an internal error
      for (const name of ["variables", "extensions"]) {
        const raw = c.req.query(name);
        if (raw === undefined || raw === "") continue;
        try {
          JSON.parse(raw);
        } catch {
          const message = `invalid ${name}: not valid JSON`;
          return c.json({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] }, 400);
        }
      }
    }
    let res: Response;
    if ((responses !== undefined || live !== undefined) && c.req.method === "POST") {
      const body = await c.req.text();
      const key = graphqlKey(c.req.url, c.req.header("accept"), body);
      const hit = responses?.get(key);
      if (hit) return sendCached(c, hit);
      const generation = responses?.generation ?? null;
      const concentrationOnly = selectsOnlyConcentration(body);
      let ticket: LiveTicket | undefined;
      if (live !== undefined && concentrationOnly) {
        const claim = await live.claim(key);
        if ("hit" in claim) return sendCached(c, claim.hit);
        ticket = claim.ticket;
      }
      try {
        const finality: Finality = { finalized: 0, other: 0, byEntity: 0 };
        const request = new Request(c.req.raw.url, { method: "POST", headers: c.req.raw.headers, body });
        finalityOf.set(request, finality);
        res = await yoga.fetch(request);
        if (res.status === 200 && concentrationOnly && finality.finalized + finality.other > 0) {
          const answer = await res.text();
          const errors = (JSON.parse(answer) as { errors?: unknown }).errors;
          const contentType = res.headers.get("content-type") ?? "application/json; charset=utf-8";
          const keep = errors === undefined && finality.byEntity === 0;
          const immutable = keep && finality.other === 0;
          const stored =
            immutable && responses ? responses.put(generation, key, { body: answer, contentType, headers: { "Cache-Control": IMMUTABLE } }) : undefined;
          if (stored) return sendCached(c, stored);
          const kept = await ticket?.finish(keep && !immutable ? { body: answer, contentType, headers: { "Cache-Control": NO_CACHE } } : null);
          if (kept) return sendCached(c, kept);
          return c.body(answer, 200, { "Content-Type": contentType });
        }
      } finally {
        void ticket?.finish(null); // no-op once finished
      }
    } else {
      res = await yoga.fetch(c.req.raw);
    }
    if (res.status !== 415) return res;
    // yoga refuses a body it cannot parse with an empty 415: say what to send instead
    const type = c.req.header("content-type") ?? "";
    const message = `unsupported content type ${type ? JSON.stringify(type) : "(none)"}; send application/json`;
    return c.json({ errors: [{ message, extensions: { code: "UNSUPPORTED_MEDIA_TYPE" } }] }, 415);
  });
  return app;
}

const DEFAULT_QUERY = /* GraphQL */ `# ve-lens analytics. Amounts are decimal strings of base units; shares are in [0, 1].
query Overview {
  status { block liveEpoch lastFinalizedEpoch }
  epochs { id season finalized castPower participation voters }
  seasons { number startEpoch }
}
`;
