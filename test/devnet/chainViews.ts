/**
 * Compares the simulator's model with the chain through the view functions both contract sets
 * share (the Aragon ve-governance signatures, given here as human-readable ABI so the check does
 * not depend on which set was deployed): at every epoch's window-end block and at the head.
 */
import { type Hex, createPublicClient, http, parseAbi } from "viem";
import type { Manifest } from "../../src/config/manifest";
import type { Model } from "../../devnet/sim/model";

export const VIEWS = parseAbi([
  "function votingPowerAt(uint256 tokenId, uint256 t) view returns (uint256)",
  "function totalLocked() view returns (uint256)",
  "function gaugeVotes(address gauge) view returns (uint256)",
  "function totalVotingPowerCast() view returns (uint256)",
  "function isVoting(uint256 tokenId) view returns (bool)",
  "function currentSeasonIndex() view returns (uint16)",
  "function balanceOf(address account) view returns (uint256)",
  "function ownerOf(uint256 tokenId) view returns (address)",
]);

export interface ViewMismatch {
  what: string;
  model: string;
  chain: string;
}

/**
 * Reads every expected number of `model.reports` (window ends) and the head state, and returns
 * what differs (empty when the model equals the chain).
 */
export async function compareModelWithChain(rpcUrl: string, manifest: Manifest, model: Model, opts: { seasons: boolean }): Promise<{ mismatches: ViewMismatch[]; comparisons: number }> {
  const client = createPublicClient({ transport: http(rpcUrl, { batch: { batchSize: 200 } }) });
  const c = manifest.contracts;
  const mismatches: ViewMismatch[] = [];
  let comparisons = 0;
  const check = (what: string, want: bigint | number | boolean, got: bigint | number | boolean) => {
    comparisons++;
    if (String(want) !== String(got)) mismatches.push({ what, model: String(want), chain: String(got) });
  };
  const read = (address: Hex, functionName: string, args: unknown[] = [], blockNumber?: number) =>
    client.readContract({ address, abi: VIEWS, functionName, args, blockNumber: blockNumber === undefined ? undefined : BigInt(blockNumber) } as never) as Promise<bigint>;

  for (const r of model.reports) {
    const block = await client.getBlock({ blockNumber: BigInt(r.block) });
    check(`E${r.index} window-end block time`, r.windowEnd, Number(block.timestamp));
    const ids = [...r.votingPowerAt.keys()];
    const powers = await Promise.all(ids.map((id) => read(c.VotingEscrow.address, "votingPowerAt", [BigInt(id), BigInt(r.windowEnd)], r.block)));
    ids.forEach((id, i) => check(`E${r.index} votingPowerAt(${id})`, r.votingPowerAt.get(id) as bigint, powers[i] as bigint));
    for (const g of model.gauges) {
      check(`E${r.index} gaugeVotes(${g.name})`, r.gaugeVotes[g.index] ?? 0n, await read(c.SimpleGaugeVoter.address, "gaugeVotes", [g.address], r.block));
    }
    check(`E${r.index} totalVotingPowerCast`, r.totalVotingPowerCast, await read(c.SimpleGaugeVoter.address, "totalVotingPowerCast", [], r.block));
    check(`E${r.index} totalLocked`, r.totalLocked, await read(c.VotingEscrow.address, "totalLocked", [], r.block));
    if (opts.seasons) check(`E${r.index} currentSeasonIndex`, r.seasonIndex, await read(c.Clock.address, "currentSeasonIndex", [], r.block));
  }

  const head = await client.getBlock();
  const now = Number(head.timestamp);
  model.now = now;
  check("head totalLocked", model.totalLocked, await read(c.VotingEscrow.address, "totalLocked"));
  check("head totalVotingPowerCast", model.totalCast, await read(c.SimpleGaugeVoter.address, "totalVotingPowerCast"));
  for (const g of model.gauges) check(`head gaugeVotes(${g.name})`, model.gaugeTotals[g.index] ?? 0n, await read(c.SimpleGaugeVoter.address, "gaugeVotes", [g.address]));
  for (const lock of model.locks) {
    check(`head votingPowerAt(${lock.id})`, model.votingPowerAt(lock, now, now), await read(c.VotingEscrow.address, "votingPowerAt", [BigInt(lock.id), BigInt(now)]));
    if (!lock.withdrawn) check(`head isVoting(${lock.id})`, model.isVoting(lock, now), (await read(c.SimpleGaugeVoter.address, "isVoting", [BigInt(lock.id)])) as unknown as boolean);
  }
  for (const a of model.accounts) check(`head BR of ${a.label}`, a.br, await read(c.BRToken.address, "balanceOf", [a.address]));
  return { mismatches, comparisons };
}
