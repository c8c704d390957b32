/**
 * Live activity on a simulated chain: gauge votes cast by the real lock owners (impersonated on
 * anvil), and the reorg / rollback calls of anvil, for the live-mode reliability tests.
 *
 * @example
 * const votes = await createVoteDriver(chain.rpcUrl, chain.manifest, 42);
 * await votes.castVote();                                // one block with a vote
 * await votes.reorg(8, 3);                               // replace the last 8 blocks, 3 new votes in them
 */
import { type Address, type Hex, createPublicClient, encodeFunctionData, http, numberToHex } from "viem";
import { ClockAbi, LockAbi, SimpleGaugeVoterAbi, VotingEscrowAbi } from "../../../abis/index";
import type { Manifest } from "../../../src/config/manifest";
import { Rng } from "../../../devnet/rng";

export interface VoteDriver {
  /** Tokens with voting power and their owners. */
  voters: { tokenId: bigint; owner: Address }[];
  gauges: Address[];
  /** Sends one vote transaction (one block, automine); returns its block number. */
  castVote(): Promise<number>;
  /** A vote transaction as a request object (for `anvil_reorg`). */
  voteRequest(): { from: Address; to: Address; data: Hex; gas: Hex };
  /** `anvil_reorg(depth, txs)`: replaces the last `depth` blocks, with `votes` new votes spread over them. */
  reorg(depth: number, votes: number): Promise<void>;
  /** `anvil_rollback(depth)`: removes the last `depth` blocks (the head goes back). */
  rollback(depth: number): Promise<void>;
  /** Mines `n` empty blocks. */
  mine(n: number): Promise<void>;
  head(): Promise<{ number: number; hash: Hex; timestamp: number }>;
  rpc<T>(method: string, params: unknown[]): Promise<T>;
}

/** Thrown when the chain cannot take votes (no voting window, no eligible token). */
export class VoteDriverError extends Error {
  override name = "VoteDriverError";
}

export async function createVoteDriver(rpcUrl: string, manifest: Manifest, seed = 1): Promise<VoteDriver> {
  const client = createPublicClient({ transport: http(rpcUrl) });
  const rng = new Rng(seed, "live-votes");
  const c = manifest.contracts;
  const voter = c.SimpleGaugeVoter!.address as Address;
  let id = 0;
  const rpc = async <T>(method: string, params: unknown[]): Promise<T> => {
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
    });
    const body = (await res.json()) as { result?: T; error?: { message: string; data?: unknown } };
    if (body.error) throw new VoteDriverError(`${method}: ${body.error.message}`);
    return body.result as T;
  };

  const active = await client.readContract({ address: c.Clock!.address as Address, abi: ClockAbi, functionName: "votingActive" });
  if (!active) throw new VoteDriverError("the chain's head is outside a voting window: votes would revert");

  const gauges: Address[] = [];
  const all = (await client.readContract({ address: voter, abi: SimpleGaugeVoterAbi, functionName: "getAllGauges" })) as readonly Address[];
  for (const g of all) {
    if (await client.readContract({ address: voter, abi: SimpleGaugeVoterAbi, functionName: "isActive", args: [g] })) gauges.push(g);
  }
  if (gauges.length === 0) throw new VoteDriverError("no active gauge");

  const deposits = await client.getContractEvents({
    address: c.VotingEscrow!.address as Address,
    abi: VotingEscrowAbi,
    eventName: "Deposit",
    fromBlock: 0n,
    toBlock: "latest",
  });
  const voters: { tokenId: bigint; owner: Address }[] = [];
  for (const d of deposits) {
    const tokenId = (d.args as { tokenId?: bigint }).tokenId;
    if (tokenId === undefined) continue;
    try {
      const power = await client.readContract({ address: c.VotingEscrow!.address as Address, abi: VotingEscrowAbi, functionName: "votingPower", args: [tokenId] });
      if ((power as bigint) === 0n) continue;
      const owner = (await client.readContract({ address: c.Lock!.address as Address, abi: LockAbi, functionName: "ownerOf", args: [tokenId] })) as Address;
      voters.push({ tokenId, owner });
    } catch {
      // burned or queued: not a voter
    }
    if (voters.length >= 200) break;
  }
  if (voters.length === 0) throw new VoteDriverError("no lock with voting power");
  for (const owner of new Set(voters.map((v) => v.owner))) {
    await rpc("anvil_impersonateAccount", [owner]);
    await rpc("anvil_setBalance", [owner, numberToHex(10n ** 21n)]);
  }

  const voteRequest = () => {
    const v = voters[rng.int(0, voters.length - 1)]!;
    const count = Math.min(gauges.length, rng.int(1, 3));
    const chosen = new Set<Address>();
    while (chosen.size < count) chosen.add(gauges[rng.int(0, gauges.length - 1)]!);
    const votes = [...chosen].map((gauge) => ({ weight: BigInt(rng.int(1, 100)), gauge }));
    const data = encodeFunctionData({ abi: SimpleGaugeVoterAbi, functionName: "vote", args: [v.tokenId, votes] });
    return { from: v.owner, to: voter, data, gas: numberToHex(3_000_000) };
  };

  const head = async () => {
    const b = await rpc<{ number: Hex; hash: Hex; timestamp: Hex }>("eth_getBlockByNumber", ["latest", false]);
    return { number: Number(b.number), hash: b.hash, timestamp: Number(b.timestamp) };
  };

  return {
    voters,
    gauges,
    voteRequest,
    rpc,
    head,
    async castVote() {
      const hash = await rpc<Hex>("eth_sendTransaction", [voteRequest()]);
      let receipt: { blockNumber: Hex; status: Hex } | null = null;
      for (let i = 0; i < 200 && !receipt; i++) {
        receipt = await rpc<{ blockNumber: Hex; status: Hex } | null>("eth_getTransactionReceipt", [hash]);
        if (!receipt) await new Promise((r) => setTimeout(r, 25));
      }
      if (!receipt) throw new VoteDriverError(`no receipt for ${hash} (is automine on?)`);
      if (receipt.status !== "0x1") throw new VoteDriverError(`vote ${hash} reverted`);
      return Number(receipt.blockNumber);
    },
    async reorg(depth: number, votes: number) {
      const txs = Array.from({ length: votes }, (_, i) => [voteRequest(), Math.floor((i * depth) / Math.max(votes, 1))]);
      await rpc("anvil_reorg", [depth, txs]);
    },
    async rollback(depth: number) {
      await rpc("anvil_rollback", [depth]);
    },
    async mine(n: number) {
      await rpc("anvil_mine", [numberToHex(n)]);
    },
  };
}
