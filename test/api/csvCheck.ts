/**
 * Checks a `?format=csv` answer against the JSON answer of the same request: the CSV is parsed
 * (RFC 4180, written here, not the API's encoder) and its header and every row compared with the
 * rows the documented layout takes from the JSON (docs/API.md: "CSV: the points", "CSV: one row per
 * member", ...). Shared by the in-memory REST test and the end-to-end API test.
 */
import { expect } from "vitest";

type Row = Record<string, unknown>;
type Json = any;

/**
 * Parses RFC 4180 text: CRLF line ends (the last line ends with one too), fields quoted when they
 * hold a comma, quote, CR or LF, inner quotes doubled. Throws on anything else.
 * @example parseCsv('a,b\r\n1,"x,y"\r\n'); // [["a", "b"], ["1", "x,y"]]
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  if (text === "") return rows;
  for (;;) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`unterminated quoted field at ${i}`);
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
        if (text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ",") {
      i++;
      continue;
    }
    if (text.startsWith("\r\n", i)) {
      i += 2;
      rows.push(row);
      row = [];
      if (i === text.length) return rows;
      continue;
    }
    throw new Error(`expected a comma or CRLF at ${i} (got ${JSON.stringify(text.slice(i, i + 10))})`);
  }
}

/** The text a JSON value takes in a CSV cell of the REST endpoints. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** The text a field of an alert takes in the alerts CSV (numbers, negative ones too, unprefixed). */
function alertCellText(value: unknown): string {
  const text = String(value);
  return /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
}

const ALERT_COLUMNS = ["id", "ts", "epoch", "season", "rule", "type", "severity", "subject", "provisional", "value", "threshold", "title", "message"];

function omit(row: Row, key: string): Row {
  const { [key]: _dropped, ...rest } = row;
  return rest;
}

function accountRows(v: Json, part: string): Row[] {
  const address = v.address;
  switch (part) {
    case "transfers":
      return v.transfers.map((t: Row) => ({ address, ...t }));
    case "epochs":
      return v.epochs.map((e: Row) => ({ address, ...omit(e, "votes") }));
    case "votes":
      return v.epochs.flatMap((e: Json) => e.votes.map((g: Row) => ({ address, epoch: e.epoch, live: e.live, ...g })));
    case "ranks":
      return v.ranks.map((r: Row) => ({ address, ...r }));
    case "steering":
      return v.steering.gauges.map((g: Row) => ({ address, epoch: v.latestEpoch, ...g }));
    case "alerts":
      return v.alerts.map((a: Row) => ({ address, ...a }));
    default:
      return v.locks.map((l: Row) => ({ address, ...omit(l, "curve") }));
  }
}

/** Per endpoint id: the rows its CSV holds, taken from its JSON answer to the same request. */
export const CSV_ROWS: Record<string, (json: Json, url: URL) => Row[]> = {
  status: (v) => [v],
  epochs: (v) => v,
  concentration: (v) => [omit(v, "lorenz")],
  concentrationSeries: (v) => v.points.map((p: Row) => omit(p, "lorenz")),
  distribution: (v) => v.items.map((i: Row) => ({ epoch: v.epoch, scope: v.scope, gauge: v.gauge, ...i })),
  influence: (v) => v.topVoters.map((t: Row, i: number) => ({ epoch: v.epoch, rank: i + 1, ...t })),
  gauges: (v) => v,
  seasons: (v) => v,
  unlocks: (v) => v.points,
  vaults: (v) => v,
  vaultTvl: (v) => v.points.map((p: Row) => ({ vault: v.vault, ...p })),
  account: (v, url) => accountRows(v, url.searchParams.get("part") ?? "locks"),
  votingPower: (v) => v.tokens.map((t: Row) => ({ owner: v.owner, block: v.block, timestamp: v.timestamp, ...t })),
  balance: (v) => [v],
  concentrationUplift: (v) => [
    {
      epoch: v.epoch,
      scope: v.scope,
      gauge: v.gauge,
      addressNakamoto50: v.address.nakamoto50,
      entityNakamoto50: v.entity.nakamoto50,
      addressGini: v.address.gini,
      entityGini: v.entity.gini,
      addressTop1Share: v.address.top1Share,
      entityTop1Share: v.entity.top1Share,
      nakamotoDrop: v.nakamotoDrop,
    },
  ],
  entities: (v) => v.flatMap((e: Json) => e.members.map((m: Json) => ({ entity: e.id, name: e.name, size: e.size, address: m.address, links: m.evidence.length }))),
  entity: (v) =>
    v.members.flatMap((m: Json) => (m.evidence.length === 0 ? [{ entity: v.id, address: m.address }] : m.evidence.map((e: Row) => ({ entity: v.id, address: m.address, ...e })))),
};

/**
 * Asserts that `csvText` (the CSV answer of endpoint `id` to `url`) holds exactly the rows its JSON
 * answer `json` gives: the header is the rows' keys in first-seen order (the alerts' fixed list for
 * `alerts`), each line one row, each cell the value's text. Returns the number of data rows.
 */
export function expectCsvMatchesJson(id: string, csvText: string, json: Json, url: string): number {
  const parsed = parseCsv(csvText);
  if (id === "alerts") {
    expect(parsed[0], `${url}: header`).toEqual(ALERT_COLUMNS);
    expect(parsed.slice(1), url).toEqual(json.alerts.map((a: Row) => ALERT_COLUMNS.map((c) => alertCellText(a[c]))));
    return parsed.length - 1;
  }
  const toRows = CSV_ROWS[id];
  expect(toRows, `no CSV layout known for ${id}`).toBeDefined();
  const rows = toRows!(json, new URL(url, "http://x"));
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  if (columns.length === 0) {
    expect(csvText, url).toBe("");
    return 0;
  }
  expect(parsed[0], `${url}: header`).toEqual(columns);
  expect(parsed.slice(1), url).toEqual(rows.map((r) => columns.map((c) => cellText(r[c]))));
  return parsed.length - 1;
}
