/**
 * Block number → timestamp over the chain RPC the profile names, cached (a block's timestamp
 * never changes once the block is final; the API only asks for indexed blocks).
 */
import { createPublicClient, http } from "viem";
import { NotFoundError } from "../errors";

/** Largest number of cached timestamps (oldest dropped first). */
export const BLOCK_TIMESTAMP_CACHE = 50_000;

/**
 * A cached reader of block timestamps.
 * @example const ts = await createBlockTimestamps("http://127.0.0.1:8545")(123);
 */
export function createBlockTimestamps(rpcUrl: string, options: { timeoutMs?: number } = {}): (block: number) => Promise<number> {
  const client = createPublicClient({ transport: http(rpcUrl, { timeout: options.timeoutMs ?? 5_000, retryCount: 1 }) });
  const cache = new Map<number, Promise<number>>();
  return (block) => {
    const hit = cache.get(block);
    if (hit) return hit;
    const read = client
      .getBlock({ blockNumber: BigInt(block) })
      .then((b) => Number(b.timestamp))
      .catch((error: unknown) => {
        cache.delete(block);
        if (error instanceof Error && /not found|could not be found/i.test(error.message)) {
          throw new NotFoundError("block", `block ${block} is not known to the chain`);
        }
        throw error;
      });
    cache.set(block, read);
    if (cache.size > BLOCK_TIMESTAMP_CACHE) cache.delete(cache.keys().next().value as number);
    return read;
  };
}
