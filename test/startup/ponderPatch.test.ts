/**
 * The Ponder backfill fix: in place after `npm install`, applied once to a copy of the broken
 * file (one line changed, nothing else), and never applied to a file it does not recognise.
 * Its effect (no events lost at the end of a backfill after a crash) is shown by
 * test/reliability/crashes.reliability.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyPonderPatch, ponderHistoricalFile, ponderPatchState } from "../../src/startup/ponderPatch";

const dir = mkdtempSync(join(tmpdir(), "ve-lens-patch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Ponder backfill fix", () => {
  it("is in place in the installed Ponder (npm install's postinstall)", () => {
    expect(ponderPatchState()).toBe("patched");
    expect(readFileSync(ponderHistoricalFile(), "utf8")).not.toContain("if (cursor >= toBlock) {");
  });

  it("changes exactly the end-of-range test of a broken copy, once", () => {
    const installed = readFileSync(ponderHistoricalFile(), "utf8");
    const broken = installed.replace(/if \(cursor > toBlock\) \{ \/\* ve-lens: [^*]+\*\//, "if (cursor >= toBlock) {");
    expect(broken).not.toBe(installed);
    const file = join(dir, "historical.js");
    writeFileSync(file, broken);
    expect(ponderPatchState(file)).toBe("unpatched");
    expect(applyPonderPatch(file)).toBe("patched");
    const once = readFileSync(file, "utf8");
    const changed = once.split("\n").filter((line, i) => line !== broken.split("\n")[i]);
    expect(changed).toHaveLength(1);
    expect(changed[0]!.trim()).toMatch(/^if \(cursor > toBlock\) \{/);
    expect(applyPonderPatch(file)).toBe("patched");
    expect(readFileSync(file, "utf8")).toBe(once);
  });

  it("leaves a file it does not recognise alone", () => {
    const file = join(dir, "other.js");
    const text = "export function* g() { if (cursor >= toBlock) {} if (cursor >= toBlock) {} }\n";
    writeFileSync(file, text);
    expect(ponderPatchState(file)).toBe("unknown");
    expect(applyPonderPatch(file)).toBe("unknown");
    expect(readFileSync(file, "utf8")).toBe(text);
  });
});
