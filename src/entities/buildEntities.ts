/**
 * The whole clustering from indexed records: links of every kind, distributors and exchanges
 * blocked, union-find above the threshold.
 */
import { clusterLinks, type Clustering } from "./cluster";
import { type EntityLabels, labelLinks } from "./labels";
import { blockedAddresses, copyVoteLinks, directLinks, fundersOf, fundingLinks } from "./links";
import {
  type CastVote,
  DEFAULT_ENTITY_OPTIONS,
  type DepositRecord,
  type DirectEvidence,
  type EntityOptions,
  type FundingTransfer,
} from "./types";

/** Everything the clustering reads (all from the index, plus the optional labels file). */
export interface EntityInputs {
  direct: readonly DirectEvidence[];
  transfers: readonly FundingTransfer[];
  deposits: readonly DepositRecord[];
  votes: readonly CastVote[];
  /** Addresses never merged through: exchanges (configuration and labels file), contracts. */
  exchanges: ReadonlySet<string>;
  labels?: EntityLabels;
}

/** Clustering plus the addresses that were blocked (exchanges and distributors). */
export interface EntityResult extends Clustering {
  blocked: Set<string>;
}

/**
 * Clusters addresses into entities.
 * @example buildEntities({ direct, transfers, deposits, votes, exchanges: new Set() }).byAddress.get("0x…")?.id
 */
export function buildEntities(inputs: EntityInputs, options: EntityOptions = DEFAULT_ENTITY_OPTIONS): EntityResult {
  const exchanges = new Set(inputs.exchanges);
  for (const e of inputs.labels?.exchanges ?? []) exchanges.add(e.address);
  const blocked = blockedAddresses(inputs.transfers, inputs.direct, exchanges, options.maxFanOut);
  const funders = fundersOf(inputs.transfers, inputs.direct, blocked);
  const labelled = inputs.labels ? labelLinks(inputs.labels) : { links: [], names: new Map<string, string>() };
  // A labelled entity member is never a distributor: the labels file overrides the fan-out rule.
  for (const a of labelled.names.keys()) if (!exchanges.has(a)) blocked.delete(a);
  const links = [
    ...labelled.links,
    ...directLinks(inputs.direct, blocked, options),
    ...fundingLinks(inputs.transfers, inputs.deposits, blocked, options),
    ...copyVoteLinks(inputs.votes, funders, blocked, options),
  ];
  return { ...clusterLinks(links, options.threshold, blocked, labelled.names), blocked };
}
