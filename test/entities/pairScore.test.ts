import { describe, expect, it } from "vitest";
import { pairScore } from "./pairScore";

describe("pairwise precision and recall", () => {
  it("counts pairs inside the universe only (worked by hand)", () => {
    // truth {a,b,c} {d,e}: pairs ab ac bc de = 4; predicted {a,b} {c,d} {e,x}: ab cd (ex: x outside) = 2; correct: ab
    const s = pairScore([["a", "b"], ["c", "d"], ["e", "x"]], [["a", "b", "c"], ["d", "e"]], new Set(["a", "b", "c", "d", "e"]));
    expect(s).toEqual({ truePairs: 4, predictedPairs: 2, correctPairs: 1, precision: 0.5, recall: 0.25 });
  });
  it("empty predictions are precise and recall nothing", () => {
    expect(pairScore([], [["a", "b"]], new Set(["a", "b"]))).toMatchObject({ precision: 1, recall: 0 });
  });
});
