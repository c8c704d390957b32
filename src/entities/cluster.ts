/**
 * Union-find over links: addresses joined by a link at or above the threshold form one entity.
 * Blocked addresses (exchanges, distributors) never join anything, so nothing merges through them.
 */
import type { Entity, EntityLink } from "./types";

/** Disjoint sets over strings (path halving, union by size). */
export class UnionFind {
  private readonly parent = new Map<string, string>();
  private readonly size = new Map<string, number>();

  find(x: string): string {
    if (!this.parent.has(x)) {
      this.parent.set(x, x);
      this.size.set(x, 1);
      return x;
    }
    let r = x;
    while (this.parent.get(r) !== r) {
      const p = this.parent.get(r) as string;
      const gp = this.parent.get(p) as string;
      this.parent.set(r, gp);
      r = gp;
    }
    return r;
  }

  union(a: string, b: string): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if ((this.size.get(ra) as number) < (this.size.get(rb) as number)) [ra, rb] = [rb, ra];
    this.parent.set(rb, ra);
    this.size.set(ra, (this.size.get(ra) as number) + (this.size.get(rb) as number));
  }

  /** Every element seen, grouped by root. */
  groups(): string[][] {
    const byRoot = new Map<string, string[]>();
    for (const x of this.parent.keys()) {
      const r = this.find(x);
      let list = byRoot.get(r);
      if (!list) byRoot.set(r, (list = []));
      list.push(x);
    }
    return [...byRoot.values()];
  }
}

/** Stable id of an entity: `e-` and its smallest member address without `0x`. */
export function entityId(members: readonly string[]): string {
  const min = [...members].sort()[0] ?? "";
  return `e-${min.replace(/^0x/, "")}`;
}

/** The result of clustering: entities and a lookup from address to entity. */
export interface Clustering {
  entities: Entity[];
  /** Entity of each member address (addresses in no entity are absent). */
  byAddress: Map<string, Entity>;
}

/**
 * Clusters addresses: links with `confidence >= threshold` whose ends are not blocked are
 * merged; groups of two or more addresses (or named by `names`) become entities.
 * @example clusterLinks([{ a: "0xa", b: "0xb", evidence: { kind: "lockFor", txHash: "0x1", block: 1, confidence: 0.9 } }], 0.6).entities[0].members // ["0xa", "0xb"]
 */
export function clusterLinks(
  links: readonly EntityLink[],
  threshold: number,
  blocked: ReadonlySet<string> = new Set(),
  names: ReadonlyMap<string, string> = new Map(),
): Clustering {
  const uf = new UnionFind();
  const kept = links.filter((l) => l.evidence.confidence >= threshold && l.a !== l.b && !blocked.has(l.a) && !blocked.has(l.b));
  for (const l of kept) uf.union(l.a, l.b);
  for (const address of names.keys()) if (!blocked.has(address)) uf.find(address);
  const entities: Entity[] = [];
  const byAddress = new Map<string, Entity>();
  for (const group of uf.groups()) {
    const members = group.sort();
    const named = members.map((m) => names.get(m)).find((n) => n !== undefined) ?? null;
    if (members.length < 2 && named === null) continue;
    const entity: Entity = { id: entityId(members), name: named, members, links: [] };
    entities.push(entity);
    for (const m of members) byAddress.set(m, entity);
  }
  for (const l of kept) byAddress.get(l.a)?.links.push(l);
  entities.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return { entities, byAddress };
}
