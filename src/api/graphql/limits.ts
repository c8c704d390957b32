/**
 * Validation rules that bound the work one GraphQL document can ask for: selection depth,
 * number of aliases and an estimated cost (list fields multiply their children by `first`
 * or `top`). Depth counts introspection fields too (a nested `ofType` chain is measured on its
 * own, so GraphiQL's introspection query fits); cost does not count them.
 * Fragments are followed (cycles are already rejected by the standard rules).
 */
import {
  type ValidationContext,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from "graphql";
import { createGraphQLError } from "graphql-yoga";

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 10, maxAliases: 15, maxCost: 20_000 };

/** List fields without a size argument count as this many items. */
const DEFAULT_LIST_SIZE = 50;
/** Fields returning a list whose length is one of their arguments. */
const SIZED_LISTS: Record<string, { arg: string; default: number }> = {
  alerts: { arg: "first", default: 50 },
  lorenz: { arg: "points", default: 101 },
};
/**
 * Fields returning an object whose list child (`child`) has the length given by an argument.
 * The rows are computed whether or not `child` is selected, so the container costs at least
 * `rowFields` per row.
 */
const SIZED_CONTAINERS: Record<string, { arg: string; default: number; child: string; rowFields: number }> = {
  distribution: { arg: "first", default: 100, child: "items", rowFields: 4 },
  influence: { arg: "top", default: 10, child: "topVoters", rowFields: 3 },
};

function intValue(node: ValueNode | undefined, variables: Record<string, unknown>): number | undefined {
  if (!node) return undefined;
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const v = variables[node.name.value];
    return typeof v === "number" ? v : undefined;
  }
  return undefined;
}

function fragmentsOf(context: ValidationContext): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const def of context.getDocument().definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) map.set(def.name.value, def);
  }
  return map;
}

/**
 * Depth of a selection set (1 for a set of leaf fields), following fragments. Introspection
 * fields count like any other, except `ofType`: a chain of nested `ofType` is measured on its
 * own by {@link ofTypeChain} (GraphiQL's standard introspection query nests it about ten deep
 * under `__schema { types { fields { args { type ... } } } }`).
 */
function depthOf(set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!set) return 0;
  let max = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const step = sel.name.value === "ofType" ? 0 : 1;
      max = Math.max(max, step + depthOf(sel.selectionSet, fragments, seen));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(sel.selectionSet, fragments, seen));
    } else {
      const name = sel.name.value;
      const frag = fragments.get(name);
      if (!frag || seen.has(name)) continue;
      seen.add(name);
      max = Math.max(max, depthOf(frag.selectionSet, fragments, seen));
      seen.delete(name);
    }
  }
  return max;
}

/**
 * Longest run of directly nested `ofType` selections, following fragments: `[run starting in
 * this set, longest run anywhere below]`.
 */
function ofTypeChain(
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string>,
): [number, number] {
  if (!set) return [0, 0];
  let here = 0;
  let best = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const [childRun, childBest] = ofTypeChain(sel.selectionSet, fragments, seen);
      if (sel.name.value === "ofType") here = Math.max(here, 1 + childRun);
      best = Math.max(best, childBest);
    } else {
      let inner: SelectionSetNode | undefined;
      if (sel.kind === Kind.INLINE_FRAGMENT) inner = sel.selectionSet;
      else {
        const name = sel.name.value;
        if (seen.has(name)) continue;
        inner = fragments.get(name)?.selectionSet;
        seen.add(name);
      }
      const [run, b] = ofTypeChain(inner, fragments, seen);
      if (sel.kind === Kind.FRAGMENT_SPREAD) seen.delete(sel.name.value);
      here = Math.max(here, run);
      best = Math.max(best, b);
    }
  }
  return [here, Math.max(here, best)];
}

/**
 * Estimated cost: 1 per field, a list field's children counted once per expected item
 * (`first`/`top`/`points` when the field or its container has one, else 50).
 */
function costOf(
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  seen: Set<string>,
  container?: { child: string; size: number },
): number {
  if (!set) return 0;
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const name = sel.name.value;
      if (name.startsWith("__")) continue;
      let size = 1;
      let inner: { child: string; size: number } | undefined;
      if (sel.selectionSet) {
        const argOf = (arg: string, fallback: number) =>
          Math.max(1, intValue(sel.arguments?.find((a) => a.name.value === arg)?.value, variables) ?? fallback);
        const list = SIZED_LISTS[name];
        const box = SIZED_CONTAINERS[name];
        if (container && container.child === name) size = container.size;
        else if (list) size = argOf(list.arg, list.default);
        else if (box) inner = { child: box.child, size: argOf(box.arg, box.default) };
        else if (LIST_FIELDS.has(name)) size = DEFAULT_LIST_SIZE;
      }
      const children = size * costOf(sel.selectionSet, fragments, variables, seen, inner);
      const rows = inner ? inner.size * SIZED_CONTAINERS[name]!.rowFields : 0;
      total += 1 + Math.max(children, rows);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      total += costOf(sel.selectionSet, fragments, variables, seen, container);
    } else {
      const name = sel.name.value;
      const frag = fragments.get(name);
      if (!frag || seen.has(name)) continue;
      seen.add(name);
      total += costOf(frag.selectionSet, fragments, variables, seen, container);
      seen.delete(name);
    }
  }
  return total;
}

/** Fields of the analytics schema that return lists without a size argument. */
const LIST_FIELDS = new Set([
  "epochs",
  "points",
  "seasons",
  "gauges",
  "vaults",
  "allocations",
  "releases",
  "upcoming",
  "events",
]);

function countAliases(set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!set) return 0;
  let n = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.alias) n++;
      n += countAliases(sel.selectionSet, fragments, seen);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      n += countAliases(sel.selectionSet, fragments, seen);
    } else {
      const frag = fragments.get(sel.name.value);
      if (!frag || seen.has(sel.name.value)) continue;
      seen.add(sel.name.value);
      n += countAliases(frag.selectionSet, fragments, seen);
      seen.delete(sel.name.value);
    }
  }
  return n;
}

/**
 * The three limit rules. `variables` (for sizes given as variables) are read through a getter
 * because validation runs before execution.
 */
export function limitRules(limits: QueryLimits = DEFAULT_LIMITS, variables: () => Record<string, unknown> = () => ({})): ValidationRule[] {
  const rule =
    (check: (context: ValidationContext, op: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>) => string | null) =>
    (context: ValidationContext): ASTVisitor => ({
      OperationDefinition(node) {
        const message = check(context, node.selectionSet, fragmentsOf(context));
        if (message) context.reportError(createGraphQLError(message, { nodes: [node], extensions: { code: "QUERY_TOO_COMPLEX", http: { status: 400 } } }));
      },
    });
  return [
    rule((_c, set, fragments) => {
      const depth = depthOf(set, fragments, new Set());
      if (depth > limits.maxDepth) return `query depth ${depth} exceeds the limit of ${limits.maxDepth}`;
      const chain = ofTypeChain(set, fragments, new Set())[1];
      return chain > limits.maxDepth ? `query depth ${chain} (nested ofType) exceeds the limit of ${limits.maxDepth}` : null;
    }),
    rule((_c, set, fragments) => {
      const aliases = countAliases(set, fragments, new Set());
      return aliases > limits.maxAliases ? `query uses ${aliases} aliases; the limit is ${limits.maxAliases}` : null;
    }),
    rule((_c, set, fragments) => {
      const cost = costOf(set, fragments, variables(), new Set());
      return cost > limits.maxCost
        ? `query cost ${cost} exceeds the limit of ${limits.maxCost} (lists count as first/top items; ask for fewer)`
        : null;
    }),
  ];
}
