/**
 * GraphQL of the entities: `entity(id)` (or an address) with every member's evidence,
 * `uplift(epoch, scope)` (address vs entity Nakamoto, Gini, top-1), `concentration(..., by:
 * ENTITY)` and `Account.entity`. Merged into the analytics schema by `graphql.ts`.
 */
import { z } from "zod";
import type { Analytics } from "../queries/analytics";
import { address, epochNumber, parseArgs, scope } from "../args";

export const entityTypeDefs = /* GraphQL */ `
"""Whether a population is measured per address or per entity (addresses grouped by the clustering)."""
enum ConcentrationBy {
  ADDRESS
  ENTITY
}

"""One piece of evidence linking a member to another member."""
type EntityEvidence {
  "lockFor, nftTransfer, fundedLock, copyVote or label"
  kind: String!
  "the transaction that shows it (null for labels)"
  txHash: String
  block: Int
  "in [0, 1]; links at or above the threshold merge"
  confidence: Float!
  "the other end of the link"
  other: String!
}

type EntityMember {
  address: String!
  evidence: [EntityEvidence!]!
}

"""Addresses that the chain's evidence ties to one owner (an address in no entity is an entity of one)."""
type Entity {
  id: String!
  "from the labels file, if one of its members is labelled"
  name: String
  size: Int!
  members: [EntityMember!]!
}

type Headline {
  n: Int!
  nakamoto50: Int!
  gini: Float!
  top1Share: Float!
}

"""Address-level vs entity-level numbers of one population."""
type Uplift {
  epoch: Int!
  scope: Scope!
  gauge: String
  finalized: Boolean!
  address: Headline!
  entity: Headline!
  "address Nakamoto-50 minus entity Nakamoto-50"
  nakamotoDrop: Int!
  top1Uplift: Float!
  giniUplift: Float!
}

extend type Query {
  "an entity by id (e-…) or the entity of an address (0x…)"
  entity(id: String!): Entity!
  "every entity of two or more addresses (or labelled), largest first"
  entities: [Entity!]!
  "address vs entity Nakamoto-50, Gini and top-1 share of one population"
  uplift(epoch: Int!, scope: Scope!, gauge: String): Uplift!
}

extend type Account {
  "the entity this address belongs to (null: in no entity)"
  entity: Entity
}
`;

const EntityArgs = z.object({ id: z.string().min(1).max(80) });
const UpliftArgs = z.object({ epoch: epochNumber, scope, gauge: address.optional() });

function clean(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (v !== null) out[k] = v;
  return out;
}

/** Query resolvers of the entity queries. */
export function entityQueryResolvers(analytics: Analytics) {
  return {
    entity: (_: unknown, args: Record<string, unknown>) => analytics.entity(parseArgs(EntityArgs, clean(args)).id),
    entities: () => analytics.entities(),
    uplift: (_: unknown, args: Record<string, unknown>) => analytics.uplift(parseArgs(UpliftArgs, clean(args))),
  };
}

/** Field resolvers: `Account.entity`, `Concentration.by`. */
export function entityFieldResolvers(analytics: Analytics) {
  return {
    Account: {
      entity: async (parent: { address: string }) => {
        const id = await analytics.entityIdOf(parent.address);
        return id === null ? null : analytics.entity(id);
      },
    },
  };
}
