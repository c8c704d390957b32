/**
 * Is the index still a view of the chain? A pure decision over successive observations of the
 * indexer and the chain, made by the API's health monitor (src/api/health.ts).
 *
 * Why: Ponder 0.16.10, after a reorg deeper than its finality window, logs "Encountered
 * unrecoverable reorg" and then stalls while it keeps serving the abandoned branch. ve-lens
 * must never serve such numbers silently, so it watches for the symptoms:
 *
 * | reason                     | symptom                                                                 | grace |
 * | -------------------------- | ----------------------------------------------------------------------- | ----- |
 * | `finalized-block-replaced` | a block Ponder stored as final has another hash on the chain, or is gone | `confirmations` observations in a row |
 * | `ahead-of-chain`           | the indexed block is above the chain's head                               | `aheadGraceMs` |
 * | `stalled`                  | the head is more than `maxLagBlocks` ahead and the indexed block has not moved for `stallMs` | `stallMs` |
 *
 * Failed chain reads (`undefined`) never count as a symptom: a flaky RPC only slows the checks.
 * Unhealthy is final: the index must be rebuilt, so nothing turns it healthy again.
 *
 * @example
 * let s = initialHealth();
 * s = observe(s, { at: Date.now(), indexedBlock: 120, head: 80 });
 * if (s.status === "unhealthy") console.error(s.reason, s.detail);
 */

export type UnhealthyReason = "finalized-block-replaced" | "ahead-of-chain" | "stalled";

export interface Observation {
  /** Milliseconds (any monotonic clock). */
  at: number;
  /** Ponder's latest indexed block, `undefined` when not known yet. */
  indexedBlock: number | undefined;
  /** The chain's head, `undefined` when the RPC did not answer. */
  head: number | undefined;
  /**
   * The newest block Ponder stored as final, and the chain's block at that number:
   * `chainHash` `null` = the chain has no block there, `undefined` = the RPC did not answer.
   */
  finalized?: { number: number; storedHash: string; chainHash: string | null | undefined };
}

export interface HealthRules {
  confirmations: number;
  aheadGraceMs: number;
  stallMs: number;
  maxLagBlocks: number;
}

export const DEFAULT_HEALTH_RULES: HealthRules = {
  confirmations: 2,
  aheadGraceMs: 5_000,
  stallMs: 120_000,
  maxLagBlocks: 100,
};

export type HealthState =
  | {
      status: "healthy";
      /** Consecutive observations with a replaced final block. */
      replacedCount: number;
      aheadSince: number | undefined;
      /** The last indexed block seen and when it last changed. */
      lastIndexed: number | undefined;
      lastIndexedChangeAt: number | undefined;
      last: Observation | undefined;
    }
  | {
      status: "unhealthy";
      reason: UnhealthyReason;
      detail: string;
      since: number;
      last: Observation;
    };

export function initialHealth(): HealthState {
  return { status: "healthy", replacedCount: 0, aheadSince: undefined, lastIndexed: undefined, lastIndexedChangeAt: undefined, last: undefined };
}

/** The state after one more observation. */
export function observe(state: HealthState, o: Observation, rules: HealthRules = DEFAULT_HEALTH_RULES): HealthState {
  if (state.status === "unhealthy") return state;
  const bad = (reason: UnhealthyReason, detail: string): HealthState => ({ status: "unhealthy", reason, detail, since: o.at, last: o });

  const f = o.finalized;
  const replaced = f !== undefined && f.chainHash !== undefined && f.chainHash !== f.storedHash;
  const replacedCount = replaced ? state.replacedCount + 1 : 0;
  if (replaced && replacedCount >= rules.confirmations) {
    const now = f.chainHash === null ? "the chain has no such block any more" : `the chain now has ${f.chainHash}`;
    return bad(
      "finalized-block-replaced",
      `block ${f.number} was indexed as final with hash ${f.storedHash}, ${now}: a reorg deeper than the finality window`,
    );
  }

  const ahead = o.indexedBlock !== undefined && o.head !== undefined && o.indexedBlock > o.head;
  const aheadSince = ahead ? (state.aheadSince ?? o.at) : undefined;
  if (ahead && o.at - aheadSince! >= rules.aheadGraceMs) {
    return bad("ahead-of-chain", `indexed block ${o.indexedBlock} is above the chain's head ${o.head} since ${Math.round((o.at - aheadSince!) / 1000)} s`);
  }

  let { lastIndexed, lastIndexedChangeAt } = state;
  if (o.indexedBlock !== undefined && o.indexedBlock !== lastIndexed) {
    lastIndexed = o.indexedBlock;
    lastIndexedChangeAt = o.at;
  }
  const lagging = o.indexedBlock !== undefined && o.head !== undefined && o.head - o.indexedBlock > rules.maxLagBlocks;
  if (lagging && lastIndexedChangeAt !== undefined && o.at - lastIndexedChangeAt >= rules.stallMs) {
    return bad(
      "stalled",
      `indexed block ${o.indexedBlock} has not moved for ${Math.round((o.at - lastIndexedChangeAt) / 1000)} s while the chain's head is ${o.head}`,
    );
  }
  return { status: "healthy", replacedCount, aheadSince, lastIndexed, lastIndexedChangeAt, last: o };
}
