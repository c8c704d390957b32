/**
 * Reads of a contract's state at a past block, for values that events do not carry. A missing
 * contract and a node without the block's state are told apart: the first has a meaning (nothing
 * was there yet), the second would silently turn into a wrong number, so it stops indexing with
 * the reason. No handler registration and no side effect at import.
 */
import type { Address, Hex } from "viem";
import { EscrowCurveAbi } from "../../abis/EscrowCurveAbi";

/** The two reads the helpers need; Ponder's `context.client` and a viem public client both have them. */
export interface PastStateClient {
  getCode(args: { address: Address; blockNumber: bigint }): Promise<Hex | undefined>;
  readContract(args: { address: Address; abi: typeof EscrowCurveAbi; functionName: "warmupPeriod"; blockNumber: bigint }): Promise<number | bigint>;
}

/** Wraps a failed read of a past block's state in an error that names the likely cause. */
function stateUnavailable(what: string, address: Address, block: bigint, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
  return new Error(
    `cannot read ${what} of ${address} at block ${block}: ${reason}. ` +
      "The RPC must serve the state of past blocks (an archive node); indexing stops rather than guess the value.",
    { cause },
  );
}

/**
 * The warmup period in force just before a `WarmupSet(set)` at `block`. The curve's initializer
 * emits no event, so the previous value is the getter at `block - 1`; a curve with no code there
 * (deployed and configured in the same block) had nothing warming up, so the new value applies.
 */
export async function warmupBefore(client: PastStateClient, curve: Address, block: bigint, set: bigint): Promise<bigint> {
  const before = block - 1n;
  let code: Hex | undefined;
  try {
    code = await client.getCode({ address: curve, blockNumber: before });
  } catch (err) {
    throw stateUnavailable("the code", curve, before, err);
  }
  if (code === undefined || code === "0x") return set;
  try {
    return BigInt(await client.readContract({ address: curve, abi: EscrowCurveAbi, functionName: "warmupPeriod", blockNumber: before }));
  } catch (err) {
    throw stateUnavailable("warmupPeriod()", curve, before, err);
  }
}
