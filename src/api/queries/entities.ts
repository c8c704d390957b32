/**
 * Entity queries: the clustering over the whole index (recomputed on a new indexed block, at
 * most every `maxAgeMs`), an entity with its members and their evidence, and the entity of an
 * address. The labels file (`VE_LENS_ENTITY_LABELS`, optional) is read once at start-up.
 */
import { readFileSync } from "node:fs";
import { type EntityLabels, type EntityOptions, type EvidenceKind, type EntityResult, DEFAULT_ENTITY_OPTIONS, buildEntities, parseEntityLabels } from "../../entities/index";
import { InvalidParameterError, NotFoundError } from "../errors";
import { BlockCache } from "./blockCache";
import type { EntityStore } from "./entityStore";

/** One member of an entity and the links that tie it to other members. */
export interface EntityMemberView {
  address: string;
  evidence: { kind: EvidenceKind; txHash: string | null; block: number | null; confidence: number; other: string }[];
}

export interface EntityView {
  id: string;
  name: string | null;
  size: number;
  members: EntityMemberView[];
}

/** Reads and validates the labels file named by `VE_LENS_ENTITY_LABELS` (undefined when unset). */
export function labelsFromEnv(env: NodeJS.ProcessEnv = process.env): EntityLabels | undefined {
  const path = env.VE_LENS_ENTITY_LABELS;
  if (!path) return undefined;
  return parseEntityLabels(JSON.parse(readFileSync(path, "utf8")), path);
}

export type EntityQueries = ReturnType<typeof createEntityQueries>;

/** Entity queries over a store; `block()` is the latest indexed block (the cache key). */
export function createEntityQueries(
  store: EntityStore,
  deps: {
    block: () => Promise<number>;
    labels?: EntityLabels;
    options?: EntityOptions;
    /** Reuse a clustering for this long across new blocks (default 30 s; 0: recompute every block). */
    maxAgeMs?: number;
  },
) {
  const cache = new BlockCache();
  const maxAgeMs = deps.maxAgeMs ?? 30_000;
  // The clustering reads whole tables: on a fast chain it is reused for up to `maxAgeMs` across new blocks.
  let last: { block: number; at: number; result: Promise<EntityResult> } | undefined;

  async function clustering(): Promise<EntityResult> {
    const head = await deps.block();
    if (last && (last.block === head || Date.now() - last.at < maxAgeMs)) return last.result;
    const block = head;
    const result = cache.get(block, "entities", async () => {
      const [direct, transfers, deposits, votes, blocked] = await Promise.all([
        store.direct(),
        store.transfers(),
        store.deposits(),
        store.votes(),
        store.blockedLabels(),
      ]);
      return buildEntities(
        { direct, transfers, deposits, votes, exchanges: new Set(blocked), ...(deps.labels ? { labels: deps.labels } : {}) },
        deps.options ?? DEFAULT_ENTITY_OPTIONS,
      );
    });
    last = { block, at: Date.now(), result };
    result.catch(() => {
      if (last?.result === result) last = undefined;
    });
    return result;
  }

  function view(result: EntityResult, id: string): EntityView {
    const entity = result.entities.find((e) => e.id === id);
    if (!entity) throw new NotFoundError("entity", `unknown entity ${id}: an address in no entity is its own (query it by address)`);
    const members = entity.members.map((address): EntityMemberView => ({ address, evidence: [] }));
    const byAddress = new Map(members.map((m) => [m.address, m]));
    for (const l of entity.links) {
      const e = l.evidence;
      byAddress.get(l.a)?.evidence.push({ kind: e.kind, txHash: e.txHash, block: e.block, confidence: e.confidence, other: l.b });
      byAddress.get(l.b)?.evidence.push({ kind: e.kind, txHash: e.txHash, block: e.block, confidence: e.confidence, other: l.a });
    }
    return { id: entity.id, name: entity.name, size: members.length, members };
  }

  return {
    clustering,
    /** An entity by id (`e-…`), or the entity of an address (`0x…`). */
    async entity(idOrAddress: string): Promise<EntityView> {
      const key = idOrAddress.toLowerCase();
      const result = await clustering();
      if (/^0x[0-9a-f]{40}$/.test(key)) {
        const entity = result.byAddress.get(key);
        if (!entity) return { id: key, name: null, size: 1, members: [{ address: key, evidence: [] }] };
        return view(result, entity.id);
      }
      if (!/^e-[0-9a-f]{40}$/.test(key)) throw new InvalidParameterError("id", "expected an entity id (e- and 40 hex digits) or an address");
      return view(result, key);
    },
    /** Every entity of two or more addresses (or labelled), largest first, then by id. */
    async entities(): Promise<EntityView[]> {
      const result = await clustering();
      return result.entities
        .map((e) => view(result, e.id))
        .sort((x, y) => y.size - x.size || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    },
    /** The entity id of an address, or null when it is in no entity. */
    async entityIdOf(address: string): Promise<string | null> {
      return (await clustering()).byAddress.get(address.toLowerCase())?.id ?? null;
    },
    /** A lookup from address to entity id (for grouping distributions). */
    async keyOf(): Promise<(owner: string) => string | undefined> {
      const result = await clustering();
      return (owner) => result.byAddress.get(owner)?.id;
    },
  };
}
