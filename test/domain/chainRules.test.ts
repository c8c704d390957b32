import { describe, expect, it } from "vitest";
import {
  type ChainRules,
  ChainRulesError,
  VERSION_SELECTORS,
  VERSION_TOPICS,
  classifyContract,
  curveFromReadings,
  decodeChainRules,
  deriveMaxTime,
  describeRules,
  encodeChainRules,
  voterAt,
} from "../../src/domain/chainRules";
import { BEDROCK_8X_CURVE } from "../../src/domain/votingPower";

const E18 = 10n ** 18n;
const EPOCH = 1_209_600n;
const A = "0x00000000000000000000000000000000000000aa" as const;

describe("curve constants from the chain's answers", () => {
  it("derives MAX_EPOCHS from previewMaxBias(1e18) (values the real contracts return)", () => {
    expect(deriveMaxTime(E18, 964_506_172_839n, 0n, 7_999_999_999_996_326_400n, EPOCH)).toBe(6n * EPOCH);
    expect(deriveMaxTime(E18, 236_205_593_348n, 97_637n, 5_999_967_296_216_704_000n, EPOCH)).toBe(5n * EPOCH);
  });

  it("refuses a previewMaxBias no whole number of epochs gives", () => {
    expect(() => deriveMaxTime(E18, 964_506_172_839n, 0n, 7n * E18, EPOCH)).toThrow(ChainRulesError);
  });

  it("validates the readings: epoch length and signs", () => {
    const ok = {
      coefficients: [E18, 964_506_172_839n, 0n] as [bigint, bigint, bigint],
      previewMaxBias: 7_999_999_999_996_326_400n,
      epochDuration: EPOCH,
      warmupPeriod: 259_200n,
    };
    const r = curveFromReadings(ok);
    expect(r.curve).toEqual(BEDROCK_8X_CURVE);
    expect(r.warmup).toBe(259_200n);
    expect(() => curveFromReadings({ ...ok, epochDuration: 604_800n })).toThrow(/epochDuration: expected 1209600/);
    expect(() => curveFromReadings({ ...ok, warmupPeriod: -1n })).toThrow(/warmupPeriod/);
  });
});

describe("contract versions from their code", () => {
  const code = (...parts: string[]) => `0x6080${parts.join("00")}00`;
  const push32 = (topic: string) => `7f${topic}`;
  const push4 = (sel: string) => `63${sel}`;

  it("tells the Season clock, curve and voter from v1.0.0", () => {
    expect(classifyContract("clock", A, null, code(push32(VERSION_TOPICS.SeasonStarted))).variant).toBe("ClockSeason");
    expect(classifyContract("clock", A, null, code("6001")).variant).toBe("Clock v1.0.0");
    expect(classifyContract("curve", A, null, code(push4(VERSION_SELECTORS.seasonTsAt))).variant).toBe("QuadraticIncreasingCurveSeason");
    expect(classifyContract("curve", A, null, code("6001")).variant).toBe("QuadraticIncreasingEscrow v1.0.0");
    expect(classifyContract("voter", A, null, code(push4(VERSION_SELECTORS.seasonGaugeVotes))).variant).toBe("SimpleGaugeVoterSeason");
    expect(classifyContract("voter", A, null, code("6001")).variant).toBe("SimpleGaugeVoter v1.0.0");
  });

  it("marks merge/split escrows, dynamic queues, linear v1.2 curves and address voters unsupported", () => {
    for (const [role, c] of [
      ["escrow", code(push32(VERSION_TOPICS.Merged))],
      ["escrow", code(push32(VERSION_TOPICS.Split5))],
      ["queue", code(push32(VERSION_TOPICS.ExitQueuedV2))],
      ["curve", code(push4(VERSION_SELECTORS.maxTime))],
      ["voter", code(push32(VERSION_TOPICS.AddressVoted))],
    ] as const) {
      const v = classifyContract(role, A, null, c);
      expect(v.supported, `${role} ${v.variant}`).toBe(false);
    }
    expect(classifyContract("queue", A, null, code(push32(VERSION_TOPICS.ExitCancelled))).supported).toBe(true);
    expect(classifyContract("escrow", A, null, "0x").variant).toBe("no code");
  });
});

describe("voter terms and the rules' JSON form", () => {
  const rules: ChainRules = {
    curve: BEDROCK_8X_CURVE,
    maxBiasPerUnit: 7_999_999_999_996_326_400n,
    epochDuration: EPOCH,
    warmup: 259_200n,
    source: "chain",
    variants: [classifyContract("clock", A, null, "0x6001")],
    voters: [
      { address: "0x00000000000000000000000000000000000000b1", fromBlock: 10, toBlock: 50 },
      { address: "0x00000000000000000000000000000000000000b2", fromBlock: 50, toBlock: null },
    ],
  };

  it("finds the voter in force at a block (terms are half-open)", () => {
    expect(voterAt(rules.voters, 9)).toBeUndefined();
    expect(voterAt(rules.voters, 10)?.address).toMatch(/b1$/);
    expect(voterAt(rules.voters, 49)?.address).toMatch(/b1$/);
    expect(voterAt(rules.voters, 50)?.address).toMatch(/b2$/);
    expect(voterAt(rules.voters, 1_000_000)?.address).toMatch(/b2$/);
  });

  it("round-trips through JSON and describes itself", () => {
    expect(decodeChainRules(encodeChainRules(rules))).toEqual(rules);
    const lines = describeRules(rules).join("\n");
    expect(lines).toContain("C=1000000000000000000 L=964506172839 Q=0, max 7.999999x after 12 weeks");
    expect(lines).toContain("Clock v1.0.0");
  });
});
