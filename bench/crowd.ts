/**
 * A crowd of small voters for the live-epoch benchmark, added to a simulated chain while the
 * indexer follows it, and a ticker that keeps the chain moving during the load runs.
 *
 * The crowd buys on the exchanges and locks there (`createLockFor`: the exchange pays, a fresh
 * address gets the veNFT), waits until the locks have started (the next weekly checkpoint) and
 * warmed up, then votes for 1-3 active gauges in the first voting window after that:
 * one lock and one vote per new voter, packed 1,000 transactions to a block by the simulator's
 * transaction engine. Every transaction is checked (the engine stops on a revert).
 *
 * @example
 * const crowd = await addCrowd({ rpcUrl, manifest, voters: 33_000 });
 * const ticker = startTicker(crowd, { intervalMs: 1_000, votesPerBlock: 20 });
 * // ... load runs ...
 * const { blocks, votes } = await ticker.stop();
 */
import { type Abi, decodeFunctionResult, encodeFunctionData, keccak256, toHex } from "viem";
import { BRTokenAbi, SimpleGaugeVoterAbi, VotingEscrowAbi } from "../abis/index";
import type { Manifest } from "../src/config/manifest";
import { Rng } from "../devnet/rng";
import { EPOCH, WEEK } from "../devnet/scenario";
import { GAS } from "../devnet/sim/actions";
import { type Hex, MAX_UINT256, encodeApprove, encodeCreateLockFor, encodeVote } from "../devnet/sim/calls";
import { RpcClient } from "../devnet/sim/rpc";
import { TxEngine } from "../devnet/sim/txEngine";

const WAD = 10n ** 18n;
/** The voting window of an epoch starting at S: [S + 1 h, S + 1 w - 1 h) (contracts/Clock.sol). */
const windowOf = (ts: number) => {
  const start = Math.floor(ts / EPOCH) * EPOCH;
  return { open: start + 3_600, close: start + WEEK - 3_600 };
};

export class CrowdError extends Error {
  override name = "CrowdError";
}

export interface Crowd {
  rpc: RpcClient;
  engine: TxEngine;
  voters: { address: Hex; tokenId: number }[];
  gauges: Hex[];
  voter: Hex;
  /** Blocks mined for the crowd (locks and votes), its first and last block. */
  blocks: number;
  firstBlock: number;
  lastBlock: number;
  /** Transactions sent (approvals, locks, votes). */
  txs: number;
  /** BR locked by the crowd (wei). */
  locked: bigint;
  rng: Rng;
}

/** The i-th crowd address: 20 bytes of keccak("ve-lens crowd <seed> <i>"), never a key anyone holds. */
const crowdAddress = (seed: number, i: number): Hex => `0x${keccak256(toHex(`ve-lens crowd ${seed} ${i}`)).slice(26)}` as Hex;

/** A 1-3 gauge split, with integer weights 1..100. */
function allocation(rng: Rng, gauges: readonly Hex[]): { weight: bigint; gauge: Hex }[] {
  const k = Math.min(gauges.length, 1 + Number(rng.chance(0.35)) + Number(rng.chance(0.15)));
  return rng.sample(gauges, k).map((gauge) => ({ weight: BigInt(rng.int(1, 100)), gauge }));
}

/** Adds a vote of `v`'s token with a fresh split to the open block. */
async function addVote(engine: TxEngine, rng: Rng, voter: Hex, gauges: readonly Hex[], v: { address: Hex; tokenId: number }, label: string): Promise<void> {
  const split = allocation(rng, gauges);
  await engine.add({ from: v.address, to: voter, data: encodeVote(v.tokenId, split), gas: GAS.voteBase + GAS.perGauge * split.length, label: `${label}: vote token ${v.tokenId}` });
}

/**
 * Adds `voters` new voters (one lock and one vote each) at the chain's head. The head must be
 * early enough in its epoch's voting window that votes cast after the warmup still fall in it.
 */
export async function addCrowd(options: { rpcUrl: string; manifest: Manifest; voters: number; seed?: number; log?: (line: string) => void }): Promise<Crowd> {
  const { manifest, voters: n } = options;
  const seed = options.seed ?? 1;
  const log = options.log ?? (() => {});
  const rng = new Rng(seed, "bench-crowd");
  const rpc = new RpcClient(options.rpcUrl);
  const escrow = manifest.contracts.VotingEscrow?.address as Hex | undefined;
  const voter = manifest.contracts.SimpleGaugeVoter?.address as Hex | undefined;
  const br = manifest.contracts.BRToken?.address as Hex | undefined;
  if (!escrow || !voter || !br) throw new CrowdError("the manifest lacks VotingEscrow, SimpleGaugeVoter or BRToken");
  const read = async <T>(to: Hex, abi: Abi, functionName: string, args: readonly unknown[] = []): Promise<T> => {
    const data = await rpc.request<Hex>("eth_call", [{ to, data: encodeFunctionData({ abi, functionName, args }) }, "latest"]);
    return decodeFunctionResult({ abi, functionName, data }) as T;
  };

  // Timing: locks one minute after the head. A lock has power from its start (the weekly
  // checkpoint after the deposit) once the block time passes deposit time + warmup; the votes
  // go in the first voting window after both, so the live epoch may move on to the next one.
  const head = await rpc.request<{ number: Hex; timestamp: Hex }>("eth_getBlockByNumber", ["latest", false]);
  const headTs = Number(head.timestamp);
  const warmup = Number(manifest.curve.warmup);
  const lockTs = headTs + 60;
  const lockBlocks = Math.ceil((n + manifest.exchanges.length) / 1_000);
  const voteBlocks = Math.ceil(n / 1_000);
  const powered = Math.max(lockTs + WEEK - (lockTs % WEEK), lockTs + lockBlocks + warmup + 1) + 60;
  const inWindow = (ts: number) => ts >= windowOf(ts).open && ts + voteBlocks + 3_600 < windowOf(ts).close;
  const { open } = windowOf(powered);
  const voteTs = inWindow(powered) ? powered : powered < open ? open + 60 : open + EPOCH + 60;
  if (!inWindow(voteTs)) throw new CrowdError(`no voting window fits ${voteBlocks} blocks of votes after ts ${powered}`);

  // Gauges that take votes; exchanges that pay, richest first.
  const gauges: Hex[] = [];
  for (const g of manifest.gauges) {
    if (await read<boolean>(voter, SimpleGaugeVoterAbi, "isActive", [g.address])) gauges.push(g.address as Hex);
  }
  if (gauges.length === 0) throw new CrowdError("no active gauge");
  const minDeposit = await read<bigint>(escrow, VotingEscrowAbi, "minDeposit");
  const firstToken = Number(await read<bigint>(escrow, VotingEscrowAbi, "lastLockId")) + 1;
  const funders: { address: Hex; balance: bigint }[] = [];
  for (const e of manifest.exchanges) funders.push({ address: e as Hex, balance: await read<bigint>(br, BRTokenAbi, "balanceOf", [e]) });
  funders.sort((a, b) => (b.balance > a.balance ? 1 : b.balance < a.balance ? -1 : 0));

  // Small holders: 50..20,000 BR, heavy-tailed, each at least the escrow's minimum deposit.
  const amounts: bigint[] = [];
  let total = 0n;
  for (let i = 0; i < n; i++) {
    const whole = BigInt(Math.min(20_000, Math.round(rng.pareto(1.3, 50))));
    const amount = whole * WAD > minDeposit ? whole * WAD : minDeposit;
    amounts.push(amount);
    total += amount;
  }
  const available = funders.reduce((s, f) => s + (f.balance * 9n) / 10n, 0n);
  if (total > available) throw new CrowdError(`the exchanges hold ${available / WAD} BR to spare, the crowd needs ${total / WAD} BR`);

  await rpc.request("anvil_autoImpersonateAccount", [true]);
  await rpc.request("evm_setAutomine", [false]);
  await rpc.request("anvil_setNextBlockBaseFeePerGas", ["0x0"]);
  const engine = new TxEngine(rpc, { maxTxsPerBlock: 1_000 });
  await engine.syncHead();
  for (const f of funders) engine.setNonce(f.address, Number(await rpc.request<Hex>("eth_getTransactionCount", [f.address, "latest"])));
  const firstBlock = engine.lastBlock + 1;
  const t0 = performance.now();

  await engine.open(lockTs);
  for (const f of funders) await engine.add({ from: f.address, to: br, data: encodeApprove(escrow, MAX_UINT256), gas: GAS.approve, label: `crowd: approve by ${f.address}` });
  const voters: { address: Hex; tokenId: number }[] = [];
  let f = 0;
  let spare = (funders[0]!.balance * 9n) / 10n;
  for (let i = 0; i < n; i++) {
    const amount = amounts[i]!;
    while (amount > spare) {
      f++;
      spare = (funders[f]!.balance * 9n) / 10n;
    }
    spare -= amount;
    const address = crowdAddress(seed, i);
    await engine.add({ from: funders[f]!.address, to: escrow, data: encodeCreateLockFor(amount, address), gas: GAS.createLock, label: `crowd: lock ${i} for ${address}` });
    voters.push({ address, tokenId: firstToken + i });
  }
  await engine.close();
  const lastId = Number(await read<bigint>(escrow, VotingEscrowAbi, "lastLockId"));
  if (lastId !== firstToken + n - 1) throw new CrowdError(`expected lock ids ${firstToken}..${firstToken + n - 1}, the escrow's last id is ${lastId}`);
  log(`crowd: ${n} locks (${total / WAD} BR) in ${engine.lastBlock - firstBlock + 1} blocks, ${Math.round((performance.now() - t0) / 1000)} s`);

  await engine.open(voteTs);
  for (const v of voters) await addVote(engine, rng, voter, gauges, v, "crowd");
  await engine.close();
  log(`crowd: ${n} votes, ${engine.lastBlock - firstBlock + 1} blocks in all, ${Math.round((performance.now() - t0) / 1000)} s`);
  return {
    rpc,
    engine,
    voters,
    gauges,
    voter,
    blocks: engine.lastBlock - firstBlock + 1,
    firstBlock,
    lastBlock: engine.lastBlock,
    txs: engine.txCount,
    locked: total,
    rng,
  };
}

export interface Ticker {
  /** Stops after the block being mined; returns how many blocks and votes it mined. */
  stop(): Promise<{ blocks: number; votes: number; seconds: number; errors: string[] }>;
}

/**
 * Ponder 0.16.10 finalizes a chain's blocks in steps: when the latest block is 2 × its finality
 * (30 blocks on chain 31337) above the finalized one, up to 30 below the latest. Finalizing
 * the crowd's blocks (a thousand transactions each) writes them to Ponder's sync store, seconds
 * of Ponder's own work. Mines empty blocks, 12 s apart, until the latest is 70 blocks past the
 * crowd's last one: the finalized block is then past the crowd (it stays less than 60 below the
 * latest), whose finalization is over before a load starts instead of during it.
 * @returns the blocks mined.
 */
export async function mineCrowdFinalized(crowd: Crowd): Promise<number> {
  const FINALITY = 30;
  await crowd.engine.syncHead();
  const { close } = windowOf(crowd.engine.lastTimestamp);
  let mined = 0;
  while (crowd.engine.lastBlock < crowd.lastBlock + 2 * FINALITY + 10) {
    const ts = crowd.engine.lastTimestamp + 12;
    if (ts >= close - 3_600) throw new CrowdError("the voting window closes before the crowd's blocks are finalized");
    await crowd.engine.open(ts);
    await crowd.engine.close(true);
    mined++;
  }
  return mined;
}

/**
 * Keeps the chain moving: every `intervalMs` (or as soon as the last block is mined, when mining
 * takes longer), one block 12 s after the previous one with
 * `votesPerBlock` crowd voters changing their split (each vote replaces the token's standing
 * votes). Stops by itself before the voting window closes.
 */
export function startTicker(crowd: Crowd, options: { intervalMs: number; votesPerBlock: number }): Ticker {
  let stopped = false;
  let blocks = 0;
  let votes = 0;
  const errors: string[] = [];
  const t0 = performance.now();
  const { close } = windowOf(crowd.engine.lastTimestamp);
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      const ts = crowd.engine.lastTimestamp + 12;
      if (ts >= close - 3_600) break;
      try {
        await crowd.engine.open(ts);
        for (let i = 0; i < options.votesPerBlock; i++) {
          await addVote(crowd.engine, crowd.rng, crowd.voter, crowd.gauges, crowd.rng.pick(crowd.voters), "ticker");
        }
        await crowd.engine.close(true);
        blocks++;
        votes += options.votesPerBlock;
      } catch (e) {
        errors.push((e as Error).message);
        break;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, options.intervalMs - (performance.now() - started))));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { blocks, votes, seconds: (performance.now() - t0) / 1000, errors };
    },
  };
}
