/**
 * A corpus of malformed and hostile HTTP requests against the ve-lens API: invalid GraphQL,
 * depth / alias / fragment bombs, huge page sizes, wrong types, bad addresses, oversized
 * bodies, bad CSV parameters and bad paths. Each one must be answered with a 4xx and a clear
 * message, and must not take the server down.
 *
 * Generated in code (deterministic), from a few facts of the indexed chain: a finalized epoch,
 * a gauge and a vault, so that every request is wrong for exactly the reason it names.
 *
 * @example
 * const corpus = hostileRequests({ epoch: 1452, gauge: "0x..", vault: "0x.." });
 * corpus.length; // > 200
 */

export interface HostileRequest {
  /** Unique, says what is wrong. */
  name: string;
  /** `graphql`, `rest`, `csv`, `path`, `http`, `sql`. */
  group: string;
  method: string;
  /** Raw request target, sent as is (no normalisation of `..` or `%2e`). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface CorpusFacts {
  /** A finalized epoch that has data. */
  epoch: number;
  /** An existing gauge address. */
  gauge: string;
  /** An existing vault address. */
  vault: string;
}

const JSON_HEADERS = { "content-type": "application/json", accept: "application/json" };

function gql(name: string, query: unknown, variables?: unknown, extra: Record<string, unknown> = {}): HostileRequest {
  return {
    name: `graphql: ${name}`,
    group: "graphql",
    method: "POST",
    path: "/graphql",
    headers: JSON_HEADERS,
    body: JSON.stringify({ query, ...(variables === undefined ? {} : { variables }), ...extra }),
  };
}

function rest(name: string, path: string, group = "rest"): HostileRequest {
  return { name: `${group}: ${name}`, group, method: "GET", path };
}

/** Addresses that are not 20-byte hex addresses. */
export const BAD_ADDRESSES = [
  "",
  "0x",
  "0x123",
  "0xZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ",
  "f39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb922661",
  "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb9226",
  "0x" + "00".repeat(32),
  "vitalik.eth",
  "0x%00f39Fd6e51aad88F6F4ce6aB8827279cffFb9226",
  "0x٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠",
  "' OR 1=1 --",
];

/** Values that are not valid epoch numbers. */
const BAD_EPOCHS = ["-1", "abc", "1.5", "1e400", "10001", "99999999999999999999", "NaN", "Infinity", "0x5a0", "", " ", "[]", "null"];

export function hostileRequests(facts: CorpusFacts): HostileRequest[] {
  const { epoch, gauge, vault } = facts;
  const out: HostileRequest[] = [];
  const conc = (args: string) => `{ concentration(${args}) { gini n } }`;

  // ---------------------------------------------------------------- GraphQL: syntax
  const syntax: [string, unknown][] = [
    ["empty document", ""],
    ["only whitespace", "   \n\t "],
    ["only a comment", "# nothing here"],
    ["open brace", "{"],
    ["close brace", "}"],
    ["unclosed selection", "{ status { block }"],
    ["unclosed argument list", `{ concentration(epoch: ${epoch}, scope: CAST_VOTES { gini } }`],
    ["missing argument value", "{ concentration(epoch: , scope: CAST_VOTES) { gini } }"],
    ["unterminated string", '{ concentration(epoch: 1, scope: CAST_VOTES, gauge: "0xabc) { gini } }'],
    ["invalid character", "{ status { block } } ☃"],
    ["bare word", "hello"],
    ["SQL instead of GraphQL", "SELECT * FROM epoch_metric"],
    ["JSON instead of GraphQL", '{"query": "{ status { block } }"}'],
    ["query keyword only", "query"],
    ["mutation without body", "mutation"],
    ["bad variable definition", "query Q($e: ) { status { block } }"],
    ["double dollar variable", "query Q($$e: Int) { status { block } }"],
    ["fragment without type condition", "fragment F { block } { status { ...F } }"],
    ["spread of nothing", "{ status { ... } }"],
    ["numeric field name", "{ 123 }"],
    ["null byte", "{ status\u0000 { block } }"],
    ["query is a number", 42],
    ["query is an object", { status: true }],
    ["query is an array", ["{ status { block } }"]],
    ["query is null", null],
  ];
  for (const [n, q] of syntax) out.push(gql(n, q));

  // ---------------------------------------------------------------- GraphQL: validation
  const validation: [string, string, unknown?][] = [
    ["unknown root field", "{ nope }"],
    ["unknown field on a type", "{ status { nope } }"],
    ["unknown argument", `{ concentration(epoch: ${epoch}, scope: CAST_VOTES, colour: 1) { gini } }`],
    ["missing required arguments", "{ concentration { gini } }"],
    ["missing scope", `{ concentration(epoch: ${epoch}) { gini } }`],
    ["missing selection on an object", "{ status }"],
    ["selection on a scalar", "{ status { block { number } } }"],
    ["epoch as a string literal", conc(`epoch: "${epoch}", scope: CAST_VOTES`)],
    ["epoch as a float literal", conc("epoch: 1.5, scope: CAST_VOTES")],
    ["epoch beyond 32-bit Int", conc("epoch: 99999999999, scope: CAST_VOTES")],
    ["epoch as a list", conc(`epoch: [${epoch}], scope: CAST_VOTES`)],
    ["scope as a string", conc(`epoch: ${epoch}, scope: "CAST_VOTES"`)],
    ["unknown scope enum value", conc(`epoch: ${epoch}, scope: EVERYONE`)],
    ["lower-case scope", conc(`epoch: ${epoch}, scope: cast_votes`)],
    ["gauge as a number", conc(`epoch: ${epoch}, scope: GAUGE_VOTERS, gauge: 12345`)],
    ["undeclared variable", "{ concentration(epoch: $e, scope: CAST_VOTES) { gini } }"],
    ["unused variable", "query Q($e: Int) { status { block } }"],
    ["variable of an unknown type", "query Q($e: Epoch) { status { block } }"],
    ["variable type mismatch", "query Q($e: String) { concentration(epoch: $e, scope: CAST_VOTES) { gini } }", { e: "1" }],
    ["fragment on an unknown type", "fragment F on Nope { x } { status { ...F } }"],
    ["unknown fragment", "{ status { ...Missing } }"],
    ["fragment cycle", "fragment A on Status { ...B } fragment B on Status { ...A } { status { ...A } }"],
    ["unused fragment", "fragment A on Status { block } { status { block } }"],
    ["two anonymous operations", "{ status { block } } { status { timestamp } }"],
    ["duplicate operation names", "query A { status { block } } query A { status { timestamp } }"],
    ["mutation on a read-only schema", "mutation { setEpoch(epoch: 1) }"],
    ["subscription on a read-only schema", "subscription { status { block } }"],
    ["unknown directive", "{ status @cache(ttl: 1) { block } }"],
    ["directive with a missing argument", "{ status @include { block } }"],
    ["conflicting aliases", `{ a: status { block } a: epochs { id } }`],
  ];
  for (const [n, q, v] of validation) out.push(gql(n, q, v));

  // ---------------------------------------------------------------- GraphQL: argument values
  const args: [string, string][] = [
    ["negative epoch", conc("epoch: -1, scope: CAST_VOTES")],
    ["epoch past the maximum", conc("epoch: 10001, scope: CAST_VOTES")],
    ["epoch not indexed", conc("epoch: 5, scope: CAST_VOTES")],
    ["GAUGE_VOTERS without a gauge", conc(`epoch: ${epoch}, scope: GAUGE_VOTERS`)],
    ["lorenz with one point", `{ concentration(epoch: ${epoch}, scope: CAST_VOTES) { lorenz(points: 1) { x y } } }`],
    ["lorenz with a million points", `{ concentration(epoch: ${epoch}, scope: CAST_VOTES) { lorenz(points: 1000000) { x y } } }`],
    ["distribution first 0", `{ distribution(epoch: ${epoch}, scope: CAST_VOTES, first: 0) { pageInfo { hasNextPage } } }`],
    ["distribution first negative", `{ distribution(epoch: ${epoch}, scope: CAST_VOTES, first: -10) { pageInfo { hasNextPage } } }`],
    ["distribution huge first", `{ distribution(epoch: ${epoch}, scope: CAST_VOTES, first: 1000000) { pageInfo { hasNextPage } } }`],
    ["distribution first at Int max", `{ distribution(epoch: ${epoch}, scope: CAST_VOTES, first: 2147483647) { pageInfo { hasNextPage } } }`],
    ["distribution garbage cursor", `{ distribution(epoch: ${epoch}, scope: CAST_VOTES, after: "not-a-cursor") { pageInfo { hasNextPage } } }`],
    ["distribution oversized cursor", `{ distribution(epoch: ${epoch}, scope: CAST_VOTES, after: "${"A".repeat(5000)}") { pageInfo { hasNextPage } } }`],
    ["influence top 0", `{ influence(epoch: ${epoch}, top: 0) { epoch } }`],
    ["influence top 100000", `{ influence(epoch: ${epoch}, top: 100000) { epoch } }`],
    ["influence negative k", `{ influence(epoch: ${epoch}, k: -1) { epoch } }`],
    ["unlock schedule step 1 second", "{ unlockSchedule(step: 1) { points { ts } } }"],
    ["unlock schedule negative from", "{ unlockSchedule(from: -5) { points { ts } } }"],
    ["vault tvl drop 0", `{ vaultTvl(vault: "${vault}", drop: 0) { vault } }`],
    ["vault tvl drop 2", `{ vaultTvl(vault: "${vault}", drop: 2) { vault } }`],
    ["vault tvl lag 0", `{ vaultTvl(vault: "${vault}", lag: 0) { vault } }`],
    ["vault tvl unknown vault", `{ vaultTvl(vault: "0x000000000000000000000000000000000000dead") { vault } }`],
    ["alerts first 0", "{ alerts(first: 0) { id } }"],
    ["epochs from past maximum", "{ epochs(from: 20000) { id } }"],
  ];
  for (const [n, q] of args) out.push(gql(n, q));
  BAD_ADDRESSES.forEach((bad, i) => {
    out.push(gql(`gauge address #${i} ${JSON.stringify(bad).slice(0, 40)}`, conc(`epoch: ${epoch}, scope: GAUGE_VOTERS, gauge: ${JSON.stringify(bad)}`)));
  });
  BAD_ADDRESSES.slice(0, 6).forEach((bad, i) => {
    out.push(gql(`vault address #${i} ${JSON.stringify(bad).slice(0, 40)}`, `{ vaultTvl(vault: ${JSON.stringify(bad)}) { vault } }`));
  });
  // Wrong variable values (coercion errors).
  const varQuery = "query Q($e: Int!, $s: Scope!) { concentration(epoch: $e, scope: $s) { gini } }";
  const badVars: [string, unknown][] = [
    ["variables missing", undefined],
    ["variables empty", {}],
    ["variable epoch as string", { e: "abc", s: "CAST_VOTES" }],
    ["variable epoch as float", { e: 1.5, s: "CAST_VOTES" }],
    ["variable epoch null", { e: null, s: "CAST_VOTES" }],
    ["variable epoch as object", { e: { n: 1 }, s: "CAST_VOTES" }],
    ["variable epoch beyond Int", { e: 2 ** 40, s: "CAST_VOTES" }],
    ["variable scope unknown", { e: epoch, s: "EVERYONE" }],
    ["variable scope as number", { e: epoch, s: 3 }],
    ["variables as a string", "e=1"],
    ["variables as an array", [1, 2]],
  ];
  for (const [n, v] of badVars) out.push(gql(n, varQuery, v));

  // ---------------------------------------------------------------- GraphQL: bombs
  let introspectionDepth = "name";
  for (let i = 0; i < 40; i++) introspectionDepth = `ofType { ${introspectionDepth} }`;
  out.push(gql("introspection depth bomb (40 levels)", `{ __schema { types { fields { type { ${introspectionDepth} } } } } }`));
  let typeDepth = "name";
  for (let i = 0; i < 12; i++) typeDepth = `fields { type { ${typeDepth} } }`;
  out.push(gql("__type depth bomb", `{ __type(name: "Query") { ${typeDepth} } }`));
  for (const n of [31, 100, 1000]) {
    const fields = Array.from({ length: n }, (_, i) => `a${i}: concentration(epoch: ${epoch}, scope: CAST_VOTES) { gini }`).join(" ");
    out.push(gql(`alias bomb (${n} aliases)`, `{ ${fields} }`));
  }
  out.push(gql("alias bomb on status (500)", `{ ${Array.from({ length: 500 }, (_, i) => `s${i}: status { block }`).join(" ")} }`));
  out.push(gql("field repetition bomb (5000 fields)", `{ status { ${"block ".repeat(5000)} } }`));
  out.push(gql("directive bomb (2000 directives)", `{ status ${"@include(if: true) ".repeat(2000)} { block } }`));
  out.push(gql("many operations (1000)", Array.from({ length: 1000 }, (_, i) => `query Q${i} { status { block } }`).join("\n"), undefined, { operationName: "Q1" }));
  // Billion laughs: each fragment spreads the previous twice.
  const laughs = ["fragment L0 on Status { block timestamp }"];
  for (let i = 1; i <= 20; i++) laughs.push(`fragment L${i} on Status { ...L${i - 1} ...L${i - 1} }`);
  out.push(gql("fragment explosion (2^20 spreads)", `${laughs.join("\n")}\n{ status { ...L20 } }`));
  out.push(
    gql(
      "cost bomb: 15 distributions of 1000",
      `{ ${Array.from({ length: 15 }, (_, i) => `d${i}: distribution(epoch: ${epoch}, scope: CAST_VOTES, first: 1000) { pageInfo { hasNextPage } }`).join(" ")} }`,
    ),
  );
  out.push(
    gql(
      "cost bomb: 15 lorenz curves of 1001 points",
      `{ ${Array.from({ length: 15 }, (_, i) => `c${i}: concentration(epoch: ${epoch}, scope: CAST_VOTES) { lorenz(points: 1001) { x y } }`).join(" ")} }`,
    ),
  );
  out.push(gql("60 KB string argument", conc(`epoch: ${epoch}, scope: GAUGE_VOTERS, gauge: "${"f".repeat(60_000)}"`)));
  out.push(gql("deeply nested list literal", conc(`epoch: ${"[".repeat(500)}1${"]".repeat(500)}, scope: CAST_VOTES`)));
  out.push(gql("huge variables object", varQuery, Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`v${i}`, i]))));
  out.push(gql("operationName that does not exist", "query A { status { block } }", undefined, { operationName: "B" }));
  out.push(gql("operationName of a wrong type", "query A { status { block } }", undefined, { operationName: 5 }));

  // ---------------------------------------------------------------- HTTP level on /graphql
  const http = (name: string, r: Omit<HostileRequest, "name" | "group">): HostileRequest => ({ name: `http: ${name}`, group: "http", ...r });
  out.push(http("body of 1 MiB", { method: "POST", path: "/graphql", headers: JSON_HEADERS, body: JSON.stringify({ query: `{ status { block } } #${"x".repeat(1 << 20)}` }) }));
  out.push(http("body of 8 MiB", { method: "POST", path: "/graphql", headers: JSON_HEADERS, body: Buffer.alloc(8 << 20, 0x20) }));
  out.push(http("invalid JSON body", { method: "POST", path: "/graphql", headers: JSON_HEADERS, body: '{"query": "{ status { block } }"' }));
  out.push(http("JSON null body", { method: "POST", path: "/graphql", headers: JSON_HEADERS, body: "null" }));
  out.push(http("JSON string body", { method: "POST", path: "/graphql", headers: JSON_HEADERS, body: '"{ status { block } }"' }));
  out.push(http("JSON number body", { method: "POST", path: "/graphql", headers: JSON_HEADERS, body: "12" }));
  out.push(http("batched request (batching is off)", { method: "POST", path: "/graphql", headers: JSON_HEADERS, body: JSON.stringify([{ query: "{ status { block } }" }, { query: "{ status { block } }" }]) }));
  out.push(http("empty body", { method: "POST", path: "/graphql", headers: JSON_HEADERS, body: "" }));
  out.push(http("body without query", { method: "POST", path: "/graphql", headers: JSON_HEADERS, body: JSON.stringify({ variables: {} }) }));
  out.push(http("text/plain body", { method: "POST", path: "/graphql", headers: { "content-type": "text/plain" }, body: "{ status { block } }" }));
  out.push(http("form-encoded body", { method: "POST", path: "/graphql", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "query=%7B%7D" }));
  out.push(http("XML body", { method: "POST", path: "/graphql", headers: { "content-type": "application/xml" }, body: "<query>status</query>" }));
  out.push(http("PUT on /graphql", { method: "PUT", path: "/graphql", headers: JSON_HEADERS, body: JSON.stringify({ query: "{ status { block } }" }) }));
  out.push(http("DELETE on /graphql", { method: "DELETE", path: "/graphql" }));
  out.push(http("PATCH on /graphql", { method: "PATCH", path: "/graphql", headers: JSON_HEADERS, body: "{}" }));
  out.push(http("GET with invalid query", { method: "GET", path: `/graphql?query=${encodeURIComponent("{ status {")}`, headers: { accept: "application/json" } }));
  out.push(http("GET with a mutation", { method: "GET", path: `/graphql?query=${encodeURIComponent("mutation { x }")}`, headers: { accept: "application/json" } }));
  out.push(http("GET with bad variables JSON", { method: "GET", path: `/graphql?query=${encodeURIComponent("{ status { block } }")}&variables=%7Bnot-json`, headers: { accept: "application/json" } }));
  out.push(http("GET with a 16 KB query string", { method: "GET", path: `/graphql?query=${"%7B".repeat(5500)}`, headers: { accept: "application/json" } }));
  // Above Node's 16 KB header limit (431), yet small enough to arrive in one read: with 64 KB the
  // server answers 431 and closes while part of the request is still unread, and the kernel's RST
  // then discards the answer at the client now and then (seen once as ECONNRESET).
  out.push(http("request header of 24 KB", { method: "GET", path: "/api/v1/status", headers: { "x-junk": "a".repeat(24 * 1024) } }));

  // ---------------------------------------------------------------- REST: parameters
  const v1 = "/api/v1";
  for (const bad of BAD_EPOCHS) {
    out.push(rest(`concentration epoch ${JSON.stringify(bad)}`, `${v1}/concentration?epoch=${encodeURIComponent(bad)}&scope=CAST_VOTES`));
  }
  for (const bad of BAD_EPOCHS.slice(0, 6)) {
    out.push(rest(`influence epoch ${JSON.stringify(bad)}`, `${v1}/influence?epoch=${encodeURIComponent(bad)}`));
    out.push(rest(`gauges epoch ${JSON.stringify(bad)}`, `${v1}/gauges?epoch=${encodeURIComponent(bad)}`));
  }
  const restCases: [string, string][] = [
    ["concentration without parameters", `${v1}/concentration`],
    ["concentration without scope", `${v1}/concentration?epoch=${epoch}`],
    ["concentration without epoch", `${v1}/concentration?scope=CAST_VOTES`],
    ["concentration unknown scope", `${v1}/concentration?epoch=${epoch}&scope=EVERYONE`],
    ["concentration lower-case scope", `${v1}/concentration?epoch=${epoch}&scope=cast_votes`],
    ["concentration GAUGE_VOTERS without gauge", `${v1}/concentration?epoch=${epoch}&scope=GAUGE_VOTERS`],
    ["concentration points 1", `${v1}/concentration?epoch=${epoch}&scope=CAST_VOTES&points=1`],
    ["concentration points 1000000", `${v1}/concentration?epoch=${epoch}&scope=CAST_VOTES&points=1000000`],
    ["concentration epoch not indexed", `${v1}/concentration?epoch=5&scope=CAST_VOTES`],
    ["concentration duplicated epoch", `${v1}/concentration?epoch=${epoch}&epoch=abc&scope=CAST_VOTES`],
    ["concentration array syntax", `${v1}/concentration?epoch[]=${epoch}&scope=CAST_VOTES`],
    ["concentration unicode scope", `${v1}/concentration?epoch=${epoch}&scope=%E2%98%83`],
    ["concentration series unknown scope", `${v1}/concentration/series?scope=NOPE`],
    ["concentration series bad fromEpoch", `${v1}/concentration/series?scope=CAST_VOTES&fromEpoch=x`],
    ["concentration series negative toEpoch", `${v1}/concentration/series?scope=CAST_VOTES&toEpoch=-3`],
    ["distribution first 0", `${v1}/distribution?epoch=${epoch}&scope=CAST_VOTES&first=0`],
    ["distribution first -1", `${v1}/distribution?epoch=${epoch}&scope=CAST_VOTES&first=-1`],
    ["distribution first 1001", `${v1}/distribution?epoch=${epoch}&scope=CAST_VOTES&first=1001`],
    ["distribution first 1e9", `${v1}/distribution?epoch=${epoch}&scope=CAST_VOTES&first=1000000000`],
    ["distribution first 2^64", `${v1}/distribution?epoch=${epoch}&scope=CAST_VOTES&first=18446744073709551616`],
    ["distribution first abc", `${v1}/distribution?epoch=${epoch}&scope=CAST_VOTES&first=abc`],
    ["distribution first 1.5", `${v1}/distribution?epoch=${epoch}&scope=CAST_VOTES&first=1.5`],
    ["distribution garbage cursor", `${v1}/distribution?epoch=${epoch}&scope=CAST_VOTES&after=%00%01%02`],
    ["distribution oversized cursor", `${v1}/distribution?epoch=${epoch}&scope=CAST_VOTES&after=${"Z".repeat(4000)}`],
    ["influence top 0", `${v1}/influence?epoch=${epoch}&top=0`],
    ["influence top 101", `${v1}/influence?epoch=${epoch}&top=101`],
    ["influence k 53", `${v1}/influence?epoch=${epoch}&k=53`],
    ["influence k -1", `${v1}/influence?epoch=${epoch}&k=-1`],
    ["epochs from abc", `${v1}/epochs?from=abc`],
    ["epochs to -1", `${v1}/epochs?to=-1`],
    ["unlocks step 1", `${v1}/unlocks?step=1`],
    ["unlocks step 2^40", `${v1}/unlocks?step=1099511627776`],
    ["unlocks from abc", `${v1}/unlocks?from=abc`],
    ["unlocks to 2^50", `${v1}/unlocks?to=1125899906842624`],
    ["alerts first 0", `${v1}/alerts?first=0`],
    ["alerts since -1", `${v1}/alerts?since=-1`],
    ["alerts since abc", `${v1}/alerts?since=abc`],
    ["vault tvl unknown vault", `${v1}/vaults/0x000000000000000000000000000000000000dead/tvl`],
    ["vault tvl lag 0", `${v1}/vaults/${vault}/tvl?lag=0`],
    ["vault tvl lag 27", `${v1}/vaults/${vault}/tvl?lag=27`],
    ["vault tvl drop 0", `${v1}/vaults/${vault}/tvl?drop=0`],
    ["vault tvl drop 1.5", `${v1}/vaults/${vault}/tvl?drop=1.5`],
    ["vault tvl drop abc", `${v1}/vaults/${vault}/tvl?drop=abc`],
    ["vault tvl fromEpoch x", `${v1}/vaults/${vault}/tvl?fromEpoch=x`],
  ];
  for (const [n, p] of restCases) out.push(rest(n, p));
  BAD_ADDRESSES.forEach((bad, i) => {
    out.push(rest(`concentration gauge #${i} ${JSON.stringify(bad).slice(0, 40)}`, `${v1}/concentration?epoch=${epoch}&scope=GAUGE_VOTERS&gauge=${encodeURIComponent(bad)}`));
  });
  BAD_ADDRESSES.filter((a) => a !== "").forEach((bad, i) => {
    out.push(rest(`vault tvl path address #${i} ${JSON.stringify(bad).slice(0, 40)}`, `${v1}/vaults/${encodeURIComponent(bad)}/tvl`));
  });

  // ---------------------------------------------------------------- REST: CSV
  const csvCases: [string, string][] = [
    ["format xml", `${v1}/epochs?format=xml`],
    ["format CSV upper-case", `${v1}/epochs?format=CSV`],
    ["format empty", `${v1}/epochs?format=`],
    ["format twice", `${v1}/epochs?format=csv&format=xml`],
    ["csv with bad epoch", `${v1}/concentration?epoch=abc&scope=CAST_VOTES&format=csv`],
    ["csv with unknown scope", `${v1}/concentration?epoch=${epoch}&scope=NOPE&format=csv`],
    ["csv with huge first", `${v1}/distribution?epoch=${epoch}&scope=CAST_VOTES&first=100000&format=csv`],
    ["csv with garbage cursor", `${v1}/distribution?epoch=${epoch}&scope=CAST_VOTES&after=%FF%FE&format=csv`],
    ["csv with bad gauge", `${v1}/concentration?epoch=${epoch}&scope=GAUGE_VOTERS&gauge=0x12&format=csv`],
    ["csv series unknown scope", `${v1}/concentration/series?scope=X&format=csv`],
    ["csv unlocks step 0", `${v1}/unlocks?step=0&format=csv`],
    ["csv vault bad address", `${v1}/vaults/0xnope/tvl?format=csv`],
    ["csv formula injection in format", `${v1}/epochs?format=%3DHYPERLINK(%22x%22)`],
    ["csv epoch not indexed", `${v1}/gauges?epoch=7&format=csv`],
  ];
  for (const [n, p] of csvCases) out.push(rest(n, p, "csv"));

  // ---------------------------------------------------------------- paths
  const paths: [string, string, string?][] = [
    ["unknown REST route", `${v1}/nope`],
    ["unknown API version", "/api/v2/status"],
    ["REST trailing slash on a leaf", `${v1}/concentration/series/`],
    ["REST deeper than any route", `${v1}/concentration/series/extra/segments`],
    ["vault tvl without address", `${v1}/vaults//tvl`],
    ["vault with unknown sub-route", `${v1}/vaults/${vault}/nope`],
    ["dot-dot traversal", `${v1}/../../../../etc/passwd`],
    ["encoded traversal", `${v1}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`],
    ["double-encoded traversal", `${v1}/%252e%252e/%252e%252e/etc/passwd`],
    ["backslash traversal", `${v1}/..\\..\\windows\\win.ini`],
    ["null byte in path", `${v1}/status%00.json`],
    ["overlong UTF-8 in path", `${v1}/%c0%ae%c0%ae/status`],
    ["invalid percent encoding", `${v1}/concentration%zz`],
    ["very long path", `${v1}/${"a".repeat(7000)}`],
    ["source file", "/src/api/index.ts"],
    ["package.json", "/package.json"],
    ["dotenv", "/.env"],
    ["git config", "/.git/config"],
    ["POST on a REST route", `${v1}/status`, "POST"],
    ["DELETE on a REST route", `${v1}/epochs`, "DELETE"],
    ["PUT on a REST route", `${v1}/concentration?epoch=${epoch}&scope=CAST_VOTES`, "PUT"],
    ["unknown method", `${v1}/status`, "PROPFIND"],
    ["TRACE", `${v1}/status`, "TRACE"],
  ];
  for (const [n, p, m] of paths) out.push({ name: `path: ${n}`, group: "path", method: m ?? "GET", path: p });

  // ---------------------------------------------------------------- /sql (Ponder's @ponder/client endpoint)
  const sql = (name: string, param: string | undefined) => ({
    name: `sql: ${name}`,
    group: "sql",
    method: "GET",
    path: param === undefined ? "/sql/db" : `/sql/db?sql=${encodeURIComponent(param)}`,
  });
  const sj = (s: string) => JSON.stringify({ json: { sql: s, params: [], typings: [] } });
  out.push(sql("missing sql parameter", undefined));
  out.push(sql("sql parameter not JSON", "SELECT 1"));
  out.push(sql("sql parameter of a wrong shape", JSON.stringify({ json: 5 })));
  out.push(sql("write statement", sj("DELETE FROM epoch_metric")));
  out.push(sql("DDL statement", sj("DROP TABLE epoch_metric")));
  out.push(sql("two statements", sj("SELECT 1; SELECT 2")));
  out.push(sql("system catalog", sj("SELECT * FROM pg_shadow")));
  out.push(sql("sleep function", sj("SELECT pg_sleep(30)")));
  out.push(sql("invalid SQL", sj("SELEKT * FROM")));
  out.push(sql("unknown table", sj("SELECT * FROM nope")));

  const names = new Set<string>();
  for (const r of out) {
    if (names.has(r.name)) throw new Error(`duplicate corpus entry name: ${r.name}`);
    names.add(r.name);
  }
  return out;
}
