/**
 * Loads the profile (ARCHITECTURE.md: devnet manifest or bsc settings) from the environment.
 * No side effect at import: the first call reads the files, later calls reuse the result.
 *
 * Env: `VE_LENS_PROFILE` = `devnet` (default) | `bsc`; devnet: `VE_LENS_MANIFEST`
 * (default `.ve-lens/devnet.json`); bsc: `VE_LENS_CONFIG` (optional JSON file),
 * `PONDER_RPC_URL_56`, `VE_LENS_START_BLOCK`.
 */
import { readFileSync } from "node:fs";
import { readManifestSync } from "./manifest";
import { type ChainRules, decodeChainRules } from "../domain/chainRules";
import { ConfigError, DEVNET_DEFAULTS, type Profile, profileFromBscSettings, profileFromManifest } from "./profile";

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

/** Environment variable through which `ponder.config.ts` hands the chain's rules to the handlers. */
export const CHAIN_RULES_ENV = "VE_LENS_CHAIN_RULES";

let cached: Profile | undefined;

/**
 * The profile of this process, loaded once, with the chain's rules that `ponder.config.ts` read at
 * start-up (absent when the config was not evaluated in this process).
 */
export function getProfile(): Profile {
  if (!cached) {
    const profile = loadProfile();
    const rules = process.env[CHAIN_RULES_ENV];
    cached = rules ? { ...profile, rules: decodeChainRules(rules) } : profile;
  }
  return cached;
}

/** The chain's rules read at start-up; throws when `ponder.config.ts` did not read them. */
export function getChainRules(): ChainRules {
  const rules = getProfile().rules;
  if (!rules) throw new ConfigError(CHAIN_RULES_ENV, "the chain's rules were not read at start-up (ponder.config.ts reads them)");
  return rules;
}
