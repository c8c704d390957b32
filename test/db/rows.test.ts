import { describe, expect, it } from "vitest";
import { rowsOf } from "../../src/db/rows";

describe("rowsOf", () => {
  it("reads the rows of a { rows } result and of a bare array", () => {
    const rows = [{ n: "1" }, { n: "2" }];
    expect(rowsOf<{ n: string }>({ rows, rowCount: 2 })).toBe(rows);
    expect(rowsOf<{ n: string }>(rows)).toBe(rows);
    expect(rowsOf<{ n: string }>({ rows: [] })).toEqual([]);
  });
});
