/**
 * Vite settings that Ponder's build picks up: Ponder runs the indexing code through a Vite dev
 * server, whose file watcher covers the whole project folder, also under `ponder start`.
 *
 * The state folder (`.ve-lens`, or `VE_LENS_HOME`) is left out of the watch: PGlite writes its
 * database there and anvil its chain, and following those writes cost as much CPU as indexing
 * itself (the `default` world's first `npm start` indexed in 63 s with them watched, 31 s
 * without). Ponder's own folder is left out for the same reason.
 */
import { join } from "node:path";
import { veLensHome } from "./devnet/home";

export default {
  server: { watch: { ignored: [join(veLensHome(), "**"), "**/.ponder/**"] } },
};
