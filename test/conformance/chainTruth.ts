/**
 * The chain's truth at an epoch's window end, read from the real contracts' own view functions,
 * and its conversion to {@link EpochValues} for the comparator.
 *
 * {@link readWindowEnd} reads at the block whose timestamp IS the window end (the worlds mine an
 * empty block there): the curves' warmup test compares `block.timestamp`, not the queried time, so
 * only that block gives the window-end values. It returns the same shape as an entry of the kit's
 * own `report`, so kit runs and worlds read here go through one converter ({@link epochValuesFromReport}).
 *
 * @example
 * const entry = await readWindowEnd({ rpcUrl, contracts, voterAbi: "SimpleGaugeVoterSeason", clockAbi: "ClockSeason", seasons: true, epoch: 1571 });
 * const expected = epochValuesFromReport(entry);
 */
import { type Abi, type PublicClient, createPublicClient, getAddress, http, zeroAddress } from "viem";
import { type EpochValues, addTo, emptyEpochValues } from "./compare";
import { type KitReportEntry, kitAbi } from "./kit";

export const EPOCH_SECONDS = 1_209_600;
export const WEEK_SECONDS = 604_800;
/** Window end of epoch `e`: start + 1 week − 1 hour. */
export const windowEndOf = (e: number): number => e * EPOCH_SECONDS + WEEK_SECONDS - 3600;

type Hex = `0x${string}`;
const low = (a: string) => a.toLowerCase();

/**
 * Converts a window-end reading (a kit `report` entry or {@link readWindowEnd}'s answer) to the
 * compared values. A token's voter is its owner at window end (the worlds vote from the owner);
 * an entry without `seasonIndex` (v1.0.0 clock, no seasons) is season 0;
 * `tokenUsed` is the voter's `usedVotingPower(token)`.
 */
export function epochValuesFromReport(entry: KitReportEntry): EpochValues {
  const v = emptyEpochValues(Number(entry.epoch));
  // a clock without seasons (v1.0.0) is season 0 for ever
  v.season = entry.seasonIndex ?? 0;
  for (const [id, p] of Object.entries(entry.votingPowerAt)) {
    const power = BigInt(p);
    v.eligiblePower += power;
    const owner = entry.owner[id];
    if (owner === null || owner === undefined) {
      if (power !== 0n) throw new Error(`E${entry.epoch}: token #${id} has power ${power} but no owner`);
      continue;
    }
    addTo(v.tokenPower, id, power);
    addTo(v.ownerPower, low(owner), power);
  }
  for (const [id, tv] of Object.entries(entry.tokenVotes)) {
    const owner = entry.owner[id];
    addTo(v.tokenUsed, id, BigInt(tv.usedVotingPower));
    for (const [gauge, amount] of Object.entries(tv.votes ?? {})) {
      const a = BigInt(amount);
      addTo(v.tokenVotes, `${id}:${low(gauge)}`, a);
      addTo(v.voterVotes, owner ? low(owner) : "(no owner)", a);
    }
  }
  for (const [gauge, amount] of Object.entries(entry.gaugeVotes)) addTo(v.gaugeVotes, low(gauge), BigInt(amount));
  v.totalCast = BigInt(entry.totalVotingPowerCast);
  v.totalLocked = BigInt(entry.totalLocked);
  return v;
}

/** Addresses of a ve-governance deployment (proxies). */
export interface VeContracts {
  escrow: string;
  voter: string;
  clock: string;
  queue: string;
  lockNFT: string;
}

export interface ReadWindowEndOptions {
  /** A client on the chain (or `rpcUrl`). */
  client?: PublicClient;
  rpcUrl?: string;
  contracts: VeContracts;
  /** Kit artifact whose ABI reads the voter (`SimpleGaugeVoter` or `SimpleGaugeVoterSeason`). */
  voterAbi: string;
  /** True when the clock is a ClockSeason (reads `currentSeasonIndex()`). */
  seasons: boolean;
  epoch: number;
  /** Gauges to read; default: the voter's `getAllGauges()` at that block. */
  gauges?: string[];
}

/** Thrown when the chain has no block at exactly the window end. */
export class NoWindowEndBlockError extends Error {
  override name = "NoWindowEndBlockError";
}

/** Number of the block whose timestamp is exactly `ts` (binary search over the chain). */
export async function blockAtTimestamp(client: PublicClient, ts: number): Promise<bigint> {
  const head = await client.getBlock();
  let lo = 0n;
  let hi = head.number;
  if (head.timestamp < BigInt(ts)) throw new NoWindowEndBlockError(`chain head ${head.number} is at ${head.timestamp}, before ${ts}`);
  // first block with timestamp >= ts
  while (lo < hi) {
    const mid = (lo + hi) / 2n;
    const b = await client.getBlock({ blockNumber: mid });
    if (b.timestamp < BigInt(ts)) lo = mid + 1n;
    else hi = mid;
  }
  const b = await client.getBlock({ blockNumber: lo });
  if (b.timestamp !== BigInt(ts)) {
    throw new NoWindowEndBlockError(`no block at timestamp ${ts}: the first block at/after it is ${lo} at ${b.timestamp}`);
  }
  return lo;
}

/**
 * Reads every token's votingPowerAt(id, windowEnd), owner, votes, usedVotingPower, every gauge's
 * gaugeVotes, totalVotingPowerCast, totalLocked and (seasons) currentSeasonIndex at the block AT
 * the window end of `epoch`, checking that block's timestamp.
 */
export async function readWindowEnd(o: ReadWindowEndOptions): Promise<KitReportEntry> {
  const client = o.client ?? (createPublicClient({ transport: http(o.rpcUrl!, { batch: { batchSize: 100 } }) }) as PublicClient);
  const W = windowEndOf(o.epoch);
  const blockNumber = await blockAtTimestamp(client, W);
  const c = o.contracts;
  const rd = <T>(address: string, abi: Abi, functionName: string, args: unknown[] = []) =>
    client.readContract({ address: address as Hex, abi, functionName, args, blockNumber }) as Promise<T>;
  const escrowAbi = kitAbi("VotingEscrow");
  const voterAbi = kitAbi(o.voterAbi);
  const queueAbi = kitAbi("ExitQueue");
  const lockAbi = kitAbi("Lock");
  const gauges = (o.gauges ?? (await rd<string[]>(c.voter, voterAbi, "getAllGauges"))).map((g) => getAddress(g));
  const lastId = await rd<bigint>(c.escrow, escrowAbi, "lastLockId");
  const entry: KitReportEntry = {
    label: `E${o.epoch}`,
    epoch: String(o.epoch),
    epochStart: String(o.epoch * EPOCH_SECONDS),
    windowEnd: String(W),
    readAtBlock: blockNumber.toString(),
    readAtTs: String(W),
    ...(o.seasons ? { seasonIndex: Number(await rd<number>(c.clock, kitAbi("ClockSeason"), "currentSeasonIndex")) } : {}),
    votingPowerAt: {},
    owner: {},
    tokenStatus: {},
    tokenVotes: {},
    gaugeVotes: {},
    totalVotingPowerCast: "0",
    totalLocked: "0",
  };
  const ids = Array.from({ length: Number(lastId) }, (_, i) => BigInt(i + 1));
  const rows = await Promise.all(
    ids.map(async (id) => {
      const [vp, holder, voting, used] = await Promise.all([
        rd<bigint>(c.escrow, escrowAbi, "votingPowerAt", [id, BigInt(W)]),
        rd<string>(c.queue, queueAbi, "ticketHolder", [id]),
        rd<boolean>(c.voter, voterAbi, "isVoting", [id]),
        rd<bigint>(c.voter, voterAbi, "usedVotingPower", [id]),
      ]);
      let owner: string | null = null;
      let status: "active" | "queued" | "withdrawn";
      if (holder !== zeroAddress) {
        owner = getAddress(holder);
        status = "queued";
      } else {
        try {
          owner = getAddress(await rd<string>(c.lockNFT, lockAbi, "ownerOf", [id]));
          status = "active";
        } catch {
          status = "withdrawn";
        }
      }
      let votes: Record<string, string> | undefined;
      if (used > 0n || voting) {
        votes = {};
        for (const g of gauges) {
          const v = await rd<bigint>(c.voter, voterAbi, "votes", [id, g]);
          if (v !== 0n) votes[g] = v.toString();
        }
      }
      return { id: id.toString(), vp, owner, status, voting, used, votes };
    }),
  );
  let sum = 0n;
  for (const r of rows) {
    entry.votingPowerAt[r.id] = r.vp.toString();
    entry.owner[r.id] = r.owner;
    entry.tokenStatus![r.id] = r.status;
    sum += r.vp;
    if (r.votes) entry.tokenVotes[r.id] = { isVoting: r.voting, usedVotingPower: r.used.toString(), votes: r.votes };
  }
  entry.votingPowerSum = sum.toString();
  for (const g of gauges) entry.gaugeVotes[g] = (await rd<bigint>(c.voter, voterAbi, "gaugeVotes", [g])).toString();
  entry.totalVotingPowerCast = (await rd<bigint>(c.voter, voterAbi, "totalVotingPowerCast")).toString();
  entry.totalLocked = (await rd<bigint>(c.escrow, escrowAbi, "totalLocked")).toString();
  return entry;
}
