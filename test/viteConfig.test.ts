/**
 * `vite.config.ts` is read by the Vite dev server that Ponder builds the indexing code with: its
 * file watcher must leave out the state folder (PGlite's database, anvil's chain) and see the code.
 */
import { join } from "node:path";
import picomatch from "picomatch";
import { resolveConfig } from "vite";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT, veLensHome } from "../devnet/home";

describe("the watch of Ponder's Vite server", () => {
  it("is configured by the project's vite.config.ts", async () => {
    const config = await resolveConfig({ root: PROJECT_ROOT, logLevel: "silent" }, "serve");
    expect(config.configFile).toBe(join(PROJECT_ROOT, "vite.config.ts"));
    const ignored = config.server.watch?.ignored;
    expect(Array.isArray(ignored)).toBe(true);
    const isIgnored = picomatch(ignored as string[], { dot: true });
    // PGlite's files, the cached chain and Ponder's own folder are not watched...
    expect(isIgnored(join(veLensHome(), "db", "44ef5691ff032f25-1", "base", "5", "2619"))).toBe(true);
    expect(isIgnored(join(veLensHome(), "chains", "44ef5691ff032f25", "anvil-state.json"))).toBe(true);
    expect(isIgnored(join(PROJECT_ROOT, ".ponder", "logs", "x.log"))).toBe(true);
    // ...the indexing code, the schema and the configuration are.
    for (const file of ["src/indexing/epochs.ts", "ponder.schema.ts", "ponder.config.ts", "src/api/index.ts"]) {
      expect(isIgnored(join(PROJECT_ROOT, file))).toBe(false);
    }
  });
});
