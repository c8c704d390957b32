/**
 * `npm run test:reliability`: the slow fault-injection suite (reorgs, crashes, a flaky RPC,
 * hostile HTTP) and the API under load (test/load/, also `npm run test:load` alone). Its files
 * end in `.reliability.ts` / `.load.ts` so the default `npm test` projects never pick them up;
 * the cheap checks of the harness itself are ordinary `*.test.ts` files. One file at a time: the
 * load test's latencies mean something only when nothing else runs.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/reliability/**/*.reliability.ts", "test/reliability/**/*.test.ts", "test/load/**/*.load.ts"],
    testTimeout: 900_000,
    hookTimeout: 900_000,
    fileParallelism: false,
    reporters: ["verbose"],
  },
});
