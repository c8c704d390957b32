// Mutation testing of the pure modules: `npm run test:mutation` (scripts/mutation.ts: one run per
// folder, each against that folder's own tests) or `npm run test:mutation -- domain` (one folder).
// Not part of `npm test` or CI (it runs the unit tests once per mutant); the scores go to
// docs/MUTATION.md through scripts/mutationReport.ts.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  mutate: ["src/metrics/**/*.ts", "src/domain/**/*.ts", "src/alerts/**/*.ts", "bot/**/*.ts"],
  coverageAnalysis: "perTest",
  concurrency: 2,
  reporters: ["json", "clear-text", "progress-append-only"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  tempDirName: ".stryker-tmp",
  // the sandboxes of other runs going on beside this one (--tempDirName .stryker-tmp-<name>)
  ignorePatterns: ["/.stryker-tmp-*"],
  cleanTempDir: "always",
  timeoutMS: 8_000,
  thresholds: { high: 90, low: 80, break: null },
};
