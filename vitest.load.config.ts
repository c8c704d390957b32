/**
 * `npm run test:load`: the API under load (test/load/), on PGlite and on PostgreSQL, alone. CI
 * runs the same file within `npm run test:reliability` (one file at a time); its numbers mean
 * something only on a machine that runs nothing else.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/load/**/*.load.ts"],
    testTimeout: 900_000,
    hookTimeout: 900_000,
    fileParallelism: false,
    reporters: ["verbose"],
  },
});
