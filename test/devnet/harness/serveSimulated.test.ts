import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chainCacheDir, startChain } from "../../../devnet/harness/chain";

async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  return ((await res.json()) as { result: T }).result;
}

describe("startChain({ serveSimulated })", () => {
  it("simulates a cached chain this machine cannot load again, serves it from the simulating anvil, and leaves the cache alone", async () => {
    // A loadable cache of the `small` world first (simulated here when there is none).
    const first = await startChain({ scenario: "small" });
    const cachedHead = first.manifest.headBlock;
    const cachedGenesis = first.manifest.genesisHash;
    await first.stop();
    const statePath = join(chainCacheDir("small", 1), "anvil-state.json");
    expect(existsSync(statePath)).toBe(true);
    const cacheWritten = statSync(statePath).mtimeMs;

    // One byte of memory: no dump fits, so the chain is simulated again and served as simulated.
    const chain = await startChain({ scenario: "small", serveSimulated: true, memoryBytes: 1 });
    try {
      expect(chain.simulatedMs).toBeGreaterThan(0);
      expect(chain.stale).toBeUndefined();
      // The same deterministic chain as the cache, and the anvil serving it is at its head.
      expect(chain.manifest.headBlock).toBe(cachedHead);
      expect(chain.manifest.genesisHash).toBe(cachedGenesis);
      expect(Number(await rpc<string>(chain.rpcUrl, "eth_blockNumber"))).toBe(cachedHead);
      const genesis = await rpc<{ hash: string }>(chain.rpcUrl, "eth_getBlockByNumber", ["0x0", false]);
      expect(genesis.hash).toBe(cachedGenesis);
    } finally {
      await chain.stop();
    }
    expect(statSync(statePath).mtimeMs).toBe(cacheWritten);
  }, 300_000);

  it("without serveSimulated, refuses the dump it cannot load", async () => {
    await expect(startChain({ scenario: "small", memoryBytes: 1 })).rejects.toThrow(/anvil needs about .* to load it/);
  });
});
