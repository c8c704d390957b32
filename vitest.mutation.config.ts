/**
 * The tests `npm run test:mutation` runs against each mutant (stryker.config.mjs): the pure unit
 * tests of the mutated folders only (src/metrics, src/domain, src/alerts, bot/), no anvil, no Ponder.
 * test/bot/delivery.test.ts is left out: it drives the bot as child processes (SIGKILL, restart)
 * and takes tens of seconds per run, so bot/ is scored by its unit tests alone.
 * test/metrics/purity.test.ts is left out too: it reads the source files, which Stryker has
 * rewritten with its instrumentation (the rewritten text reads `process.` and fails it).
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/metrics/**/*.test.ts", "test/domain/**/*.test.ts", "test/config/profile.test.ts", "test/alerts/**/*.test.ts", "test/bot/**/*.test.ts"],
    exclude: ["test/bot/delivery.test.ts", "test/metrics/purity.test.ts"],
    // instrumented code runs many times slower than the original
    testTimeout: 600_000,
  },
});
