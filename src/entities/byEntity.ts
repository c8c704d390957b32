/**
 * Distributions by entity: each address's amount is added to its entity's (an address in no
 * entity is its own entity), and the address-vs-entity uplift of the headline metrics.
 */
import { computeConcentration } from "../metrics/index";

/** Sums `amount` per entity key (`keyOf(owner)`, or the owner itself). */
export function groupByEntity<T extends { owner: string; amount: bigint }>(rows: readonly T[], keyOf: (owner: string) => string | undefined): { owner: string; amount: bigint }[] {
  const sums = new Map<string, bigint>();
  for (const r of rows) {
    const key = keyOf(r.owner) ?? r.owner;
    sums.set(key, (sums.get(key) ?? 0n) + r.amount);
  }
  return [...sums].map(([owner, amount]) => ({ owner, amount }));
}

/** Headline numbers of one distribution. */
export interface Headline {
  n: number;
  nakamoto50: number;
  gini: number;
  top1Share: number;
}

/** Address-level vs entity-level headline numbers of one population. */
export interface Uplift {
  address: Headline;
  entity: Headline;
  /** Address Nakamoto-50 minus entity Nakamoto-50 (≥ 0: wallets hide fewer owners). */
  nakamotoDrop: number;
  /** Entity top-1 share minus address top-1 share. */
  top1Uplift: number;
  /** Entity Gini minus address Gini. */
  giniUplift: number;
}

function headline(amounts: bigint[]): Headline {
  const m = computeConcentration(amounts);
  return { n: m.n, nakamoto50: m.nakamoto50, gini: m.gini, top1Share: m.top1Share };
}

/**
 * The uplift of grouping by entity.
 * @example entityUplift([{ owner: "0xa", amount: 5n }, { owner: "0xb", amount: 5n }, { owner: "0xc", amount: 6n }], (o) => (o === "0xc" ? undefined : "e-a")).nakamotoDrop // 1
 */
export function entityUplift(rows: readonly { owner: string; amount: bigint }[], keyOf: (owner: string) => string | undefined): Uplift {
  const address = headline(rows.map((r) => r.amount));
  const entity = headline(groupByEntity(rows, keyOf).map((r) => r.amount));
  return {
    address,
    entity,
    nakamotoDrop: address.nakamoto50 - entity.nakamoto50,
    top1Uplift: entity.top1Share - address.top1Share,
    giniUplift: entity.gini - address.gini,
  };
}
