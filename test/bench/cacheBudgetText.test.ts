import { describe, expect, it } from "vitest";
import { cacheBudgetText } from "../../bench/run";

describe("cacheBudgetText", () => {
  it("names the budget given with --cache-mib", () => {
    expect(cacheBudgetText(256)).toBe("256 MiB (`--cache-mib`)");
  });

  it("works out Ponder's default: a fifth of the heap limit, rounded up to 64 MiB", () => {
    // 4,144 MiB / 5 = 828.8 MiB -> 13 x 64 = 832 MiB
    expect(cacheBudgetText(undefined, 4144 * 2 ** 20)).toBe("832 MiB (Ponder's default: a fifth of the heap limit)");
    // 2,048 MiB / 5 = 409.6 MiB -> 7 x 64 = 448 MiB
    expect(cacheBudgetText(undefined, 2048 * 2 ** 20)).toBe("448 MiB (Ponder's default: a fifth of the heap limit)");
  });
});
