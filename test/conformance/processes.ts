/**
 * Processes the conformance suite runs: an anvil that answers as BNB Chain (chain id 56) and
 * ve-lens's `bsc` profile indexing it with a settings file that names only the BR token and the
 * escrow (everything else is read from the chain by ve-lens itself).
 *
 * @example
 * const anvil = await startChain56();
 * const ponder = await startBscIndexer({ rpcUrl: anvil.rpcUrl, token, escrow, startBlock, dir });
 * await waitIndexed(ponder, endBlock);
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { anvilBinaryPath, freePort } from "../../devnet/anvil";
import { type PonderInstance, startPonder } from "../../devnet/ponder";

/** anvils started here, killed if the process exits without stopping them */
const running = new Set<ReturnType<typeof spawn>>();
let exitHookInstalled = false;

/**
 * Starts anvil with `--chain-id 56` (the bsc profile's chain). Not `anvil_setChainId` after start:
 * anvil then still signs its unlocked accounts' transactions for the old id, which the kit uses.
 */
export async function startChain56(extraArgs: string[] = []): Promise<Chain56> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startChain56Once(await freePort(), extraArgs);
    } catch (error) {
      lastError = error; // the port may have been taken in between: try another one
    }
  }
  throw lastError;
}

async function startChain56Once(port: number, extraArgs: string[]): Promise<Chain56> {
  const args = ["--host", "127.0.0.1", "--port", String(port), "--chain-id", "56", "--order", "fifo",
    "--gas-limit", "1000000000", "--disable-code-size-limit", "--silent", ...extraArgs];
  const child = spawn(anvilBinaryPath(), args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  let exited = false;
  running.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const c of running) c.kill("SIGKILL");
    });
  }
  const exit = new Promise<void>((done) =>
    child.once("exit", () => {
      exited = true;
      running.delete(child);
      done();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const t = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exit;
    clearTimeout(t);
  };
  const rpcUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited) throw new Error(`anvil exited during start-up: ${stderr.trim()}`);
    try {
      const res = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (Number(((await res.json()) as { result?: string }).result) === 56) {
        // an anvil that lost the port to another process exits at once: make sure the one
        // answering is ours (another test's chain-56 anvil may sit on a recycled port)
        await new Promise((r) => setTimeout(r, 300));
        if (exited) throw new Error(`anvil exited during start-up (port ${port} taken?): ${stderr.trim()}`);
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`anvil did not answer on ${rpcUrl}: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { rpcUrl, port, stop };
}

/** An anvil answering as chain 56. */
export interface Chain56 {
  rpcUrl: string;
  port: number;
  /** SIGTERM, then wait for the exit (SIGKILL after 5 s). */
  stop(): Promise<void>;
}

export interface BscIndexerOptions {
  rpcUrl: string;
  /** BR token (ERC-20) address. */
  token: string;
  /** VotingEscrow proxy address; ve-lens resolves Lock, ExitQueue, voter, curve and clock from it. */
  escrow: string;
  /** First block to index (the kit's deployment block). */
  startBlock: number;
  /** Folder for the settings file and the PGlite database. */
  dir: string;
  onLog?: (line: string) => void;
}

/**
 * Writes the `VE_LENS_CONFIG` settings file and starts `ponder start` with the bsc profile.
 * No curve and no season settings are passed: ve-lens must read them from the chain.
 */
export async function startBscIndexer(o: BscIndexerOptions): Promise<PonderInstance> {
  const settings = {
    contracts: { BRToken: { address: o.token.toLowerCase() }, VotingEscrow: { address: o.escrow.toLowerCase() } },
    startBlock: o.startBlock,
    vestingWallets: [],
    vaults: [],
    exchanges: [],
    epochTickInterval: 5,
    pollingInterval: 100,
  };
  const settingsPath = join(o.dir, "bsc.json");
  writeFileSync(settingsPath, JSON.stringify(settings, null, 2));
  return startPonder({
    // not read by the bsc profile; startPonder needs a path
    manifestPath: settingsPath,
    databaseDir: join(o.dir, "db"),
    env: {
      VE_LENS_PROFILE: "bsc",
      VE_LENS_CONFIG: settingsPath,
      VE_LENS_START_BLOCK: undefined,
      PONDER_RPC_URL_56: Array.from({ length: 10 }, () => o.rpcUrl).join(","),
    },
    onLog: o.onLog,
  });
}

/** Waits until Ponder is ready and has indexed `block` (the chain's last block, past the last window end). */
export async function waitIndexed(ponder: PonderInstance, block: number, timeoutMs = 600_000): Promise<void> {
  await ponder.waitReady(timeoutMs);
  await ponder.waitForBlock(block, timeoutMs);
}

/**
 * Mines `n` empty blocks (`evm_mine`), 3 s apart: the chain keeps moving after a world's last
 * transaction, as BNB Chain does, so the indexer sees blocks past the last window end.
 */
export async function mineBlocks(rpcUrl: string, n: number): Promise<void> {
  const call = async (method: string, params: unknown[]) => {
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const body = (await res.json()) as { result?: unknown; error?: { message: string } };
    if (body.error) throw new Error(`${method}: ${body.error.message}`);
    return body.result;
  };
  for (let i = 0; i < n; i++) {
    const head = (await call("eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
    await call("evm_setNextBlockTimestamp", [Number(head.timestamp) + 3]);
    await call("evm_mine", []);
  }
}

/** Number of the chain's latest block. */
export async function headBlock(rpcUrl: string): Promise<number> {
  const res = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
  });
  return Number(((await res.json()) as { result: string }).result);
}
