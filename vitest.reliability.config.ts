/**
 * `npm run test:reliability`: the slow fault-injection suite (reorgs, crashes, a flaky RPC,
 * hostile HTTP). Its files end in `.reliability.ts` so the default `npm test` projects never
 * pick them up; the cheap checks of the harness itself are ordinary `*.test.ts` files.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/reliability/**/*.reliability.ts", "test/reliability/**/*.test.ts"],
    testTimeout: 900_000,
    hookTimeout: 900_000,
    fileParallelism: false,
    reporters: ["verbose"],
  },
});
