/**
 * A ve deployer for `deployWorld` that puts the REAL Aragon ve-governance contracts of the
 * conformance kit in place of the project's own: the artifacts (`artifacts/<Name>.json`, ABI and
 * bytecode) are read at run time from the folder in `VE_LENS_CONFORMANCE_KIT`, nothing is copied.
 *
 * Wiring as the kit's plugin setup / factory does it: a DAO whose `hasPermission` always answers
 * true, the six implementations, then one `ERC1967Proxy(impl, initialize(...))` per role in the
 * setup's order (clock, escrow, voter, curve, queue, lock NFT) and `escrow.setCurve / setQueue /
 * setVoter / setLockNFT`. The escrow locks the world's BR; minDeposit, warmup, cooldown, fee and
 * minLock come from the world config. The curve constants are compiled into the curve artifact,
 * so the deployer reads `getCoefficients(1e18)` back and refuses a world config whose curve
 * differs (the simulator's model would not match the chain).
 *
 * @example
 * const world = await deployWorld(rpcUrl, config, { deployVe: kitVeDeployer("season8x") });
 * await simulateWorld({ rpcUrl, scenario, seed: 1, deployVe: kitVeDeployer("season8x") });
 */
import {
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
  encodeDeployData,
  encodeFunctionData,
  getAddress,
} from "viem";
import { type CurveParams, type DeployedContract, type VeAddresses, type VeDeployContext, type VeDeployer, waitForReceipt } from "../../devnet/deploy";
import { type KitVariant, VARIANT_ARTIFACTS, kitAbi, kitBytecode, kitDir } from "./kit";

/** Thrown when a kit deployment transaction reverts or the world config does not fit the kit. */
export class KitDeployError extends Error {
  override name = "KitDeployError";
}

/** The Bedrock veBR token names the kit's lock NFT is initialised with. */
const VE_NAME = "Vote Escrowed BR";
const VE_SYMBOL = "veBR";
const WAD = 10n ** 18n;

/**
 * A ve deployer for `deployWorld(rpcUrl, config, { deployVe })` deploying the kit's `variant`
 * (`oct2024`, `season` or `season8x`, the Bedrock 1x→8x curve).
 * @throws KitMissingError (when called) if `VE_LENS_CONFORMANCE_KIT` is unset or has no artifacts
 * @throws KitDeployError if a transaction reverts or the config's curve differs from the kit curve's
 */
export function kitVeDeployer(variant: KitVariant = "season8x"): VeDeployer {
  return (ctx) => deployKitVe(ctx, variant);
}

async function deployKitVe(ctx: VeDeployContext, variant: KitVariant): Promise<VeAddresses> {
  kitDir(); // clear error naming VE_LENS_CONFORMANCE_KIT before anything is sent
  const names = { ...VARIANT_ARTIFACTS[variant], escrow: "VotingEscrow", queue: "ExitQueue", lockNFT: "Lock" };
  const { publicClient, walletClient, deployer, config } = ctx;
  const brToken = getAddress(ctx.brToken);

  const send = async (to: Address | undefined, data: Hex, what: string) => {
    const hash = await walletClient.request({
      method: "eth_sendTransaction",
      params: [{ from: deployer, to: to ?? undefined, data, gas: "0x1c9c380" }],
    } as never);
    const receipt = await waitForReceipt(publicClient, hash as Hex);
    if (receipt.status !== "success") throw new KitDeployError(`kit ${variant}: ${what} reverted (tx ${hash})`);
    return receipt;
  };
  const deploy = async (artifact: string, args: unknown[] = []): Promise<DeployedContract> => {
    const data = encodeDeployData({ abi: kitAbi(artifact), bytecode: kitBytecode(artifact), args } as never);
    const receipt = await send(undefined, data, `deploy ${artifact}`);
    if (!receipt.contractAddress) throw new KitDeployError(`kit ${variant}: deploy ${artifact} gave no address`);
    return { address: getAddress(receipt.contractAddress), startBlock: Number(receipt.blockNumber) };
  };
  const proxy = async (impl: Address, artifact: string, initArgs: unknown[]): Promise<DeployedContract> =>
    deploy("ERC1967Proxy", [impl, encodeFunctionData({ abi: kitAbi(artifact), functionName: "initialize", args: initArgs } as never)]);
  const call = (address: Address, artifact: string, functionName: string, args: unknown[]) =>
    send(address, encodeFunctionData({ abi: kitAbi(artifact), functionName, args } as never), `${artifact}.${functionName}`);

  const dao = await deploy("MockDAOAllowAll");
  // Implementations, in the plugin setup's constructor order.
  const impl: Record<string, Address> = {};
  for (const role of ["voter", "curve", "queue", "escrow", "clock", "lockNFT"] as const) impl[role] = (await deploy(names[role])).address;

  const feePercent = BigInt(config.exitQueue.feeBps);
  const Clock = await proxy(impl.clock as Address, names.clock, [dao.address]);
  const VotingEscrow = await proxy(impl.escrow as Address, names.escrow, [brToken, dao.address, Clock.address, config.minDeposit ?? 0n]);
  const SimpleGaugeVoter = await proxy(impl.voter as Address, names.voter, [dao.address, VotingEscrow.address, false, Clock.address]);
  const EscrowCurve = await proxy(impl.curve as Address, names.curve, [VotingEscrow.address, dao.address, config.curve.warmup, Clock.address]);
  const ExitQueue = await proxy(impl.queue as Address, names.queue, [
    VotingEscrow.address,
    config.exitQueue.cooldown,
    dao.address,
    feePercent,
    Clock.address,
    config.exitQueue.minLock,
  ]);
  const Lock = await proxy(impl.lockNFT as Address, names.lockNFT, [VotingEscrow.address, VE_NAME, VE_SYMBOL, dao.address]);
  await call(VotingEscrow.address, names.escrow, "setCurve", [EscrowCurve.address]);
  await call(VotingEscrow.address, names.escrow, "setQueue", [ExitQueue.address]);
  await call(VotingEscrow.address, names.escrow, "setVoter", [SimpleGaugeVoter.address]);
  await call(VotingEscrow.address, names.escrow, "setLockNFT", [Lock.address]);

  await checkCurve(publicClient, EscrowCurve.address, kitAbi(names.curve), config.curve, variant);
  return { VotingEscrow, Lock, ExitQueue, SimpleGaugeVoter, EscrowCurve, Clock };
}

/** The kit curve's constants are compiled in: refuse a world config that expects others. */
async function checkCurve(client: PublicClient, curve: Address, abi: Abi, want: CurveParams, variant: KitVariant): Promise<void> {
  const got = (await client.readContract({ address: curve, abi, functionName: "getCoefficients", args: [WAD] } as never)) as readonly bigint[];
  const [C, L, Q] = [0, 1, 2].map((i) => BigInt(got[i] ?? -1n)) as [bigint, bigint, bigint];
  if (C !== want.C || L !== want.L || Q !== want.Q) {
    throw new KitDeployError(
      `kit ${variant}: the curve's getCoefficients(1e18) is [${C}, ${L}, ${Q}], the world config asks for [${want.C}, ${want.L}, ${want.Q}]; ` +
        "use the variant whose curve matches (season8x: 1e18, 964506172839, 0) or change the config's curve",
    );
  }
  // MAX_EPOCHS has no getter: previewMaxBias(1e18) is the curve at 1209600·MAX_EPOCHS seconds.
  const T = 1_209_600n * BigInt(want.maxEpochs);
  const expectedMax = C + L * T + Q * T * T;
  const max = BigInt((await client.readContract({ address: curve, abi, functionName: "previewMaxBias", args: [WAD] } as never)) as bigint);
  if (max !== expectedMax) {
    throw new KitDeployError(`kit ${variant}: previewMaxBias(1e18) is ${max}, the world config's maxEpochs ${want.maxEpochs} gives ${expectedMax}`);
  }
}
