import { describe, expect, it } from "vitest";
import { withoutRepeatedSwitches } from "../../devnet/anvil";

describe("withoutRepeatedSwitches (anvil refuses a flag given twice)", () => {
  it("keeps a valueless switch once, at its first place", () => {
    expect(withoutRepeatedSwitches(["--timestamp", "1753315200", "--prune-history", "--preserve-historical-states", "--prune-history"])).toEqual([
      "--timestamp",
      "1753315200",
      "--prune-history",
      "--preserve-historical-states",
    ]);
  });

  it("leaves flags with values and equal values alone", () => {
    const args = ["--block-time", "1", "--prune-history", "--slots-in-an-epoch", "1", "--timestamp", "5"];
    expect(withoutRepeatedSwitches(args)).toEqual(args);
    expect(withoutRepeatedSwitches([])).toEqual([]);
  });
});
