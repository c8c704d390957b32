/**
 * Expensive but well-formed requests: SQL cross joins, huge sorts, deep CTEs, regular-expression
 * and series bombs over `/sql`, maximal `first` / `points` / alias combinations in GraphQL, and
 * the costliest REST parameter combinations. Each must be answered within its budget, either
 * refused with a clear 4xx naming the limit or with a bounded result, and none may keep the
 * server from answering `/ready`.
 *
 * `load` marks the costliest requests the budgets still allow (the load test sends those).
 *
 * @example
 * const corpus = expensiveRequests({ epoch: 1452, gauge: "0x..", vault: "0x.." });
 * corpus.length; // >= 50
 */
import superjson from "superjson";
import type { CorpusFacts, HostileRequest } from "./hostileRequests";

export interface ExpensiveRequest extends HostileRequest {
  /** What a correct server does: refuse it (4xx), or answer it (200) within the budget. */
  expect: "refused" | "answered" | "either";
  /** Among the most expensive requests that are still allowed. */
  load?: boolean;
}

const JSON_HEADERS = { "content-type": "application/json", accept: "application/json" };

/** The `/sql/db` request `@ponder/client` sends for `sql`. */
export function sqlRequest(name: string, sql: string, expect: ExpensiveRequest["expect"], params: unknown[] = [], load = false): ExpensiveRequest {
  return {
    name: `sql: ${name}`,
    group: "sql-cost",
    method: "GET",
    path: `/sql/db?sql=${encodeURIComponent(superjson.stringify({ sql, params, typings: [] }))}`,
    expect,
    ...(load ? { load } : {}),
  };
}

function gql(name: string, query: string, expect: ExpensiveRequest["expect"], load = false): ExpensiveRequest {
  return { name: `graphql: ${name}`, group: "graphql-cost", method: "POST", path: "/graphql", headers: JSON_HEADERS, body: JSON.stringify({ query }), expect, ...(load ? { load } : {}) };
}

function ponderGql(name: string, query: string, expect: ExpensiveRequest["expect"], load = false): ExpensiveRequest {
  return { name: `ponder graphql: ${name}`, group: "graphql-cost", method: "POST", path: "/ponder/graphql", headers: JSON_HEADERS, body: JSON.stringify({ query }), expect, ...(load ? { load } : {}) };
}

function rest(name: string, path: string, expect: ExpensiveRequest["expect"], load = false): ExpensiveRequest {
  return { name: `rest: ${name}`, group: "rest-cost", method: "GET", path, expect, ...(load ? { load } : {}) };
}

export function expensiveRequests(facts: CorpusFacts): ExpensiveRequest[] {
  const { epoch, gauge, vault } = facts;
  const out: ExpensiveRequest[] = [];

  // ---------------------------------------------------------------- SQL: cross joins
  out.push(sqlRequest("3-way cross join (comma)", "select count(*) from account a, account b, account c", "refused"));
  out.push(sqlRequest("2-way cross join (comma)", "select count(*) from account a, lock b", "refused"));
  out.push(sqlRequest("CROSS JOIN keyword", "select count(*) from account a cross join account b", "refused"));
  out.push(sqlRequest("join on true", "select count(*) from account a join account b on true", "refused"));
  out.push(sqlRequest("join on a tautology", "select count(*) from account a join account b on 1 = 1 join account c on 2 = 2", "refused"));
  out.push(sqlRequest("comma join with a useless WHERE", "select count(*) from account a, account b, account c where a.address is not null", "either"));
  out.push(sqlRequest("non-equi self join", "select count(*) from account a join account b on a.address < b.address join account c on b.address < c.address", "either"));
  out.push(sqlRequest("cross join inside a CTE", "with x as (select a.address from account a, account b) select count(*) from x", "refused"));
  out.push(sqlRequest("cross join inside a subselect", "select count(*) from (select a.address from account a, account b) s", "refused"));
  out.push(sqlRequest("cross join with LIMIT", "select a.address, b.address from account a cross join lock b limit 5", "refused"));
  out.push(sqlRequest("natural join of unrelated rows", "select count(*) from epoch_lock_power natural join epoch_lock_power e2, account", "refused"));
  out.push(sqlRequest("non-equi 3-way self join over the planner's budget", "select count(*) from br_transfer a join br_transfer b on a.block_number < b.block_number join br_transfer c on b.block_number < c.block_number", "refused"));
  out.push(sqlRequest("window over a cross join", "select count(*) over () from account a, account b limit 1", "refused"));

  // ---------------------------------------------------------------- SQL: sorts and sizes
  out.push(sqlRequest("sort of a self join on a low-cardinality key", "select a.address from account a join account b on a.label = b.label order by a.address, b.address", "either"));
  out.push(sqlRequest("every row of the biggest view, sorted by text", "select * from epoch_lock_power order by owner, power desc", "refused"));
  out.push(sqlRequest("one epoch of the biggest view, sorted by text", `select * from epoch_lock_power where epoch = ${epoch} order by owner, power desc`, "either", [], true));
  out.push(sqlRequest("ten thousand rows of a view over every epoch, sorted", "select * from epoch_lock_power order by power desc limit 10000", "refused"));
  out.push(sqlRequest("ten thousand rows of eight epochs, sorted", `select * from epoch_lock_power where epoch in (${Array.from({ length: 8 }, (_, i) => epoch - i).join(", ")}) order by power desc limit 10000`, "either", [], true));
  out.push(sqlRequest("group by over a join", "select l.owner, count(*) from lock l join account a on a.address = l.owner group by l.owner order by 2 desc", "answered", [], true));
  out.push(sqlRequest("window functions over a view", `select owner, rank() over (order by power desc), lag(power) over (partition by epoch order by power) from epoch_lock_power where epoch = ${epoch} limit 1000`, "either", [], true));
  out.push(sqlRequest("json_agg of a table", "select json_agg(l) from lock l", "either", [], true));
  out.push(sqlRequest("distinct over concat", `select distinct concat(owner, epoch) from epoch_lock_power where epoch in (${epoch - 1}, ${epoch}) limit 5000`, "either", [], true));
  out.push(sqlRequest("a view filtered on another column only", "select count(*) from epoch_vote where amount > 0", "refused"));
  out.push(sqlRequest("LIMIT as a bound parameter", "select * from account order by address limit $1", "either", [100000]));
  out.push(sqlRequest("offset beyond the end", "select * from account order by address limit 10 offset 1000000000", "answered"));

  // ---------------------------------------------------------------- SQL: CTEs and recursion
  out.push(sqlRequest("recursive CTE counting to a billion", "with recursive t(n) as (select 1 union all select n + 1 from t where n < 1000000000) select count(*) from t", "refused"));
  out.push(sqlRequest("recursive CTE without a stop", "with recursive t(n) as (select 1 union all select n + 1 from t) select count(*) from t", "refused"));
  out.push(sqlRequest("recursive CTE over a table", "with recursive t as (select address from account union select a.address from account a join t on true) select count(*) from t", "refused"));
  const deep = Array.from({ length: 30 }, (_, i) => `c${i + 1} as (select * from c${i})`).join(", ");
  out.push(sqlRequest("30 chained CTEs", `with c0 as (select * from account), ${deep} select count(*) from c30`, "either"));
  const joins = Array.from({ length: 8 }, (_, i) => `c${i} as (select address from account)`).join(", ");
  out.push(sqlRequest("8 CTEs joined without condition", `with ${joins} select count(*) from c0, c1, c2, c3, c4, c5, c6, c7`, "refused"));
  out.push(sqlRequest("UNION of many scans", Array.from({ length: 20 }, () => "select address from account").join(" union all "), "either"));

  // ---------------------------------------------------------------- SQL: regular expressions
  out.push(sqlRequest("nested quantifier regex", "select count(*) from account where address ~ '^(a+)+$'", "refused"));
  out.push(sqlRequest("back-reference regex", "select count(*) from account where address ~ '(0x)(.*)\\2\\2\\2'", "refused"));
  out.push(sqlRequest("counted repetition regex", "select count(*) from account where address ~ '((a|b){1,100}){1,100}'", "refused"));
  out.push(sqlRequest("very long regex", `select count(*) from account where address ~ '${"(a|b)".repeat(60)}'`, "refused"));
  out.push(sqlRequest("regex from a column", "select count(*) from account a join account b on a.address ~ b.address", "refused"));
  out.push(sqlRequest("regex as a parameter", "select count(*) from account where address ~* $1", "refused", ["(x+x+)+y"]));
  out.push(sqlRequest("case-insensitive nested regex", "select count(*) from lock where owner !~* '(.*a){12}'", "refused"));
  out.push(sqlRequest("lookahead regex", "select count(*) from account where address ~ '(?=a)a'", "refused"));
  out.push(sqlRequest("SIMILAR TO bomb", "select count(*) from account where address similar to '(a|aa)*b'", "refused"));
  out.push(sqlRequest("simple regex (allowed)", "select count(*) from account where address ~ '^0x00'", "answered", [], true));

  // ---------------------------------------------------------------- SQL: series and other bombs
  out.push(sqlRequest("generate_series in FROM", "select count(*) from generate_series(1, 1000000000)", "refused"));
  out.push(sqlRequest("generate_series in the select list", "select generate_series(1, 1000000000)", "refused"));
  out.push(sqlRequest("repeat() string bomb", "select length(repeat('x', 1000000000))", "refused"));
  out.push(sqlRequest("pg_sleep", "select pg_sleep(60)", "refused"));
  out.push(sqlRequest("replace() amplification over a cross join", "select length(replace(a.address, '0', b.address)) from account a, account b", "refused"));
  out.push(sqlRequest("schema-qualified table", "select count(*) from public.account", "refused"));
  out.push(sqlRequest("temp table by its schema", "select count(*) from pg_temp.account", "refused"));
  out.push(sqlRequest("SELECT FOR UPDATE", "select * from account for update", "refused"));
  out.push(sqlRequest("set_config", "select set_config('search_path', 'public', true)", "refused"));
  out.push(sqlRequest("subquery in WHERE", "select count(*) from account where address in (select owner from lock)", "refused"));

  // ---------------------------------------------------------------- GraphQL: maximal allowed sizes
  out.push(gql("distribution first 1000", `{ distribution(epoch: ${epoch}, scope: ELIGIBLE_POWER, first: 1000) { items { owner amount share rank } pageInfo { hasNextPage endCursor } } }`, "answered", true));
  out.push(gql("two distributions of 1000", `{ a: distribution(epoch: ${epoch}, scope: CAST_VOTES, first: 1000) { items { owner amount } } b: distribution(epoch: ${epoch}, scope: LOCKED_BR, first: 1000) { items { owner amount } } }`, "either", true));
  out.push(gql("15 aliases of distribution 1000", `{ ${Array.from({ length: 15 }, (_, i) => `d${i}: distribution(epoch: ${epoch}, scope: CAST_VOTES, first: 1000) { items { owner amount } }`).join(" ")} }`, "refused"));
  out.push(gql("lorenz 1001 points on every scope", `{ ${["CAST_VOTES", "ELIGIBLE_POWER", "LOCKED_BR", "BR_HOLDINGS"].map((s, i) => `c${i}: concentration(epoch: ${epoch}, scope: ${s}) { gini lorenz(points: 1001) { x y } }`).join(" ")} }`, "either", true));
  out.push(gql("influence top 1000 over many epochs", `{ influence(epoch: ${epoch}, top: 1000, k: 52) { topVoters { voter } } }`, "either", true));
  out.push(gql("every series of every scope", `{ ${["CAST_VOTES", "ELIGIBLE_POWER", "LOCKED_BR", "BR_HOLDINGS"].map((s, i) => `s${i}: concentrationSeries(scope: ${s}) { points { epoch gini nakamoto50 } }`).join(" ")} }`, "either", true));
  out.push(gql("alerts first 1000", "{ alerts(first: 1000) { id } }", "either", true));
  out.push(gql("unlock schedule at one hour steps", "{ unlockSchedule(step: 3600) { points { ts } } }", "either"));
  out.push(gql("every epoch with uplift", `{ epochs { id } uplift(epoch: ${epoch}, scope: CAST_VOTES) { address { n } entity { n } } }`, "either", true));

  // ---------------------------------------------------------------- Ponder's GraphQL over the per-epoch views
  out.push(ponderGql("a view over every epoch, sorted by text", '{ epochLockPowers(orderBy: "owner", limit: 1000) { items { owner power } } }', "refused"));
  out.push(ponderGql("a view's row count over every epoch", "{ epochVotes { totalCount } }", "refused"));
  out.push(ponderGql("one epoch of a view, sorted by text", `{ epochLockPowers(where: { epoch: ${epoch} }, orderBy: "owner", limit: 1000) { items { owner power } } }`, "answered", true));

  // ---------------------------------------------------------------- REST: costliest combinations
  const v1 = "/api/v1";
  out.push(rest("distribution first 1000 as CSV", `${v1}/distribution?epoch=${epoch}&scope=ELIGIBLE_POWER&first=1000&format=csv`, "answered", true));
  out.push(rest("distribution of a gauge, first 1000", `${v1}/distribution?epoch=${epoch}&scope=GAUGE_VOTERS&gauge=${gauge}&first=1000`, "either", true));
  out.push(rest("series of every epoch as CSV", `${v1}/concentration/series?scope=ELIGIBLE_POWER&format=csv`, "answered", true));
  out.push(rest("series over an absurd epoch range", `${v1}/concentration/series?scope=CAST_VOTES&fromEpoch=0&toEpoch=10000`, "either"));
  out.push(rest("influence top 100 over 52 epochs", `${v1}/influence?epoch=${epoch}&top=100&k=52`, "either", true));
  out.push(rest("concentration with 1001 points", `${v1}/concentration?epoch=${epoch}&scope=BR_HOLDINGS&points=1001`, "answered", true));
  out.push(rest("unlocks at the smallest step", `${v1}/unlocks?step=1`, "either"));
  out.push(rest("unlocks over a century", `${v1}/unlocks?from=0&to=4102444800&step=3600`, "either"));
  out.push(rest("vault TVL as CSV", `${v1}/vaults/${vault}/tvl?format=csv`, "either", true));
  out.push(rest("alerts CSV", `${v1}/alerts?format=csv`, "either", true));
  out.push(rest("export of the whole lock-power table as parquet", `${v1}/export/epochLockPower?format=parquet`, "either", true));
  out.push(rest("export over every epoch as CSV", `${v1}/export/epochLockPower?format=csv&fromEpoch=0&toEpoch=100000`, "either"));
  out.push(rest("entities", `${v1}/entities`, "either", true));
  out.push(rest("uplift", `${v1}/concentration/uplift?epoch=${epoch}&scope=ELIGIBLE_POWER`, "either", true));
  return out;
}
