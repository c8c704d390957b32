/**
 * Shared fixture for the contract tests: one anvil per test file with the example world deployed,
 * four funded users, and helpers to act at exact timestamps (no real waiting).
 */
import {
  type Abi,
  type Address,
  type Hex,
  type Log,
  type PublicClient,
  type TransactionReceipt,
  createPublicClient,
  encodeFunctionData,
  getAddress,
  http,
  parseEther,
  parseEventLogs,
} from "viem";
import * as abis from "../../abis";
import { type AnvilInstance, startAnvil } from "../../devnet/anvil";
import { type Artifacts, compileContracts } from "../../devnet/compile";
import {
  ANVIL_ACCOUNTS,
  BEDROCK_8X,
  type CurveParams,
  type DeployedWorld,
  type WorldConfig,
  deployWorld,
  exampleWorldConfig,
  waitForReceipt,
} from "../../devnet/deploy";

export const EPOCH = 1_209_600;
export const WEEK = 604_800;
export const DAY = 86_400;
export const HOUR = 3_600;

export const ALL_ABIS = [
  ...abis.VotingEscrowAbi,
  ...abis.LockAbi,
  ...abis.ExitQueueAbi,
  ...abis.EscrowCurveAbi,
  ...abis.ClockAbi,
  ...abis.SimpleGaugeVoterAbi,
  ...abis.VestingWalletAbi,
  ...abis.BrBtcVaultAbi,
] as const;

export interface TestWorld {
  anvil: AnvilInstance;
  world: DeployedWorld;
  config: WorldConfig;
  client: PublicClient;
  artifacts: Artifacts;
  deployer: Address;
  /** Four users holding 1,000,000 BR each, escrow approved. */
  users: [Address, Address, Address, Address];
  /** Timestamp of the last deployment block. */
  deployedAt: number;
  /** Start of the first epoch after the deployment. */
  firstEpochStart: number;
  /** Sends `functionName` from `from`, mined in a block with timestamp `ts` (when given); throws if it reverts. */
  send(to: Address, contract: string, functionName: string, args: unknown[], from: Address, ts?: number): Promise<TransactionReceipt>;
  /** Expects the call to revert in a block at `ts` with the custom error `errorName`. */
  expectRevert(to: Address, contract: string, functionName: string, args: unknown[], from: Address, ts: number, errorName: string): Promise<void>;
  read<T>(to: Address, contract: string, functionName: string, args?: unknown[]): Promise<T>;
  mineAt(ts: number): Promise<void>;
  snapshot(): Promise<Hex>;
  revert(id: Hex): Promise<void>;
  /** Decoded logs of a receipt, in log order. */
  events(receipt: TransactionReceipt): { eventName: string; address: Address; args: Record<string, unknown> }[];
  stop(): Promise<void>;
}

/** Deploys the example world (with `overrides`) on a new anvil started with `anvilArgs` appended. */
export async function setupWorld(overrides: Partial<WorldConfig> = {}, anvilArgs: string[] = []): Promise<TestWorld> {
  const anvil = await startAnvil({ extraArgs: anvilArgs });
  try {
    const artifacts = await compileContracts();
    const client = createPublicClient({ transport: http(anvil.rpcUrl, { retryCount: 0 }), pollingInterval: 20 });
    const latest = await client.getBlock();
    const config = { ...exampleWorldConfig({ vestingStart: Number(latest.timestamp) + DAY }), ...overrides };
    const world = await deployWorld(anvil.rpcUrl, config);
    const deployer = world.deployer;
    const users = [ANVIL_ACCOUNTS[1], ANVIL_ACCOUNTS[2], ANVIL_ACCOUNTS[3], ANVIL_ACCOUNTS[4]] as [Address, Address, Address, Address];

    // every contract's custom errors, so reverts bubbling up from a callee decode too
    const errors = new Map<string, Abi[number]>();
    for (const artifact of Object.values(artifacts)) {
      for (const item of artifact.abi) {
        if (item.type === "error") errors.set(`${item.name}(${item.inputs.map((i) => i.type).join(",")})`, item);
      }
    }
    const abiOf = (contract: string): Abi => {
      const artifact = artifacts[contract];
      if (!artifact) throw new Error(`no artifact ${contract}`);
      return [...artifact.abi.filter((item) => item.type !== "error"), ...errors.values()];
    };
    const rpc = (method: string, params: unknown[]) => client.request({ method: method as never, params: params as never });

    const send: TestWorld["send"] = async (to, contract, functionName, args, from, ts) => {
      if (ts !== undefined) await rpc("evm_setNextBlockTimestamp", [ts]);
      const data = encodeFunctionData({ abi: abiOf(contract), functionName, args } as never);
      const hash = (await rpc("eth_sendTransaction", [{ from, to, data, gas: "0x1c9c380" }])) as Hex;
      const receipt = await waitForReceipt(client as PublicClient, hash);
      if (receipt.status !== "success") throw new Error(`${contract}.${functionName} reverted at ${ts}`);
      if (ts !== undefined) {
        const block = await client.getBlock({ blockNumber: receipt.blockNumber });
        if (Number(block.timestamp) !== ts) throw new Error(`mined at ${block.timestamp}, wanted ${ts}`);
      }
      return receipt;
    };

    const expectRevert: TestWorld["expectRevert"] = async (to, contract, functionName, args, from, ts, errorName) => {
      await rpc("evm_setNextBlockTimestamp", [ts]);
      let error: unknown;
      try {
        await client.simulateContract({ address: to, abi: abiOf(contract), functionName, args, account: from, blockTag: "pending" } as never);
      } catch (e) {
        error = e;
      }
      if (!error) throw new Error(`${contract}.${functionName} did not revert at ${ts}`);
      const name = (error as { cause?: { data?: { errorName?: string } } }).cause?.data?.errorName;
      if (name !== errorName) throw new Error(`expected ${errorName}, got ${name ?? String(error).slice(0, 300)}`);
    };

    const read: TestWorld["read"] = (to, contract, functionName, args = []) =>
      client.readContract({ address: to, abi: abiOf(contract), functionName, args } as never) as never;

    const mineAt = async (ts: number) => {
      await rpc("evm_setNextBlockTimestamp", [ts]);
      await rpc("evm_mine", []);
    };

    const events: TestWorld["events"] = (receipt) =>
      (parseEventLogs({ abi: ALL_ABIS, logs: receipt.logs as Log[], strict: false }) as unknown as {
        eventName: string;
        address: Address;
        args: Record<string, unknown>;
      }[]).map((e) => ({ eventName: e.eventName, address: getAddress(e.address), args: e.args }));

    // fund the users and approve the escrow
    for (const user of users) {
      await send(world.contracts.BRToken.address, "BRToken", "transfer", [user, parseEther("1000000")], deployer);
      await send(world.contracts.BRToken.address, "BRToken", "approve", [world.contracts.VotingEscrow.address, 2n ** 256n - 1n], user);
    }
    const head = await client.getBlock();
    const deployedAt = Number(head.timestamp);
    return {
      anvil,
      world,
      config,
      client: client as PublicClient,
      artifacts,
      deployer,
      users,
      deployedAt,
      firstEpochStart: (Math.floor(deployedAt / EPOCH) + 1) * EPOCH,
      send,
      expectRevert,
      read,
      mineAt,
      snapshot: async () => (await rpc("evm_snapshot", [])) as Hex,
      revert: async (id) => {
        const ok = await rpc("evm_revert", [id]);
        if (ok !== true) throw new Error(`evm_revert ${id} failed`);
      },
      events,
      stop: () => anvil.stop(),
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/** The first weekly checkpoint (multiple of 604800) strictly after `ts`. */
export function nextCheckpoint(ts: number): number {
  return ts + (WEEK - (ts % WEEK));
}

/**
 * The curve of docs/ARCHITECTURE.md for a warm point, in bigint arithmetic: floor(A·(C + L·T + Q·T²)/1e18)
 * with T = min(t − max(start, season start at t), MAX_TIME); 0 before `start`.
 */
export function expectedPower(amount: bigint, start: number, t: number, seasonStarts: number[] = [], curve: CurveParams = BEDROCK_8X): bigint {
  if (t < start) return 0n;
  const season = Math.max(0, ...seasonStarts.filter((s) => s <= t));
  const T = BigInt(Math.min(t - Math.max(start, season), EPOCH * curve.maxEpochs));
  return (amount * (curve.C + curve.L * T + curve.Q * T * T)) / 10n ** 18n;
}
