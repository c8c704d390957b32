/** The conformance harness's pure parts: the comparator, the report converter and the world options. */
import { describe, expect, it } from "vitest";
import { epochValuesFromReport } from "./chainTruth";
import { compareEpochs, emptyEpochValues, formatConformanceReport } from "./compare";
import { KitMissingError, kitDir } from "./kit";
import { ConformanceOptionError, seededWorlds, simulatorSeeds } from "./options";

const G1 = "0x000000000000000000000000000000000000A001";
const G2 = "0x000000000000000000000000000000000000a002";
const alice = "0x00000000000000000000000000000000000000AA";
const bob = "0x00000000000000000000000000000000000000bb";

const entry = {
  label: "E10",
  epoch: "10",
  epochStart: "12096000",
  windowEnd: "12697200",
  readAtBlock: "5",
  readAtTs: "12697200",
  seasonIndex: 1,
  votingPowerAt: { "1": "100", "2": "50", "3": "0", "4": "7" },
  owner: { "1": alice, "2": alice, "3": null, "4": bob },
  tokenVotes: {
    "1": { isVoting: true, usedVotingPower: "90", votes: { [G1]: "60", [G2]: "30" } },
    "4": { isVoting: true, usedVotingPower: "7", votes: { [G2]: "7" } },
  },
  gaugeVotes: { [G1]: "60", [G2]: "37" },
  totalVotingPowerCast: "97",
  totalLocked: "1000",
};

describe("epochValuesFromReport", () => {
  it("sums power per owner (skipping withdrawn tokens) and votes per token, voter and gauge", () => {
    const v = epochValuesFromReport(entry);
    expect(v.epoch).toBe(10);
    expect(v.season).toBe(1);
    expect(v.ownerPower).toEqual(new Map([[alice.toLowerCase(), 150n], [bob.toLowerCase(), 7n]]));
    expect(v.tokenPower.has("3")).toBe(false);
    expect(v.eligiblePower).toBe(157n);
    expect(v.tokenVotes.get(`1:${G1.toLowerCase()}`)).toBe(60n);
    expect(v.tokenUsed).toEqual(new Map([["1", 90n], ["4", 7n]]));
    expect(v.voterVotes).toEqual(new Map([[alice.toLowerCase(), 90n], [bob.toLowerCase(), 7n]]));
    expect(v.gaugeVotes.get(G2.toLowerCase())).toBe(37n);
    expect([v.totalCast, v.totalLocked]).toEqual([97n, 1000n]);
  });

  it("takes a clock without seasons (no seasonIndex) as season 0", () => {
    const { seasonIndex: _, ...noSeasons } = entry;
    expect(epochValuesFromReport(noSeasons).season).toBe(0);
  });

  it("refuses power without an owner", () => {
    expect(() => epochValuesFromReport({ ...entry, owner: { ...entry.owner, "4": null } })).toThrow(/#4 has power 7 but no owner/);
  });
});

describe("compareEpochs", () => {
  it("finds no mismatch between equal values, one per differing key, missing keys as 0, missing epochs", () => {
    const expected = epochValuesFromReport(entry);
    const same = compareEpochs("w", [expected], new Map([[10, epochValuesFromReport(entry)]]));
    expect(same.mismatches).toEqual([]);
    expect(same.comparisons).toBeGreaterThan(10);

    const actual = epochValuesFromReport(entry);
    actual.ownerPower.delete(bob.toLowerCase());
    actual.gaugeVotes.set("0x00000000000000000000000000000000000000cc", 1n);
    actual.season = 0;
    const other = emptyEpochValues(11);
    other.season = 0;
    const r = compareEpochs("w", [expected, other], new Map([[10, actual]]));
    expect(r.missingEpochs).toEqual([11]);
    expect(r.mismatches).toEqual([
      { epoch: 10, check: "ownerPower", key: bob.toLowerCase(), expected: "7", actual: "0" },
      { epoch: 10, check: "gaugeVotes", key: "0x00000000000000000000000000000000000000cc", expected: "0", actual: "1" },
      { epoch: 10, check: "season", key: "", expected: "1", actual: "0" },
    ]);
    expect(formatConformanceReport(r)).toMatch(/missing epochs: 11/);
    expect(formatConformanceReport(r)).toMatch(/E10 season: expected 1, actual 0/);
  });
});

describe("seededWorlds", () => {
  it("defaults: every variant, N=40, seeds 1 and 2, seed 1 again with an 8-day warmup", () => {
    const w = seededWorlds({});
    expect(w).toHaveLength(9);
    expect(w.slice(0, 3)).toEqual([
      { variant: "oct2024", n: 40, seed: 1 },
      { variant: "oct2024", n: 40, seed: 2 },
      { variant: "oct2024", n: 40, seed: 1, warmup: 691_200 },
    ]);
  });

  it("reads other seeds, N and variants from the environment", () => {
    const w = seededWorlds({
      VE_LENS_CONFORMANCE_VARIANTS: "season8x",
      VE_LENS_CONFORMANCE_SEEDS: "7, 8 9",
      VE_LENS_CONFORMANCE_RANDOM: "60",
      VE_LENS_CONFORMANCE_WARMUP_SEEDS: "",
    });
    expect(w.map((x) => [x.variant, x.n, x.seed, x.warmup])).toEqual([
      ["season8x", 60, 7, undefined],
      ["season8x", 60, 8, undefined],
      ["season8x", 60, 9, undefined],
    ]);
    expect(() => seededWorlds({ VE_LENS_CONFORMANCE_VARIANTS: "v2" })).toThrow(ConformanceOptionError);
    expect(() => seededWorlds({ VE_LENS_CONFORMANCE_SEEDS: "x" })).toThrow(/VE_LENS_CONFORMANCE_SEEDS/);
  });
});

describe("simulatorSeeds", () => {
  it("plays seed 1 unless the environment names others, and refuses an empty or malformed list", () => {
    expect(simulatorSeeds({})).toEqual([1]);
    expect(simulatorSeeds({ VE_LENS_CONFORMANCE_SIM_SEEDS: "2, 3 5" })).toEqual([2, 3, 5]);
    expect(() => simulatorSeeds({ VE_LENS_CONFORMANCE_SIM_SEEDS: "" })).toThrow(/VE_LENS_CONFORMANCE_SIM_SEEDS: needs at least one seed/);
    expect(() => simulatorSeeds({ VE_LENS_CONFORMANCE_SIM_SEEDS: "2 x" })).toThrow(ConformanceOptionError);
  });
});

describe("kitDir", () => {
  it("names VE_LENS_CONFORMANCE_KIT when it is unset or has no artifacts", () => {
    expect(() => kitDir({})).toThrow(KitMissingError);
    expect(() => kitDir({})).toThrow(/VE_LENS_CONFORMANCE_KIT/);
    expect(() => kitDir({ VE_LENS_CONFORMANCE_KIT: "/nonexistent-kit" })).toThrow(/VE_LENS_CONFORMANCE_KIT=\/nonexistent-kit: no artifacts/);
  });
});
