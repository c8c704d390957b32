import { describe, expect, it } from "vitest";
import { InvalidParameterError } from "../../src/api/errors";
import { AlertsArgs, ConcentrationArgs, DistributionArgs, EpochsArgs, FormatArgs, InfluenceArgs, UnlockScheduleArgs, VaultTvlArgs, parseArgs } from "../../src/api/args";

function failure(fn: () => unknown): InvalidParameterError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, "a validation error").toBeInstanceOf(InvalidParameterError);
  return thrown as InvalidParameterError;
}

describe("parseArgs", () => {
  it("coerces decimal strings (REST) and keeps numbers (GraphQL)", () => {
    expect(parseArgs(DistributionArgs, { epoch: "12", scope: "CAST_VOTES", first: "5" })).toEqual({
      epoch: 12,
      scope: "CAST_VOTES",
      first: 5,
    });
    expect(parseArgs(DistributionArgs, { epoch: 12, scope: "CAST_VOTES" })).toEqual({ epoch: 12, scope: "CAST_VOTES", first: 100 });
  });

  it("rejects a negative first, naming it and echoing the value", () => {
    const e = failure(() => parseArgs(DistributionArgs, { epoch: 1, scope: "CAST_VOTES", first: -1 }));
    expect(e.parameter).toBe("first");
    expect(e.status).toBe(400);
    expect(e.message).toBe("invalid first: must be an integer from 1 to 1000 (got -1)");
  });

  it("rejects first above the maximum and non-integers", () => {
    expect(failure(() => parseArgs(DistributionArgs, { epoch: 1, scope: "CAST_VOTES", first: "1001" })).parameter).toBe("first");
    expect(failure(() => parseArgs(DistributionArgs, { epoch: 1, scope: "CAST_VOTES", first: "2.5" })).parameter).toBe("first");
    expect(failure(() => parseArgs(DistributionArgs, { epoch: 1, scope: "CAST_VOTES", first: "ten" })).parameter).toBe("first");
  });

  it("rejects a malformed address and lowercases a good one", () => {
    const e = failure(() => parseArgs(VaultTvlArgs, { vault: "0x1234" }));
    expect(e.parameter).toBe("vault");
    expect(e.message).toContain("0x-prefixed 20-byte hex address");
    expect(e.message).toContain('(got "0x1234")');
    const upper = `0x${"AB".repeat(20)}`;
    expect(parseArgs(VaultTvlArgs, { vault: upper }).vault).toBe(upper.toLowerCase());
    expect(failure(() => parseArgs(ConcentrationArgs, { epoch: 1, scope: "GAUGE_VOTERS", gauge: `0x${"g".repeat(40)}` })).parameter).toBe("gauge");
  });

  it("says when a required argument is missing", () => {
    const e = failure(() => parseArgs(ConcentrationArgs, { scope: "CAST_VOTES" }));
    expect(e.parameter).toBe("epoch");
    expect(e.message).toMatch(/^invalid epoch: is required/);
  });

  it("lists the scopes on an unknown scope", () => {
    const e = failure(() => parseArgs(ConcentrationArgs, { epoch: 1, scope: "WHALES" }));
    expect(e.parameter).toBe("scope");
    expect(e.message).toContain("CAST_VOTES, ELIGIBLE_POWER, LOCKED_BR, BR_HOLDINGS, GAUGE_VOTERS, GAUGES");
  });

  it("bounds epochs, timestamps, top, k, lag and drop", () => {
    expect(failure(() => parseArgs(EpochsArgs, { from: -1 })).parameter).toBe("from");
    expect(failure(() => parseArgs(EpochsArgs, { to: 10_001 })).parameter).toBe("to");
    expect(failure(() => parseArgs(InfluenceArgs, { epoch: 1, top: 0 })).parameter).toBe("top");
    expect(failure(() => parseArgs(InfluenceArgs, { epoch: 1, k: 53 })).parameter).toBe("k");
    expect(failure(() => parseArgs(UnlockScheduleArgs, { step: 10 })).parameter).toBe("step");
    expect(failure(() => parseArgs(VaultTvlArgs, { vault: `0x${"a".repeat(40)}`, drop: 0 })).parameter).toBe("drop");
    expect(failure(() => parseArgs(VaultTvlArgs, { vault: `0x${"a".repeat(40)}`, lag: 0 })).parameter).toBe("lag");
    expect(failure(() => parseArgs(AlertsArgs, { since: -5 })).parameter).toBe("since");
    expect(parseArgs(InfluenceArgs, { epoch: 3 })).toEqual({ epoch: 3, top: 10, k: 3 });
    expect(parseArgs(VaultTvlArgs, { vault: `0x${"a".repeat(40)}` })).toMatchObject({ lag: 2, drop: 0.2 });
  });

  it("accepts only json and csv as format", () => {
    expect(parseArgs(FormatArgs, {})).toEqual({ format: "json" });
    expect(parseArgs(FormatArgs, { format: "csv" })).toEqual({ format: "csv" });
    const e = failure(() => parseArgs(FormatArgs, { format: "xml" }));
    expect(e.parameter).toBe("format");
    expect(e.message).toBe('invalid format: must be json or csv (got "xml")');
  });
});
