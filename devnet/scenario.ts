/**
 * Scenarios: the knobs of the devnet simulator, as JSON validated with zod.
 *
 * A scenario plus a seed fully determine the simulated chain. Presets live in
 * `devnet/scenarios/{small,default,large}.json`; any other JSON file of the same shape works.
 * Env: `VE_LENS_SCENARIO` (preset name or file path, default `default`), `VE_LENS_SEED`
 * (non-negative integer, default 1).
 *
 * @example
 * const scenario = loadScenario("small");
 * const { name, seed } = scenarioFromEnv();
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { keccak256, toHex } from "viem";
import { z } from "zod";
import { describeZodError } from "../src/config/manifest";

/** Bedrock veBR's curve (1x→8x linearly over 12 weeks, 3-day warmup), in the scenario's JSON form. */
export const BEDROCK_CURVE_JSON = { C: "1000000000000000000", L: "964506172839", Q: "0", maxEpochs: 6, warmup: 259_200 } as const;

/** Two weeks, the epoch length of the gauge voter's clock. */
export const EPOCH = 1_209_600;
export const WEEK = 604_800;
export const DAY = 86_400;

/** A scenario file or preset that cannot be read or does not match {@link ScenarioSchema}. */
export class ScenarioError extends Error {
  override name = "ScenarioError";
  constructor(
    readonly source: string,
    readonly detail: string,
  ) {
    super(`invalid scenario ${source}: ${detail}`);
  }
}

const POS_INT = "expected a positive integer";
const NONNEG_INT = "expected a non-negative integer";
const FRACTION = "expected a number between 0 and 1";
const BPS = "expected basis points, an integer between 0 and 10000";

const posInt = () => z.number({ error: POS_INT }).int(POS_INT).positive(POS_INT);
const nonNegInt = () => z.number({ error: NONNEG_INT }).int(NONNEG_INT).nonnegative(NONNEG_INT);
const fraction = () => z.number({ error: FRACTION }).min(0, FRACTION).max(1, FRACTION);
const bps = () => z.number({ error: BPS }).int(BPS).min(0, BPS).max(10_000, BPS);
/** A non-negative integer as a decimal string (bigint-safe), e.g. "964506172839". */
const decimalString = () =>
  z.string({ error: "expected a non-negative integer as a decimal string" }).regex(/^\d+$/, "expected a non-negative integer as a decimal string");
const positive = (what = "expected a positive number") => z.number({ error: what }).positive(what);
/** Whole tokens as a decimal string (bigint-safe), e.g. "1000000000". */
const wholeTokens = () =>
  z.string({ error: "expected whole tokens as a decimal string" }).regex(/^[1-9]\d*$/, "expected whole tokens as a decimal string");

export const VestingAllocationSchema = z.strictObject({
  /** Allocation name, also the vesting wallet's name in the manifest. */
  name: z.string().min(1, "expected a non-empty name"),
  /** Share of the BR supply, in bps. */
  shareBps: bps(),
  /** Share of the allocation unlocked at the TGE (the vesting start), in bps. */
  tgeBps: bps(),
  /** Epochs after the start before the linear stream begins. */
  cliffEpochs: nonNegInt(),
  /** Epochs after the start when everything has vested. */
  durationEpochs: posInt(),
  /**
   * What the beneficiary does with released tokens: `distribute` (airdrops and grants to
   * holders), `sell` (to exchanges), `lock` (locks and votes itself), `hold`.
   */
  behaviour: z.enum(["distribute", "sell", "lock", "hold"]),
  /** Share of the beneficiary's free balance used by its behaviour each epoch. */
  actShare: fraction().default(0.5),
});

export const GaugeSpecSchema = z.strictObject({
  name: z.string().min(1, "expected a non-empty name"),
  /** `vault` gauges are brBTC vaults (the gauge is the vault address); others are plain addresses. */
  kind: z.enum(["vault", "dex", "lending"]),
  metadataURI: z.string().optional(),
  /** Median off-chain incentive offered per epoch (arbitrary USD units). */
  baseIncentive: positive(),
  /** Log-volatility of the incentive level from one epoch to the next. */
  volatility: z.number().min(0).max(3).default(0.35),
  /** Epoch index at whose start the gauge is created (0: at deployment). */
  createdAtEpoch: nonNegInt().default(0),
  /** Epoch index at whose start the owner deactivates the gauge (its standing votes stay). */
  deactivatedAtEpoch: nonNegInt().optional(),
  /** Epoch index at whose start the owner activates it again (after `deactivatedAtEpoch`). */
  reactivatedAtEpoch: nonNegInt().optional(),
  /** Epoch index at whose start the owner updates its metadata URI. */
  metadataUpdatedAtEpoch: nonNegInt().optional(),
});

export const ScenarioSchema = z
  .strictObject({
    name: z.string().min(1, "expected a non-empty name"),
    description: z.string().default(""),
    time: z.strictObject({
      /**
       * The first simulated epoch; epoch 1450 starts at 1753920000. The chain's genesis (and the
       * deployment) is one week earlier, so that the first locks start at this epoch's start (a lock
       * starts at the next weekly checkpoint) and can vote in its window.
       */
      genesisEpoch: posInt().default(1450),
      /** Full epochs simulated; the run then ends inside the next ("live") epoch's voting window. */
      epochs: posInt(),
      /**
       * Epoch indices (0 = the first epoch) where seasons start, beginning with 0: the implicit
       * season 0 (ClockSeason's season before any `newSeason()`, nothing is called for it). Each
       * later entry k makes season i (1-based, in order) start exactly at epoch k's start: the
       * simulator calls `clock.newSeason()` in epoch k−1's second week (the start is the next weekly
       * checkpoint). Seasons are at least one epoch (the clock's 2-week minimum) apart.
       */
      seasonStartEpochs: z.array(nonNegInt()).min(1, "expected at least one season start"),
      /** Vote slots of the live epoch that are played before the run stops. */
      liveVoteSlots: posInt().default(3),
    }),
    token: z.strictObject({
      /** Total BR supply, whole tokens. */
      supply: wholeTokens().default("1000000000"),
    }),
    holders: z.strictObject({
      count: posInt(),
      /** Pareto tail index of holdings; smaller is more unequal. */
      paretoAlpha: positive().default(1.1),
      /** Largest holders whose holdings are scaled up further. */
      whales: nonNegInt().default(5),
      /** Share of the supply airdropped to holders at genesis, in bps (the rest stays with the deployer). */
      floatShareBps: bps(),
      /** Share of holders that hold BR from genesis; the others arrive through airdrops and exchange buys. */
      initialShare: fraction().default(0.7),
    }),
    exchanges: z.strictObject({
      /** Exchange hot wallets: hold much, never lock. */
      count: nonNegInt().max(10, "expected at most 10 exchanges"),
      /** Share of the supply the exchanges hold at genesis, in bps. */
      shareBps: bps(),
      /** Share of active holders that trade with an exchange in an epoch. */
      tradersPerEpoch: fraction().default(0.06),
    }),
    vesting: z.array(VestingAllocationSchema).min(1, "expected at least one vesting allocation"),
    locking: z.strictObject({
      /** Share of holders that lock at some point. */
      lockerShare: fraction(),
      /** Locking holders lock between these shares of their free balance. */
      lockFractionMin: fraction().default(0.3),
      lockFractionMax: fraction().default(0.95),
      /** Probability per epoch that a locker with free BR locks again (several locks per owner). */
      relockProbability: fraction().default(0.12),
      /** First locks are spread over this many epochs after a holder gets BR. */
      firstLockSpreadEpochs: posInt().default(4),
    }),
    voting: z.strictObject({
      /** Share of lockers that vote every epoch. */
      loyalShare: fraction(),
      /** Share of lockers that vote sometimes; the rest never vote. */
      sporadicShare: fraction(),
      /** Probability that a sporadic voter votes in an epoch. */
      sporadicProbability: fraction().default(0.3),
      /** Probability per epoch that a voting token resets explicitly (and stays out). */
      resetProbability: fraction().default(0.03),
      maxGaugesPerVote: posInt().default(3),
      /** Exponent on the incentive level when voters pick gauges (0 = ignore incentives). */
      incentiveSensitivity: z.number().min(0).max(10).default(1.5),
      /** Share of voters attached to one favourite gauge whatever the incentives. */
      partisanShare: fraction().default(0.25),
    }),
    exits: z.strictObject({
      /** Probability per epoch that an unlockable lock (older than minLock) starts its exit. */
      probabilityPerEpoch: fraction().default(0.03),
      /** Holders wait up to this many days after the exit date before withdrawing. */
      withdrawDelayMaxDays: nonNegInt().default(3),
    }),
    gauges: z.array(GaugeSpecSchema).min(1, "expected at least one gauge"),
    vaults: z.strictObject({
      /** Accounts that deposit BTC into the vaults (some are also BR holders). */
      depositors: nonNegInt(),
      /** TVL (BTC) a vault attracts without emissions. */
      baseTvlBtc: positive().default(20),
      /** Extra TVL (BTC) per 100% of the vote share. */
      tvlPerVoteShareBtc: positive().default(400),
      /** Epochs between a vote share and the deposits that follow it (1 or 2). */
      lagEpochs: z.number().int().min(1, "expected 1 or 2").max(2, "expected 1 or 2").default(1),
      /** Share of the gap to the target TVL closed each epoch. */
      responsiveness: fraction().default(0.6),
      /** Share of depositors that never withdraw (their TVL stays when incentives drop). */
      stickyShare: fraction().default(0.35),
      /** Yield donated to each vault per epoch, in bps of its assets. */
      yieldBpsPerEpoch: bps().default(15),
    }),
    /**
     * The voting-power curve (QuadraticIncreasingCurveSeason): power = floor(A·(C + L·T + Q·T²) / 1e18),
     * T = min(seconds since max(lock start, season start), 1209600·maxEpochs); zero until
     * `now > deposit time + warmup`. C, L, Q are 1e18-scaled decimal strings (Bedrock: 1x→8x
     * linearly over 12 weeks, `getCoefficients(1e18)` = [1e18, 964506172839, 0]).
     */
    curve: z
      .strictObject({
        C: decimalString().default(BEDROCK_CURVE_JSON.C),
        L: decimalString().default(BEDROCK_CURVE_JSON.L),
        Q: decimalString().default(BEDROCK_CURVE_JSON.Q),
        maxEpochs: posInt().default(BEDROCK_CURVE_JSON.maxEpochs),
        warmup: nonNegInt().default(BEDROCK_CURVE_JSON.warmup),
      })
      .default({ ...BEDROCK_CURVE_JSON }),
    exitQueue: z
      .strictObject({
        /** Seconds after the lock's (aligned) start before `beginWithdrawal` is allowed (> 0). */
        minLock: posInt().default(2_419_200),
        /** exitDate = max(next weekly checkpoint, queue time + cooldown); withdraw strictly after it. */
        cooldown: nonNegInt().default(1_209_600),
        /** The queue's `feePercent`: fee = floor(amount · feeBps / 10000). */
        feeBps: bps().default(50),
      })
      .default({ minLock: 2_419_200, cooldown: 1_209_600, feeBps: 50 }),
    engine: z
      .strictObject({
        /** Transactions per block at most (dense blocks index faster). */
        maxTxsPerBlock: posInt().default(400),
        /**
         * Start anvil with `--prune-history` (see `simulatorAnvilArgs`): anvil keeps a copy of the
         * state per block, which for a large world exceeds the machine's memory. Logs, blocks and
         * receipts stay available; `eth_call` at past blocks does not.
         */
        pruneHistory: z.boolean().default(false),
      })
      .default({ maxTxsPerBlock: 400, pruneHistory: false }),
    /**
     * Entities that spread over several wallets (the clustering's ground truth, written to the
     * manifest's `entities`). Each has a root wallet, funded from an exchange at genesis, that locks part of its BR
     * and hands the rest to its other wallets over staggered epochs by one of these routes:
     * `funded` (root → wallet, which locks 20 min later), `lockFor` (the root's `createLockFor`),
     * `chain` (root → a funded sibling → wallet, which locks days later), `late` (root → wallet,
     * which locks four weeks later), `exchange` (bought from an exchange; half of them get a top-up
     * from the root later). The entity's wallets vote one allocation in the same vote slot.
     * Absent: no entities (the world is the same as without this feature).
     */
    entities: z
      .strictObject({
        count: posInt(),
        walletsMin: posInt(),
        walletsMax: posInt(),
        /** BR of all roots together, in bps of the supply. */
        budgetBps: bps(),
        /** Relative weights of the routes. */
        routes: z.strictObject({
          funded: z.number().nonnegative(),
          lockFor: z.number().nonnegative(),
          chain: z.number().nonnegative(),
          late: z.number().nonnegative(),
          exchange: z.number().nonnegative(),
        }),
        /** Probability per epoch that an entity votes (all its wallets, same allocation). */
        voteProbability: fraction().default(0.85),
        /** Wallets receive their BR over this many epochs after the entity's first. */
        staggerEpochs: nonNegInt().default(5),
      })
      .optional(),
  })
  .superRefine((s, ctx) => {
    if (s.entities && s.entities.walletsMax < s.entities.walletsMin) {
      ctx.addIssue({ code: "custom", path: ["entities", "walletsMax"], message: "expected walletsMax >= walletsMin" });
    }
    const seasons = s.time.seasonStartEpochs;
    if (seasons[0] !== 0) {
      ctx.addIssue({ code: "custom", path: ["time", "seasonStartEpochs", 0], message: "the first season starts at epoch 0" });
    }
    for (let i = 1; i < seasons.length; i++) {
      if ((seasons[i] as number) <= (seasons[i - 1] as number)) {
        ctx.addIssue({ code: "custom", path: ["time", "seasonStartEpochs", i], message: "expected strictly increasing epochs" });
      }
      if ((seasons[i] as number) > s.time.epochs) {
        ctx.addIssue({
          code: "custom",
          path: ["time", "seasonStartEpochs", i],
          message: `expected an epoch index <= time.epochs (${s.time.epochs})`,
        });
      }
    }
    if (s.time.liveVoteSlots > VOTE_SLOT_OFFSETS.length) {
      ctx.addIssue({
        code: "custom",
        path: ["time", "liveVoteSlots"],
        message: `expected at most ${VOTE_SLOT_OFFSETS.length} vote slots`,
      });
    }
    const shares = s.vesting.reduce((a, v) => a + v.shareBps, 0) + s.exchanges.shareBps + s.holders.floatShareBps;
    if (shares > 10_000) {
      ctx.addIssue({
        code: "custom",
        path: ["vesting"],
        message: `vesting + exchanges.shareBps + holders.floatShareBps is ${shares} bps, more than the supply (10000)`,
      });
    }
    s.vesting.forEach((v, i) => {
      if (v.cliffEpochs > v.durationEpochs) {
        ctx.addIssue({ code: "custom", path: ["vesting", i, "cliffEpochs"], message: "expected cliffEpochs <= durationEpochs" });
      }
    });
    const seen = new Set<string>();
    s.vesting.forEach((v, i) => {
      if (seen.has(v.name)) ctx.addIssue({ code: "custom", path: ["vesting", i, "name"], message: `duplicate name "${v.name}"` });
      seen.add(v.name);
    });
    const gaugeNames = new Set<string>();
    s.gauges.forEach((g, i) => {
      if (gaugeNames.has(g.name)) ctx.addIssue({ code: "custom", path: ["gauges", i, "name"], message: `duplicate name "${g.name}"` });
      gaugeNames.add(g.name);
      const after = (field: "deactivatedAtEpoch" | "reactivatedAtEpoch" | "metadataUpdatedAtEpoch", min: number, what: string) => {
        const v = g[field];
        if (v === undefined) return;
        if (v <= min) ctx.addIssue({ code: "custom", path: ["gauges", i, field], message: `expected an epoch after ${what} (${min})` });
        else if (v > s.time.epochs) ctx.addIssue({ code: "custom", path: ["gauges", i, field], message: `expected an epoch index <= time.epochs (${s.time.epochs})` });
      };
      if (g.createdAtEpoch > s.time.epochs) {
        ctx.addIssue({ code: "custom", path: ["gauges", i, "createdAtEpoch"], message: `expected an epoch index <= time.epochs (${s.time.epochs})` });
      }
      after("deactivatedAtEpoch", g.createdAtEpoch, "createdAtEpoch");
      after("metadataUpdatedAtEpoch", g.createdAtEpoch, "createdAtEpoch");
      if (g.reactivatedAtEpoch !== undefined && g.deactivatedAtEpoch === undefined) {
        ctx.addIssue({ code: "custom", path: ["gauges", i, "reactivatedAtEpoch"], message: "expected deactivatedAtEpoch first" });
      } else after("reactivatedAtEpoch", g.deactivatedAtEpoch ?? 0, "deactivatedAtEpoch");
    });
    if (!s.gauges.some((g) => g.createdAtEpoch === 0)) {
      ctx.addIssue({ code: "custom", path: ["gauges"], message: "expected at least one gauge with createdAtEpoch 0" });
    }
    if (s.locking.lockFractionMin > s.locking.lockFractionMax) {
      ctx.addIssue({ code: "custom", path: ["locking", "lockFractionMin"], message: "expected lockFractionMin <= lockFractionMax" });
    }
    if (s.voting.loyalShare + s.voting.sporadicShare > 1) {
      ctx.addIssue({ code: "custom", path: ["voting", "sporadicShare"], message: "expected loyalShare + sporadicShare <= 1" });
    }
    if (s.vaults.depositors > 0 && !s.gauges.some((g) => g.kind === "vault")) {
      ctx.addIssue({ code: "custom", path: ["vaults", "depositors"], message: "depositors need at least one gauge of kind vault" });
    }
  });

/**
 * Offsets (seconds after the epoch start) of the vote blocks inside the voting window
 * `[start + 1h, start + 1w - 1h)`: window opening, then spread over the week, one just before it closes.
 */
export const VOTE_SLOT_OFFSETS = [
  3_600,
  DAY,
  2 * DAY,
  3 * DAY + 2 * 3_600,
  4 * DAY,
  5 * DAY + 12 * 3_600,
  6 * DAY + 20 * 3_600,
] as const;

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type VestingAllocation = Scenario["vesting"][number];
export type GaugeSpec = Scenario["gauges"][number];

export const PRESETS = ["small", "default", "large"] as const;
export type PresetName = (typeof PRESETS)[number];

const scenariosDir = join(dirname(fileURLToPath(import.meta.url)), "scenarios");

/**
 * Validates a parsed JSON value as a scenario (defaults filled in).
 * @throws ScenarioError naming the bad field, e.g. `holders.count: expected a positive integer`.
 */
export function parseScenario(value: unknown, source = "<scenario>"): Scenario {
  const result = ScenarioSchema.safeParse(value);
  if (!result.success) throw new ScenarioError(source, describeZodError(result.error));
  return result.data;
}

/**
 * Loads a preset (`small`, `default`, `large`) or a scenario JSON file.
 * @example loadScenario("small"); loadScenario("./my-scenario.json")
 */
export function loadScenario(nameOrPath: string): Scenario {
  const preset = join(scenariosDir, `${nameOrPath}.json`);
  const path = /^[a-z0-9_-]+$/i.test(nameOrPath) && existsSync(preset) ? preset : resolve(nameOrPath);
  if (!existsSync(path)) {
    throw new ScenarioError(nameOrPath, `no such preset (${PRESETS.join(", ")}) or file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new ScenarioError(nameOrPath, `not JSON (${(err as Error).message})`);
  }
  return parseScenario(json, nameOrPath);
}

/** Parses a seed: a non-negative safe integer. */
export function parseSeed(value: string | number, source = "seed"): number {
  const n = typeof value === "number" ? value : /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new ScenarioError(source, `expected a non-negative integer, got "${value}"`);
  }
  return n;
}

/**
 * The scenario and seed chosen by `VE_LENS_SCENARIO` (default `default`) and `VE_LENS_SEED` (default 1).
 * @example const { name, scenario, seed } = scenarioFromEnv();
 */
export function scenarioFromEnv(env: NodeJS.ProcessEnv = process.env): { name: string; scenario: Scenario; seed: number } {
  const name = env.VE_LENS_SCENARIO?.trim() || "default";
  const seed = env.VE_LENS_SEED?.trim() ? parseSeed(env.VE_LENS_SEED, "VE_LENS_SEED") : 1;
  return { name, scenario: loadScenario(name), seed };
}

/** JSON of a validated scenario with keys sorted at every level (stable across key orders). */
export function canonicalScenarioJson(scenario: Scenario): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) out[k] = sort((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(scenario));
}

/** keccak256 of {@link canonicalScenarioJson}. */
export function scenarioHash(scenario: Scenario): `0x${string}` {
  return keccak256(toHex(canonicalScenarioJson(scenario)));
}

/** Unix seconds of the start of epoch `e`. */
export const epochStart = (e: number): number => e * EPOCH;

/**
 * The clock's next weekly checkpoint strictly after `ts` (`epochNextCheckpointTs`): Thursdays
 * 00:00 UTC, a multiple of 604800; a `ts` on a boundary gives the following one.
 * @example nextCheckpoint(1753920000) === 1754524800
 */
export const nextCheckpoint = (ts: number): number => ts + (WEEK - (ts % WEEK));

/** The end of epoch `start`'s voting window (`start + 1w − 1h`), the moment the epoch's votes are read. */
export const windowEndOf = (start: number): number => start + WEEK - 3_600;
