/**
 * What ve-lens indexes. Profile from `VE_LENS_PROFILE`:
 * - `devnet` (default): addresses, start blocks and rules from the manifest at `VE_LENS_MANIFEST`
 *   (default `.ve-lens/devnet.json`); chain 31337; the RPC URL is listed many times (each copy is
 *   its own rate-limit bucket in Ponder, see docs) and polled every 100 ms.
 * - `bsc`: Bedrock veBR on BNB Chain; `PONDER_RPC_URL_56`, `VE_LENS_START_BLOCK`, optional
 *   `VE_LENS_CONFIG` JSON; the escrow's companions are read from the escrow at start-up.
 * Database: Postgres when `DATABASE_URL` is set, else PGlite in `VE_LENS_PGLITE_DIR`
 * (default `.ponder/pglite`).
 * Every value is validated; a bad one stops start-up with a message naming it.
 */
import { createConfig } from "ponder";
import { http, createPublicClient } from "viem";
import {
  BRTokenAbi,
  BrBtcVaultAbi,
  EscrowCurveAbi,
  ExitQueueAbi,
  LockAbi,
  MockBTCAbi,
  SimpleGaugeVoterAbi,
  VestingWalletAbi,
  VotingEscrowAbi,
} from "./abis";
import { type CompanionName, type Hex, type Profile, assertResolved, profileFingerprint, withCompanions } from "./src/domain/config";
import { loadProfile } from "./src/indexing/profile";

/** Placeholder for an empty address list: nothing is ever emitted from the zero address. */
const NOBODY: Hex = "0x0000000000000000000000000000000000000000";

async function resolveOnChain(profile: Profile): Promise<Profile> {
  const missing = (["Lock", "ExitQueue", "SimpleGaugeVoter", "EscrowCurve", "Clock"] as const).filter(
    (n) => !profile.contracts[n],
  );
  const vaultsWithoutAsset = profile.vaults.filter((v) => !v.asset);
  if (missing.length === 0 && vaultsWithoutAsset.length === 0) return profile;
  const client = createPublicClient({ transport: http(profile.rpc[0]) });
  const escrow = profile.contracts.VotingEscrow.address;
  const fn: Record<CompanionName, "lockNFT" | "queue" | "voter" | "curve" | "clock"> = {
    Lock: "lockNFT",
    ExitQueue: "queue",
    SimpleGaugeVoter: "voter",
    EscrowCurve: "curve",
    Clock: "clock",
  };
  const resolved: Partial<Record<CompanionName, Hex>> = {};
  for (const name of missing) {
    resolved[name] = (await client.readContract({ address: escrow, abi: VotingEscrowAbi, functionName: fn[name] })) as Hex;
  }
  const vaults = [];
  for (const v of profile.vaults) {
    const asset =
      v.asset ?? ((await client.readContract({ address: v.address, abi: BrBtcVaultAbi, functionName: "asset" })) as Hex);
    vaults.push({ ...v, asset: asset.toLowerCase() as Hex });
  }
  return withCompanions({ ...profile, vaults }, resolved);
}

const profile = await resolveOnChain(loadProfile());
assertResolved(profile);
const c = profile.contracts;
const chain = "chain" as const;
const vaultAddresses = profile.vaults.map((v) => v.address);
const vaultAssets = [...new Set(profile.vaults.map((v) => v.asset!))];
const minStart = (xs: { startBlock: number }[], fallback: number) =>
  xs.length === 0 ? fallback : Math.min(...xs.map((x) => x.startBlock));

const blocks = {
  EpochTick: {
    chain,
    startBlock: profile.startBlock,
    interval: profile.epochTickInterval,
    // Not read by Ponder; part of the build id, so changed rules never resume on old tables.
    veLensProfile: profileFingerprint(profile),
  },
};

/** PGlite directory from `VE_LENS_PGLITE_DIR` (set by devnet/ponder.ts); Postgres when `DATABASE_URL` is set. */
const pgliteDir = process.env.VE_LENS_PGLITE_DIR;
const database =
  !process.env.DATABASE_URL && !process.env.DATABASE_PRIVATE_URL && pgliteDir
    ? ({ kind: "pglite", directory: pgliteDir } as const)
    : undefined;

export default createConfig({
  ...(database ? { database } : {}),
  chains: {
    [chain]: { id: profile.chainId, rpc: profile.rpc, pollingInterval: profile.pollingInterval },
  },
  contracts: {
    BRToken: { chain, abi: BRTokenAbi, ...c.BRToken },
    VotingEscrow: { chain, abi: VotingEscrowAbi, ...c.VotingEscrow },
    Lock: { chain, abi: LockAbi, ...c.Lock },
    ExitQueue: { chain, abi: ExitQueueAbi, ...c.ExitQueue },
    EscrowCurve: { chain, abi: EscrowCurveAbi, ...c.EscrowCurve },
    SimpleGaugeVoter: { chain, abi: SimpleGaugeVoterAbi, ...c.SimpleGaugeVoter },
    VestingWallet: {
      chain,
      abi: VestingWalletAbi,
      address: profile.vestingWallets.length ? profile.vestingWallets.map((w) => w.address) : [NOBODY],
      startBlock: minStart(profile.vestingWallets, profile.startBlock),
    },
    BrBtcVault: {
      chain,
      abi: BrBtcVaultAbi,
      address: vaultAddresses.length ? vaultAddresses : [NOBODY],
      startBlock: minStart(profile.vaults, profile.startBlock),
    },
    /** The vaults' underlying asset, transfers into a vault (one filter per source: Ponder keeps one per event). */
    VaultAssetIn: {
      chain,
      abi: MockBTCAbi,
      address: vaultAssets.length ? vaultAssets : [NOBODY],
      startBlock: minStart(profile.vaults, profile.startBlock),
      filter: { event: "Transfer", args: { to: vaultAddresses.length ? vaultAddresses : [NOBODY] } },
    },
    /** The vaults' underlying asset, transfers out of a vault. */
    VaultAssetOut: {
      chain,
      abi: MockBTCAbi,
      address: vaultAssets.length ? vaultAssets : [NOBODY],
      startBlock: minStart(profile.vaults, profile.startBlock),
      filter: { event: "Transfer", args: { from: vaultAddresses.length ? vaultAddresses : [NOBODY] } },
    },
  },
  blocks,
});
