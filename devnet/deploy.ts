/**
 * Deploys the devnet world on an anvil: BR, the ve set (escrow, Lock, ExitQueue, curve, clock,
 * voter), MockBTC and the brBTC vaults, the vesting wallets, then creates the gauges. No season
 * is started here (the simulator calls `clock.newSeason()`). Transactions are sent from an
 * unlocked anvil account with `eth_sendTransaction` (automine).
 *
 * The ve set is deployed by a `VeDeployer`: `deployOwnVe` (our contracts, the default) or any
 * other one with the same ABI (the conformance suite deploys the real Aragon contracts there).
 *
 * @example
 * const anvil = await startAnvil();
 * const world = await deployWorld(anvil.rpcUrl, exampleWorldConfig({ vestingStart: now }));
 * world.contracts.VotingEscrow.address;
 */
import {
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  TransactionReceiptNotFoundError,
  type WalletClient,
  createPublicClient,
  createWalletClient,
  encodeDeployData,
  encodeFunctionData,
  getAddress,
  http,
  parseEther,
} from "viem";
import { BRTokenAbi, SimpleGaugeVoterAbi, VotingEscrowAbi } from "../abis";
import { type Artifacts, compileContracts } from "./compile";
import type { ContractName, GaugeKind } from "../src/config/manifest";

/** Anvil's default unlocked accounts (mnemonic "test test ... junk"), account 0 first. */
export const ANVIL_ACCOUNTS = [
  "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
  "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
  "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
  "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
  "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f",
  "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
] as const satisfies readonly Address[];

export const DEFAULT_DEPLOYER: Address = ANVIL_ACCOUNTS[0];

/**
 * The voting-power curve: power = floor(A·(C + L·T + Q·T²) / 1e18), T = seconds since
 * max(lock start, season start) capped at 1209600·maxEpochs. C, L, Q are 1e18 fixed point (what
 * `getCoefficients(1e18)` returns).
 */
export interface CurveParams {
  C: bigint;
  L: bigint;
  Q: bigint;
  /** Epochs (2 weeks each) until the cap. */
  maxEpochs: number;
  /** Seconds after the deposit (not the lock start) during which the lock reads 0: power needs block time > writtenTs + warmup. */
  warmup: number;
}

export interface ExitQueueParams {
  /** Seconds after the lock's aligned start before `beginWithdrawal` is allowed. */
  minLock: number;
  /** Minimum seconds between `beginWithdrawal` and the exit date (which is at least the next checkpoint). */
  cooldown: number;
  /** Exit fee in basis points of 10000 of the locked amount. */
  feeBps: number;
}

export interface VestingAllocation {
  name: string;
  beneficiary: Address;
  /** Unix seconds of the vesting start (the TGE). */
  start: number;
  /** Seconds after `start` before the linear stream begins. */
  cliff: number;
  /** Seconds after `start` when everything is vested. */
  duration: number;
  tgeBps: number;
  /** BR (wei) sent to the wallet at deployment. */
  total: bigint;
}

export interface VaultConfig {
  name: string;
  /** Share symbol; defaults to "brBTC". */
  symbol?: string;
}

/** A gauge: a vault's own (`kind: "vault"`, `vault` names it) or a plain address standing for a pool or market. */
export type GaugeConfig =
  | { kind: "vault"; vault: string; name: string; metadataURI: string }
  | { kind: Exclude<GaugeKind, "vault">; address: Address; name: string; metadataURI: string };

export interface WorldConfig {
  /** Unlocked anvil account that deploys and owns everything. */
  deployer: Address;
  /** BR total supply (wei), minted to the deployer. */
  brTotalSupply: bigint;
  vesting: VestingAllocation[];
  curve: CurveParams;
  exitQueue: ExitQueueParams;
  /** Minimum lock amount (wei); 0 or absent allows any positive amount. */
  minDeposit?: bigint;
  vaults: VaultConfig[];
  /** Created in this order, after the vaults. */
  gauges: GaugeConfig[];
}

export interface DeployedContract {
  address: Address;
  startBlock: number;
}

export interface DeployedVestingWallet extends Omit<VestingAllocation, "beneficiary"> {
  address: Address;
  beneficiary: Address;
  startBlock: number;
}

export interface DeployedVault {
  name: string;
  address: Address;
  startBlock: number;
  /** The vault's gauge: the vault address itself. */
  gauge: Address;
}

export interface DeployedGauge {
  address: Address;
  name: string;
  metadataURI: string;
  kind: GaugeKind;
}

/** The ve set: what a `VeDeployer` deploys and wires (escrow companions set, gauges not yet created). */
export interface VeAddresses {
  VotingEscrow: DeployedContract;
  Lock: DeployedContract;
  ExitQueue: DeployedContract;
  SimpleGaugeVoter: DeployedContract;
  EscrowCurve: DeployedContract;
  Clock: DeployedContract;
}

/** What a `VeDeployer` gets: clients on the anvil, the unlocked deployer, the BR token and the world config. */
export interface VeDeployContext {
  publicClient: PublicClient;
  walletClient: WalletClient;
  deployer: Address;
  brToken: Address;
  config: WorldConfig;
}

/**
 * Deploys a ve set for BR and wires it (escrow → curve, queue, voter, Lock). The deployer must be
 * able to call `voter.createGauge` afterwards.
 */
export type VeDeployer = (ctx: VeDeployContext) => Promise<VeAddresses>;

export interface DeployWorldOptions {
  /** The ve set to deploy; defaults to `deployOwnVe` (the contracts in contracts/). */
  deployVe?: VeDeployer;
}

/** The deployed world, shaped like the corresponding manifest fields. */
export interface DeployedWorld {
  deployer: Address;
  contracts: Record<ContractName, DeployedContract>;
  vestingWallets: DeployedVestingWallet[];
  vaults: DeployedVault[];
  gauges: DeployedGauge[];
  curve: CurveParams;
  exitQueue: ExitQueueParams;
  /** The last block of the deployment. */
  headBlock: number;
}

/** Thrown when a deployment transaction fails or the configuration is inconsistent. */
export class DeployError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeployError";
  }
}

/**
 * Bedrock's veBR curve: 1x → 8x linearly over 12 weeks (C = 1e18, L = 7e18 / 12 weeks truncated,
 * Q = 0, 6 epochs), 3-day warmup. previewMaxBias(1e18) = 7_999_999_999_996_326_400.
 */
export const BEDROCK_8X: CurveParams = { C: 10n ** 18n, L: 964_506_172_839n, Q: 0n, maxEpochs: 6, warmup: 259_200 };
export const BEDROCK_EXIT_QUEUE: ExitQueueParams = { minLock: 2_419_200, cooldown: 1_209_600, feeBps: 0 };

/**
 * A small complete world (1e9 BR, three vesting allocations, two vaults with gauges, two plain
 * gauges), handy for tests and as a template for scenarios.
 */
export function exampleWorldConfig(opts: { vestingStart: number; deployer?: Address }): WorldConfig {
  const month = 30 * 86_400;
  return {
    deployer: opts.deployer ?? DEFAULT_DEPLOYER,
    brTotalSupply: parseEther("1000000000"),
    vesting: [
      { name: "team", beneficiary: ANVIL_ACCOUNTS[7], start: opts.vestingStart, cliff: 12 * month, duration: 48 * month, tgeBps: 0, total: parseEther("150000000") },
      { name: "investors", beneficiary: ANVIL_ACCOUNTS[8], start: opts.vestingStart, cliff: 6 * month, duration: 24 * month, tgeBps: 1_000, total: parseEther("100000000") },
      { name: "ecosystem", beneficiary: ANVIL_ACCOUNTS[9], start: opts.vestingStart, cliff: 0, duration: 36 * month, tgeBps: 2_500, total: parseEther("200000000") },
    ],
    curve: { ...BEDROCK_8X },
    exitQueue: { ...BEDROCK_EXIT_QUEUE },
    vaults: [{ name: "brBTC Core" }, { name: "brBTC Plus" }],
    gauges: [
      { kind: "vault", vault: "brBTC Core", name: "brBTC Core", metadataURI: "ipfs://gauge/brbtc-core" },
      { kind: "vault", vault: "brBTC Plus", name: "brBTC Plus", metadataURI: "ipfs://gauge/brbtc-plus" },
      { kind: "dex", address: "0x000000000000000000000000000000000000d301", name: "BR/BNB pool", metadataURI: "ipfs://gauge/br-bnb" },
      { kind: "lending", address: "0x000000000000000000000000000000000000d302", name: "brBTC market", metadataURI: "ipfs://gauge/brbtc-lending" },
    ],
  };
}

/**
 * Polls for a receipt every few milliseconds (anvil's automine answers `eth_sendTransaction`
 * slightly before the receipt exists; viem's own waiter polls far more slowly).
 */
export async function waitForReceipt(client: PublicClient, hash: Hex, timeoutMs = 30_000): Promise<TransactionReceipt> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await client.getTransactionReceipt({ hash });
    } catch (error) {
      if (!(error instanceof TransactionReceiptNotFoundError) || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 2));
    }
  }
}

/** Sends deployment and admin transactions from one unlocked account, failing on reverts. */
export class Deployer {
  constructor(
    private readonly publicClient: PublicClient,
    private readonly walletClient: WalletClient,
    private readonly from: Address,
    private readonly artifacts: Artifacts,
  ) {}

  private async send(to: Address | undefined, data: Hex, what: string): Promise<TransactionReceipt> {
    const hash = await this.walletClient.request({
      method: "eth_sendTransaction",
      params: [{ from: this.from, to: to ?? undefined, data, gas: "0x1c9c380" }],
    });
    const receipt = await waitForReceipt(this.publicClient, hash);
    if (receipt.status !== "success") throw new DeployError(`${what} reverted (tx ${hash})`);
    return receipt;
  }

  async deploy(name: string, args: unknown[] = []): Promise<DeployedContract> {
    const artifact = this.artifacts[name];
    if (!artifact) throw new DeployError(`no artifact for ${name}`);
    const data = encodeDeployData({ abi: artifact.abi, bytecode: artifact.bytecode, args } as never);
    const receipt = await this.send(undefined, data, `deploy ${name}`);
    if (!receipt.contractAddress) throw new DeployError(`deploy ${name}: no contract address`);
    return { address: getAddress(receipt.contractAddress), startBlock: Number(receipt.blockNumber) };
  }

  async call(address: Address, abi: Abi, functionName: string, args: unknown[] = []): Promise<TransactionReceipt> {
    const data = encodeFunctionData({ abi, functionName, args } as never);
    return this.send(address, data, `${functionName} on ${address}`);
  }

  async timestampOf(receipt: TransactionReceipt): Promise<number> {
    const block = await this.publicClient.getBlock({ blockNumber: receipt.blockNumber });
    return Number(block.timestamp);
  }
}

/**
 * Deploys our own ve set (contracts/): Clock, VotingEscrow, EscrowCurve, ExitQueue,
 * SimpleGaugeVoter, Lock, then wires the escrow (setCurve, setQueue, setVoter, setLockNFT) in the
 * order of the real factory.
 */
export const deployOwnVe: VeDeployer = async ({ publicClient, walletClient, deployer, brToken, config }) => {
  const d = new Deployer(publicClient, walletClient, deployer, await compileContracts());
  const Clock = await d.deploy("Clock");
  const clock = Clock.address;
  const VotingEscrow = await d.deploy("VotingEscrow", [brToken, clock, config.minDeposit ?? 0n]);
  const escrow = VotingEscrow.address;
  const { C, L, Q, maxEpochs, warmup } = config.curve;
  const EscrowCurve = await d.deploy("EscrowCurve", [escrow, clock, C, L, Q, BigInt(maxEpochs), warmup]);
  const { minLock, cooldown, feeBps } = config.exitQueue;
  const ExitQueue = await d.deploy("ExitQueue", [escrow, cooldown, BigInt(feeBps), clock, minLock]);
  const SimpleGaugeVoter = await d.deploy("SimpleGaugeVoter", [escrow, clock]);
  const Lock = await d.deploy("Lock", [escrow, "Vote Escrowed BR", "veBR"]);
  await d.call(escrow, VotingEscrowAbi, "setCurve", [EscrowCurve.address]);
  await d.call(escrow, VotingEscrowAbi, "setQueue", [ExitQueue.address]);
  await d.call(escrow, VotingEscrowAbi, "setVoter", [SimpleGaugeVoter.address]);
  await d.call(escrow, VotingEscrowAbi, "setLockNFT", [Lock.address]);
  return { VotingEscrow, Lock, ExitQueue, SimpleGaugeVoter, EscrowCurve, Clock };
};

function checkConfig(config: WorldConfig): void {
  const vestingTotal = config.vesting.reduce((sum, v) => sum + v.total, 0n);
  if (vestingTotal > config.brTotalSupply) {
    throw new DeployError(`vesting totals ${vestingTotal} exceed the BR supply ${config.brTotalSupply}`);
  }
  const vaultNames = new Set(config.vaults.map((v) => v.name));
  if (vaultNames.size !== config.vaults.length) throw new DeployError("vault names must be unique");
  for (const gauge of config.gauges) {
    if (gauge.kind === "vault" && !vaultNames.has(gauge.vault)) {
      throw new DeployError(`gauge "${gauge.name}" names unknown vault "${gauge.vault}"`);
    }
  }
}

/**
 * Deploys the whole devnet world: BR, the ve set (`options.deployVe`, default `deployOwnVe`),
 * MockBTC and the vaults, the funded vesting wallets, then the gauges (vault gauges at the vault
 * addresses) through `voter.createGauge`.
 * @throws DeployError when the config is inconsistent or a transaction reverts.
 */
export async function deployWorld(rpcUrl: string, config: WorldConfig, options: DeployWorldOptions = {}): Promise<DeployedWorld> {
  checkConfig(config);
  const transport = http(rpcUrl, { batch: false, retryCount: 0 });
  const publicClient = createPublicClient({ transport, pollingInterval: 20 }) as PublicClient;
  const walletClient = createWalletClient({ transport });
  const d = new Deployer(publicClient, walletClient, config.deployer, await compileContracts());

  const BRToken = await d.deploy("BRToken", [config.brTotalSupply]);
  const deployVe = options.deployVe ?? deployOwnVe;
  const ve = await deployVe({ publicClient, walletClient, deployer: config.deployer, brToken: BRToken.address, config });

  const MockBTC = await d.deploy("MockBTC");
  const vaults: DeployedVault[] = [];
  for (const vault of config.vaults) {
    const deployed = await d.deploy("BrBtcVault", [MockBTC.address, vault.name, vault.symbol ?? "brBTC"]);
    vaults.push({ name: vault.name, ...deployed, gauge: deployed.address });
  }

  const vestingWallets: DeployedVestingWallet[] = [];
  for (const v of config.vesting) {
    const wallet = await d.deploy("VestingWallet", [
      v.beneficiary,
      BigInt(v.start),
      BigInt(v.cliff),
      BigInt(v.duration),
      BigInt(v.tgeBps),
    ]);
    await d.call(BRToken.address, BRTokenAbi, "transfer", [wallet.address, v.total]);
    vestingWallets.push({ ...v, address: wallet.address, startBlock: wallet.startBlock });
  }

  const gauges: DeployedGauge[] = [];
  for (const gauge of config.gauges) {
    const address =
      gauge.kind === "vault" ? (vaults.find((v) => v.name === gauge.vault) as DeployedVault).address : getAddress(gauge.address);
    await d.call(ve.SimpleGaugeVoter.address, SimpleGaugeVoterAbi, "createGauge", [address, gauge.metadataURI]);
    gauges.push({ address, name: gauge.name, metadataURI: gauge.metadataURI, kind: gauge.kind });
  }

  return {
    deployer: config.deployer,
    contracts: { BRToken, ...ve, MockBTC },
    vestingWallets,
    vaults,
    gauges,
    curve: { ...config.curve },
    exitQueue: { ...config.exitQueue },
    headBlock: Number(await publicClient.getBlockNumber()),
  };
}
