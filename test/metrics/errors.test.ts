/**
 * The metrics input errors: each class's `name`, its place in the hierarchy, and the exact
 * message text, reached through the public functions that throw them. Expected messages are
 * written out by hand (bigints shown as `5n`, objects as JSON with bigints as `"5n"`).
 */
import { describe, expect, it } from "vitest";
import {
  InvalidAmountError,
  InvalidArgumentError,
  InvalidCountError,
  InvalidSeriesError,
  InvalidThresholdError,
  MetricsInputError,
  NegativeAmountError,
  participation,
  seasonDrift,
  sortAmounts,
  thresholdToRational,
  topNShare,
} from "../../src/metrics/index";

const bad = (v: unknown) => v as bigint;
const anyThreshold = (v: unknown) => v as number;

describe("error classes", () => {
  it("the base class keeps its own name and message", () => {
    const e = new MetricsInputError("boom");
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("MetricsInputError");
    expect(e.message).toBe("boom");
  });

  it("InvalidArgumentError names the argument, the expectation and the value", () => {
    const e = new InvalidArgumentError("width", 5n, "a positive number");
    expect(e).toBeInstanceOf(MetricsInputError);
    expect(e.name).toBe("InvalidArgumentError");
    expect(e.message).toBe("width must be a positive number, got 5n");
    expect(e.argument).toBe("width");
    expect(e.value).toBe(5n);
  });

  it("InvalidCountError is an InvalidArgumentError with its own name", () => {
    const e = new InvalidCountError("k", -1, "a non-negative integer");
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect(e.name).toBe("InvalidCountError");
    expect(e.message).toBe("k must be a non-negative integer, got -1");
  });
});

describe("NegativeAmountError", () => {
  it("names the array index", () => {
    expect(() => sortAmounts([1n, -2n])).toThrow(
      expect.objectContaining({ name: "NegativeAmountError", message: "amount at index 1 is negative: -2", index: 1, value: -2n }),
    );
    expect(() => sortAmounts([1n, -2n])).toThrow(NegativeAmountError);
  });

  it("names the field for keyed input", () => {
    expect(() => participation({ castPower: -3n, eligiblePower: 1n, voters: 0, eligibleOwners: 0 })).toThrow(
      expect.objectContaining({ name: "NegativeAmountError", message: "amount for castPower is negative: -3" }),
    );
  });
});

describe("InvalidAmountError", () => {
  it("names the array index, the type and the value", () => {
    expect(() => sortAmounts([1n, bad(2)])).toThrow(
      expect.objectContaining({ name: "InvalidAmountError", message: "amount at index 1 must be a bigint, got number 2" }),
    );
    expect(() => sortAmounts([bad("7")])).toThrow(InvalidAmountError);
    expect(() => sortAmounts([bad("7")])).toThrow(
      expect.objectContaining({ message: "amount at index 0 must be a bigint, got string 7" }),
    );
  });

  it("names the field for keyed input", () => {
    expect(() => participation({ castPower: bad(30), eligiblePower: 1n, voters: 0, eligibleOwners: 0 })).toThrow(
      expect.objectContaining({ name: "InvalidAmountError", message: "amount for castPower must be a bigint, got number 30" }),
    );
  });

  it("shows objects as JSON with bigints written as strings ending in n", () => {
    expect(() => sortAmounts([bad({ a: 1n, b: [2n, "x"] })])).toThrow(
      expect.objectContaining({ message: 'amount at index 0 must be a bigint, got object {"a":"1n","b":["2n","x"]}' }),
    );
    expect(() => sortAmounts([bad(null)])).toThrow(
      expect.objectContaining({ message: "amount at index 0 must be a bigint, got object null" }),
    );
    expect(() => sortAmounts([bad(undefined)])).toThrow(
      expect.objectContaining({ message: "amount at index 0 must be a bigint, got undefined undefined" }),
    );
  });

  it("falls back to String() for an object JSON cannot write (a cycle)", () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(() => sortAmounts([bad(cyclic)])).toThrow(
      expect.objectContaining({ message: "amount at index 0 must be a bigint, got object [object Object]" }),
    );
  });
});

describe("InvalidCountError from the metrics", () => {
  it("shows the bad count as given", () => {
    expect(() => topNShare([1n], -1)).toThrow(
      expect.objectContaining({ name: "InvalidCountError", message: "n must be a non-negative integer, got -1" }),
    );
    expect(() => topNShare([1n], 1.5)).toThrow(
      expect.objectContaining({ name: "InvalidCountError", message: "n must be a non-negative integer, got 1.5" }),
    );
    expect(() => topNShare([1n], 2n as unknown as number)).toThrow(
      expect.objectContaining({ name: "InvalidCountError", message: "n must be a non-negative integer, got 2n" }),
    );
  });
});

describe("InvalidSeriesError", () => {
  it("names the sample index and the reason", () => {
    expect(() => seasonDrift([{ epoch: 1, season: 1, value: 0 }, { epoch: 2.5, season: 1, value: 0 }])).toThrow(
      expect.objectContaining({ name: "InvalidSeriesError", message: "invalid series at index 1: epoch 2.5 is not an integer", index: 1 }),
    );
    expect(() => seasonDrift([{ epoch: 2.5, season: 1, value: 0 }])).toThrow(InvalidSeriesError);
  });
});

describe("InvalidThresholdError", () => {
  it("shows the threshold as given", () => {
    expect(() => thresholdToRational(1)).toThrow(
      expect.objectContaining({ name: "InvalidThresholdError", message: "invalid threshold 1: must be < 1", threshold: 1 }),
    );
    expect(() => thresholdToRational(1)).toThrow(InvalidThresholdError);
  });

  it("shows a bigint with an n suffix and a string without quotes", () => {
    expect(() => thresholdToRational(anyThreshold(5n))).toThrow(
      expect.objectContaining({ message: "invalid threshold 5n: must be a number or { num, den }" }),
    );
    expect(() => thresholdToRational(anyThreshold("0.5"))).toThrow(
      expect.objectContaining({ message: "invalid threshold 0.5: must be a number or { num, den }" }),
    );
  });

  it("shows a rational as JSON, bigints as strings ending in n", () => {
    expect(() => thresholdToRational({ num: 3n, den: 2n })).toThrow(
      expect.objectContaining({ message: 'invalid threshold {"num":"3n","den":"2n"}: must be < 1' }),
    );
    expect(() => thresholdToRational({ num: 3, den: 2 })).toThrow(
      expect.objectContaining({ message: 'invalid threshold {"num":3,"den":2}: must be < 1' }),
    );
  });

  it("shows a cyclic rational with String()", () => {
    const cyclic: { num: number; den: number; self?: unknown } = { num: 1, den: 0 };
    cyclic.self = cyclic;
    expect(() => thresholdToRational(cyclic)).toThrow(
      expect.objectContaining({ message: "invalid threshold [object Object]: den must be > 0" }),
    );
  });
});
