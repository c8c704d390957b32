/**
 * Bounds `/ponder/graphql` reads of the per-epoch views (`epochLockPowers`, `epochVotes`,
 * `epochHoldings`). Their rows are computed when read, for every epoch the query does not
 * exclude, and Ponder's `limit` bounds only what is returned: `epochLockPowers(orderBy: "owner")`
 * evaluates the curve for every lock of every epoch before it sorts. A query must filter each of
 * these fields to at most {@link MAX_VIEW_EPOCHS} epochs in its `where` (`epoch: 1453` or
 * `epoch_in: [...]`, literal or variable); otherwise it gets 400 with a GraphQL error whose code is
 * `VIEW_EPOCH`. Everything else passes to Ponder's middleware untouched (the body is read from a
 * clone).
 *
 * @example
 * app.use("/ponder/graphql", viewEpochFilter(new Set(["epochLockPowers"])));
 * // { epochLockPowers(limit: 10) { items { power } } }  -> 400 VIEW_EPOCH
 * // { epochLockPowers(where: { epoch: 1453 }, limit: 10) { items { power } } } -> Ponder
 */
import { type ArgumentNode, Kind, type ValueNode, parse, visit } from "graphql";
import type { MiddlewareHandler } from "hono";
import { MAX_VIEW_EPOCHS } from "./sqlGate";

type Variables = Record<string, unknown>;

/** The value a literal or variable stands for (`undefined` when unknown). */
function valueOf(node: ValueNode, variables: Variables): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.INT:
    case Kind.FLOAT:
    case Kind.STRING:
      return node.value;
    case Kind.LIST:
      return node.values.map((v) => valueOf(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, valueOf(f.value, variables)]));
    default:
      return null; // null, booleans, enums: no epoch
  }
}

const isEpoch = (v: unknown) => (typeof v === "number" && Number.isInteger(v)) || (typeof v === "string" && /^-?\d+$/.test(v));

/** Why a view field's `where` argument does not bound it to a few epochs, or undefined. */
export function viewFieldProblem(where: ArgumentNode | undefined, variables: Variables): string | undefined {
  const filter = where ? valueOf(where.value, variables) : undefined;
  if (filter === null || typeof filter !== "object" || Array.isArray(filter)) return "it has no where filter";
  const { epoch, epoch_in: epochIn } = filter as Record<string, unknown>;
  if (isEpoch(epoch)) return undefined;
  if (Array.isArray(epochIn) && epochIn.length > 0 && epochIn.length <= MAX_VIEW_EPOCHS && epochIn.every(isEpoch)) return undefined;
  if (Array.isArray(epochIn) && epochIn.length > MAX_VIEW_EPOCHS) return `epoch_in lists ${epochIn.length} epochs`;
  return "its where filter does not name the epoch";
}

/** The first view field of `query` that is not filtered to a few epochs, with the reason. */
export function unboundedViewRead(query: string, variables: Variables, fields: ReadonlySet<string>): { field: string; problem: string } | undefined {
  let found: { field: string; problem: string } | undefined;
  visit(parse(query), {
    Field(node) {
      if (found || !fields.has(node.name.value)) return;
      const problem = viewFieldProblem(node.arguments?.find((a) => a.name.value === "where"), variables);
      if (problem) found = { field: node.name.value, problem };
    },
  });
  return found;
}

/** The `/ponder/graphql` middleware: refuses a read of a view field over every epoch. */
export function viewEpochFilter(fields: ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "POST") return next();
    let body: { query?: unknown; variables?: unknown };
    try {
      body = JSON.parse(await c.req.raw.clone().text()) as typeof body;
    } catch {
      return next(); // Ponder's GraphQL server names what is wrong with the body
    }
    if (!body || typeof body.query !== "string") return next();
    const variables = body.variables && typeof body.variables === "object" ? (body.variables as Variables) : {};
    let unbounded: ReturnType<typeof unboundedViewRead>;
    try {
      unbounded = unboundedViewRead(body.query, variables, fields);
    } catch {
      return next(); // a syntax error: Ponder's server answers it
    }
    if (!unbounded) return next();
    const message = `${unbounded.field} is computed per epoch when read and ${unbounded.problem}: filter it to at most ${MAX_VIEW_EPOCHS} epochs (where: { epoch: 1453 } or where: { epoch_in: [1452, 1453] })`;
    return c.json({ errors: [{ message, extensions: { code: "VIEW_EPOCH", field: unbounded.field } }] }, 400, { "Cache-Control": "no-store" });
  };
}
