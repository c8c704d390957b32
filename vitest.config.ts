import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**", "node_modules/**"],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        // The API, the dashboard and the alerts once more with the indexer writing to PostgreSQL (a
        // throwaway cluster per run, a database per Ponder). test/e2e/postgres.test.ts (replicas) runs in `e2e`.
        test: {
          name: "e2e-postgres",
          include: ["test/e2e/api.test.ts", "test/e2e/dashboard.test.ts", "test/e2e/alerts.test.ts"],
          globalSetup: ["test/e2e/postgresSetup.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
