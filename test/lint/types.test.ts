/**
 * The whole project type-checks (`tsc --noEmit` over src/, test/, devnet/, bench/, bot/ and the
 * configs). Type-level assertions (`expectTypeOf`, e.g. test/domain/rowTypes.test.ts) only bite
 * through this check.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

describe("types", () => {
  it("tsc --noEmit reports no error", () => {
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const run = spawnSync(process.execPath, [tsc, "--noEmit", "-p", join(ROOT, "tsconfig.json")], { cwd: ROOT, encoding: "utf8" });
    expect(run.error, "tsc could not be started").toBeUndefined();
    expect(`${run.stdout}${run.stderr}`.trim(), "tsc output").toBe("");
    expect(run.status, "tsc exit code").toBe(0);
  }, 300_000);
});
