/**
 * CSV encoding of API rows (RFC 4180): comma separated, CRLF line ends, a header row.
 *
 * - Columns: the given list, or every key in order of first appearance.
 * - null / undefined → empty field; booleans → true / false; numbers as JavaScript prints
 *   them; bigints as decimal; objects and arrays → their JSON.
 * - A field containing a comma, a double quote, CR or LF, or leading/trailing spaces is
 *   quoted, with inner quotes doubled.
 * - Text that a spreadsheet would run as a formula (starting with = + - @ TAB CR) gets a
 *   leading single quote; numbers are never altered (so -1 stays -1).
 */

export type CsvRow = Record<string, unknown>;

/** Encodes one field. */
export function csvField(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
    text = String(value);
  } else if (typeof value === "string") {
    text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  } else {
    text = JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  }
  if (/[",\r\n]/.test(text) || /^\s|\s$/.test(text)) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

/** Column names: `columns` if given, otherwise the union of row keys in first-seen order. */
export function csvColumns(rows: readonly CsvRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/**
 * Encodes rows as CSV text with a header line; empty input gives just the header (or "" when
 * no columns are known).
 * @example toCsv([{ a: 1, b: "x,y" }]); // 'a,b\r\n1,"x,y"\r\n'
 */
export function toCsv(rows: readonly CsvRow[], columns: readonly string[] = csvColumns(rows)): string {
  if (columns.length === 0) return "";
  const lines = [columns.map(csvField).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
