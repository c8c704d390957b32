/**
 * Alert rule configuration: a JSON file `{ "rules": [ ... ] }` validated with zod.
 *
 * The file is `$VE_LENS_ALERTS`, else `alerts.config.json` in the working directory if it
 * exists, else {@link DEFAULT_RULES}. A file replaces the defaults as a whole. Every fraction
 * (`threshold`) is written as a number in (0, 1]: 0.2 means 20 %.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { METRIC_SCOPES } from "../domain/scopes";

/** Config file name looked up in the working directory when `VE_LENS_ALERTS` is not set. */
export const DEFAULT_CONFIG_FILE = "alerts.config.json";

/** Metric scopes of `epochMetric` (defined once in src/domain/scopes.ts). */
export { METRIC_SCOPES };

/** A configuration file (or object) that does not match {@link AlertsConfigSchema}. */
export class AlertsConfigError extends Error {
  override name = "AlertsConfigError";
  constructor(
    readonly source: string,
    readonly detail: string,
  ) {
    super(`invalid alerts config ${source}: ${detail}`);
  }
}

const fraction = z
  .number({ error: "expected a number in (0, 1]" })
  .gt(0, { error: "expected a number in (0, 1]" })
  .lte(1, { error: "expected a number in (0, 1]" });

const common = {
  /** Stable rule id: part of every alert id, so renaming a rule renames its alerts. */
  id: z
    .string({ error: "expected a string" })
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, { error: "expected 1-64 characters a-z 0-9 . _ - (lowercase, not starting with a separator)" }),
  severity: z.enum(["info", "warning", "critical"], { error: 'expected "info", "warning" or "critical"' }).default("warning"),
  enabled: z.boolean({ error: "expected true or false" }).default(true),
};
const scope = z
  .enum(METRIC_SCOPES, { error: `expected one of ${METRIC_SCOPES.join(", ")}` })
  .default("CAST_VOTES");

/** Nakamoto coefficient (50 %) of a scope at or below `max`. */
export const NakamotoRuleSchema = z.strictObject({
  ...common,
  type: z.literal("nakamoto"),
  scope,
  max: z.number({ error: "expected an integer >= 1" }).int({ error: "expected an integer >= 1" }).min(1, { error: "expected an integer >= 1" }),
});

/**
 * Entity-level Nakamoto coefficient (50 %) of a scope at or below `max` while it is at least
 * `minDrop` below the address-level one: wallets of one entity hide a concentration that the
 * per-address view does not show (entities: `src/entities/`).
 */
export const EntityNakamotoRuleSchema = z.strictObject({
  ...common,
  type: z.literal("entityNakamoto"),
  /** Populations of owners (GAUGE_VOTERS and GAUGES are per gauge, not per owner). */
  scope: z
    .enum(["CAST_VOTES", "ELIGIBLE_POWER", "LOCKED_BR", "BR_HOLDINGS"], { error: "expected one of CAST_VOTES, ELIGIBLE_POWER, LOCKED_BR, BR_HOLDINGS" })
    .default("CAST_VOTES"),
  max: z.number({ error: "expected an integer >= 1" }).int({ error: "expected an integer >= 1" }).min(1, { error: "expected an integer >= 1" }),
  minDrop: z.number({ error: "expected an integer >= 0" }).int({ error: "expected an integer >= 0" }).min(0, { error: "expected an integer >= 0" }).default(1),
});

/** Share of the `top` largest participants of a scope above `threshold`. */
export const TopShareRuleSchema = z.strictObject({
  ...common,
  type: z.literal("topShare"),
  scope,
  top: z.union([z.literal(1), z.literal(5), z.literal(10)], { error: "expected 1, 5 or 10" }),
  threshold: fraction,
  /** Skip epochs with fewer participants (the top-10 share of 10 holders is always 1). */
  minHolders: z.number({ error: "expected an integer >= 1" }).int({ error: "expected an integer >= 1" }).min(1, { error: "expected an integer >= 1" }).default(1),
});

/** Gini of a scope rising by more than `threshold` from the previous epoch. */
export const GiniRiseRuleSchema = z.strictObject({
  ...common,
  type: z.literal("giniRise"),
  scope,
  /** "epoch": consecutive epochs of one season; "seasonStart": last epoch of a season → first of the next. */
  across: z.enum(["epoch", "seasonStart"], { error: 'expected "epoch" or "seasonStart"' }).default("epoch"),
  threshold: fraction,
});

/** One voter holding more than `threshold` of a gauge's votes. */
export const GaugeDominanceRuleSchema = z.strictObject({
  ...common,
  type: z.literal("gaugeDominance"),
  threshold: fraction,
  /** Skip gauges with fewer distinct voters. */
  minVoters: z.number({ error: "expected an integer >= 1" }).int({ error: "expected an integer >= 1" }).min(1, { error: "expected an integer >= 1" }).default(1),
});

/** A vesting wallet unlocking at least `threshold` of circulating supply within `days` after the window end. */
export const UnlockRuleSchema = z.strictObject({
  ...common,
  type: z.literal("unlock"),
  threshold: fraction,
  days: z.number({ error: "expected an integer in [1, 3650]" }).int({ error: "expected an integer in [1, 3650]" }).min(1, { error: "expected an integer in [1, 3650]" }).max(3650, { error: "expected an integer in [1, 3650]" }),
});

/** A vault's TVL falling by more than `threshold` during an epoch. */
export const VaultTvlDropRuleSchema = z.strictObject({
  ...common,
  type: z.literal("vaultTvlDrop"),
  threshold: fraction,
});

/** Cast votes below `threshold` of eligible voting power. */
export const ParticipationRuleSchema = z.strictObject({
  ...common,
  type: z.literal("participation"),
  threshold: fraction,
});

export const RULE_TYPES = [
  "nakamoto",
  "topShare",
  "giniRise",
  "gaugeDominance",
  "unlock",
  "vaultTvlDrop",
  "participation",
  "entityNakamoto",
] as const;

export const RuleSchema = z.discriminatedUnion(
  "type",
  [
    NakamotoRuleSchema,
    TopShareRuleSchema,
    GiniRiseRuleSchema,
    GaugeDominanceRuleSchema,
    UnlockRuleSchema,
    VaultTvlDropRuleSchema,
    ParticipationRuleSchema,
    EntityNakamotoRuleSchema,
  ],
  { error: `expected "type" to be one of ${RULE_TYPES.join(", ")}` },
);

export const AlertsConfigSchema = z
  .strictObject({
    rules: z.array(RuleSchema, { error: "expected an array of rules" }),
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.rules.forEach((rule, i) => {
      const first = seen.get(rule.id);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `duplicate id "${rule.id}" (also rules[${first}])` });
      } else seen.set(rule.id, i);
    });
  });

export type AlertsConfig = z.output<typeof AlertsConfigSchema>;
export type AlertsConfigJson = z.input<typeof AlertsConfigSchema>;
export type Rule = AlertsConfig["rules"][number];
export type RuleType = Rule["type"];

/** The built-in rules, used when no configuration file is found. */
export const DEFAULT_RULES: AlertsConfigJson = {
  rules: [
    { id: "cast-nakamoto", type: "nakamoto", scope: "CAST_VOTES", max: 3, severity: "critical" },
    { id: "cast-top1", type: "topShare", scope: "CAST_VOTES", top: 1, threshold: 0.33 },
    { id: "cast-top10", type: "topShare", scope: "CAST_VOTES", top: 10, threshold: 0.8, minHolders: 11 },
    { id: "cast-gini-rise", type: "giniRise", scope: "CAST_VOTES", across: "epoch", threshold: 0.05 },
    { id: "cast-gini-rise-season", type: "giniRise", scope: "CAST_VOTES", across: "seasonStart", threshold: 0.1 },
    { id: "gauge-dominance", type: "gaugeDominance", threshold: 0.5, minVoters: 2 },
    { id: "unlock-soon", type: "unlock", threshold: 0.01, days: 14 },
    { id: "vault-tvl-drop", type: "vaultTvlDrop", threshold: 0.2 },
    { id: "low-participation", type: "participation", threshold: 0.3, severity: "info" },
    { id: "cast-entity-nakamoto", type: "entityNakamoto", scope: "CAST_VOTES", max: 3, minDrop: 1, severity: "critical" },
  ],
};

/**
 * Validates a configuration object.
 * @throws AlertsConfigError naming the first bad fields, e.g.
 *   `rules[2].threshold: expected a number in (0, 1] (rule "cast-top10")`.
 * @example parseAlertsConfig({ rules: [{ id: "p", type: "participation", threshold: 0.3 }] });
 */
export function parseAlertsConfig(value: unknown, source = "(object)"): AlertsConfig {
  const result = AlertsConfigSchema.safeParse(value);
  if (result.success) return result.data;
  throw new AlertsConfigError(source, describeIssues(result.error, value));
}

/** `rules[2].threshold: message (rule "id")`, issues joined by "; ". */
function describeIssues(error: z.ZodError, value: unknown): string {
  return error.issues
    .map((issue) => {
      let path = "";
      for (const part of issue.path) path += typeof part === "number" ? `[${part}]` : path === "" ? String(part) : `.${String(part)}`;
      let text = path === "" ? issue.message : `${path}: ${issue.message}`;
      const ruleIndex = issue.path[0] === "rules" && typeof issue.path[1] === "number" ? issue.path[1] : undefined;
      const id = ruleIndex === undefined ? undefined : ruleIdAt(value, ruleIndex);
      if (id !== undefined) text += ` (rule "${id}")`;
      return text;
    })
    .join("; ");
}

function ruleIdAt(value: unknown, index: number): string | undefined {
  const rules = (value as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return undefined;
  const id = (rules[index] as { id?: unknown } | null)?.id;
  return typeof id === "string" ? id : undefined;
}

/** Where the configuration comes from, for logs. */
export interface LoadedAlertsConfig {
  config: AlertsConfig;
  /** The file read, or "built-in defaults". */
  source: string;
}

/**
 * Reads the configuration: `env.VE_LENS_ALERTS` (must exist), else `alerts.config.json` in
 * `cwd` if present, else the built-in defaults.
 * @throws AlertsConfigError for a missing `VE_LENS_ALERTS` file, bad JSON or a bad rule.
 */
export function loadAlertsConfig(
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): LoadedAlertsConfig {
  const configured = env.VE_LENS_ALERTS;
  const path = configured ? resolve(cwd, configured) : resolve(cwd, DEFAULT_CONFIG_FILE);
  if (!configured && !existsSync(path)) {
    return { config: parseAlertsConfig(DEFAULT_RULES, "built-in defaults"), source: "built-in defaults" };
  }
  const label = configured ?? DEFAULT_CONFIG_FILE;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new AlertsConfigError(label, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AlertsConfigError(label, `not valid JSON (${(error as Error).message})`);
  }
  return { config: parseAlertsConfig(json, label), source: label };
}
