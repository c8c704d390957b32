import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Rng } from "../../devnet/rng";
import {
  BEDROCK_CURVE_JSON,
  PRESETS,
  WEEK,
  ScenarioError,
  canonicalScenarioJson,
  loadScenario,
  nextCheckpoint,
  parseScenario,
  scenarioFromEnv,
  scenarioHash,
  windowEndOf,
} from "../../devnet/scenario";

const dir = await mkdtemp(join(tmpdir(), "ve-lens-scenario-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A JSON copy of the small preset with `edit` applied. */
function smallWith(edit: (s: Record<string, any>) => void): unknown {
  const s = JSON.parse(JSON.stringify(loadScenario("small")));
  edit(s);
  return s;
}

describe("scenario presets", () => {
  it("load and match their sizes", () => {
    for (const name of PRESETS) expect(loadScenario(name).name).toBe(name);
    const small = loadScenario("small");
    expect(small.holders.count).toBeLessThanOrEqual(60);
    expect(small.time.epochs).toBe(4);
    expect(small.time.seasonStartEpochs).toHaveLength(2);
    const d = loadScenario("default");
    expect(d.holders.count).toBeGreaterThanOrEqual(2000);
    expect(d.time.epochs).toBe(18);
    expect(d.time.seasonStartEpochs).toHaveLength(3);
    expect(d.gauges.length).toBeGreaterThanOrEqual(6);
    expect(d.gauges.filter((g) => g.kind === "vault").length).toBeGreaterThanOrEqual(2);
    expect(loadScenario("large").holders.count).toBeGreaterThanOrEqual(50_000);
  });

  it("loads a file path, and the env picks scenario and seed", async () => {
    const path = join(dir, "mine.json");
    await writeFile(path, JSON.stringify(smallWith((s) => (s.name = "mine"))));
    expect(loadScenario(path).name).toBe("mine");
    const fromEnv = scenarioFromEnv({ VE_LENS_SCENARIO: path, VE_LENS_SEED: "7" });
    expect(fromEnv).toMatchObject({ name: path, seed: 7 });
    expect(scenarioFromEnv({}).name).toBe("default");
    expect(scenarioFromEnv({}).seed).toBe(1);
    expect(() => scenarioFromEnv({ VE_LENS_SEED: "abc" })).toThrow(/VE_LENS_SEED/);
    expect(() => scenarioFromEnv({ VE_LENS_SEED: "-1" })).toThrow(/VE_LENS_SEED/);
    expect(() => loadScenario("no-such-preset")).toThrow(ScenarioError);
  });

  it("hashes canonically (key order does not matter, content does)", () => {
    const a = loadScenario("small");
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : v !== null && typeof v === "object"
          ? Object.fromEntries(Object.keys(v).reverse().map((k) => [k, reverseKeys((v as Record<string, unknown>)[k])]))
          : v;
    const reordered = reverseKeys(a) as typeof a;
    expect(Object.keys(reordered)).not.toEqual(Object.keys(a));
    expect(canonicalScenarioJson(reordered)).toBe(canonicalScenarioJson(a));
    expect(scenarioHash(reordered)).toBe(scenarioHash(a));
    expect(scenarioHash(parseScenario(smallWith((s) => (s.holders.count = 41))))).not.toBe(scenarioHash(a));
  });
});

describe("bad scenarios are refused with the field named", () => {
  const cases: [string, (s: Record<string, any>) => void, RegExp][] = [
    ["zero holders", (s) => (s.holders.count = 0), /holders\.count: expected a positive integer/],
    ["fractional holders", (s) => (s.holders.count = 2.5), /holders\.count: expected a positive integer/],
    ["missing epochs", (s) => delete s.time.epochs, /time\.epochs/],
    ["first season not at epoch 0", (s) => (s.time.seasonStartEpochs = [1, 2]), /time\.seasonStartEpochs\.0/],
    ["seasons not increasing", (s) => (s.time.seasonStartEpochs = [0, 3, 2]), /time\.seasonStartEpochs\.2/],
    ["season after the run", (s) => (s.time.seasonStartEpochs = [0, 9]), /time\.seasonStartEpochs\.1/],
    ["unknown gauge kind", (s) => (s.gauges[1].kind = "pool"), /gauges\.1\.kind/],
    ["fee above 100%", (s) => (s.exitQueue = { feeBps: 20_000 }), /exitQueue\.feeBps: expected basis points/],
    ["shares above the supply", (s) => (s.vesting[0].shareBps = 9_000), /vesting: .*more than the supply/],
    ["cliff after the end", (s) => (s.vesting[2].cliffEpochs = 60), /vesting\.2\.cliffEpochs/],
    ["probability above 1", (s) => (s.voting.loyalShare = 1.5), /voting\.loyalShare: expected a number between 0 and 1/],
    ["typo in a key", (s) => (s.holders.cout = 3), /holders: .*cout/],
    ["supply not a decimal string", (s) => (s.token.supply = 1e9), /token\.supply/],
    ["vault lag of 3", (s) => (s.vaults.lagEpochs = 3), /vaults\.lagEpochs: expected 1 or 2/],
    ["gauge deactivated before it exists", (s) => Object.assign(s.gauges[3], { createdAtEpoch: 2, deactivatedAtEpoch: 1 }), /gauges\.3\.deactivatedAtEpoch/],
    ["gauge reactivated but never deactivated", (s) => Object.assign(s.gauges[0], { reactivatedAtEpoch: 2 }), /gauges\.0\.reactivatedAtEpoch/],
    ["gauge created after the run", (s) => (s.gauges[3].createdAtEpoch = 99), /gauges\.3\.createdAtEpoch/],
    ["curve constant not a decimal string", (s) => (s.curve = { C: 1e18 }), /curve\.C: expected a non-negative integer as a decimal string/],
    ["curve of zero epochs", (s) => (s.curve = { maxEpochs: 0 }), /curve\.maxEpochs: expected a positive integer/],
    ["minLock of zero", (s) => (s.exitQueue = { minLock: 0 }), /exitQueue\.minLock: expected a positive integer/],
    ["old curve shape", (s) => (s.curve = { maxMultiplierBps: 80_000 }), /curve: .*maxMultiplierBps/],
  ];
  for (const [what, edit, message] of cases) {
    it(what, () => {
      expect(() => parseScenario(smallWith(edit), "test.json")).toThrow(message);
    });
  }

  it("reports a bad file with its name", async () => {
    const path = join(dir, "bad.json");
    await writeFile(path, JSON.stringify(smallWith((s) => (s.holders.count = -3))));
    expect(() => loadScenario(path)).toThrow(/bad\.json: holders\.count: expected a positive integer/);
    await writeFile(path, "{ not json");
    expect(() => loadScenario(path)).toThrow(/not JSON/);
  });
});

describe("curve defaults and the clock's checkpoints", () => {
  it("defaults to Bedrock's 1x→8x curve over 12 weeks with a 3-day warmup", () => {
    expect(loadScenario("small").curve).toEqual({ ...BEDROCK_CURVE_JSON });
    expect(BEDROCK_CURVE_JSON).toEqual({ C: "1000000000000000000", L: "964506172839", Q: "0", maxEpochs: 6, warmup: 259_200 });
  });

  it("nextCheckpoint is the next Thursday 00:00 UTC strictly after ts; the window ends 1 h before week 2", () => {
    expect(nextCheckpoint(1_753_920_000)).toBe(1_753_920_000 + WEEK); // on a boundary: the following one
    expect(nextCheckpoint(1_753_920_000 - 1)).toBe(1_753_920_000);
    expect(nextCheckpoint(1_753_920_000 + WEEK + 1)).toBe(1_753_920_000 + 2 * WEEK);
    expect(new Date(nextCheckpoint(1_753_920_123) * 1000).getUTCDay()).toBe(4);
    expect(windowEndOf(1_753_920_000)).toBe(1_753_920_000 + WEEK - 3_600);
  });
});

describe("Rng", () => {
  it("is deterministic per seed and label", () => {
    const draw = (seed: number, label: string) => {
      const r = new Rng(seed, label);
      return Array.from({ length: 20 }, () => r.nextU32());
    };
    expect(draw(1, "a")).toEqual(draw(1, "a"));
    expect(draw(1, "a")).not.toEqual(draw(2, "a"));
    expect(draw(1, "a")).not.toEqual(draw(1, "b"));
    expect(new Rng(1, "x").fork("y").float()).toBe(new Rng(1, "x/y").float());
  });

  it("draws in range with sensible moments", () => {
    const r = new Rng(42, "moments");
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = r.float();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 7);
      expect(n >= 3 && n <= 7 && Number.isInteger(n)).toBe(true);
      expect(r.pareto(1.2)).toBeGreaterThanOrEqual(1);
    }
    expect(r.sample([1, 2, 3, 4, 5], 3)).toHaveLength(3);
    expect(new Set(r.sample([1, 2, 3, 4, 5], 5)).size).toBe(5);
  });
});
