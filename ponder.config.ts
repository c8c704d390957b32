/**
 * What ve-lens indexes. Profile from `VE_LENS_PROFILE`:
 * - `devnet` (default): addresses, start blocks and rules from the manifest at `VE_LENS_MANIFEST`
 *   (default `.ve-lens/devnet.json`); chain 31337; the RPC URL is listed many times (each copy is
 *   its own rate-limit bucket in Ponder, see docs) and polled every 100 ms.
 * - `bsc`: Bedrock veBR on BNB Chain; `PONDER_RPC_URL_56`, `VE_LENS_START_BLOCK`, optional
 *   `VE_LENS_CONFIG` JSON; the escrow's companions are read from the escrow at start-up.
 * On both, the deployment's rules are read from the chain at start-up and printed: each contract's
 * version, the curve's constants, the epoch length, the warmup and the escrow's voter terms
 * (src/config/onChain.ts, the reads in src/startup/chainRules.ts). An unsupported version stops
 * the indexer with its name. The settings themselves: src/config/ (profile.ts validates, load.ts
 * reads the environment and files, manifest.ts is the devnet manifest).
 * Database: Postgres when `DATABASE_URL` is set, else PGlite in `VE_LENS_PGLITE_DIR`
 * (default `.ponder/pglite`).
 * Every value is validated; a bad one stops start-up with a message naming it. An installed
 * Ponder without the backfill fix of src/startup/ponderPatch.ts stops it too.
 */
import { PGlite } from "@electric-sql/pglite";
import { createConfig, mergeAbis } from "ponder";
import {
  BRTokenAbi,
  BrBtcVaultAbi,
  ClockAbi,
  EscrowCurveAbi,
  ExitQueueAbi,
  LockAbi,
  MockBTCAbi,
  SimpleGaugeVoterAbi,
  VestingWalletAbi,
  VotingEscrowAbi,
} from "./abis";
import {
  ProxyEventsAbi,
  SeasonClockEventsAbi,
  UnsupportedEscrowEventsAbi,
  UnsupportedQueueEventsAbi,
} from "./abis/VeLifecycleAbi";
import { type Hex, assertResolved, profileFingerprint } from "./src/config/profile";
import { loadProfile } from "./src/config/load";
import { resolveOnChain, withChainRules } from "./src/config/onChain";
import { ponderPatchState } from "./src/startup/ponderPatch";
import { installPgliteSocketFilesInMemory } from "./src/startup/pgliteSocketFiles";
import { PGLITE_SLICE_MS, installPgliteTurns } from "./src/startup/pgliteTurns";

/** Placeholder for an empty address list: nothing is ever emitted from the zero address. */
const NOBODY: Hex = "0x0000000000000000000000000000000000000000";

// A crash at the end of a backfill loses the last block's events without this fix (see the module).
if (ponderPatchState() === "unpatched") {
  throw new Error("ve-lens: the installed Ponder lacks the backfill fix of src/startup/ponderPatch.ts; run `npm install` (or `npx tsx scripts/patchPonder.ts`) first");
}

const resolved = await resolveOnChain(loadProfile());
assertResolved(resolved);
const profile = await withChainRules(resolved);
assertResolved(profile);
const c = profile.contracts;
const voterTerms = profile.rules!.voters;
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
const onPglite = !process.env.DATABASE_URL && !process.env.DATABASE_PRIVATE_URL;
const database = onPglite && pgliteDir ? ({ kind: "pglite", directory: pgliteDir } as const) : undefined;
// PGlite runs in this thread: let HTTP answers in between the indexer's statements (src/startup/pgliteTurns.ts),
// and keep its per-message protocol files off the disk (src/startup/pgliteSocketFiles.ts)
if (onPglite) {
  installPgliteTurns(PGlite, PGLITE_SLICE_MS);
  installPgliteSocketFilesInMemory(PGlite);
}

export default createConfig({
  ...(database ? { database } : {}),
  chains: {
    [chain]: { id: profile.chainId, rpc: profile.rpc, pollingInterval: profile.pollingInterval },
  },
  contracts: {
    BRToken: { chain, abi: BRTokenAbi, ...c.BRToken },
    VotingEscrow: { chain, abi: mergeAbis([VotingEscrowAbi, UnsupportedEscrowEventsAbi]), ...c.VotingEscrow },
    Lock: { chain, abi: LockAbi, ...c.Lock },
    ExitQueue: { chain, abi: mergeAbis([ExitQueueAbi, UnsupportedQueueEventsAbi]), ...c.ExitQueue },
    EscrowCurve: { chain, abi: mergeAbis([EscrowCurveAbi, ProxyEventsAbi]), ...c.EscrowCurve },
    Clock: { chain, abi: mergeAbis([ClockAbi, SeasonClockEventsAbi, ProxyEventsAbi]), ...c.Clock },
    /** Every voter the escrow had over the indexed range; handlers count a voter's events only during its term. */
    SimpleGaugeVoter: {
      chain,
      abi: SimpleGaugeVoterAbi,
      address: voterTerms.length ? voterTerms.map((t) => t.address) : [c.SimpleGaugeVoter.address],
      startBlock: minStart(voterTerms.map((t) => ({ startBlock: t.fromBlock })), c.SimpleGaugeVoter.startBlock),
    },
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
