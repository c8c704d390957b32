import { defineConfig } from "vitest/config";

/** Test files outside test/e2e/ that start processes (anvil, Ponder). */
const DEVNET = [
  "test/contracts/**/*.test.ts",
  "test/devnet/simulate.test.ts",
  "test/devnet/world.test.ts",
  "test/api/health.test.ts",
  "test/api/sqlTables.test.ts",
  "test/reliability/faultProxy.test.ts",
  "test/devnet/harness/serveSimulated.test.ts",
];

export default defineConfig({
  test: {
    projects: [
      {
        // Starts nothing: pure modules, API handlers on in-memory stores, PGlite in-process.
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**", "node_modules/**", ...DEVNET],
          testTimeout: 60_000,
        },
      },
      {
        // Starts anvil (and, for sqlTables, Ponder): the devnet contracts, the simulator, the
        // health gate, the SQL route against Ponder's GraphQL, the fault proxy.
        test: {
          name: "devnet",
          include: DEVNET,
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
