/**
 * `npm run test:mutation [-- metrics domain alerts bot]`: one Stryker run per folder (all four
 * when none is named), each mutating that folder alone against that folder's own unit tests
 * (`MUTATION_FOLDER`, see vitest.mutation.config.ts), with its own incremental file, so a second
 * run re-tests only what changed. Each run's JSON report is kept as reports/mutation/<folder>.json;
 * then scripts/mutationReport.ts merges the four reports into docs/MUTATION.md.
 *
 * `--force` re-tests every mutant: an incremental run keeps the old result of a surviving static
 * mutant (one in module-level code) even when a new test would kill it, so a score is recorded
 * from a forced run.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";

const GLOBS: Record<string, string> = {
  metrics: "src/metrics/**/*.ts",
  domain: "src/domain/**/*.ts",
  alerts: "src/alerts/**/*.ts",
  bot: "bot/**/*.ts",
};

const args = process.argv.slice(2);
const named = args.filter((a) => !a.startsWith("--"));
const passed = args.filter((a) => a.startsWith("--"));
const badFlags = passed.filter((a) => a !== "--force");
if (badFlags.length > 0) {
  console.error(`unknown option ${badFlags.join(", ")}: only --force is passed to Stryker`);
  process.exit(2);
}
const unknown = named.filter((f) => GLOBS[f] === undefined);
if (unknown.length > 0) {
  console.error(`unknown folder ${unknown.join(", ")}: expected some of ${Object.keys(GLOBS).join(", ")}`);
  process.exit(2);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(" ")} exited with ${result.status ?? result.signal}`);
    process.exit(1);
  }
}

for (const folder of named.length > 0 ? named : Object.keys(GLOBS)) {
  run("npx", ["stryker", "run", "--mutate", GLOBS[folder]!, "--incrementalFile", `reports/mutation/incremental-${folder}.json`, ...passed], {
    ...process.env,
    MUTATION_FOLDER: folder,
  });
  copyFileSync("reports/mutation/mutation.json", `reports/mutation/${folder}.json`);
}

const reports = Object.keys(GLOBS)
  .map((f) => `reports/mutation/${f}.json`)
  .filter((p) => existsSync(p));
run("npx", ["tsx", "scripts/mutationReport.ts", ...reports]);
