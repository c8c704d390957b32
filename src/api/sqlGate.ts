/**
 * The checks a `/sql` query passes before it runs: one read-only `SELECT` over the ve-lens
 * tables, built from the same node types and functions that Ponder's own `client()` accepts,
 * and nothing whose cost the planner cannot see (cross joins without a join condition,
 * regular expressions that can backtrack, a per-epoch view read over every epoch). {@link checkPlan}
 * then holds the planner's estimate (`EXPLAIN (FORMAT JSON)`) to the budget. A refused query throws {@link SqlRefusedError},
 * which names the rule (`limit`) and, where it applies, the table.
 *
 * @example
 * const tree = await parseSelect("select count(*) from account");
 * checkSqlTree(tree, [], { tables: new Set(["account"]), maxRegexLength: 64 });
 */

/** A node of pg_query's JSON parse tree. */
export type SqlNode = Record<string, unknown>;

/** The rule a refused query broke: `BAD_SQL` (not allowed at all) or one of the budget limits. */
export type SqlLimit =
  | "BAD_SQL"
  | "UNKNOWN_TABLE"
  | "CROSS_JOIN"
  | "REGEX"
  | "VIEW_EPOCH"
  | "COST"
  | "ROWS"
  | "TIMEOUT"
  | "RESULT_ROWS";

export class SqlRefusedError extends Error {
  override name = "SqlRefusedError";
  constructor(
    readonly limit: SqlLimit,
    message: string,
    readonly table?: string,
  ) {
    super(message);
  }
}

/** Node types a query may contain (the set Ponder 0.16.10's `client()` allows). */
const ALLOWED_NODES = new Set([
  "Integer", "Float", "Boolean", "String", "BitString", "List", "OidList", "IntList", "A_Const", "Alias",
  "RangeVar", "Var", "Param", "Aggref", "GroupingFunc", "WindowFunc", "NamedArgExpr", "OpExpr",
  "DistinctExpr", "NullIfExpr", "ScalarArrayOpExpr", "BoolExpr", "FieldSelect", "RelabelType",
  "ArrayCoerceExpr", "ConvertRowtypeExpr", "CollateExpr", "CaseExpr", "CaseWhen", "CaseTestExpr",
  "ArrayExpr", "RowExpr", "RowCompareExpr", "CoalesceExpr", "MinMaxExpr", "SQLValueFunction",
  "JsonFormat", "JsonReturning", "JsonValueExpr", "JsonConstructorExpr", "JsonIsPredicate", "NullTest",
  "BooleanTest", "CoerceToDomain", "CoerceToDomainValue", "TargetEntry", "RangeTblRef", "JoinExpr",
  "FromExpr", "TypeName", "ColumnRef", "ParamRef", "A_Expr", "TypeCast", "CollateClause", "FuncCall",
  "A_Star", "A_Indices", "A_Indirection", "A_ArrayExpr", "ResTarget", "SortBy", "WindowDef",
  "RangeSubselect", "SortGroupClause", "GroupingSet", "WithClause", "CommonTableExpr", "JsonOutput",
  "JsonKeyValue", "JsonAggConstructor", "JsonObjectAgg", "JsonArrayAgg", "SelectStmt",
]);

/** Functions a query may call (Ponder 0.16.10's list). */
const ALLOWED_FUNCTIONS = new Set([
  "count", "sum", "avg", "min", "max", "lower", "upper", "length", "trim", "replace", "substring",
  "cast", "concat", "now", "current_timestamp", "current_date", "current_time", "coalesce", "json_agg",
  "json_object", "json_array", "json_object_agg", "json_array_agg", "json_build_array", "row_number",
  "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value",
  "last_value", "nth_value", "abs", "cbrt", "ceil", "ceiling", "degrees", "div", "exp", "floor", "ln",
  "log", "mod", "pi", "power", "radians", "random", "round", "sign", "sqrt", "width_bucket", "acos",
  "asin", "atan", "atan2", "cos", "cot", "sin", "tan",
]);

/** Fields whose value is a node given without its type wrapper (e.g. the arms of a UNION). */
const UNWRAPPED: Record<string, string> = { withClause: "WithClause", larg: "SelectStmt", rarg: "SelectStmt", over: "WindowDef" };

const REGEX_OPERATORS = new Set(["~", "~*", "!~", "!~*"]);

/** Longest SQL text accepted (Ponder's parser refuses longer ones too). */
export const MAX_SQL_LENGTH = 5_000;

/** The parts of a pg-query-emscripten module instance used here. */
interface PgQueryModule {
  /** Copies `slab` into the module's memory: `_malloc` unless `allocator` is `ALLOC_STACK`. */
  allocate(slab: Uint8Array, allocator: number): number;
  _free(pointer: number): void;
  raw_parse(pointer: number): { parse_tree: string; error: { message: string } };
}

let parser: Promise<PgQueryModule> | undefined;
const utf8 = new TextEncoder();

/**
 * pg_query's parse of `sql` in the one module instance. The module's own `parse()` copies the
 * text onto the WebAssembly stack and never gives the space back, so one instance stops working
 * after about 64 KiB of SQL in all (some 500 queries: every later parse fails or aborts). Ponder
 * builds a new instance per query instead (some 30 ms each); here the text goes to the heap and
 * is freed after the parse.
 */
function rawParse(module: PgQueryModule, sql: string): { parse_tree: { stmts: { stmt?: SqlNode }[] }; error: string | null } {
  const bytes = utf8.encode(sql);
  const text = new Uint8Array(bytes.length + 1); // NUL-terminated
  text.set(bytes);
  const pointer = module.allocate(text, 0);
  let parsed: { parse_tree: string; error: { message: string } };
  try {
    parsed = module.raw_parse(pointer);
  } finally {
    module._free(pointer);
  }
  return { parse_tree: JSON.parse(parsed.parse_tree), error: parsed.error.message === "" ? null : parsed.error.message };
}

/** Parses one statement with PostgreSQL's own parser (pg_query, as Ponder does). */
export async function parseSelect(sql: string): Promise<SqlNode> {
  if (sql.length > MAX_SQL_LENGTH) throw new SqlRefusedError("BAD_SQL", `the query is longer than ${MAX_SQL_LENGTH} characters`);
  // @ts-ignore: pg-query-emscripten (Ponder's own SQL parser) ships no types
  parser ??= import(/* webpackIgnore: true */ "pg-query-emscripten").then((m: { default: () => Promise<PgQueryModule> }) => m.default());
  const result = rawParse(await parser, sql);
  if (result.error !== null) throw new SqlRefusedError("BAD_SQL", result.error);
  const stmts = result.parse_tree.stmts;
  if (stmts.length !== 1) throw new SqlRefusedError("BAD_SQL", stmts.length === 0 ? "empty query" : "multiple statements are not supported");
  const stmt = stmts[0]!.stmt;
  if (!stmt || !("SelectStmt" in stmt)) throw new SqlRefusedError("BAD_SQL", "only SELECT statements are accepted");
  return stmt;
}

export interface SqlTreeOptions {
  /** Tables (and views) a query may read, unqualified. */
  tables: ReadonlySet<string>;
  /** Longest regular-expression pattern accepted. */
  maxRegexLength: number;
  /**
   * Per-epoch views (an `epoch` column, rows computed from the live tables at read time): a
   * query must filter each read of one to at most {@link MAX_VIEW_EPOCHS} epochs.
   */
  views?: ReadonlySet<string>;
}

/**
 * Most epochs one read of a per-epoch view may ask for. The planner does not see what a view
 * costs: it prices the voting-power curve evaluated for every lock of every epoch as a few
 * operators, and estimates the join on epoch ranges (`from_epoch <= epoch`) at a third of its
 * rows whatever their spread. On PGlite no timer stops a statement, so the bound must hold before
 * it runs: one epoch's rows are at most the live rows plus their older states.
 */
export const MAX_VIEW_EPOCHS = 8;

const isObject = (v: unknown): v is SqlNode => typeof v === "object" && v !== null && !Array.isArray(v);

/** The constant text of a pattern operand: a string literal or a bound parameter. */
function patternOf(node: unknown, params: readonly unknown[]): string | undefined {
  if (!isObject(node)) return undefined;
  const constant = node.A_Const as { sval?: { sval?: string } } | undefined;
  if (constant?.sval) return constant.sval.sval ?? "";
  const ref = node.ParamRef as { number?: number } | undefined;
  if (ref?.number !== undefined) {
    const v = params[ref.number - 1];
    return typeof v === "string" ? v : undefined;
  }
  const cast = node.TypeCast as { arg?: unknown } | undefined;
  if (cast) return patternOf(cast.arg, params);
  return undefined;
}

/** Why a regular expression could take more than linear time, or undefined. */
export function regexRisk(pattern: string, maxLength: number): string | undefined {
  if (pattern.length > maxLength) return `patterns are limited to ${maxLength} characters (got ${pattern.length})`;
  if (/\\[1-9]/.test(pattern)) return "back-references are not allowed";
  if (/\{\s*\d*\s*,?\s*\d*\s*\}/.test(pattern)) return "counted repetitions ({n,m}) are not allowed";
  if (/[*+?}]\s*\)\s*[*+?{]/.test(pattern)) return "nested quantifiers are not allowed";
  if (/\(\?/.test(pattern)) return "regular-expression options and lookarounds are not allowed";
  return undefined;
}

/**
 * Walks the whole tree: node types, functions, tables, join conditions and regular
 * expressions. Throws {@link SqlRefusedError} at the first rule broken.
 */
export function checkSqlTree(root: SqlNode, params: readonly unknown[], options: SqlTreeOptions): void {
  const cteNames = new Set<string>();
  const collectCtes = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(collectCtes);
    if (!isObject(v)) return;
    const cte = v.CommonTableExpr as { ctename?: string } | undefined;
    if (cte?.ctename) cteNames.add(cte.ctename);
    for (const child of Object.values(v)) collectCtes(child);
  };
  collectCtes(root);

  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!isObject(v)) return;
    for (const [key, child] of Object.entries(v)) {
      const type = /^[A-Z]/.test(key) ? key : UNWRAPPED[key];
      if (type && isObject(child)) checkNode(type, child);
      visit(child);
    }
  };

  const checkNode = (type: string, node: SqlNode): void => {
    if (!ALLOWED_NODES.has(type)) throw new SqlRefusedError("BAD_SQL", `${type} is not supported`);
    switch (type) {
      case "RangeVar": {
        const { schemaname, relname } = node as { schemaname?: string; relname?: string };
        if (schemaname) throw new SqlRefusedError("BAD_SQL", `schema-qualified names are not supported (${schemaname}.${relname}): name the table alone`, relname);
        if (relname && !options.tables.has(relname) && !cteNames.has(relname))
          throw new SqlRefusedError("UNKNOWN_TABLE", `unknown table "${relname}"`, relname);
        break;
      }
      case "FuncCall": {
        const names = ((node.funcname as SqlNode[] | undefined) ?? []).map((n) => (n.String as { sval?: string } | undefined)?.sval ?? "?");
        if (!names.every((n) => ALLOWED_FUNCTIONS.has(n))) throw new SqlRefusedError("BAD_SQL", `function ${names.join(".")} is not supported`);
        break;
      }
      case "WithClause":
        if (node.recursive) throw new SqlRefusedError("BAD_SQL", "recursive CTEs are not supported");
        break;
      case "JoinExpr": {
        const j = node as { quals?: unknown; usingClause?: unknown[]; isNatural?: boolean };
        if ((!j.quals || !mentionsColumn(j.quals)) && !j.usingClause?.length && !j.isNatural)
          throw new SqlRefusedError("CROSS_JOIN", "a join without a join condition (CROSS JOIN) is refused: join on a key (ON or USING)", firstTable(node));
        break;
      }
      case "SelectStmt":
        checkSelect(node);
        break;
      case "A_Expr": {
        const e = node as { kind?: string; name?: SqlNode[]; rexpr?: unknown };
        const op = (e.name?.[0]?.String as { sval?: string } | undefined)?.sval;
        if (e.kind === "AEXPR_OP" && op && REGEX_OPERATORS.has(op)) {
          const pattern = patternOf(e.rexpr, params);
          if (pattern === undefined) throw new SqlRefusedError("REGEX", "a regular expression must be a constant or a bound parameter");
          const risk = regexRisk(pattern, options.maxRegexLength);
          if (risk) throw new SqlRefusedError("REGEX", `regular expression refused: ${risk}`);
        }
        break;
      }
    }
  };

  /**
   * A FROM list of several items is a cross join unless a WHERE clause relates them; each
   * per-epoch view in FROM must be filtered to a few epochs by the WHERE clause.
   */
  const checkSelect = (node: SqlNode): void => {
    const from = (node.fromClause as unknown[] | undefined) ?? [];
    if (from.length > 1 && !node.whereClause)
      throw new SqlRefusedError("CROSS_JOIN", "several tables in FROM without a WHERE condition (a cross join) are refused: join them on a key", firstTable({ list: from }));
    const views = options.views;
    if (!views || views.size === 0) return;
    const relations = relationsOf(from);
    for (const r of relations) {
      if (!views.has(r.name) || cteNames.has(r.name)) continue;
      const filtered = conjuncts(node.whereClause).some((c) => epochFilterOf(c, r.alias, relations.length === 1));
      if (!filtered)
        throw new SqlRefusedError(
          "VIEW_EPOCH",
          `${r.name} is computed per epoch when read: filter it to at most ${MAX_VIEW_EPOCHS} epochs in the WHERE clause of the same SELECT (WHERE ${relations.length === 1 ? "" : `${r.alias}.`}epoch = 42, or epoch IN (41, 42))`,
          r.name,
        );
    }
  };

  checkNode("SelectStmt", root.SelectStmt as SqlNode);
  visit(root.SelectStmt);
}

/** The tables and views named in a FROM list (through joins, not into subqueries), with the name each is read by. */
function relationsOf(from: unknown[]): { name: string; alias: string }[] {
  const out: { name: string; alias: string }[] = [];
  const walk = (item: unknown): void => {
    if (!isObject(item)) return;
    const rv = item.RangeVar as { relname?: string; alias?: { aliasname?: string } } | undefined;
    if (rv?.relname) out.push({ name: rv.relname, alias: rv.alias?.aliasname ?? rv.relname });
    const join = item.JoinExpr as { larg?: unknown; rarg?: unknown } | undefined;
    if (join) {
      walk(join.larg);
      walk(join.rarg);
    }
  };
  from.forEach(walk);
  return out;
}

/** The terms of a condition's top-level AND (the condition itself when it is not an AND). */
function conjuncts(where: unknown): unknown[] {
  if (!isObject(where)) return [];
  const bool = where.BoolExpr as { boolop?: string; args?: unknown[] } | undefined;
  if (bool?.boolop === "AND_EXPR") return (bool.args ?? []).flatMap(conjuncts);
  return [where];
}

/** True when `v` is a constant or a bound parameter (possibly cast). */
function isConstant(v: unknown): boolean {
  if (!isObject(v)) return false;
  if ("A_Const" in v || "ParamRef" in v) return true;
  const cast = v.TypeCast as { arg?: unknown } | undefined;
  return cast ? isConstant(cast.arg) : false;
}

/** True when `v` is the `epoch` column of `alias` (or, with `bare`, the unqualified `epoch`). */
function isEpochColumn(v: unknown, alias: string, bare: boolean): boolean {
  if (!isObject(v)) return false;
  const ref = v.ColumnRef as { fields?: SqlNode[] } | undefined;
  const names = ref?.fields?.map((f) => (f.String as { sval?: string } | undefined)?.sval);
  if (!names) return false;
  if (names.length === 2) return names[0] === alias && names[1] === "epoch";
  return bare && names.length === 1 && names[0] === "epoch";
}

/** True when a WHERE term is `epoch = constant` or `epoch IN (at most MAX_VIEW_EPOCHS constants)` on `alias`. */
function epochFilterOf(term: unknown, alias: string, bare: boolean): boolean {
  if (!isObject(term)) return false;
  const e = term.A_Expr as { kind?: string; name?: SqlNode[]; lexpr?: unknown; rexpr?: unknown } | undefined;
  if (!e) return false;
  const op = (e.name?.[0]?.String as { sval?: string } | undefined)?.sval;
  if (e.kind === "AEXPR_OP" && op === "=")
    return (isEpochColumn(e.lexpr, alias, bare) && isConstant(e.rexpr)) || (isEpochColumn(e.rexpr, alias, bare) && isConstant(e.lexpr));
  if (e.kind === "AEXPR_IN" && op === "=" && isEpochColumn(e.lexpr, alias, bare)) {
    const items = (e.rexpr as { List?: { items?: unknown[] } } | undefined)?.List?.items ?? [];
    return items.length > 0 && items.length <= MAX_VIEW_EPOCHS && items.every(isConstant);
  }
  return false;
}

/** True when an expression reads any column (a join condition that reads none joins every row). */
function mentionsColumn(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(mentionsColumn);
  if (!isObject(v)) return false;
  if ("ColumnRef" in v) return true;
  return Object.values(v).some(mentionsColumn);
}

function firstTable(v: unknown): string | undefined {
  if (Array.isArray(v)) {
    for (const x of v) {
      const t = firstTable(x);
      if (t) return t;
    }
    return undefined;
  }
  if (!isObject(v)) return undefined;
  const rv = v.RangeVar as { relname?: string } | undefined;
  if (rv?.relname) return rv.relname;
  for (const child of Object.values(v)) {
    const t = firstTable(child);
    if (t) return t;
  }
  return undefined;
}

export interface PlanBudget {
  /** Highest planner cost (`Total Cost` of the top plan node) accepted. */
  maxCost: number;
  /** Most rows the planner may expect the query to return. */
  maxRows: number;
}

/** Holds `EXPLAIN (FORMAT JSON)`'s top plan node to the budget. */
export function checkPlan(explain: unknown, budget: PlanBudget): { cost: number; rows: number } {
  const plan = (Array.isArray(explain) ? explain[0] : explain) as { Plan?: { "Total Cost"?: number; "Plan Rows"?: number } } | undefined;
  const cost = plan?.Plan?.["Total Cost"];
  const rows = plan?.Plan?.["Plan Rows"];
  if (typeof cost !== "number" || typeof rows !== "number") throw new SqlRefusedError("COST", "the query's cost could not be estimated");
  if (cost > budget.maxCost)
    throw new SqlRefusedError("COST", `estimated cost ${Math.round(cost)} exceeds the budget of ${budget.maxCost} (add a WHERE condition, a LIMIT, or aggregate)`);
  if (rows > budget.maxRows)
    throw new SqlRefusedError("ROWS", `the query would return about ${Math.round(rows)} rows; the limit is ${budget.maxRows} (add a LIMIT or paginate)`);
  return { cost, rows };
}
