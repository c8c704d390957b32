/**
 * The tests `npm run test:mutation` runs against each mutant (stryker.config.mjs): the pure unit
 * tests of the mutated folders only (src/metrics, src/domain, src/alerts, bot/), no anvil, no Ponder.
 * test/bot/delivery.test.ts is left out: it drives the bot as child processes (SIGKILL, restart)
 * and takes tens of seconds per run, so bot/ is scored by its unit tests alone.
 * test/metrics/purity.test.ts is left out too: it reads the source files, which Stryker has
 * rewritten with its instrumentation (the rewritten text reads `process.` and fails it).
 * Property tests run at most 25 cases each here (test/mutation/fastCheck.ts).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defineConfig } from "vitest/config";

// the real library's ES module, for the capped copy in test/mutation/fastCheck.ts
const fastCheckDir = dirname(createRequire(import.meta.url).resolve("fast-check/package.json"));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^fast-check$/, replacement: join(import.meta.dirname, "test/mutation/fastCheck.ts") },
      { find: /^fast-check-real$/, replacement: join(fastCheckDir, "lib/fast-check.js") },
    ],
  },
  test: {
    include: ["test/metrics/**/*.test.ts", "test/domain/**/*.test.ts", "test/config/profile.test.ts", "test/alerts/**/*.test.ts", "test/bot/**/*.test.ts"],
    exclude: ["test/bot/delivery.test.ts", "test/metrics/purity.test.ts"],
    // instrumented code runs many times slower than the original
    testTimeout: 600_000,
  },
});
