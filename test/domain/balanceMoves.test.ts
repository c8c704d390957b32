import { describe, expect, it } from "vitest";
import { balanceMoves } from "../../src/domain/balanceMoves";

const ZERO = "0x0000000000000000000000000000000000000000";
const alice = "0x00000000000000000000000000000000000a11ce";
const bob = "0x0000000000000000000000000000000000000b0b";

describe("balanceMoves", () => {
  it("moves the sender's balance down and the receiver's up, sender first", () => {
    expect(balanceMoves(alice, bob, 7n, ZERO)).toEqual([
      { address: alice, delta: -7n },
      { address: bob, delta: 7n },
    ]);
  });

  it("moves one balance for a mint and one for a burn", () => {
    expect(balanceMoves(ZERO, bob, 7n, ZERO)).toEqual([{ address: bob, delta: 7n }]);
    expect(balanceMoves(alice, ZERO, 7n, ZERO)).toEqual([{ address: alice, delta: -7n }]);
  });

  it("moves a transfer to oneself as one move of 0, and one from zero to zero as none", () => {
    expect(balanceMoves(alice, alice, 7n, ZERO)).toEqual([{ address: alice, delta: 0n }]);
    expect(balanceMoves(ZERO, ZERO, 7n, ZERO)).toEqual([]);
  });

  it("nets to the same balances as the two moves applied one after the other", () => {
    const balances = new Map<string, bigint>([[alice, 10n], [bob, 3n]]);
    for (const [from, to, value] of [[alice, bob, 4n], [bob, bob, 2n], [ZERO, alice, 5n], [bob, ZERO, 1n]] as const) {
      for (const m of balanceMoves(from, to, value, ZERO)) balances.set(m.address, (balances.get(m.address) ?? 0n) + m.delta);
    }
    // by hand: alice 10 − 4 + 5 = 11; bob 3 + 4 + 0 − 1 = 6
    expect(balances.get(alice)).toBe(11n);
    expect(balances.get(bob)).toBe(6n);
  });
});
