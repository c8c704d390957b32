/**
 * Paging and serialising alerts for the API: `since` / `after` / `first` over the (ts, id)
 * order, and CSV.
 */
import { z } from "zod";
import type { Alert } from "./types";

/** Largest `first` accepted. */
export const MAX_FIRST = 1000;
/** `first` when not given. */
export const DEFAULT_FIRST = 100;

/** A list request: alerts with `ts >= since`, after the cursor, at most `first`. */
export interface AlertQuery {
  /** Unix seconds; alerts whose `ts` is at or after it. Default 0. */
  since?: number;
  /** Cursor from a previous page's `endCursor`. */
  after?: string;
  /** Page size, 1..1000, default 100. */
  first?: number;
  /** Only final (false) or only provisional (true) alerts; both when absent. */
  provisional?: boolean;
}

export interface AlertPage {
  alerts: Alert[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A list argument that is out of range or malformed. */
export class AlertQueryError extends Error {
  override name = "AlertQueryError";
  constructor(
    readonly parameter: string,
    readonly detail: string,
  ) {
    super(`invalid ${parameter}: ${detail}`);
  }
}

const CURSOR = /^(\d{1,15})\.([0-9a-f]{32})$/;

/** The cursor of an alert: `${ts}.${id}`. */
export function alertCursor(alert: Pick<Alert, "ts" | "id">): string {
  return `${alert.ts}.${alert.id}`;
}

/**
 * Checks the arguments of a list request and fills the defaults.
 * @throws AlertQueryError for a bad `since`, `first` or `after`.
 * @example checkAlertQuery({ first: 10 }); // { since: 0, first: 10, afterTs: -1, afterId: "" }
 */
export function checkAlertQuery(query: AlertQuery): { since: number; first: number; afterTs: number; afterId: string } {
  const since = query.since ?? 0;
  const first = query.first ?? DEFAULT_FIRST;
  if (!Number.isSafeInteger(since) || since < 0) throw new AlertQueryError("since", "expected unix seconds (an integer >= 0)");
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) {
    throw new AlertQueryError("first", `expected an integer in [1, ${MAX_FIRST}]`);
  }
  if (query.after === undefined) return { since, first, afterTs: -1, afterId: "" };
  const m = CURSOR.exec(query.after);
  if (!m) throw new AlertQueryError("after", "expected a cursor from pageInfo.endCursor");
  return { since, first, afterTs: Number(m[1]), afterId: m[2]! };
}

/**
 * One page of `alerts` (already sorted by (ts, id)).
 * @throws AlertQueryError for a bad `since`, `first` or `after`.
 * @example pageAlerts(alerts, { since: 0, first: 10 }).pageInfo.endCursor;
 */
export function pageAlerts(alerts: readonly Alert[], query: AlertQuery): AlertPage {
  const { since, first, afterTs, afterId } = checkAlertQuery(query);
  const selected: Alert[] = [];
  let hasNextPage = false;
  for (const alert of alerts) {
    if (alert.ts < since) continue;
    if (alert.ts < afterTs || (alert.ts === afterTs && alert.id <= afterId)) continue;
    if (query.provisional !== undefined && alert.provisional !== query.provisional) continue;
    if (selected.length === first) {
      hasNextPage = true;
      break;
    }
    selected.push(alert);
  }
  const last = selected[selected.length - 1];
  return { alerts: selected, pageInfo: { hasNextPage, endCursor: last ? alertCursor(last) : null } };
}

const intParam = (name: string) =>
  z
    .string()
    .regex(/^\d{1,15}$/, { error: `invalid ${name}` })
    .transform(Number)
    .optional();

/** Query string of `GET /api/v1/alerts` (strings in, typed out). */
export const AlertQueryParamsSchema = z.object({
  since: intParam("since"),
  first: intParam("first"),
  after: z.string().optional(),
  provisional: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  format: z.enum(["json", "csv"]).default("json"),
});

/**
 * Reads the query string of a list request.
 * @throws AlertQueryError naming the first bad parameter.
 */
export function parseAlertQueryParams(params: Record<string, string | undefined>): AlertQuery & { format: "json" | "csv" } {
  const result = AlertQueryParamsSchema.safeParse(params);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const parameter = String(issue.path[0] ?? "query");
    const detail =
      parameter === "format"
        ? 'expected "json" or "csv"'
        : parameter === "provisional"
          ? 'expected "true" or "false"'
          : parameter === "after"
            ? "expected a cursor from pageInfo.endCursor"
            : "expected a non-negative integer";
    throw new AlertQueryError(parameter, detail);
  }
  const { format, ...rest } = result.data;
  const query: AlertQuery = {};
  if (rest.since !== undefined) query.since = rest.since;
  if (rest.first !== undefined) query.first = rest.first;
  if (rest.after !== undefined) query.after = rest.after;
  if (rest.provisional !== undefined) query.provisional = rest.provisional;
  return { ...query, format };
}

/** CSV columns, in order. */
export const CSV_COLUMNS = [
  "id",
  "ts",
  "epoch",
  "season",
  "rule",
  "type",
  "severity",
  "subject",
  "provisional",
  "value",
  "threshold",
  "title",
  "message",
] as const;

/**
 * RFC 4180 CSV (CRLF line ends, header row), one line per alert.
 * @example alertsToCsv([]); // "id,ts,epoch,...\r\n"
 */
export function alertsToCsv(alerts: readonly Alert[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const alert of alerts) lines.push(CSV_COLUMNS.map((c) => csvField(String(alert[c]))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

function csvField(value: string): string {
  // A leading = + - @ would be run as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
