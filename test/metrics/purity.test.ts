// Ponder loads every file under src/ as indexing code: the metrics module must import only
// its own files, and must not touch clocks, randomness or the process.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importSpecifiers } from "../lint/imports";

const dir = fileURLToPath(new URL("../../src/metrics/", import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));

describe("src/metrics purity", () => {
  it.each(files)("%s imports only sibling modules and uses no I/O, Date or randomness", (file) => {
    const source = readFileSync(dir + file, "utf8");
    for (const spec of importSpecifiers(source)) expect(spec).toMatch(/^\.\/[A-Za-z]+$/);
    expect(source).not.toMatch(/\bDate\b|Math\.random|\bprocess\.|\brequire\(|\bconsole\./);
  });

  it("has no top-level statements other than declarations", () => {
    for (const file of files) {
      const source = readFileSync(dir + file, "utf8");
      const topLevel = source
        .split("\n")
        .filter((line) => /^[A-Za-z]/.test(line))
        .filter((line) => !/^(import|export|const|function|interface|type|class|let)\b/.test(line));
      expect(topLevel, file).toEqual([]);
    }
  });
});
