/**
 * Alert rules: a pure function from indexed rows to alerts.
 *
 * `evaluateAlerts(input, config)` reads only its arguments (no clock, no I/O), so the same
 * rows always give the same alerts with the same ids, whatever order they were indexed in.
 * Only epochs with an `epoch` row (window end passed) are looked at; an alert is
 * `provisional` while its epoch is not finalized.
 *
 * Comparisons: bigint quantities (participation, unlocks, vault TVL) are compared exactly
 * against the threshold read as the decimal it prints as (0.3 = 3/10). Shares and Gini from
 * `epochMetric` are doubles (each the exact ratio rounded once) and are compared as doubles;
 * a Gini difference is rounded to 12 decimals first, so 0.40 - 0.35 counts as 0.05.
 */
import { createHash } from "node:crypto";
import { formatUnits } from "viem";
import { vestedAmount } from "../domain/vesting";
import { ratioToNumber, thresholdToRational } from "../metrics/ratio";
import type { AlertsConfig, Rule } from "./config";
import type { Alert, AlertInput, EpochRow, MetricRow, VaultEpochRow } from "./types";

const DAY = 86_400n;
const BR_DECIMALS = 18;
const VAULT_DECIMALS = 8;

/**
 * Stable alert id: the first 32 hex characters of
 * sha256("ve-lens/alert/v1\n" + rule + "\n" + epoch + "\n" + subject).
 * @example alertId("cast-nakamoto", 2938, ""); // 32 hex characters, always the same
 */
export function alertId(rule: string, epoch: number, subject: string): string {
  return createHash("sha256").update(`ve-lens/alert/v1\n${rule}\n${epoch}\n${subject}`).digest("hex").slice(0, 32);
}

/**
 * Every alert the rules raise on `input`, ordered by (ts, id).
 * @example evaluateAlerts({ epochs, metrics, votes, vaults, vesting }, parseAlertsConfig(DEFAULT_RULES));
 */
export function evaluateAlerts(input: AlertInput, config: AlertsConfig): Alert[] {
  const context = new RuleContext(input);
  const alerts: Alert[] = [];
  for (const rule of config.rules) {
    if (!rule.enabled) continue;
    alerts.push(...evaluateRule(rule, context));
  }
  return sortAlerts(alerts);
}

/** Sorts alerts by (ts, id) in place and returns them. */
export function sortAlerts(alerts: Alert[]): Alert[] {
  return alerts.sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Indexes of the input rows shared by the rules. */
class RuleContext {
  readonly epochs = new Map<number, EpochRow>();
  /** key `${scope}|${gauge}` → epoch → row */
  readonly metricSeries = new Map<string, Map<number, MetricRow>>();
  /** vault → epoch → row */
  readonly vaultSeries = new Map<string, Map<number, VaultEpochRow>>();

  constructor(readonly input: AlertInput) {
    for (const e of input.epochs) this.epochs.set(e.id, e);
    for (const m of input.metrics) {
      if (!this.epochs.has(m.epoch)) continue;
      const key = `${m.scope}|${m.gauge}`;
      let series = this.metricSeries.get(key);
      if (!series) this.metricSeries.set(key, (series = new Map()));
      series.set(m.epoch, m);
    }
    for (const v of input.vaults) {
      let series = this.vaultSeries.get(v.vault);
      if (!series) this.vaultSeries.set(v.vault, (series = new Map()));
      series.set(v.epoch, v);
    }
  }

  /** Metric rows of one scope (every gauge for GAUGE_VOTERS). */
  *metrics(scope: string): Generator<MetricRow> {
    for (const series of this.metricSeries.values()) {
      for (const row of series.values()) if (row.scope === scope) yield row;
    }
  }

  /** The largest voter of a gauge in an epoch (ties: lowest address), from the vote rows. */
  topVoter(epoch: number, gauge: string): { voter: string; votes: bigint } | undefined {
    const byVoter = new Map<string, bigint>();
    for (const v of this.input.votes) {
      if (v.epoch === epoch && v.gauge === gauge) byVoter.set(v.voter, (byVoter.get(v.voter) ?? 0n) + v.amount);
    }
    let best: { voter: string; votes: bigint } | undefined;
    for (const [voter, votes] of byVoter) {
      if (!best || votes > best.votes || (votes === best.votes && voter < best.voter)) best = { voter, votes };
    }
    return best;
  }
}

type Fields = Pick<Alert, "title" | "message" | "value" | "details"> & { subject: string };

function makeAlert(rule: Rule, threshold: number, epoch: EpochRow, fields: Fields): Alert {
  return {
    id: alertId(rule.id, epoch.id, fields.subject),
    rule: rule.id,
    type: rule.type,
    severity: rule.severity,
    epoch: epoch.id,
    season: epoch.season,
    ts: Number(epoch.windowEnd),
    subject: fields.subject,
    provisional: !epoch.finalized,
    title: fields.title,
    message: fields.message,
    value: fields.value,
    threshold,
    details: fields.details,
  };
}

function evaluateRule(rule: Rule, ctx: RuleContext): Alert[] {
  switch (rule.type) {
    case "nakamoto":
      return nakamotoAlerts(rule, ctx);
    case "topShare":
      return topShareAlerts(rule, ctx);
    case "giniRise":
      return giniRiseAlerts(rule, ctx);
    case "gaugeDominance":
      return gaugeDominanceAlerts(rule, ctx);
    case "unlock":
      return unlockAlerts(rule, ctx);
    case "vaultTvlDrop":
      return vaultTvlDropAlerts(rule, ctx);
    case "participation":
      return participationAlerts(rule, ctx);
    case "entityNakamoto":
      return entityNakamotoAlerts(rule, ctx);
  }
}

type RuleOf<T extends Rule["type"]> = Extract<Rule, { type: T }>;

/** Fires when the Nakamoto coefficient (50 %) is at or below `max` (and the population is not empty). */
function nakamotoAlerts(rule: RuleOf<"nakamoto">, ctx: RuleContext): Alert[] {
  const out: Alert[] = [];
  for (const m of ctx.metrics(rule.scope)) {
    if (m.n === 0 || m.nakamoto50 === 0 || m.nakamoto50 > rule.max) continue;
    const epoch = ctx.epochs.get(m.epoch)!;
    const who = m.nakamoto50 === 1 ? `1 ${participant(rule.scope, 1)}` : `${m.nakamoto50} ${participant(rule.scope, 2)}`;
    out.push(
      makeAlert(rule, rule.max, epoch, {
        subject: m.gauge,
        title: `Nakamoto coefficient ${m.nakamoto50} on ${scopeLabel(rule.scope, m.gauge)}`,
        message: `Epoch ${m.epoch}: ${who} hold more than 50% of ${scopeLabel(rule.scope, m.gauge)} (Nakamoto coefficient ${m.nakamoto50}, alert at <= ${rule.max}; ${m.n} ${participant(rule.scope, m.n)} in all).`,
        value: m.nakamoto50,
        details: { scope: rule.scope, n: m.n, nakamoto50: m.nakamoto50, total: m.total.toString(), ...gaugeDetail(m.gauge) },
      }),
    );
  }
  return out;
}

/** Fires when the entity-level Nakamoto-50 is at or below `max` and at least `minDrop` below the address-level one. */
function entityNakamotoAlerts(rule: RuleOf<"entityNakamoto">, ctx: RuleContext): Alert[] {
  const out: Alert[] = [];
  for (const m of ctx.input.entityMetrics ?? []) {
    if (m.scope !== rule.scope) continue;
    const epoch = ctx.epochs.get(m.epoch);
    if (!epoch || m.entityN === 0 || m.entityNakamoto50 === 0 || m.entityNakamoto50 > rule.max) continue;
    const drop = m.addressNakamoto50 - m.entityNakamoto50;
    if (drop < rule.minDrop) continue;
    out.push(
      makeAlert(rule, rule.max, epoch, {
        subject: "",
        title: `Entity Nakamoto coefficient ${m.entityNakamoto50} on ${scopeLabel(rule.scope, "")} (${m.addressNakamoto50} by address)`,
        message: `Epoch ${m.epoch}: ${m.entityNakamoto50} ${m.entityNakamoto50 === 1 ? "entity holds" : "entities hold"} more than 50% of ${scopeLabel(rule.scope, "")}, where the per-address view counts ${m.addressNakamoto50} (alert at <= ${rule.max} with a drop of at least ${rule.minDrop}; ${m.entityN} entities from ${m.n} addresses).`,
        value: m.entityNakamoto50,
        details: { scope: rule.scope, n: m.n, entityN: m.entityN, addressNakamoto50: m.addressNakamoto50, entityNakamoto50: m.entityNakamoto50 },
      }),
    );
  }
  return out;
}

/** Fires when the top-`top` share is above `threshold` and at least `minHolders` participate. */
function topShareAlerts(rule: RuleOf<"topShare">, ctx: RuleContext): Alert[] {
  const out: Alert[] = [];
  for (const m of ctx.metrics(rule.scope)) {
    if (m.n === 0 || m.n < rule.minHolders) continue;
    const share = rule.top === 1 ? m.top1Share : rule.top === 5 ? m.top5Share : m.top10Share;
    if (!(share > rule.threshold)) continue;
    const epoch = ctx.epochs.get(m.epoch)!;
    const who = rule.top === 1 ? `the largest ${participant(rule.scope, 1)}` : `the ${rule.top} largest ${participant(rule.scope, 2)}`;
    out.push(
      makeAlert(rule, rule.threshold, epoch, {
        subject: m.gauge,
        title: `Top-${rule.top} share ${percent(share)} of ${scopeLabel(rule.scope, m.gauge)}`,
        message: `Epoch ${m.epoch}: ${who} ${rule.top === 1 ? "holds" : "hold"} ${percent(share)} of ${scopeLabel(rule.scope, m.gauge)} (alert above ${percent(rule.threshold)}; ${m.n} ${participant(rule.scope, m.n)}).`,
        value: share,
        details: { scope: rule.scope, n: m.n, top: rule.top, total: m.total.toString(), ...gaugeDetail(m.gauge) },
      }),
    );
  }
  return out;
}

/**
 * Fires when gini(e) - gini(e-1) > threshold for two epochs with participants. `across:
 * "epoch"` looks at pairs inside one season; `"seasonStart"` only at pairs where the season
 * changes (last epoch of a season → first of the next).
 */
function giniRiseAlerts(rule: RuleOf<"giniRise">, ctx: RuleContext): Alert[] {
  const out: Alert[] = [];
  for (const series of ctx.metricSeries.values()) {
    for (const m of series.values()) {
      if (m.scope !== rule.scope || m.n === 0) continue;
      const prev = series.get(m.epoch - 1);
      if (!prev || prev.n === 0) continue;
      const epoch = ctx.epochs.get(m.epoch)!;
      const prevEpoch = ctx.epochs.get(prev.epoch)!;
      const seasonChanged = epoch.season !== prevEpoch.season;
      if (seasonChanged !== (rule.across === "seasonStart")) continue;
      const rise = Math.round((m.gini - prev.gini) * 1e12) / 1e12;
      if (!(rise > rule.threshold)) continue;
      const where = seasonChanged ? `across the start of season ${epoch.season}` : `since epoch ${prev.epoch}`;
      out.push(
        makeAlert(rule, rule.threshold, epoch, {
          subject: m.gauge,
          title: `Gini of ${scopeLabel(rule.scope, m.gauge)} up ${rise.toFixed(3)} ${seasonChanged ? "across a season start" : "in one epoch"}`,
          message: `Epoch ${m.epoch}: the Gini coefficient of ${scopeLabel(rule.scope, m.gauge)} rose from ${prev.gini.toFixed(3)} to ${m.gini.toFixed(3)} ${where} (+${rise.toFixed(3)}, alert above +${rule.threshold}).`,
          value: rise,
          details: { scope: rule.scope, gini: m.gini, previousGini: prev.gini, previousEpoch: prev.epoch, ...gaugeDetail(m.gauge) },
        }),
      );
    }
  }
  return out;
}

/**
 * Fires when the largest voter of a gauge (GAUGE_VOTERS top-1 share) holds more than
 * `threshold` of its votes, for gauges with at least `minVoters` voters. The voter is named
 * from the vote rows when they are given.
 */
function gaugeDominanceAlerts(rule: RuleOf<"gaugeDominance">, ctx: RuleContext): Alert[] {
  const out: Alert[] = [];
  for (const m of ctx.metrics("GAUGE_VOTERS")) {
    if (m.gauge === "" || m.n === 0 || m.n < rule.minVoters || !(m.top1Share > rule.threshold)) continue;
    const epoch = ctx.epochs.get(m.epoch)!;
    const top = ctx.topVoter(m.epoch, m.gauge);
    const details: Record<string, string | number> = { gauge: m.gauge, voters: m.n, gaugeVotes: m.total.toString() };
    if (top) {
      details.voter = top.voter;
      details.voterVotes = top.votes.toString();
    }
    out.push(
      makeAlert(rule, rule.threshold, epoch, {
        subject: m.gauge,
        title: `One voter holds ${percent(m.top1Share)} of gauge ${short(m.gauge)}`,
        message: `Epoch ${m.epoch}: ${top ? `voter ${top.voter}` : "one voter"} holds ${percent(m.top1Share)} of the votes for gauge ${m.gauge} (alert above ${percent(rule.threshold)}; ${m.n} voters).`,
        value: m.top1Share,
        details,
      }),
    );
  }
  return out;
}

/**
 * Fires when a vesting wallet unlocks at least `threshold × circulatingSupply` in
 * (windowEnd, windowEnd + days], measured at the epoch's window end.
 */
function unlockAlerts(rule: RuleOf<"unlock">, ctx: RuleContext): Alert[] {
  const out: Alert[] = [];
  const t = fractionToRational(rule.threshold);
  for (const epoch of ctx.epochs.values()) {
    const supply = epoch.circulatingSupply;
    if (supply <= 0n) continue;
    const from = epoch.windowEnd;
    const to = from + BigInt(rule.days) * DAY;
    for (const w of ctx.input.vesting) {
      const schedule = { start: w.start, cliff: w.cliff, duration: w.duration, tgeBps: BigInt(w.tgeBps), total: w.total };
      const unlocking = vestedAmount(schedule, to) - vestedAmount(schedule, from);
      if (unlocking <= 0n || unlocking * t.den < t.num * supply) continue;
      const share = ratioToNumber(unlocking, supply);
      out.push(
        makeAlert(rule, rule.threshold, epoch, {
          subject: w.address,
          title: `${w.name} unlocks ${percent(share)} of circulating BR within ${rule.days} days`,
          message: `Epoch ${epoch.id}: vesting wallet "${w.name}" (${w.address}) unlocks ${br(unlocking)} BR in the ${rule.days} days after the window end, ${percent(share)} of the circulating supply of ${br(supply)} BR (alert at >= ${percent(rule.threshold)}).`,
          value: share,
          details: { wallet: w.address, name: w.name, unlocking: unlocking.toString(), circulatingSupply: supply.toString(), from: Number(from), to: Number(to) },
        }),
      );
    }
  }
  return out;
}

/**
 * Fires when a vault's TVL fell by more than `threshold` during epoch e: from its TVL at the
 * end of e-1 to its TVL at the end of e (while e is not finalized: at e's window end).
 */
function vaultTvlDropAlerts(rule: RuleOf<"vaultTvlDrop">, ctx: RuleContext): Alert[] {
  const out: Alert[] = [];
  const t = fractionToRational(rule.threshold);
  for (const series of ctx.vaultSeries.values()) {
    for (const row of series.values()) {
      const epoch = ctx.epochs.get(row.epoch);
      const before = series.get(row.epoch - 1)?.tvlAtEpochEnd;
      if (!epoch || before === null || before === undefined || before <= 0n) continue;
      const after = epoch.finalized ? row.tvlAtEpochEnd : row.tvlAtWindowEnd;
      if (after === null) continue;
      const drop = before - after;
      if (drop * t.den <= t.num * before) continue;
      const share = ratioToNumber(drop, before);
      out.push(
        makeAlert(rule, rule.threshold, epoch, {
          subject: row.vault,
          title: `${row.name} TVL down ${percent(share)} in epoch ${row.epoch}`,
          message: `Epoch ${row.epoch}: vault "${row.name}" (${row.vault}) fell from ${btc(before)} to ${btc(after)} BTC${epoch.finalized ? "" : " so far (window end)"}, -${percent(share)} (alert above ${percent(rule.threshold)}).`,
          value: share,
          details: { vault: row.vault, name: row.name, tvlBefore: before.toString(), tvlAfter: after.toString() },
        }),
      );
    }
  }
  return out;
}

/** Fires when castPower / eligiblePower < threshold (epochs with eligible power only). */
function participationAlerts(rule: RuleOf<"participation">, ctx: RuleContext): Alert[] {
  const out: Alert[] = [];
  const t = fractionToRational(rule.threshold);
  for (const epoch of ctx.epochs.values()) {
    if (epoch.eligiblePower <= 0n || epoch.castPower * t.den >= t.num * epoch.eligiblePower) continue;
    const share = ratioToNumber(epoch.castPower, epoch.eligiblePower);
    out.push(
      makeAlert(rule, rule.threshold, epoch, {
        subject: "",
        title: `Participation ${percent(share)} in epoch ${epoch.id}`,
        message: `Epoch ${epoch.id}: cast votes are ${percent(share)} of eligible voting power (${br(epoch.castPower)} of ${br(epoch.eligiblePower)}), below ${percent(rule.threshold)}.`,
        value: share,
        details: { castPower: epoch.castPower.toString(), eligiblePower: epoch.eligiblePower.toString() },
      }),
    );
  }
  return out;
}

/** A configured fraction in (0, 1] as an exact rational (the decimal it prints as). */
function fractionToRational(x: number): { num: bigint; den: bigint } {
  return x === 1 ? { num: 1n, den: 1n } : thresholdToRational(x);
}

function scopeLabel(scope: string, gauge: string): string {
  switch (scope) {
    case "CAST_VOTES":
      return "cast votes";
    case "ELIGIBLE_POWER":
      return "eligible voting power";
    case "LOCKED_BR":
      return "locked BR";
    case "BR_HOLDINGS":
      return "BR holdings";
    case "GAUGES":
      return "votes across gauges";
    case "GAUGE_VOTERS":
      return `the votes for gauge ${short(gauge)}`;
    default:
      return scope;
  }
}

function participant(scope: string, count: number): string {
  const [one, many] =
    scope === "CAST_VOTES" || scope === "GAUGE_VOTERS"
      ? ["voter", "voters"]
      : scope === "GAUGES"
        ? ["gauge", "gauges"]
        : scope === "BR_HOLDINGS"
          ? ["holder", "holders"]
          : ["owner", "owners"];
  return count === 1 ? one : many;
}

function gaugeDetail(gauge: string): Record<string, string> {
  return gauge === "" ? {} : { gauge };
}

function percent(x: number): string {
  return `${(x * 100).toFixed(x * 100 < 10 ? 2 : 1)}%`;
}

function short(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

function br(amount: bigint): string {
  return group(formatUnits(amount, BR_DECIMALS), 2);
}

function btc(amount: bigint): string {
  return group(formatUnits(amount, VAULT_DECIMALS), 4);
}

/** "1234567.891" → "1,234,567.89" (at most `decimals` decimals, truncated). */
function group(decimal: string, decimals: number): string {
  const [int, frac = ""] = decimal.split(".");
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const cut = frac.slice(0, decimals).replace(/0+$/, "");
  return cut ? `${grouped}.${cut}` : grouped;
}
