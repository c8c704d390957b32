/**
 * The direction of the arrows between the top-level folders: the product (`src/`) never imports
 * the devnet, the tests, the benchmarks or the bot; the benchmarks never import the tests.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { importSpecifiers } from "./imports";

const ROOT = join(import.meta.dirname, "..", "..");

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|mts|mjs)$/.test(e.name) ? [path] : [];
  });
}

/** Top-level folders that `file` imports from (relative specifiers only). */
export function importedFolders(file: string, source: string): string[] {
  const out = new Set<string>();
  for (const spec of importSpecifiers(source).filter((s) => /^\.{1,2}\//.test(s))) {
    const target = relative(ROOT, resolve(ROOT, dirname(file), spec));
    out.add(target.split(/[\\/]/)[0]!);
  }
  return [...out];
}

describe("folder layout", () => {
  it("reads the folder of every relative import", () => {
    expect(importedFolders("src/api/x.ts", 'import a from "../../devnet/anvil";\nconst b = await import("./y");')).toEqual(["devnet", "src"]);
    expect(importedFolders("bench/run.ts", 'import { c } from "../test/reliability/harness/chain";')).toEqual(["test"]);
    expect(importedFolders("src/api/x.ts", 'import "../../bot/setup";\nexport { d } from "../../test/x";\nimport { z } from "zod";')).toEqual(["bot", "test"]);
  });

  it.each([
    ["src", ["devnet", "test", "bench", "bot", "scripts"]],
    ["bench", ["test"]],
  ])("%s never imports from %j", (dir, forbidden) => {
    const offences = sources(dir).flatMap((file) =>
      importedFolders(file, readFileSync(join(ROOT, file), "utf8"))
        .filter((f) => forbidden.includes(f))
        .map((f) => `${file} → ${f}/`),
    );
    expect(offences).toEqual([]);
  });
});
