/**
 * One simulator run on a fresh anvil, with everything the devnet tests look at: the manifest,
 * the model, every log and every block's time. `deployVe` puts another ve contract set in place
 * of the project's own (e.g. the conformance kit's real contracts).
 */
import type { Hex } from "viem";
import { type AnvilInstance, startAnvil } from "../../devnet/anvil";
import type { VeDeployer } from "../../devnet/deploy";
import type { Manifest } from "../../src/config/manifest";
import type { Scenario } from "../../devnet/scenario";
import type { Model } from "../../devnet/sim/model";
import { simulateWorld, simulatorAnvilArgs } from "../../devnet/simulate";

export interface Log {
  address: Hex;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex;
  blockHash: Hex;
  transactionHash: Hex;
  logIndex: Hex;
}

export interface Run {
  anvil: AnvilInstance;
  rpcUrl: string;
  model: Model;
  manifest: Manifest;
  logs: Log[];
  logsJson: string;
  blocks: { number: number; timestamp: number }[];
  stats: { txs: number; events: number; blocks: number; elapsedMs: number };
}

export async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/** Simulates `scenario` with `seed` on a new anvil (the caller stops `run.anvil`). */
export async function simulateOnFreshAnvil(scenario: Scenario, seed: number, deployVe?: VeDeployer): Promise<Run> {
  const anvil = await startAnvil({ extraArgs: simulatorAnvilArgs(scenario) });
  try {
    const { manifest, model, stats } = await simulateWorld({ rpcUrl: anvil.rpcUrl, scenario, seed, deployVe });
    const logs = await rpc<Log[]>(anvil.rpcUrl, "eth_getLogs", [{ fromBlock: "0x0", toBlock: `0x${manifest.headBlock.toString(16)}` }]);
    const blocks: Run["blocks"] = [];
    for (let n = 0; n <= manifest.headBlock; n++) {
      const b = await rpc<{ timestamp: Hex }>(anvil.rpcUrl, "eth_getBlockByNumber", [`0x${n.toString(16)}`, false]);
      blocks.push({ number: n, timestamp: Number(b.timestamp) });
    }
    return { anvil, rpcUrl: anvil.rpcUrl, model, manifest, logs, logsJson: JSON.stringify(logs), blocks, stats };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}
