/**
 * Reads the deployment's rules from the chain at start-up (before Ponder indexes anything):
 * the version of each contract (from its implementation's bytecode), the curve's constants
 * (`getCoefficients(1e18)`, `previewMaxBias(1e18)`), the clock's `epochDuration()` and the curve's
 * `warmupPeriod()`. Configuration may give the curve only when the chain cannot answer.
 */
import { BaseError, ContractFunctionZeroDataError, type Hex as ViemHex, type PublicClient, getAddress, parseAbi } from "viem";
import {
  type ChainRules,
  ChainRulesError,
  type ContractRole,
  type ContractVariant,
  UnsupportedDeploymentError,
  type VoterTerm,
  classifyContract,
  curveFromReadings,
} from "../domain/chainRules";
import { ConfigError, type CurveOverride, type Hex } from "../config/profile";
import { WAD, biasAt } from "../domain/votingPower";

/** EIP-1967 implementation slot: `keccak256("eip1967.proxy.implementation") - 1`. */
export const EIP1967_IMPLEMENTATION_SLOT: ViemHex = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

const CurveViews = parseAbi([
  "function getCoefficients(uint256 amount) view returns (int256[3])",
  "function previewMaxBias(uint256 amount) view returns (uint256)",
  "function warmupPeriod() view returns (uint48)",
]);
const ClockViews = parseAbi(["function epochDuration() view returns (uint256)"]);

/** The implementation behind an EIP-1967 proxy at `address`, or null for a plain contract. */
export async function implementationOf(client: PublicClient, address: Hex, blockNumber?: bigint): Promise<Hex | null> {
  const word = await client.getStorageAt({ address, slot: EIP1967_IMPLEMENTATION_SLOT, ...(blockNumber !== undefined ? { blockNumber } : {}) });
  if (!word || BigInt(word) === 0n) return null;
  return getAddress(`0x${word.slice(-40)}`).toLowerCase() as Hex;
}

/** Classifies the contract at `address` (through its proxy) as of `blockNumber` (default: latest). */
export async function identifyContract(
  client: PublicClient,
  role: ContractRole,
  address: Hex,
  blockNumber?: bigint,
): Promise<ContractVariant> {
  const implementation = await implementationOf(client, address, blockNumber);
  const code = (await client.getCode({ address: implementation ?? address, ...(blockNumber !== undefined ? { blockNumber } : {}) })) ?? "0x";
  return classifyContract(role, address, implementation, code);
}

export interface DeploymentAddresses {
  escrow: Hex;
  clock: Hex;
  curve: Hex;
  voter: Hex;
  queue: Hex;
}

/** Reads `getCoefficients(1e18)`, `previewMaxBias(1e18)`, `epochDuration()` and `warmupPeriod()`. */
export async function readCurve(client: PublicClient, curve: Hex, clock: Hex, blockNumber?: bigint) {
  const at = blockNumber !== undefined ? { blockNumber } : {};
  const [coefficients, previewMaxBias, warmupPeriod, epochDuration] = await Promise.all([
    client.readContract({ address: curve, abi: CurveViews, functionName: "getCoefficients", args: [WAD], ...at }),
    client.readContract({ address: curve, abi: CurveViews, functionName: "previewMaxBias", args: [WAD], ...at }),
    client.readContract({ address: curve, abi: CurveViews, functionName: "warmupPeriod", ...at }),
    client.readContract({ address: clock, abi: ClockViews, functionName: "epochDuration", ...at }),
  ]);
  return curveFromReadings({
    coefficients: [coefficients[0], coefficients[1], coefficients[2]],
    previewMaxBias,
    warmupPeriod: BigInt(warmupPeriod),
    epochDuration,
  });
}

const EscrowViews = parseAbi(["function voter() view returns (address)"]);

/** `escrow.voter()` at `block`: the zero address before the escrow exists, `unknown` when the RPC keeps no state there. */
async function escrowVoterAt(client: PublicClient, escrow: Hex, block: number): Promise<Hex | "unknown"> {
  try {
    const v = await client.readContract({ address: escrow, abi: EscrowViews, functionName: "voter", blockNumber: BigInt(block) });
    return v.toLowerCase() as Hex;
  } catch (err) {
    if (err instanceof BaseError && err.walk((e) => e instanceof ContractFunctionZeroDataError)) return ZERO;
    return "unknown";
  }
}

const ZERO: Hex = "0x0000000000000000000000000000000000000000";

/**
 * The escrow's voter terms between `startBlock` and `head`, found by bisecting `escrow.voter()`
 * over historical state (a voter replaced and later restored between two reads that agree is not
 * seen). Null when the RPC cannot answer at past blocks.
 */
export async function discoverVoters(client: PublicClient, escrow: Hex, startBlock: number, head: number): Promise<VoterTerm[] | null> {
  const at = (b: number) => escrowVoterAt(client, escrow, b);
  const first = await at(startBlock);
  const last = await at(head);
  if (first === "unknown" || last === "unknown") return null;
  const changes: { block: number; voter: Hex }[] = [];
  const walk = async (lo: number, vlo: Hex, hi: number, vhi: Hex): Promise<boolean> => {
    if (hi - lo <= 1) {
      changes.push({ block: hi, voter: vhi });
      return true;
    }
    const mid = lo + Math.floor((hi - lo) / 2);
    const vmid = await at(mid);
    if (vmid === "unknown") return false;
    if (vmid !== vlo && !(await walk(lo, vlo, mid, vmid))) return false;
    if (vmid !== vhi && !(await walk(mid, vmid, hi, vhi))) return false;
    return true;
  };
  if (first !== last && !(await walk(startBlock, first, head, last))) return null;
  const starts = [{ block: startBlock, voter: first }, ...changes];
  const terms: VoterTerm[] = [];
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    if (s.voter === ZERO) continue;
    terms.push({ address: s.voter, fromBlock: s.block, toBlock: starts[i + 1]?.block ?? null });
  }
  return terms;
}

export interface ChainRulesRequest {
  addresses: DeploymentAddresses;
  /** First indexed block. */
  startBlock: number;
  /** Curve constants from configuration, for a chain that cannot answer. */
  override: CurveOverride | null;
  /** Voter terms known without reading history (the devnet's manifest); otherwise discovered. */
  voters?: VoterTerm[];
}

/**
 * The deployment's rules. Stops (throws) on a contract version ve-lens cannot index exactly, and
 * on a configured curve for a chain that answers (the chain's constants are the truth). `notes`
 * collects what the caller should print (assumptions taken because the chain could not answer).
 */
export async function readChainRules(client: PublicClient, request: ChainRulesRequest, notes: string[] = []): Promise<ChainRules> {
  const { addresses, override } = request;
  const roles: ContractRole[] = ["escrow", "clock", "curve", "voter", "queue"];
  const variants = await Promise.all(roles.map((role) => identifyContract(client, role, addresses[role])));
  if (variants.some((v) => !v.supported)) throw new UnsupportedDeploymentError(variants);
  const head = Number(await client.getBlockNumber());
  let voters = request.voters ?? null;
  if (!voters) {
    voters = await discoverVoters(client, addresses.escrow, request.startBlock, head);
    if (!voters) {
      notes.push(
        `the RPC keeps no state at past blocks: escrow.voter() history unknown, assuming ${addresses.voter} since block ${request.startBlock}`,
      );
      voters = [{ address: addresses.voter, fromBlock: request.startBlock, toBlock: null }];
    }
  }
  let read: Awaited<ReturnType<typeof readCurve>> | undefined;
  let failure: unknown;
  try {
    read = await readCurve(client, addresses.curve, addresses.clock);
  } catch (err) {
    if (err instanceof ChainRulesError) throw err;
    failure = err;
  }
  if (read) {
    if (override) {
      throw new ConfigError(
        "VE_LENS_CONFIG.curve",
        "the curve contract answers getCoefficients/previewMaxBias: its constants are used, remove `curve` from the settings",
      );
    }
    // The warmup in force when indexing starts: WarmupSet events change it afterwards.
    let warmup = read.warmup;
    try {
      warmup = BigInt(
        await client.readContract({ address: addresses.curve, abi: CurveViews, functionName: "warmupPeriod", blockNumber: BigInt(request.startBlock) }),
      );
    } catch {
      notes.push(`curve warmupPeriod() unreadable at block ${request.startBlock}: using today's ${read.warmup} s until a WarmupSet`);
    }
    return { ...read, warmup, source: "chain", variants, voters };
  }
  if (!override) {
    throw new ChainRulesError(
      `curve ${addresses.curve}`,
      `getCoefficients(1e18)/previewMaxBias(1e18)/warmupPeriod() or clock ${addresses.clock} epochDuration() failed (${
        (failure as Error)?.message?.split("\n")[0] ?? String(failure)
      }); set \`curve\` in VE_LENS_CONFIG only if this chain cannot answer`,
    );
  }
  return {
    curve: override.curve,
    maxBiasPerUnit: biasAt(WAD, override.curve.maxTime, override.curve),
    epochDuration: 1_209_600n,
    warmup: override.warmup,
    source: "config",
    variants,
    voters,
  };
}
