/**
 * Validation rules that bound the work one GraphQL document can ask for: selection depth,
 * number of aliases and an estimated cost (list fields multiply their children by `first`
 * or `top`). Introspection fields (`__schema`, `__type`, ...) are not counted, so GraphiQL works.
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
/** Fields whose size argument is `first` or `top` (default when not given). */
const SIZED_FIELDS: Record<string, { arg: string; default: number }> = {
  distribution: { arg: "first", default: 100 },
  alerts: { arg: "first", default: 50 },
  influence: { arg: "top", default: 10 },
  lorenz: { arg: "points", default: 101 },
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

/** Depth of a selection set (1 for a set of leaf fields), following fragments. */
function depthOf(set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!set) return 0;
  let max = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith("__")) continue;
      max = Math.max(max, 1 + depthOf(sel.selectionSet, fragments, seen));
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

/** Estimated cost: 1 per field, children multiplied by the list size of their parent. */
function costOf(
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  seen: Set<string>,
): number {
  if (!set) return 0;
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith("__")) continue;
      total += 1 + multiplier(sel, variables) * costOf(sel.selectionSet, fragments, variables, seen);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      total += costOf(sel.selectionSet, fragments, variables, seen);
    } else {
      const name = sel.name.value;
      const frag = fragments.get(name);
      if (!frag || seen.has(name)) continue;
      seen.add(name);
      total += costOf(frag.selectionSet, fragments, variables, seen);
      seen.delete(name);
    }
  }
  return total;
}

function multiplier(field: FieldNode, variables: Record<string, unknown>): number {
  if (!field.selectionSet) return 1;
  const sized = SIZED_FIELDS[field.name.value];
  if (sized) {
    const arg = field.arguments?.find((a) => a.name.value === sized.arg);
    return Math.max(1, intValue(arg?.value, variables) ?? sized.default);
  }
  return LIST_FIELDS.has(field.name.value) ? DEFAULT_LIST_SIZE : 1;
}

/** Fields of the analytics schema that return lists without a size argument. */
const LIST_FIELDS = new Set([
  "epochs",
  "points",
  "seasons",
  "gauges",
  "vaults",
  "items",
  "topVoters",
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
      return depth > limits.maxDepth ? `query depth ${depth} exceeds the limit of ${limits.maxDepth}` : null;
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
