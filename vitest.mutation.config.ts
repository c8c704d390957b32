/**
 * The tests `npm run test:mutation` runs against each mutant (stryker.config.mjs): the pure unit
 * tests of the mutated folders only (src/metrics, src/domain, src/alerts, bot/), no anvil, no Ponder.
 * test/bot/delivery.test.ts is left out: it drives the bot as child processes (SIGKILL, restart)
 * and takes tens of seconds per run, so bot/ is scored by its unit tests alone.
 * test/metrics/purity.test.ts is left out too: it reads the source files, which Stryker has
 * rewritten with its instrumentation (the rewritten text reads `process.` and fails it).
 * Property tests run at most 25 cases each here (test/mutation/fastCheck.ts).
 * A test file that fails to load counts as one failed test (test/mutation/loadFailureReporter.ts):
 * Stryker's vitest runner would otherwise score a static mutant that breaks a module at load
 * time as surviving, because a file that cannot be imported collects no test.
 *
 * `MUTATION_FOLDER` (set by scripts/mutation.ts) narrows the tests to the mutated folder's own:
 * a mutant in module-level code (a "static" mutant) cannot be traced to the tests that reach it,
 * so Stryker runs every included test for it, and the metrics property tests alone take seconds
 * under instrumentation. A folder's score then counts only its own tests' kills (a lower bound).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defineConfig } from "vitest/config";
import LoadFailureReporter from "./test/mutation/loadFailureReporter";

// the real library's ES module, for the capped copy in test/mutation/fastCheck.ts
const fastCheckDir = dirname(createRequire(import.meta.url).resolve("fast-check/package.json"));

/** The tests of each folder scripts/mutation.ts mutates; unset: all of them. */
export const MUTATION_TESTS: Record<string, string[]> = {
  metrics: ["test/metrics/**/*.test.ts"],
  domain: ["test/domain/**/*.test.ts"],
  alerts: ["test/alerts/**/*.test.ts"],
  bot: ["test/bot/**/*.test.ts"],
};
const folder = process.env.MUTATION_FOLDER;
if (folder !== undefined && MUTATION_TESTS[folder] === undefined) {
  throw new Error(`MUTATION_FOLDER=${folder}: expected one of ${Object.keys(MUTATION_TESTS).join(", ")}`);
}

export default defineConfig({
  resolve: {
    alias: [
      { find: /^fast-check$/, replacement: join(import.meta.dirname, "test/mutation/fastCheck.ts") },
      { find: /^fast-check-real$/, replacement: join(fastCheckDir, "lib/fast-check.js") },
    ],
  },
  test: {
    include: folder === undefined ? [...Object.values(MUTATION_TESTS).flat(), "test/config/profile.test.ts"] : MUTATION_TESTS[folder],
    exclude: ["test/bot/delivery.test.ts", "test/metrics/purity.test.ts"],
    reporters: ["default", new LoadFailureReporter()],
    // instrumented code runs many times slower than the original
    testTimeout: 600_000,
  },
});
