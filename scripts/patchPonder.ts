/**
 * `postinstall`: applies ve-lens's fix to the installed Ponder (src/startup/ponderPatch.ts).
 * Idempotent; an unknown Ponder version is reported, not patched, and does not fail the install
 * (ponder.config.ts refuses to index only where the known broken line is still in place).
 */
import { applyPonderPatch, ponderHistoricalFile } from "../src/startup/ponderPatch";

const state = applyPonderPatch();
if (state === "patched") console.info(`ve-lens: Ponder backfill fix in place (${ponderHistoricalFile()})`);
else console.warn(`ve-lens: Ponder's backfill generator has changed; the fix in src/startup/ponderPatch.ts was not applied (${ponderHistoricalFile()})`);
