import { describe, expect, it } from "vitest";
import {
  type ChainRules,
  ChainRulesError,
  type ContractVariant,
  UnsupportedDeploymentError,
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
import { ZodError } from "zod";
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
    expect(() => deriveMaxTime(E18, 964_506_172_839n, 0n, 7n * E18, EPOCH)).toThrow(
      expect.objectContaining({
        name: "ChainRulesError",
        what: "previewMaxBias(1e18)",
        message: "reading the deployment's rules: previewMaxBias(1e18): 7000000000000000000 is not the curve's value after any whole number of epochs up to 260",
      }),
    );
  });

  it("searches up to 260 epochs (10 years), the last one included", () => {
    // C = 1e18, L = 1 per second: getBias(t, 1e18) = 1e18 + t, one value per epoch count
    expect(deriveMaxTime(E18, 1n, 0n, E18 + 260n * EPOCH, EPOCH)).toBe(260n * EPOCH);
    expect(() => deriveMaxTime(E18, 1n, 0n, E18 + 261n * EPOCH, EPOCH)).toThrow(/up to 260/);
  });

  it("names the reading that failed validation, or the readings as a whole", () => {
    const ok = { coefficients: [E18, 964_506_172_839n, 0n] as [bigint, bigint, bigint], previewMaxBias: 7_999_999_999_996_326_400n, epochDuration: EPOCH, warmupPeriod: 0n };
    expect(() => curveFromReadings({ ...ok, coefficients: [-1n, 0n, 0n] })).toThrow(/^reading the deployment's rules: coefficients\.0: /);
    expect(() => curveFromReadings(null as never)).toThrow(/^reading the deployment's rules: readings: /);
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

/** Runtime code holding `parts` (a PUSH32 of an event topic, a PUSH4 of a selector) among other bytes. */
const code = (...parts: string[]) => `0x6080${parts.join("00")}00`;
const push32 = (topic: string) => `7f${topic}`;
const push4 = (sel: string) => `63${sel}`;

describe("contract versions from their code", () => {

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

describe("every version's classification", () => {
  const plain = code("6001");
  type Case = [ContractVariant["role"], string, Pick<ContractVariant, "variant" | "supported" | "note">];
  const cases: Case[] = [
    ["escrow", plain, { variant: "VotingEscrowIncreasing v1.0.0", supported: true, note: "tokenId voting, no merge, split or delegation" }],
    ...[VERSION_TOPICS.Merged, VERSION_TOPICS.Split5, VERSION_TOPICS.Split6].map(
      (t): Case => ["escrow", code(push32(t)), { variant: "VotingEscrowIncreasing v1.2.0+", supported: false, note: "merge/split (Merged, Split) and delegation are not supported" }],
    ),
    ["clock", plain, { variant: "Clock v1.0.0", supported: true, note: "no seasons" }],
    ["clock", code(push32(VERSION_TOPICS.SeasonStarted)), { variant: "ClockSeason", supported: true, note: "SeasonStarted announces a start at the next weekly checkpoint" }],
    // the draft clock emits both
    ["clock", code(push32(VERSION_TOPICS.SeasonStarted), push32(VERSION_TOPICS.SeasonDurationSet)), { variant: "Clock v1.2.0 (draft)", supported: true, note: "seasons start when SeasonStarted says" }],
    ["curve", plain, { variant: "QuadraticIncreasingEscrow v1.0.0", supported: true, note: "no season restart" }],
    ["curve", code(push4(VERSION_SELECTORS.seasonTsAt)), { variant: "QuadraticIncreasingCurveSeason", supported: true, note: "every lock restarts at 1x at a season start" }],
    ["curve", code(push4(VERSION_SELECTORS.maxTime)), { variant: "LinearIncreasingCurve v1.2.0+", supported: false, note: "points keyed by writtenTs and no warmup are not supported" }],
    ["voter", plain, { variant: "SimpleGaugeVoter v1.0.0", supported: true, note: "votes persist until reset" }],
    ["voter", code(push4(VERSION_SELECTORS.seasonGaugeVotes)), { variant: "SimpleGaugeVoterSeason", supported: true, note: "tallies per season; old-season votes stop counting" }],
    ["voter", code(push32(VERSION_TOPICS.AddressVoted)), { variant: "AddressGaugeVoter v1.2.0+", supported: false, note: "votes per delegatee address are not supported" }],
    ["queue", plain, { variant: "ExitQueue v1.0.0", supported: true, note: "fixed exit date, fee at exit" }],
    ["queue", code(push32(VERSION_TOPICS.ExitCancelled)), { variant: "ExitQueue (with cancel)", supported: true, note: "an ExitCancelled event stops the indexer" }],
    ["queue", code(push32(VERSION_TOPICS.ExitQueuedV2)), { variant: "DynamicExitQueue", supported: false, note: "ExitQueuedV2 and fees computed at exit time are not supported" }],
    ["queue", "0x", { variant: "no code", supported: false, note: "no contract at this address" }],
  ];

  it.each(cases)("%s %#", (role, bytecode, expected) => {
    expect(classifyContract(role, A, null, bytecode)).toEqual({ role, address: A, implementation: null, ...expected });
  });

  it("reads upper-case code the same", () => {
    expect(classifyContract("curve", A, A, code(push4(VERSION_SELECTORS.seasonTsAt)).toUpperCase().replace("0X", "0x")).variant).toBe("QuadraticIncreasingCurveSeason");
  });

  it("an unsupported deployment names each unsupported contract, and only those", () => {
    const variants = [classifyContract("clock", A, null, plain), classifyContract("queue", A, null, code(push32(VERSION_TOPICS.ExitQueuedV2))), classifyContract("escrow", A, null, "0x")];
    const error = new UnsupportedDeploymentError(variants);
    expect(error.name).toBe("UnsupportedDeploymentError");
    expect(error.message).toBe(
      `ve-lens does not support this deployment: queue ${A} is DynamicExitQueue (ExitQueuedV2 and fees computed at exit time are not supported); escrow ${A} is no code (no contract at this address)`,
    );
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

  it("describes each contract, each voter term and the curve in one line", () => {
    const described: ChainRules = {
      ...rules,
      source: "config",
      variants: [
        { role: "curve", address: A, implementation: "0x00000000000000000000000000000000000000c0", variant: "Curve X", supported: true, note: "fine" },
        { role: "voter", address: A, implementation: null, variant: "Voter Y", supported: false, note: "not fine" },
      ],
    };
    expect(describeRules(described)).toEqual([
      `curve  ${A} (implementation 0x00000000000000000000000000000000000000c0): Curve X, fine`,
      `voter  ${A}: Voter Y [NOT SUPPORTED], not fine`,
      "voter  0x00000000000000000000000000000000000000b1 from block 10 to 50",
      "voter  0x00000000000000000000000000000000000000b2 from block 50",
      "curve constants (config): C=1000000000000000000 L=964506172839 Q=0, max 7.999999x after 12 weeks; warmup 259200 s; epoch 1209600 s",
    ]);
  });

  it("round-trips every role and source, and refuses malformed JSON with a validation error", () => {
    const roles = ["escrow", "clock", "curve", "voter", "queue"] as const;
    const all: ChainRules = { ...rules, source: "config", variants: roles.map((role) => classifyContract(role, A, null, "0x6001")) };
    expect(decodeChainRules(encodeChainRules(all))).toEqual(all);
    const json = JSON.parse(encodeChainRules(rules)) as Record<string, unknown>;
    for (const bad of [
      { ...json, warmup: "12x" },
      { ...json, warmup: "x12" },
      { ...json, source: "guess" },
      { ...json, variants: [{ ...(json.variants as object[])[0], role: "vault" }] },
    ]) {
      expect(() => decodeChainRules(JSON.stringify(bad)), JSON.stringify(bad).slice(0, 80)).toThrow(ZodError);
    }
    expect(decodeChainRules(JSON.stringify({ ...json, warmup: "-5" })).warmup).toBe(-5n);
  });

  it("round-trips through JSON and describes itself", () => {
    expect(decodeChainRules(encodeChainRules(rules))).toEqual(rules);
    const lines = describeRules(rules).join("\n");
    expect(lines).toContain("C=1000000000000000000 L=964506172839 Q=0, max 7.999999x after 12 weeks");
    expect(lines).toContain("Clock v1.0.0");
  });
});
