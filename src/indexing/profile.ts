/**
 * Loads the profile (ARCHITECTURE.md: devnet manifest or bsc settings) from the environment.
 * No side effect at import: the first call reads the files, later calls reuse the result.
 *
 * Env: `VE_LENS_PROFILE` = `devnet` (default) | `bsc`; devnet: `VE_LENS_MANIFEST`
 * (default `.ve-lens/devnet.json`); bsc: `VE_LENS_CONFIG` (optional JSON file),
 * `PONDER_RPC_URL_56`, `VE_LENS_START_BLOCK`.
 */
import { readFileSync } from "node:fs";
import { readManifestSync } from "../../devnet/manifest";
import { ConfigError, DEVNET_DEFAULTS, type Profile, profileFromBscSettings, profileFromManifest } from "../domain/config";

/**
 * Reads the profile named by `VE_LENS_PROFILE` (companions of the bsc escrow not resolved here).
 * @throws ConfigError naming the missing or malformed value.
 */
export function loadProfile(env: Record<string, string | undefined> = process.env): Profile {
  const name = env.VE_LENS_PROFILE === undefined || env.VE_LENS_PROFILE === "" ? "devnet" : env.VE_LENS_PROFILE;
  if (name === "devnet") {
    const path = env.VE_LENS_MANIFEST || DEVNET_DEFAULTS.manifestPath;
    let manifest: ReturnType<typeof readManifestSync>;
    try {
      manifest = readManifestSync(path);
    } catch (err) {
      throw new ConfigError("VE_LENS_MANIFEST", `${(err as Error).message} (run \`npm start\` or \`npm run simulate\` first)`);
    }
    return profileFromManifest(manifest, env);
  }
  if (name === "bsc") {
    const file = env.VE_LENS_CONFIG;
    let json: unknown = {};
    if (file !== undefined && file !== "") {
      try {
        json = JSON.parse(readFileSync(file, "utf8"));
      } catch (err) {
        throw new ConfigError("VE_LENS_CONFIG", `cannot read JSON file "${file}": ${(err as Error).message}`);
      }
    }
    return profileFromBscSettings(json, env);
  }
  throw new ConfigError("VE_LENS_PROFILE", `expected "devnet" or "bsc", got "${name}"`);
}

let cached: Profile | undefined;

/** The profile of this process, loaded once. */
export function getProfile(): Profile {
  cached ??= loadProfile();
  return cached;
}
