/**
 * The parts of the configuration only the chain can answer, read by `ponder.config.ts` at
 * start-up: the escrow's companion contracts and the vaults' assets when the settings leave them
 * out (`resolveOnChain`), then the deployment's rules (`withChainRules`: contract versions, curve
 * constants, epoch length, warmup, voter terms), printed and handed to the handlers through
 * `VE_LENS_CHAIN_RULES` (src/config/load.ts reads them back).
 *
 * @example
 * const resolved = await resolveOnChain(loadProfile());
 * assertResolved(resolved);
 * const profile = await withChainRules(resolved);
 */
import { http, createPublicClient } from "viem";
import { BrBtcVaultAbi, VotingEscrowAbi } from "../../abis";
import { describeRules, encodeChainRules } from "../domain/chainRules";
import { readChainRules } from "../startup/chainRules";
import { CHAIN_RULES_ENV } from "./load";
import { type CompanionName, type Hex, type Profile, withCompanions } from "./profile";

/** The profile with the escrow's companions and the vaults' assets read from the chain where the settings leave them out. */
export async function resolveOnChain(profile: Profile): Promise<Profile> {
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

/**
 * Reads the deployment's rules (contract versions, curve constants, epoch length, warmup, voter
 * terms), prints them, stops on an unsupported version, and hands them to the handlers.
 */
export async function withChainRules(profile: Profile & { contracts: Required<Profile["contracts"]> }): Promise<Profile> {
  const c = profile.contracts;
  const client = createPublicClient({ transport: http(profile.rpc[0]) });
  const notes: string[] = [];
  const rules = await readChainRules(
    client,
    {
      addresses: {
        escrow: c.VotingEscrow.address,
        clock: c.Clock.address,
        curve: c.EscrowCurve.address,
        voter: c.SimpleGaugeVoter.address,
        queue: c.ExitQueue.address,
      },
      startBlock: profile.startBlock,
      override: profile.curveOverride,
      // The devnet's voter is never replaced: its manifest says which it is.
      ...(profile.name === "devnet"
        ? { voters: [{ address: c.SimpleGaugeVoter.address, fromBlock: c.SimpleGaugeVoter.startBlock, toBlock: null }] }
        : {}),
    },
    notes,
  );
  for (const line of [...describeRules(rules), ...notes]) console.log(`ve-lens: ${line}`);
  process.env[CHAIN_RULES_ENV] = encodeChainRules(rules);
  return { ...profile, rules };
}
