/**
 * The populations over which concentration is measured, defined once: the `metric_scope` enum of
 * `ponder.schema.ts`, the window-end snapshot (src/domain/snapshot.ts), the store, GraphQL's
 * `Scope`, REST and OpenAPI arguments, the export layout and the alert rules all read this list.
 * Adding a scope here (and its population in the snapshot and the store) adds it everywhere.
 *
 * @example
 * for (const scope of METRIC_SCOPES) console.log(scope, SCOPE_DESCRIPTIONS[scope]);
 */

export const METRIC_SCOPES = ["CAST_VOTES", "ELIGIBLE_POWER", "LOCKED_BR", "BR_HOLDINGS", "GAUGE_VOTERS", "GAUGES"] as const;

export type MetricScope = (typeof METRIC_SCOPES)[number];

/** What each scope counts, for users (GraphQL descriptions, REST/OpenAPI, exports). */
export const SCOPE_DESCRIPTIONS: Record<MetricScope, string> = {
  CAST_VOTES: "standing votes per voter address (all gauges summed)",
  ELIGIBLE_POWER: "voting power per lock owner at the snapshot",
  LOCKED_BR: "locked BR per owner (queued exits included)",
  BR_HOLDINGS: "BR balance per holder; exchange, vesting, contract and burn addresses left out",
  GAUGE_VOTERS: "votes per voter on one gauge (needs gauge)",
  GAUGES: "votes per gauge",
};
