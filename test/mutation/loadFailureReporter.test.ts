import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { startVitest } from "vitest/node";
import LoadFailureReporter, { LOAD_FAILURE_TEST } from "./loadFailureReporter";

const FIXTURES = join(import.meta.dirname, "fixtures");

const quiet = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** Runs the two fixture files in a real vitest and returns its state's files, as Stryker reads them. */
async function runFixtures(withReporter: boolean) {
  // vite's cache (vitest's results) goes to a temporary directory, not beside the fixtures
  const cacheDir = mkdtempSync(join(tmpdir(), "ve-lens-vitest-cache-"));
  const vitest = await startVitest(
    "test",
    [],
    {
      root: FIXTURES,
      config: false,
      include: ["*.fixture.ts"],
      watch: false,
      reporters: withReporter ? [new LoadFailureReporter()] : [],
    },
    { cacheDir },
    // its own report of the two failing fixtures is expected: kept out of this run's output
    { stdout: quiet(), stderr: quiet() },
  );
  try {
    return vitest.state.getFiles().map((file) => ({
      file: file.name,
      state: file.result?.state,
      tests: file.tasks.map((t) => ({ name: t.name, state: t.result?.state, error: t.result?.errors?.[0]?.message })),
    }));
  } finally {
    await vitest.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

describe("LoadFailureReporter", () => {
  it("without it, a file that fails to load collects no test (what Stryker scored as survived)", async () => {
    const files = await runFixtures(false);
    const broken = files.find((f) => f.file.endsWith("throwsOnLoad.fixture.ts"));
    expect(broken).toEqual({ file: expect.stringMatching(/throwsOnLoad\.fixture\.ts$/), state: "fail", tests: [] });
  });

  it("gives a file that fails to load one failed test carrying its load error, and leaves a loaded file as it is", async () => {
    const files = await runFixtures(true);
    expect(files.sort((a, b) => (a.file < b.file ? -1 : 1))).toEqual([
      {
        file: expect.stringMatching(/loads\.fixture\.ts$/),
        state: "fail",
        tests: [
          { name: "passes", state: "pass", error: undefined },
          { name: "fails", state: "fail", error: "expected 2 to be 3 // Object.is equality" },
        ],
      },
      {
        file: expect.stringMatching(/throwsOnLoad\.fixture\.ts$/),
        state: "fail",
        tests: [{ name: LOAD_FAILURE_TEST, state: "fail", error: "module broken while loading" }],
      },
    ]);
  });
});
