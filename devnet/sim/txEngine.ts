/**
 * The transaction engine: packs the simulator's transactions into blocks with chosen
 * timestamps and checks that every one of them succeeded.
 *
 * Automine is off. For each block the engine sends the transactions one by one with
 * `eth_sendTransaction` from impersonated accounts (explicit nonce, gas and a zero gas price,
 * so nothing is estimated or signed), mines the block with `evm_mine(timestamp)`, checks that
 * the block holds exactly those transactions in that order, and that each of them emitted logs
 * (every simulator action emits an event, a reverted transaction emits none). A failed
 * transaction means the simulator's model diverged from the contracts: the engine stops with
 * a {@link SimulationError} naming the action.
 */
import type { Hex } from "./calls";
import type { RpcClient } from "./rpc";

export interface PlannedTx {
  from: Hex;
  to: Hex;
  data: Hex;
  /** Gas limit (generous; nothing is estimated). */
  gas: number;
  /** What the transaction does, for error messages: "vote token 12 by 0xab.. (epoch 1452)". */
  label: string;
}

export class SimulationError extends Error {
  override name = "SimulationError";
}

export interface TxEngineOptions {
  maxTxsPerBlock: number;
  /** Sum of gas limits per block at most (keep well under half the block gas limit so the base fee stays 0). */
  maxGasPerBlock?: number;
  /** Called after every mined block. */
  onBlock?: (info: { number: number; timestamp: number; txs: number }) => void;
}

interface BlockHeader {
  number: Hex;
  hash: Hex;
  timestamp: Hex;
  transactions: Hex[];
}

export class TxEngine {
  private readonly nonces = new Map<string, number>();
  private pending: PlannedTx[] = [];
  private pendingGas = 0;
  private openTs: number | null = null;
  /** Timestamp of the last mined block. */
  lastTimestamp = 0;
  /** Number of the last mined block. */
  lastBlock = 0;
  /** Transactions mined so far. */
  txCount = 0;
  /** Blocks mined so far. */
  blockCount = 0;
  /** Event logs emitted by the mined transactions so far. */
  logCount = 0;
  /** Milliseconds spent sending transactions, mining blocks and verifying them. */
  readonly timings = { send: 0, mine: 0, verify: 0 };
  private readonly maxGas: number;

  constructor(
    private readonly rpc: RpcClient,
    private readonly options: TxEngineOptions,
  ) {
    this.maxGas = options.maxGasPerBlock ?? 400_000_000;
  }

  /** Reads the head block so that the next blocks follow it. */
  async syncHead(): Promise<void> {
    const head = await this.rpc.request<BlockHeader>("eth_getBlockByNumber", ["latest", false]);
    this.lastBlock = Number(head.number);
    this.lastTimestamp = Number(head.timestamp);
  }

  /** Sets the next nonce of an account that already sent transactions (e.g. the deployer). */
  setNonce(address: Hex, nonce: number): void {
    this.nonces.set(address.toLowerCase(), nonce);
  }

  /** The timestamp of the open block (throws if none is open). */
  get now(): number {
    if (this.openTs === null) throw new SimulationError("no open block");
    return this.openTs;
  }

  get isOpen(): boolean {
    return this.openTs !== null;
  }

  /** Opens a block at `timestamp` (strictly after the last one). Closes the open block first. */
  async open(timestamp: number): Promise<void> {
    if (this.openTs !== null) await this.close();
    if (timestamp <= this.lastTimestamp) {
      throw new SimulationError(`block timestamp ${timestamp} is not after the previous block's ${this.lastTimestamp}`);
    }
    this.openTs = timestamp;
  }

  /**
   * Makes room for one more transaction of `gas` in the open block: when it is full, mines it
   * and opens the next block one second later. Returns the timestamp the transaction will have.
   */
  async room(gas: number): Promise<number> {
    if (this.openTs === null) throw new SimulationError("no open block");
    if (this.pending.length >= this.options.maxTxsPerBlock || (this.pending.length > 0 && this.pendingGas + gas > this.maxGas)) {
      const ts = this.openTs;
      await this.close();
      this.openTs = ts + 1;
    }
    return this.openTs;
  }

  /** Adds a transaction to the open block (call {@link room} first). */
  push(tx: PlannedTx): void {
    if (this.openTs === null) throw new SimulationError(`no open block for: ${tx.label}`);
    this.pending.push(tx);
    this.pendingGas += tx.gas;
  }

  /** {@link room} then {@link push}; returns the transaction's timestamp. */
  async add(tx: PlannedTx): Promise<number> {
    const ts = await this.room(tx.gas);
    this.push(tx);
    return ts;
  }

  /**
   * Mines the open block if it has transactions, or always with `force` (an empty block marks
   * time for the indexer). Returns the block number, or null if nothing was mined.
   */
  async close(force = false): Promise<number | null> {
    if (this.openTs === null) return null;
    const ts = this.openTs;
    const txs = this.pending;
    this.openTs = null;
    this.pending = [];
    this.pendingGas = 0;
    if (txs.length === 0 && !force) return null;

    const t0 = performance.now();
    const hashes: Hex[] = [];
    for (const tx of txs) {
      const key = tx.from.toLowerCase();
      const nonce = this.nonces.get(key) ?? 0;
      try {
        hashes.push(
          await this.rpc.request<Hex>("eth_sendTransaction", [
            { from: tx.from, to: tx.to, data: tx.data, gas: `0x${tx.gas.toString(16)}`, gasPrice: "0x0", nonce: `0x${nonce.toString(16)}`, value: "0x0" },
          ]),
        );
      } catch (err) {
        throw new SimulationError(`sending "${tx.label}" failed: ${(err as Error).message}`);
      }
      this.nonces.set(key, nonce + 1);
    }
    const t1 = performance.now();
    await this.rpc.request("evm_mine", [ts]);
    const t2 = performance.now();
    const block = await this.rpc.request<BlockHeader>("eth_getBlockByNumber", ["latest", false]);
    const number = Number(block.number);
    if (number !== this.lastBlock + 1 || Number(block.timestamp) !== ts) {
      throw new SimulationError(
        `expected block ${this.lastBlock + 1} at ${ts}, anvil mined ${number} at ${Number(block.timestamp)} (is something else using this anvil?)`,
      );
    }
    if (block.transactions.length !== hashes.length || block.transactions.some((h, i) => h !== hashes[i])) {
      throw new SimulationError(
        `block ${number} holds ${block.transactions.length} transactions, ${hashes.length} were sent in order (is the pool FIFO and the gas limit high enough?)`,
      );
    }
    if (hashes.length > 0) await this.verify(block, txs, hashes);
    const t3 = performance.now();
    this.timings.send += t1 - t0;
    this.timings.mine += t2 - t1;
    this.timings.verify += t3 - t2;
    this.lastBlock = number;
    this.lastTimestamp = ts;
    this.txCount += txs.length;
    this.blockCount++;
    this.options.onBlock?.({ number, timestamp: ts, txs: txs.length });
    return number;
  }

  private async verify(block: BlockHeader, txs: PlannedTx[], hashes: Hex[]): Promise<void> {
    const logs = await this.rpc.request<{ transactionHash: Hex }[]>("eth_getLogs", [{ blockHash: block.hash }]);
    this.logCount += logs.length;
    const withLogs = new Set(logs.map((l) => l.transactionHash));
    for (let i = 0; i < hashes.length; i++) {
      const hash = hashes[i] as Hex;
      if (withLogs.has(hash)) continue;
      const receipt = await this.rpc.request<{ status: Hex; gasUsed: Hex } | null>("eth_getTransactionReceipt", [hash]);
      if (receipt?.status === "0x1") continue;
      const tx = txs[i] as PlannedTx;
      let reason = "";
      try {
        const trace = await this.rpc.request<{ error?: string; revertReason?: string; output?: string }>("debug_traceTransaction", [
          hash,
          { tracer: "callTracer" },
        ]);
        reason = ` (${trace.revertReason ?? trace.error ?? "reverted"}${trace.output ? `, output ${trace.output.slice(0, 74)}` : ""})`;
      } catch {
        // tracing is a nicety for the message only
      }
      throw new SimulationError(
        `transaction reverted in block ${Number(block.number)} (ts ${Number(block.timestamp)}): ${tx.label}${reason} [tx ${hash}, gas used ${receipt ? Number(receipt.gasUsed) : "?"} of ${tx.gas}]; the simulator's model diverged from the contracts`,
      );
    }
  }
}
