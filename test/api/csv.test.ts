import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "../../src/api/csv";

/** A strict RFC 4180 reader, to check that what we write reads back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"' && field === "") {
      quoted = true;
      i++;
    } else if (ch === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 2;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== "" || row.length > 0) throw new Error("CSV does not end with CRLF");
  return rows;
}

describe("csvField", () => {
  it("writes plain values unquoted", () => {
    expect(csvField("0xabc")).toBe("0xabc");
    expect(csvField(12)).toBe("12");
    expect(csvField(-1.5)).toBe("-1.5");
    expect(csvField(123456789012345678901234567890n)).toBe("123456789012345678901234567890");
    expect(csvField(true)).toBe("true");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
  });

  it("quotes commas, quotes, line breaks and edge spaces", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("line1\nline2")).toBe('"line1\nline2"');
    expect(csvField(" padded")).toBe('" padded"');
  });

  it("defuses spreadsheet formulas in text but not negative numbers", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField(-2)).toBe("-2");
  });

  it("writes objects as JSON", () => {
    expect(csvField({ a: 1, b: [2n] })).toBe('"{""a"":1,""b"":[""2""]}"');
  });
});

describe("toCsv", () => {
  it("writes a header from the union of keys and CRLF line ends", () => {
    expect(toCsv([{ a: 1, b: "x,y" }, { a: 2, c: null }])).toBe('a,b,c\r\n1,"x,y",\r\n2,,\r\n');
  });

  it("writes only the header for no rows when columns are given, and nothing otherwise", () => {
    expect(toCsv([], ["epoch", "gini"])).toBe("epoch,gini\r\n");
    expect(toCsv([])).toBe("");
  });

  it("round-trips any text through an RFC 4180 reader", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r", " ", "0", "x", "é") });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 8 }), (pairs) => {
        const rows = pairs.map(([p, q]) => ({ p, q }));
        const back = parseCsv(toCsv(rows));
        expect(back[0]).toEqual(["p", "q"]);
        const unformula = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
        expect(back.slice(1)).toEqual(pairs.map(([p, q]) => [unformula(p), unformula(q)]));
      }),
      { numRuns: 300 },
    );
  });
});
