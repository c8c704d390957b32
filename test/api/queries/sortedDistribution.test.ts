import { describe, expect, it } from "vitest";
import { Rng } from "../../../devnet/rng";
import { SortedDistribution } from "../../../src/api/queries/sortedDistribution";
import { oracle } from "./distributionOracle";

describe("SortedDistribution", () => {
  it("a hand-worked example: ties ordered by owner, an owner dropping to zero leaves", () => {
    const d = new SortedDistribution([
      { owner: "0xb", amount: 5n },
      { owner: "0xa", amount: 3n },
      { owner: "0xb", amount: 2n },
    ]);
    expect(d.rows()).toEqual([
      { owner: "0xb", amount: 7n },
      { owner: "0xa", amount: 3n },
    ]);
    d.add("0xa", 4n);
    d.add("0xc", 1n);
    expect(d.rows()).toEqual([
      { owner: "0xa", amount: 7n },
      { owner: "0xb", amount: 7n },
      { owner: "0xc", amount: 1n },
    ]);
    d.add("0xb", -7n);
    expect(d.rows()).toEqual([
      { owner: "0xa", amount: 7n },
      { owner: "0xc", amount: 1n },
    ]);
  });

  it("after any sequence of changes equals the distribution sorted from scratch, and never moves a list handed out", () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const rng = new Rng(seed, "sortedDistribution");
      const next = () => rng.float();
      const owners = Array.from({ length: 40 + seed * 30 }, (_, i) => `0x${i.toString(16).padStart(4, "0")}`);
      const pick = () => owners[Math.floor(next() * owners.length)]!;
      // few distinct amounts, so ties are common
      const amount = () => BigInt(Math.floor(next() * 6)) * 10n ** 18n;
      const amounts = new Map<string, bigint>();
      const initial = Array.from({ length: owners.length }, () => ({ owner: pick(), amount: amount() }));
      for (const h of initial) amounts.set(h.owner, (amounts.get(h.owner) ?? 0n) + h.amount);
      const d = new SortedDistribution(initial);
      expect(d.rows()).toEqual(oracle(amounts));
      const handedOut: [ReturnType<typeof d.rows>, ReturnType<typeof oracle>][] = [];
      for (let round = 0; round < 60; round++) {
        // a block's changes: mostly a few, sometimes many (the path that sorts again)
        const changes = next() < 0.1 ? owners.length : 1 + Math.floor(next() * 4);
        for (let i = 0; i < changes; i++) {
          const owner = pick();
          const have = amounts.get(owner) ?? 0n;
          // remove what is there, add, or both (a re-vote)
          const delta = next() < 0.3 ? -have : next() < 0.5 ? amount() : amount() - have;
          amounts.set(owner, have + delta);
          d.add(owner, delta);
        }
        const rows = d.rows();
        expect(rows, `seed ${seed} round ${round}`).toEqual(oracle(amounts));
        handedOut.push([rows, oracle(amounts)]);
      }
      for (const [rows, want] of handedOut) expect(rows).toEqual(want);
    }
  });
});
