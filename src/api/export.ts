/**
 * `GET /api/v1/export/{table}?format=csv|parquet&fromEpoch&toEpoch`: the per-epoch tables and
 * the lock history in bulk, with the layout of `exportLayout.ts`.
 *
 * Bounded like the rest of the API: at most {@link MAX_EXPORT_ROWS} rows per request (a larger
 * range is a 413 naming its row count and how to split it), one export at a time per process
 * (others wait in line, at most {@link MAX_QUEUED_EXPORTS}: beyond, 503).
 */
import { type Context, Hono } from "hono";
import { parquetWriteBuffer } from "hyparquet-writer";
import { toCsv } from "./csv";
import { ApiError, InvalidParameterError, errorResponse } from "./errors";
import { EXPORT_LAYOUT, type ExportColumn } from "./exportLayout";
import type { ExportTable, HistoryStore } from "./queries/historyStore";
import { ExportArgs, MAX_EPOCH, parseArgs } from "./args";

/** Largest number of rows one export answers. */
export const MAX_EXPORT_ROWS = 200_000;
/** Exports waiting for the one running. */
export const MAX_QUEUED_EXPORTS = 4;

/** The range holds more rows than one request may carry. */
export class ExportTooLargeError extends ApiError {
  override name = "ExportTooLargeError";
  constructor(table: string, rows: number, from: number, to: number) {
    super(
      `export of ${table} for epochs ${from} to ${to} has ${rows} rows, more than the ${MAX_EXPORT_ROWS} one request carries: narrow fromEpoch/toEpoch`,
      413,
      "PAYLOAD_TOO_LARGE",
      "toEpoch",
    );
  }
}

/** Too many exports are waiting. */
export class ExportBusyError extends ApiError {
  override name = "ExportBusyError";
  constructor() {
    super(`${MAX_QUEUED_EXPORTS} exports are already waiting: retry later`, 503, "BUSY");
  }
}

/** A cell as CSV text input: bigints as decimal, everything else as is. */
function csvCell(col: ExportColumn, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return v.toString();
  return col.type === "address" ? String(v).toLowerCase() : v;
}

/** One Parquet column from the rows. */
function parquetColumn(col: ExportColumn, rows: readonly Record<string, unknown>[]) {
  const values = rows.map((r) => r[col.name]);
  switch (col.type) {
    case "int32":
      return { name: col.name, type: "INT32" as const, nullable: !!col.nullable, data: values.map((v) => (v === null || v === undefined ? null : Number(v))) };
    case "int64":
      return { name: col.name, type: "INT64" as const, nullable: !!col.nullable, data: values.map((v) => (v === null || v === undefined ? null : BigInt(v as bigint))) };
    case "bool":
      return { name: col.name, type: "BOOLEAN" as const, nullable: !!col.nullable, data: values.map((v) => (v === null || v === undefined ? null : Boolean(v))) };
    case "double":
      return { name: col.name, type: "DOUBLE" as const, nullable: !!col.nullable, data: values.map((v) => (v === null || v === undefined ? null : Number(v))) };
    default:
      return {
        name: col.name,
        type: "STRING" as const,
        nullable: !!col.nullable,
        data: values.map((v) => (v === null || v === undefined ? null : typeof v === "bigint" ? v.toString() : String(v))),
      };
  }
}

/**
 * Encodes rows of a table as Parquet (Snappy, one row group per 100,000 rows).
 * @example const bytes = toParquet("epochGauge", rows);
 */
export function toParquet(table: ExportTable, rows: readonly Record<string, unknown>[]): Uint8Array {
  const columns = EXPORT_LAYOUT[table];
  const buffer = parquetWriteBuffer({
    columnData: columns.map((col) => parquetColumn(col, rows)),
    rowGroupSize: 100_000,
    createdBy: "ve-lens export",
    kvMetadata: [{ key: "ve-lens.table", value: table }],
  });
  return new Uint8Array(buffer);
}

/** Encodes rows of a table as CSV (header: the layout's column names). */
export function toExportCsv(table: ExportTable, rows: readonly Record<string, unknown>[]): string {
  const columns = EXPORT_LAYOUT[table];
  return toCsv(
    rows.map((r) => Object.fromEntries(columns.map((col) => [col.name, csvCell(col, r[col.name])]))),
    columns.map((col) => col.name),
  );
}

/** Runs exports one at a time. */
function serialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  return <T>(job: () => Promise<T>): Promise<T> => {
    if (waiting >= MAX_QUEUED_EXPORTS) return Promise.reject(new ExportBusyError());
    waiting++;
    const run = tail.then(
      () => job(),
      () => job(),
    );
    tail = run
      .catch(() => {}) // the caller handles the failure; the queue only waits for it
      .finally(() => {
        waiting--;
      });
    return run;
  };
}

/** Reads the rows of one export request (bounded). */
export async function exportRows(history: HistoryStore, args: { table: ExportTable; fromEpoch?: number; toEpoch?: number }) {
  const from = args.fromEpoch ?? 0;
  const to = args.toEpoch ?? MAX_EPOCH;
  if (to < from) throw new InvalidParameterError("toEpoch", `must be >= fromEpoch (fromEpoch=${from}, toEpoch=${to})`);
  const rows = await history.exportRows(args.table, from, to, MAX_EXPORT_ROWS + 1);
  if (rows.length > MAX_EXPORT_ROWS) {
    throw new ExportTooLargeError(args.table, await history.exportCount(args.table, from, to), from, to);
  }
  return rows;
}

/** The `/api/v1/export/:table` sub-app (mount under `/api/v1` before the REST app). */
export function createExportApp(history: HistoryStore) {
  const app = new Hono();
  const queue = serialQueue();
  app.get("/export/:table", async (c: Context) => {
    try {
      const raw: Record<string, unknown> = { table: c.req.param("table") };
      for (const [name, values] of Object.entries(c.req.queries())) {
        if (!["format", "fromEpoch", "toEpoch"].includes(name)) {
          throw new InvalidParameterError(name, "unknown parameter; /export/{table} accepts format, fromEpoch, toEpoch");
        }
        if (values.length > 1) throw new InvalidParameterError(name, "given more than once");
        if (values[0] !== undefined && values[0] !== "") raw[name] = values[0];
      }
      const args = parseArgs(ExportArgs, raw);
      return await queue(async () => {
        const rows = await exportRows(history, args);
        const name = `ve-lens-${args.table}-${args.fromEpoch ?? "first"}-${args.toEpoch ?? "last"}`;
        const headers = { "Cache-Control": "no-cache", "Access-Control-Allow-Origin": "*", "X-Row-Count": String(rows.length) };
        if (args.format === "parquet") {
          return c.body(toParquet(args.table, rows) as unknown as ArrayBuffer, 200, {
            ...headers,
            "Content-Type": "application/vnd.apache.parquet",
            "Content-Disposition": `attachment; filename="${name}.parquet"`,
          });
        }
        return c.body(toExportCsv(args.table, rows), 200, {
          ...headers,
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${name}.csv"`,
        });
      });
    } catch (error) {
      const { status, body } = errorResponse(error);
      if (status === 500) console.error("[api] export failed:", error);
      return c.json(body, status as 400);
    }
  });
  return app;
}
