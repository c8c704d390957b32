/**
 * Which worlds `npm run test:conformance` plays, from the environment:
 * - `VE_LENS_CONFORMANCE_VARIANTS` — kit variants, default `oct2024 season season8x`;
 * - `VE_LENS_CONFORMANCE_RANDOM` — N of the kit's `--random N`, default 40;
 * - `VE_LENS_CONFORMANCE_SEEDS` — seeds, default `1 2`;
 * - `VE_LENS_CONFORMANCE_WARMUP_SEEDS` — seeds played once more with `--warmup` (default `1`; empty: none);
 * - `VE_LENS_CONFORMANCE_WARMUP` — that warmup in seconds, default 691200 (8 days: the warmup then
 *   decides window-end values);
 * - `VE_LENS_CONFORMANCE_SIM_SEEDS` — seeds of the project's simulator (`small`) played on each
 *   variant's contracts, default `1` ({@link simulatorSeeds}).
 * Lists are separated by spaces or commas.
 *
 * @example
 * seededWorlds({ VE_LENS_CONFORMANCE_SEEDS: "7 8", VE_LENS_CONFORMANCE_VARIANTS: "season8x" })
 * // [{ variant: "season8x", n: 40, seed: 7 }, { variant: "season8x", n: 40, seed: 8 }, { ..., seed: 1, warmup: 691200 }]
 */
import { KIT_VARIANTS, type KitVariant } from "./kit";

/** One seeded kit world. */
export interface SeededWorld {
  variant: KitVariant;
  n: number;
  seed: number;
  /** `--warmup` in seconds; the kit's default (3 days) when undefined. */
  warmup?: number;
}

/** First epoch start of every seeded world (a Thursday 00:00 UTC, multiple of 1209600): same start, same JSON. */
export const SEEDED_START = 1_900_281_600;

/** Thrown for a malformed VE_LENS_CONFORMANCE_* value; the message names it. */
export class ConformanceOptionError extends Error {
  override name = "ConformanceOptionError";
}

const list = (s: string | undefined): string[] | undefined =>
  s === undefined ? undefined : s.split(/[\s,]+/).filter((x) => x !== "");

function ints(name: string, raw: string | undefined, fallback: number[]): number[] {
  const items = list(raw);
  if (items === undefined) return fallback;
  return items.map((x) => {
    if (!/^\d+$/.test(x)) throw new ConformanceOptionError(`${name}: "${x}" is not a non-negative integer`);
    return Number(x);
  });
}

/** The seeded worlds to play, from `env` (see the module comment). */
export function seededWorlds(env: NodeJS.ProcessEnv = process.env): SeededWorld[] {
  const variants = (list(env.VE_LENS_CONFORMANCE_VARIANTS) ?? [...KIT_VARIANTS]).map((v) => {
    if (!(KIT_VARIANTS as readonly string[]).includes(v)) {
      throw new ConformanceOptionError(`VE_LENS_CONFORMANCE_VARIANTS: unknown variant "${v}" (${KIT_VARIANTS.join(", ")})`);
    }
    return v as KitVariant;
  });
  const [n] = ints("VE_LENS_CONFORMANCE_RANDOM", env.VE_LENS_CONFORMANCE_RANDOM, [40]);
  if (n === undefined || n < 1) throw new ConformanceOptionError("VE_LENS_CONFORMANCE_RANDOM: needs one integer >= 1");
  const seeds = ints("VE_LENS_CONFORMANCE_SEEDS", env.VE_LENS_CONFORMANCE_SEEDS, [1, 2]);
  const warmupSeeds = ints("VE_LENS_CONFORMANCE_WARMUP_SEEDS", env.VE_LENS_CONFORMANCE_WARMUP_SEEDS, [1]);
  const [warmup] = ints("VE_LENS_CONFORMANCE_WARMUP", env.VE_LENS_CONFORMANCE_WARMUP, [691_200]);
  const worlds: SeededWorld[] = [];
  for (const variant of variants) {
    for (const seed of seeds) worlds.push({ variant, n, seed });
    for (const seed of warmupSeeds) worlds.push({ variant, n, seed, warmup });
  }
  return worlds;
}

/** The seeds of the simulator worlds (`VE_LENS_CONFORMANCE_SIM_SEEDS`, default `1`; at least one). */
export function simulatorSeeds(env: NodeJS.ProcessEnv = process.env): number[] {
  const seeds = ints("VE_LENS_CONFORMANCE_SIM_SEEDS", env.VE_LENS_CONFORMANCE_SIM_SEEDS, [1]);
  if (seeds.length === 0) throw new ConformanceOptionError("VE_LENS_CONFORMANCE_SIM_SEEDS: needs at least one seed");
  return seeds;
}

/** Name of a seeded world in test titles and tables, e.g. `season8x N=40 seed=1 warmup=691200`. */
export const worldName = (w: SeededWorld): string =>
  `${w.variant} N=${w.n} seed=${w.seed}${w.warmup !== undefined ? ` warmup=${w.warmup}` : ""}`;
