/**
 * The optional labels file: known entities (several addresses, one owner) and exchanges (never
 * merged through). JSON, validated with zod; the API reads it from `VE_LENS_ENTITY_LABELS`.
 *
 * @example
 * { "entities": [{ "name": "Acme Capital", "addresses": ["0x…", "0x…"] }],
 *   "exchanges": [{ "name": "Binance hot wallet", "address": "0x…" }] }
 */
import { z } from "zod";
import type { EntityLink } from "./types";

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "expected a 0x-prefixed 20-byte hex address")
  .transform((s) => s.toLowerCase());

export const EntityLabelsSchema = z.strictObject({
  entities: z
    .array(z.strictObject({ name: z.string().min(1, "expected a non-empty name"), addresses: z.array(address).min(1, "expected at least one address") }))
    .default([]),
  exchanges: z.array(z.strictObject({ name: z.string().min(1, "expected a non-empty name"), address })).default([]),
});
export type EntityLabels = z.output<typeof EntityLabelsSchema>;

/** The labels file does not match {@link EntityLabelsSchema} (or names an exchange as an entity member). */
export class EntityLabelsError extends Error {
  override name = "EntityLabelsError";
  constructor(
    readonly source: string,
    readonly detail: string,
  ) {
    super(`invalid entity labels ${source}: ${detail}`);
  }
}

/** Validates a parsed labels file. @throws EntityLabelsError */
export function parseEntityLabels(value: unknown, source = "<labels>"): EntityLabels {
  const result = EntityLabelsSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new EntityLabelsError(source, `${issue?.path.join(".") || "(root)"}: ${issue?.message}`);
  }
  const exchanges = new Set(result.data.exchanges.map((e) => e.address));
  for (const e of result.data.entities) {
    const clash = e.addresses.find((a) => exchanges.has(a));
    if (clash) throw new EntityLabelsError(source, `entity "${e.name}" lists ${clash}, which is labelled an exchange`);
  }
  return result.data;
}

/** Links (kind `label`, confidence 1) chaining each labelled entity's addresses, and the names by address. */
export function labelLinks(labels: EntityLabels): { links: EntityLink[]; names: Map<string, string> } {
  const links: EntityLink[] = [];
  const names = new Map<string, string>();
  for (const e of labels.entities) {
    const [first, ...rest] = e.addresses as [string, ...string[]];
    for (const a of e.addresses) names.set(a, e.name);
    for (const b of rest) links.push({ a: first, b, evidence: { kind: "label", txHash: null, block: null, confidence: 1 } });
  }
  return { links, names };
}
