/**
 * A vitest reporter for `npm run test:mutation` only (vitest.mutation.config.ts): a test file that
 * fails to load gets one failed test carrying its load error.
 *
 * Why: Stryker's vitest runner (9.6.1) builds a mutant's result from the tests vitest collected,
 * and a file whose import throws collects none. A static mutant that makes a module throw while it
 * loads (e.g. a zod schema emptied at module level, which `z.discriminatedUnion` refuses) fails
 * every test file that imports it, yet Stryker saw no failed test and scored it "Survived".
 * With this reporter such a mutant is scored "Killed", as the failing suite says it is.
 * A file that loaded is left as it is, whether its tests passed or failed.
 */
import type { RunnerTestCase, RunnerTestFile } from "vitest";
import type { Reporter, Vitest } from "vitest/node";

/** The name of the test added to a file that failed to load. */
export const LOAD_FAILURE_TEST = "the test file loads";

/** Adds the failed test to every file that failed without collecting a task; returns how many. */
export function markLoadFailures(files: readonly RunnerTestFile[]): number {
  let marked = 0;
  for (const file of files) {
    if (file.result?.state !== "fail" || file.tasks.length > 0) continue;
    const errors = file.result.errors?.length ? file.result.errors : [{ message: `${file.name} failed to load`, name: "Error" }];
    const test = {
      type: "test",
      id: `${file.id}_load`,
      name: LOAD_FAILURE_TEST,
      fullName: `${file.name} > ${LOAD_FAILURE_TEST}`,
      mode: "run",
      file,
      suite: file,
      meta: {},
      context: {},
      annotations: [],
      artifacts: [],
      timeout: 0,
      result: { state: "fail", errors },
    } as unknown as RunnerTestCase;
    file.tasks.push(test);
    marked++;
  }
  return marked;
}

export default class LoadFailureReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  /** Marks the files of the run's state, the ones Stryker's runner reads once the run ends. */
  onTestRunEnd(): void {
    markLoadFailures(this.vitest?.state.getFiles() ?? []);
  }
}
