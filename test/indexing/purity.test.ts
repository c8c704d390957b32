import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Handlers and domain rules must be deterministic: replaying the chain gives the same tables.
const FORBIDDEN = [/\bDate\.now\b/, /\bnew Date\b/, /\bMath\.random\b/, /\bfetch\(/, /\bperformance\.now\b/, /\bsetTimeout\b/, /\bsetInterval\b/];

function files(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, f));
}

describe("indexing code has no clock, randomness or HTTP", () => {
  for (const file of [...files("src/indexing"), ...files("src/domain")]) {
    it(file, () => {
      const text = readFileSync(file, "utf8");
      for (const pattern of FORBIDDEN) expect(text, `${file} uses ${pattern}`).not.toMatch(pattern);
    });
  }

  it("only src/indexing registers handlers; src/domain imports nothing from Ponder", () => {
    for (const file of files("src/domain")) {
      expect(readFileSync(file, "utf8")).not.toMatch(/from "ponder(:[a-z]+)?"/);
    }
  });
});
