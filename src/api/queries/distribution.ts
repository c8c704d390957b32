/**
 * Distributions (the per-owner amounts behind a metric): sorting, cursors and the JSON form of
 * a metrics record.
 */
import type { ConcentrationMetrics } from "../../metrics/index";
import { InvalidParameterError } from "../errors";
import type { Holding } from "./store";

/** A sorted distribution: amount desc, owner asc. */
export type Distribution = Holding[];

/** Members summed per key, zeros left out, sorted amount desc then key asc. */
export function sortDistribution(entries: Iterable<Holding>): Distribution {
  const byOwner = new Map<string, bigint>();
  for (const { owner, amount } of entries) byOwner.set(owner, (byOwner.get(owner) ?? 0n) + amount);
  return [...byOwner]
    .filter(([, amount]) => amount > 0n)
    .map(([owner, amount]) => ({ owner, amount }))
    .sort((a, b) => (a.amount > b.amount ? -1 : a.amount < b.amount ? 1 : a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
}

/** Cursor of a distribution row: base64url of `amount:owner`. */
export function encodeCursor(row: Holding): string {
  return Buffer.from(`${row.amount}:${row.owner}`, "utf8").toString("base64url");
}

/** @throws InvalidParameterError("after") for anything not made by {@link encodeCursor}. */
export function decodeCursor(cursor: string): Holding {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^(\d{1,80}):(0x[0-9a-f]{40})$/.exec(text);
  if (!match) throw new InvalidParameterError("after", "not a cursor returned by this API (use pageInfo.endCursor)");
  return { amount: BigInt(match[1]!), owner: match[2]! };
}

/** Index of the first row strictly after the cursor in a sorted distribution. */
export function indexAfter(rows: Distribution, cursor: Holding): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = rows[mid]!;
    const before = r.amount > cursor.amount || (r.amount === cursor.amount && r.owner <= cursor.owner);
    if (before) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A bigint as a decimal string. */
export const str = (v: bigint): string => v.toString();

/** Metrics with `total` as a decimal string. */
export function metricsView(m: Omit<ConcentrationMetrics, "total"> & { total: bigint }) {
  return {
    n: m.n,
    total: str(m.total),
    gini: m.gini,
    nakamoto33: m.nakamoto33,
    nakamoto50: m.nakamoto50,
    nakamoto66: m.nakamoto66,
    hhi: m.hhi,
    effectiveN: m.effectiveN,
    theil: m.theil,
    entropy: m.entropy,
    top1Share: m.top1Share,
    top5Share: m.top5Share,
    top10Share: m.top10Share,
    palma: m.palma,
  };
}

