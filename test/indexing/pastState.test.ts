/**
 * `warmupBefore` against a real anvil that keeps no past state (`--prune-history`), as a
 * non-archive node: a missing contract means the new value, a missing state stops with the reason.
 */
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { warmupBefore } from "../../src/indexing/pastState";
import { type TestWorld, setupWorld } from "../contracts/world";

let w: TestWorld;
let curve: Address;
let token: Address;
let next: bigint;

beforeAll(async () => {
  w = await setupWorld({}, ["--prune-history"]);
  curve = w.world.contracts.EscrowCurve.address;
  token = w.world.contracts.BRToken.address;
  next = (await w.client.getBlockNumber()) + 1n; // a WarmupSet in the next block reads the head's state
});
afterAll(async () => {
  await w?.stop();
});

describe("warmupBefore", () => {
  it("reads the curve's warmupPeriod at the block before the change", async () => {
    expect(w.config.curve.warmup).toBeGreaterThan(0);
    expect(await warmupBefore(w.client, curve, next, 7n)).toBe(BigInt(w.config.curve.warmup));
  });

  it("takes the new value when no contract was at the address yet", async () => {
    expect(await w.client.getCode({ address: w.users[0] })).toBeUndefined();
    expect(await warmupBefore(w.client, w.users[0], next, 7n)).toBe(7n);
  });

  it("stops with the block and the cause when the node has no state for the block", async () => {
    const deployed = BigInt(w.world.contracts.EscrowCurve.startBlock);
    expect(deployed + 1n).toBeLessThan(next - 1n);
    await expect(warmupBefore(w.client, curve, deployed + 2n, 7n)).rejects.toThrow(
      new RegExp(`cannot read the code of ${curve} at block ${deployed + 1n}: .*archive node`),
    );
  });

  it("stops when a contract is there but does not answer warmupPeriod()", async () => {
    await expect(warmupBefore(w.client, token, next, 7n)).rejects.toThrow(/cannot read warmupPeriod\(\) of .* at block \d+: .*archive node/);
  });
});
