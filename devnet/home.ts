/**
 * Where the devnet keeps its files: the project root and the state folder (cached chains,
 * databases, the manifest). No other imports, so that `vite.config.ts`, which Ponder's build
 * loads at every start, can read the state folder without pulling in the devnet tooling.
 */
import { join, resolve } from "node:path";

/** Project root (this file lives in `devnet/`). */
export const PROJECT_ROOT = resolve(import.meta.dirname, "..");

/** The state folder: `VE_LENS_HOME`, or `.ve-lens` in the project root. */
export function veLensHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.VE_LENS_HOME ? resolve(env.VE_LENS_HOME) : join(PROJECT_ROOT, ".ve-lens");
}
