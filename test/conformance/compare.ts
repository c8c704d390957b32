/**
 * The comparator: what the real contracts' views say at an epoch's window end (expected) against
 * what ve-lens serves for that epoch (actual), both as {@link EpochValues}. Pure: no I/O.
 *
 * Checks per epoch (missing keys count as 0 on either side):
 * - `ownerPower`: Σ votingPowerAt(token, windowEnd) over each owner's tokens (owner = Lock owner, or the
 *   exit-queue ticket holder while queued); `tokenPower`: the same per token;
 * - `tokenVotes`: votes(token, gauge); `tokenUsed`: usedVotingPower(token); `voterVotes`: Σ per voter;
 * - `gaugeVotes`: gaugeVotes(gauge); `totalCast`: totalVotingPowerCast(); `eligiblePower`: Σ votingPowerAt;
 * - `totalLocked`: escrow totalLocked(); `season`: clock currentSeasonIndex() (0 for a clock without seasons).
 *
 * @example
 * const report = compareEpochs("season8x seed 1", expectedByEpoch, actualByEpoch);
 * console.log(formatConformanceReport(report));
 */

/** The values compared for one epoch; addresses lowercase, token ids decimal strings. */
export interface EpochValues {
  epoch: number;
  /** Season index at window end (0 when the clock has no seasons); undefined: not compared. */
  season?: number;
  tokenPower: Map<string, bigint>;
  ownerPower: Map<string, bigint>;
  /** `${tokenId}:${gauge}` → votes. */
  tokenVotes: Map<string, bigint>;
  tokenUsed: Map<string, bigint>;
  voterVotes: Map<string, bigint>;
  gaugeVotes: Map<string, bigint>;
  totalCast: bigint;
  eligiblePower: bigint;
  totalLocked: bigint;
}

export interface ConformanceMismatch {
  epoch: number;
  check: string;
  key: string;
  expected: string;
  actual: string;
}

export interface ConformanceReport {
  /** Name of the world (variant, seed, ...). */
  world: string;
  /** Epochs expected (the contracts' window ends). */
  epochs: number[];
  /** Expected epochs ve-lens has no row for. */
  missingEpochs: number[];
  /** Number of values compared, per check. */
  byCheck: Record<string, number>;
  comparisons: number;
  mismatches: ConformanceMismatch[];
  /** Mismatch count per check. */
  mismatchesByCheck: Record<string, number>;
}

/** Empty {@link EpochValues} for `epoch`. */
export function emptyEpochValues(epoch: number): EpochValues {
  return {
    epoch,
    tokenPower: new Map(),
    ownerPower: new Map(),
    tokenVotes: new Map(),
    tokenUsed: new Map(),
    voterVotes: new Map(),
    gaugeVotes: new Map(),
    totalCast: 0n,
    eligiblePower: 0n,
    totalLocked: 0n,
  };
}

/** Adds `v` to `map[key]`. */
export function addTo(map: Map<string, bigint>, key: string, v: bigint): void {
  map.set(key, (map.get(key) ?? 0n) + v);
}

const MAP_CHECKS = ["ownerPower", "tokenPower", "tokenVotes", "tokenUsed", "voterVotes", "gaugeVotes"] as const;
const SCALAR_CHECKS = ["totalCast", "eligiblePower", "totalLocked"] as const;

/** Mismatches of one epoch, and the number of values compared per check. */
export function compareEpoch(
  expected: EpochValues,
  actual: EpochValues,
): { mismatches: ConformanceMismatch[]; byCheck: Record<string, number> } {
  const mismatches: ConformanceMismatch[] = [];
  const byCheck: Record<string, number> = {};
  const count = (check: string) => (byCheck[check] = (byCheck[check] ?? 0) + 1);
  const epoch = expected.epoch;
  for (const check of MAP_CHECKS) {
    const e = expected[check];
    const a = actual[check];
    const keys = [...new Set([...e.keys(), ...a.keys()])].sort();
    for (const key of keys) {
      const ev = e.get(key) ?? 0n;
      const av = a.get(key) ?? 0n;
      if (ev === 0n && av === 0n) continue;
      count(check);
      if (ev !== av) mismatches.push({ epoch, check, key, expected: ev.toString(), actual: av.toString() });
    }
  }
  for (const check of SCALAR_CHECKS) {
    count(check);
    if (expected[check] !== actual[check]) {
      mismatches.push({ epoch, check, key: "", expected: expected[check].toString(), actual: actual[check].toString() });
    }
  }
  if (expected.season !== undefined) {
    count("season");
    if (expected.season !== actual.season) {
      mismatches.push({ epoch, check: "season", key: "", expected: String(expected.season), actual: String(actual.season) });
    }
  }
  return { mismatches, byCheck };
}

/** Compares every expected epoch with ve-lens's answer for it; an epoch ve-lens lacks is listed as missing. */
export function compareEpochs(
  world: string,
  expected: readonly EpochValues[],
  actual: ReadonlyMap<number, EpochValues>,
): ConformanceReport {
  const report: ConformanceReport = {
    world,
    epochs: expected.map((e) => e.epoch),
    missingEpochs: [],
    byCheck: {},
    comparisons: 0,
    mismatches: [],
    mismatchesByCheck: {},
  };
  for (const e of expected) {
    const a = actual.get(e.epoch);
    if (!a) {
      report.missingEpochs.push(e.epoch);
      continue;
    }
    const r = compareEpoch(e, a);
    report.mismatches.push(...r.mismatches);
    for (const [k, n] of Object.entries(r.byCheck)) {
      report.byCheck[k] = (report.byCheck[k] ?? 0) + n;
      report.comparisons += n;
    }
  }
  for (const m of report.mismatches) report.mismatchesByCheck[m.check] = (report.mismatchesByCheck[m.check] ?? 0) + 1;
  return report;
}

/** The table printed per world: compared values and mismatches per check, the first `limit` mismatches, missing epochs. */
export function formatConformanceReport(report: ConformanceReport, limit = 20): string {
  const lines = [`== ${report.world}: epochs ${report.epochs.join(", ")}`];
  lines.push(`   ${"check".padEnd(14)} ${"compared".padStart(8)} ${"mismatch".padStart(8)}`);
  const checks = [...new Set([...Object.keys(report.byCheck), ...Object.keys(report.mismatchesByCheck)])];
  for (const c of checks) {
    lines.push(`   ${c.padEnd(14)} ${String(report.byCheck[c] ?? 0).padStart(8)} ${String(report.mismatchesByCheck[c] ?? 0).padStart(8)}`);
  }
  lines.push(`   ${"total".padEnd(14)} ${String(report.comparisons).padStart(8)} ${String(report.mismatches.length).padStart(8)}`);
  lines.push(`   missing epochs: ${report.missingEpochs.length ? report.missingEpochs.join(", ") : "none"}`);
  for (const m of report.mismatches.slice(0, limit)) {
    lines.push(`   E${m.epoch} ${m.check}${m.key ? ` ${m.key}` : ""}: expected ${m.expected}, actual ${m.actual}`);
  }
  if (report.mismatches.length > limit) lines.push(`   ... and ${report.mismatches.length - limit} more mismatches`);
  return lines.join("\n");
}
