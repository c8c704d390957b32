/**
 * A one-character fix to Ponder 0.16.10's backfill, applied to the installed package by
 * `npm install` (`scripts/patchPonder.ts`, the `postinstall` script) and required by
 * `ponder.config.ts` before any run.
 *
 * The bug: `getLocalEventGenerator` (dist/esm/runtime/historical.js) ends a backfill query at
 * block `queryCursor` and tests `queryCursor + 1 >= toBlock`. When the query stopped one block
 * short of the backfill's last block, it hands out that batch with the *final* checkpoint, and
 * the last block's events follow in a second batch under the same checkpoint. The first batch
 * commits the checkpoint; a crash before the second one commits leaves an index that believes
 * the last block is done, and crash recovery skips every event in it for good. Measured on the
 * `default` chain on PostgreSQL: a `kill -9` at that moment lost all 177 BR transfers of block 248
 * (test/reliability/crashes.reliability.ts). With `>` the batch ending one block short carries
 * its own checkpoint, and only the batch that reaches `toBlock` carries the final one.
 *
 * @example
 * if (ponderPatchState() === "unpatched") throw new Error("run npm install");
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const BROKEN = "if (cursor >= toBlock) {";
const FIXED = "if (cursor > toBlock) { /* ve-lens: src/startup/ponderPatch.ts */";

const RELATIVE = join("node_modules", "ponder", "dist", "esm", "runtime", "historical.js");

/** The installed Ponder file holding the event generator (looked up from the working directory, as Node finds packages). */
export function ponderHistoricalFile(from = process.cwd()): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, RELATIVE))) return join(dir, RELATIVE);
    if (dirname(dir) === dir) throw new Error(`ve-lens: no installed Ponder above ${from} (${RELATIVE})`);
  }
}

/**
 * `patched`: the fix is in place; `unpatched`: the broken test is there (run the patch);
 * `unknown`: neither line is found (another Ponder version: the fix must be looked at again).
 */
export function ponderPatchState(file = ponderHistoricalFile()): "patched" | "unpatched" | "unknown" {
  const text = readFileSync(file, "utf8");
  if (text.includes(FIXED)) return "patched";
  return text.split(BROKEN).length === 2 ? "unpatched" : "unknown";
}

/** Applies the fix once (idempotent); answers the state after it. */
export function applyPonderPatch(file = ponderHistoricalFile()): "patched" | "unknown" {
  const state = ponderPatchState(file);
  if (state !== "unpatched") return state;
  writeFileSync(file, readFileSync(file, "utf8").replace(BROKEN, FIXED));
  return ponderPatchState(file) === "patched" ? "patched" : "unknown";
}
