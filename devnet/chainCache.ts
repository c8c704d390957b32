/**
 * Key of a cached devnet chain.
 *
 * A simulated chain is a pure function of the contracts, the simulator's code, the scenario and
 * the seed, so its anvil state is cached under a key made of those: any change to one of them
 * regenerates the chain (and, through its new genesis or scenario hash, gets a new database).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** Files under `root`, recursively, sorted, skipping dot-folders and node_modules. */
function listFiles(root: string, dir: string, out: string[]): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries.sort()) {
    if (name.startsWith(".") || name === "node_modules") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listFiles(root, path, out);
    else out.push(relative(root, path));
  }
}

/** sha256 over the relative paths and contents of the given files and folders. */
export function hashSources(root: string, paths: readonly string[]): string {
  const files: string[] = [];
  for (const p of paths) {
    const full = join(root, p);
    let isDir = false;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      continue;
    }
    if (isDir) listFiles(root, full, files);
    else files.push(p);
  }
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(file.replaceAll("\\", "/"));
    hash.update("\0");
    hash.update(readFileSync(join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** What a devnet chain is made from: contracts, simulator code (and the padding `npm start` adds), scenario + seed. */
export const CHAIN_SOURCES = ["contracts", "devnet/sim", "devnet/simulate.ts", "devnet/deploy.ts", "devnet/compile.ts", "devnet/scenario.ts", "devnet/rng.ts", "devnet/start.ts"] as const;

/** Key of a simulated chain. `scenarioJson` is the validated scenario's canonical JSON. */
export function chainKey(root: string, scenarioJson: string, seed: number): string {
  return createHash("sha256")
    .update(hashSources(root, CHAIN_SOURCES))
    .update("\0")
    .update(scenarioJson)
    .update("\0")
    .update(String(seed))
    .digest("hex")
    .slice(0, 16);
}
