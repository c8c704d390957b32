/**
 * The bulk export: every table's CSV header and Parquet schema follow `EXPORT_LAYOUT`, and a
 * Parquet file written with hyparquet-writer reads back with an independent reader (parquet-wasm,
 * the Rust `parquet` crate, into Apache Arrow) to the same values; bounds and errors of the route.
 */
import { tableFromIPC } from "apache-arrow";
import { readParquet } from "parquet-wasm";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MAX_EXPORT_ROWS, createExportApp, toExportCsv, toParquet } from "../../src/api/export";
import { EXPORT_LAYOUT } from "../../src/api/exportLayout";
import { EXPORT_TABLES } from "../../src/api/queries/historyStore";
import { EXPORT_TABLE_NAMES } from "../../src/api/args";
import { EXPORT_ROWS, createFakeHistoryStore } from "./fakeHistoryStore";

/** Reads a Parquet file with parquet-wasm into plain rows (Arrow values as JS values). */
function readBack(bytes: Uint8Array): { columns: string[]; types: Record<string, string>; rows: Record<string, unknown>[] } {
  const table = tableFromIPC(readParquet(bytes).intoIPCStream());
  const columns = table.schema.fields.map((f) => f.name);
  const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
  const rows = table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
  return { columns, types, rows };
}

/** The value an exported cell should read back as. */
function expected(type: string, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (type === "int64") return BigInt(v as bigint);
  if (type === "uint") return (v as bigint).toString();
  return v;
}

describe("export layout", () => {
  it("covers every exported table, named alike in the store and the arguments", () => {
    expect([...EXPORT_TABLE_NAMES]).toEqual([...EXPORT_TABLES]);
    for (const table of EXPORT_TABLES) expect(EXPORT_LAYOUT[table].length).toBeGreaterThan(2);
  });

  it("is documented column by column in docs/API.md", () => {
    const docs = readFileSync(new URL("../../docs/API.md", import.meta.url), "utf8");
    for (const table of EXPORT_TABLES) {
      const section = docs.split(`#### \`${table}\``)[1]?.split("####")[0] ?? "";
      for (const col of EXPORT_LAYOUT[table]) expect(section, `${table}.${col.name}`).toContain(`| \`${col.name}\` | ${col.type}`);
    }
  });
});

describe("Parquet read back with an independent reader", () => {
  for (const table of EXPORT_TABLES) {
    it(`${table}: same columns, types and values`, () => {
      const rows = EXPORT_ROWS[table];
      const back = readBack(toParquet(table, rows));
      const layout = EXPORT_LAYOUT[table];
      expect(back.columns).toEqual(layout.map((c) => c.name));
      expect(back.rows).toHaveLength(rows.length);
      for (const col of layout) {
        const arrowType = back.types[col.name]!;
        if (col.type === "int32") expect(arrowType).toBe("Int32");
        if (col.type === "int64") expect(arrowType).toBe("Int64");
        if (col.type === "double") expect(arrowType).toBe("Float64");
        if (col.type === "bool") expect(arrowType).toBe("Bool");
        if (["uint", "address", "string"].includes(col.type)) expect(arrowType).toMatch(/Utf8/);
      }
      rows.forEach((r, i) => {
        for (const col of layout) expect(back.rows[i]![col.name], `${table}.${col.name}`).toEqual(expected(col.type, r[col.name]));
      });
    });
  }

  it("keeps uint256 amounts exact (decimal strings beyond 64 bits)", () => {
    const big = 2n ** 200n + 12345n;
    const back = readBack(toParquet("epochGauge", [{ epoch: 1, gauge: "0x" + "1".repeat(40), votes: big, voters: 1, tokens: 1 }]));
    expect(back.rows[0]!.votes).toBe(big.toString());
  });
});

describe("CSV export", () => {
  it("has the layout's header and decimal amounts", () => {
    const text = toExportCsv("epochLockPower", EXPORT_ROWS.epochLockPower);
    const [header, first] = text.split("\r\n");
    expect(header).toBe("epoch,tokenId,owner,amount,power,status");
    expect(first).toBe(`10,1,0x${"a".repeat(40)},50000000000000000000,200000000000000000003,active`);
  });
});

describe("GET /export/:table", () => {
  const app = createExportApp(createFakeHistoryStore());

  it("answers CSV by default and Parquet on request, within the epoch range", async () => {
    const csv = await app.request("/export/epochVote?fromEpoch=11&toEpoch=11");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(csv.headers.get("x-row-count")).toBe("1");
    expect((await csv.text()).split("\r\n")[1]).toMatch(/^11,2,/);
    const pq = await app.request("/export/epoch?format=parquet");
    expect(pq.status).toBe(200);
    expect(pq.headers.get("content-type")).toBe("application/vnd.apache.parquet");
    expect(pq.headers.get("content-disposition")).toMatch(/ve-lens-epoch-first-last\.parquet/);
    const back = readBack(new Uint8Array(await pq.arrayBuffer()));
    expect(back.rows.map((r) => r.id)).toEqual([10, 11, 12]);
  });

  it("refuses unknown tables, formats and parameters, and reversed ranges, naming them", async () => {
    for (const [path, parameter] of [
      ["/export/lock", "table"],
      ["/export/epoch?format=xlsx", "format"],
      ["/export/epoch?epoch=3", "epoch"],
      ["/export/epoch?fromEpoch=5&toEpoch=4", "toEpoch"],
      ["/export/epoch?fromEpoch=-1", "fromEpoch"],
    ] as const) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      expect(await res.json()).toMatchObject({ error: "BAD_USER_INPUT", parameter });
    }
  });

  it("refuses a range with more rows than one request carries (413 with the count)", async () => {
    const many = Array.from({ length: MAX_EXPORT_ROWS + 5 }, (_, i) => ({ epoch: 1, gauge: String(i), votes: 1n, voters: 1, tokens: 1 }));
    const big = createExportApp(createFakeHistoryStore({ exportRows: { epochGauge: many } }));
    const res = await big.request("/export/epochGauge");
    expect(res.status).toBe(413);
    const body = (await res.json()) as { detail: string };
    expect(body.detail).toContain(`${MAX_EXPORT_ROWS + 5} rows`);
    expect(body.detail).toMatch(/narrow fromEpoch\/toEpoch/);
  });
});
